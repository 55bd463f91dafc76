package io.gtfc.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code .gtfc/} directory of one tree, file by file: the member list, cluster-wide settings
 * and {@code members.sig}, an admin's signature over all the rest.
 *
 * <p>What an admin signs is {@link #signedMessage()}: the line {@code gtfc-members 1}, then for
 * every file of the directory but {@code members.sig}, in path order, a line
 * {@code file PATH LENGTH}, the file's bytes and a newline. So nothing can be added to, removed
 * from or changed in the directory without breaking the signature, and the version in
 * {@code .gtfc/cluster} is signed too. The signature is an {@link SshSignature} in the namespace
 * {@value #NAMESPACE}.
 */
public final class MemberDirectory {
  /** The SSHSIG namespace of member-list signatures, so no other signature of the key can be replayed as one. */
  public static final String NAMESPACE = "gtfc-members";

  private final SortedMap<RelativePath, byte[]> files;

  private MemberDirectory(SortedMap<RelativePath, byte[]> files) {
    this.files = files;
  }

  /**
   * The directory holding {@code files}, each a path under {@code .gtfc/} with its content.
   *
   * @throws IllegalArgumentException for a path outside {@code .gtfc/}
   */
  public static MemberDirectory of(Map<RelativePath, byte[]> files) {
    SortedMap<RelativePath, byte[]> copy = new TreeMap<>();
    files.forEach((path, content) -> {
      if (!path.startsWith(MemberFiles.DIRECTORY) || path.equals(MemberFiles.DIRECTORY)) {
        throw new IllegalArgumentException(path + " is not a file under " + MemberFiles.DIRECTORY + "/");
      }
      copy.put(path, content.clone());
    });
    return new MemberDirectory(copy);
  }

  /** The directory as gtfc writes it for {@code membership} at {@code version}, not signed yet. */
  public static MemberDirectory of(Membership membership, long version) {
    return of(Map.of()).withMembers(membership, version);
  }

  /** The files by path; the caller may not change the arrays. */
  public SortedMap<RelativePath, byte[]> files() {
    return Collections.unmodifiableSortedMap(files);
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /**
   * The member list these files describe.
   *
   * @throws IllegalArgumentException naming what is missing or cannot be read
   */
  public Membership membership() {
    return MemberFiles.parse(text(MemberFiles.CLUSTER), text(MemberFiles.AUTHORIZED_KEYS),
        text(MemberFiles.KNOWN_HOSTS));
  }

  /**
   * The member list's version from {@code .gtfc/cluster}; 0 when it has none.
   *
   * @throws IllegalArgumentException for a malformed version or a missing cluster file
   */
  public long version() {
    return MemberFiles.version(text(MemberFiles.CLUSTER));
  }

  /**
   * The admin signature in {@code members.sig}; empty when there is none.
   *
   * @throws IllegalArgumentException when the file is there but is not an SSH signature
   */
  public Optional<SshSignature> signature() {
    byte[] sig = files.get(MemberFiles.SIGNATURE);
    return sig == null ? Optional.empty() : Optional.of(SshSignature.parse(new String(sig, StandardCharsets.UTF_8)));
  }

  /** What an admin signs: every file but the signature itself, unambiguously framed (see the class comment). */
  public byte[] signedMessage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("gtfc-members 1\n".getBytes(StandardCharsets.US_ASCII));
    files.forEach((path, content) -> {
      if (!path.equals(MemberFiles.SIGNATURE)) {
        out.writeBytes(("file " + path.value() + " " + content.length + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.write('\n');
      }
    });
    return out.toByteArray();
  }

  /**
   * Where this directory stands in the order every node agrees on: its version first, then a
   * digest of all its bytes, signature included. An accepted change must rank higher than the list
   * it replaces, and a merge of two different lists keeps the higher one, so two admins who sign
   * at the same moment cannot split the cluster.
   */
  public String rank() {
    long version;
    try {
      version = version();
    } catch (IllegalArgumentException e) {
      version = 0;
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(signedMessage());
    Optional.ofNullable(files.get(MemberFiles.SIGNATURE)).ifPresent(all::writeBytes);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.toByteArray());
      return String.format("%019d", version) + "/" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** Whether both hold the same files with the same bytes. */
  public boolean sameAs(MemberDirectory other) {
    if (!files.keySet().equals(other.files.keySet())) {
      return false;
    }
    return files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.files.get(e.getKey())));
  }

  /**
   * This directory with the member files rewritten for {@code membership} at {@code version} and no
   * signature; other files (cluster-wide settings) are kept as they are.
   */
  public MemberDirectory withMembers(Membership membership, long version) {
    SortedMap<RelativePath, byte[]> next = new TreeMap<>(files);
    next.remove(MemberFiles.SIGNATURE);
    next.put(MemberFiles.CLUSTER, bytes(MemberFiles.cluster(membership, version)));
    next.put(MemberFiles.AUTHORIZED_KEYS, bytes(MemberFiles.authorizedKeys(membership)));
    next.put(MemberFiles.KNOWN_HOSTS, bytes(MemberFiles.knownHosts(membership)));
    return new MemberDirectory(next);
  }

  /** This directory with {@code signature} as its {@code members.sig}. */
  public MemberDirectory signedWith(SshSignature signature) {
    SortedMap<RelativePath, byte[]> next = new TreeMap<>(files);
    next.put(MemberFiles.SIGNATURE, bytes(signature.armored()));
    return new MemberDirectory(next);
  }

  private String text(RelativePath path) {
    byte[] content = files.get(path);
    if (content == null) {
      throw new IllegalArgumentException(path + " is missing");
    }
    return new String(content, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberDirectory d && sameAs(d);
  }

  @Override
  public int hashCode() {
    return files.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "member directory " + files.keySet();
  }
}
