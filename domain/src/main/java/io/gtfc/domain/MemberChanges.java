package io.gtfc.domain;

import java.util.Optional;

/**
 * Who may change the member list, as every node checks it for itself before it takes in any
 * commit, whichever peer relayed it: a change of anything under {@code .gtfc/} is accepted only
 * with a valid {@code members.sig} by a member who is an admin in the list the node already
 * trusts, for the same cluster, and ranking above that list ({@link MemberDirectory#rank()}: a
 * higher version), so an older signed list cannot be replayed.
 */
public final class MemberChanges {
  /** Where member changes come from, for every refusal. */
  public static final String HOW = "member changes go through 'gtfc invite' / 'gtfc remove' on an admin node";

  private MemberChanges() {}

  /**
   * Why {@code proposed} must not replace {@code trusted}; empty when it may, which includes when
   * nothing under {@code .gtfc/} differs. With nothing trusted yet (a node's first copy), see
   * {@link #refusalOfFirstCopy}.
   *
   * @param source what carries the change, starting a sentence: "the push from beta"
   * @return one line for the log and for the peer that sent it
   */
  public static Optional<String> refusal(MemberDirectory trusted, MemberDirectory proposed, String source) {
    if (proposed.sameAs(trusted)) {
      return Optional.empty();
    }
    if (trusted.isEmpty()) {
      return refusalOfFirstCopy(proposed, source);
    }
    Membership current;
    try {
      current = trusted.membership();
    } catch (IllegalArgumentException e) {
      return Optional.of("this node's own member list cannot be read (" + e.getMessage()
          + "), so it cannot check the member changes in " + source + ": restore .gtfc/ from the history");
    }
    Optional<String> unreadable = unreadable(proposed, source);
    if (unreadable.isPresent()) {
      return unreadable;
    }
    SshSignature signature = proposed.signature().orElse(null);
    if (signature == null || !signature.verifies(MemberDirectory.NAMESPACE, proposed.signedMessage())) {
      return Optional.of(notSignedByAnAdmin(source));
    }
    Optional<Member> signer = current.byUserKey(signature.signer());
    if (signer.isEmpty() || !signer.get().role().mayChangeMembership()) {
      return Optional.of(source + " changes the member list but is not signed by an admin (it is signed by "
          + signer.map(m -> "'" + m.id() + "', a " + m.role() + " member").orElse("a key that is not a member")
          + "): " + HOW);
    }
    Membership next = proposed.membership();
    if (!next.cluster().equals(current.cluster())) {
      return Optional.of(source + " carries the member list of another cluster (" + next.cluster()
          + ", this is " + current.cluster() + "): refused");
    }
    if (proposed.rank().compareTo(trusted.rank()) <= 0) {
      return Optional.of(source + " carries an older member list (version " + proposed.version()
          + ", this node has version " + versionOf(trusted) + "): refused, an old list cannot come back");
    }
    return Optional.empty();
  }

  /**
   * Why a node must not take {@code proposed} as its first member list (when it joins): it must
   * be signed by a member that is an admin in that same list. The joiner trusts the inviter's
   * host key from the token; this keeps what it copies consistent with it.
   */
  public static Optional<String> refusalOfFirstCopy(MemberDirectory proposed, String source) {
    Optional<String> unreadable = unreadable(proposed, source);
    if (unreadable.isPresent()) {
      return unreadable;
    }
    return signedByOwnAdmin(proposed) ? Optional.empty() : Optional.of(notSignedByAnAdmin(source));
  }

  /**
   * Why this node must not send its own committed member list: it is signed, but not validly by
   * an admin it lists (someone committed an edit by hand). A list from before signing (version 0,
   * no signature) passes; peers judge it against their own.
   */
  public static Optional<String> refusalToSend(MemberDirectory committed, String source) {
    if (committed.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> unreadable = unreadable(committed, source);
    if (unreadable.isPresent()) {
      return unreadable;
    }
    if (committed.signature().isEmpty() && committed.version() == 0) {
      return Optional.empty();
    }
    return signedByOwnAdmin(committed) ? Optional.empty() : Optional.of(notSignedByAnAdmin(source));
  }

  /** The one line for a member change without an admin's signature. */
  public static String notSignedByAnAdmin(String source) {
    return source + " changes the member list but is not signed by an admin: " + HOW;
  }

  private static boolean signedByOwnAdmin(MemberDirectory directory) {
    Optional<SshSignature> signature = directory.signature();
    if (signature.isEmpty() || !signature.get().verifies(MemberDirectory.NAMESPACE, directory.signedMessage())) {
      return false;
    }
    return directory.membership().byUserKey(signature.get().signer())
        .filter(m -> m.role().mayChangeMembership())
        .isPresent();
  }

  private static Optional<String> unreadable(MemberDirectory proposed, String source) {
    try {
      proposed.membership();
      proposed.version();
      proposed.signature();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(source + " changes the member list into one that cannot be read (" + e.getMessage()
          + "): refused; " + HOW);
    }
  }

  private static String versionOf(MemberDirectory directory) {
    try {
      return Long.toString(directory.version());
    } catch (IllegalArgumentException e) {
      return "unknown";
    }
  }
}
