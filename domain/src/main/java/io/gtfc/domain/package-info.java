/**
 * The cluster model and the sync rules of gtfc: plain Java values, no I/O, no clock reads, no
 * library types. Everything here can run inside a simulation.
 */
@ValueStyle
package io.gtfc.domain;
