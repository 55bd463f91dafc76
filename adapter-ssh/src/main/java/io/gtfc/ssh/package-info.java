/**
 * The SSH adapter: node keys and invitations in the node home, an embedded Apache MINA SSHD
 * server that runs git upload-pack/receive-pack for one folder (and {@code gtfc-join}), and a
 * transport over JGit's MINA-based client that trusts only pinned host keys. Library types stay
 * inside this package; the public classes speak only in ports and domain types.
 */
package io.gtfc.ssh;
