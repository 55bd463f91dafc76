package io.gtfc.usecases;

import io.gtfc.domain.NodeId;
import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One run of {@code gtfc shell} as OpenSSH's forced command: the folder its authorized_keys line
 * names, the node that line was written for, whether that key may only fetch, and what the client
 * asked for ({@code SSH_ORIGINAL_COMMAND}).
 */
@Value.Immutable
public abstract class ShellCall {
  /** The folder the authorized_keys line serves, absolute. */
  public abstract Path folder();

  /** The member whose key matched the line ({@code --node}); without it the key may only fetch. */
  public abstract Optional<NodeId> sender();

  /** The line says {@code --read-only}: this key may fetch, never push. */
  @Value.Default
  public boolean readOnly() {
    return false;
  }

  /** {@code SSH_ORIGINAL_COMMAND}; empty when the client asked for a shell. */
  public abstract Optional<String> command();

  /** The account's home directory, against which git clients name relative paths ({@code ~/share}, {@code share}). */
  public abstract Optional<Path> accountHome();

  public static ImmutableShellCall.Builder builder() {
    return ImmutableShellCall.builder();
  }
}
