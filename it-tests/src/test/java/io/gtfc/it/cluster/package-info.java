/**
 * Clusters of real gtfc nodes, each in its own container on a private network, driven with
 * {@code docker exec}: {@link io.gtfc.it.cluster.Cluster} starts and forms them, and the
 * {@code *IT} classes are the scenarios (run by failsafe; see scripts/container-env.sh).
 */
package io.gtfc.it.cluster;
