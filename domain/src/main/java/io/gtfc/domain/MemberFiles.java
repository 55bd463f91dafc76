package io.gtfc.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The member list as files in the synced {@code .gtfc/} directory, in OpenSSH formats so that
 * standard tools read them: {@code authorized_keys} (user keys, one line per member, with the
 * node name and role in the comment), {@code known_hosts} (each node's endpoint and host key),
 * {@code cluster} (the cluster id and the member list's version) and {@code members.sig} (an
 * admin's SSH signature over everything else in the directory, see {@link MemberDirectory}).
 */
public final class MemberFiles {
  public static final RelativePath DIRECTORY = RelativePath.of(".gtfc");
  public static final RelativePath AUTHORIZED_KEYS = RelativePath.of(".gtfc/authorized_keys");
  public static final RelativePath KNOWN_HOSTS = RelativePath.of(".gtfc/known_hosts");
  public static final RelativePath CLUSTER = RelativePath.of(".gtfc/cluster");
  public static final RelativePath SIGNATURE = RelativePath.of(".gtfc/members.sig");

  private MemberFiles() {}

  public static String authorizedKeys(Membership membership) {
    StringBuilder out = new StringBuilder("# gtfc members of cluster ")
        .append(membership.cluster()).append(": the keys each node signs in with.\n")
        .append("# Changed only by an admin node (gtfc invite, remove, unjoin) and signed in members.sig:\n")
        .append("# every node refuses a change that no admin signed, so edits by hand never spread.\n");
    for (Member m : membership.members()) {
      out.append(m.userKey().openSsh()).append(" node=").append(m.id())
          .append(" role=").append(m.role().label()).append('\n');
    }
    return out.toString();
  }

  public static String knownHosts(Membership membership) {
    StringBuilder out = new StringBuilder("# gtfc members of cluster ")
        .append(membership.cluster()).append(": where each node listens and its host key.\n");
    for (Member m : membership.members()) {
      out.append(m.endpoint().knownHostsForm()).append(' ').append(m.hostKey().openSsh())
          .append(" node=").append(m.id());
      m.endpoint().user().ifPresent(user -> out.append(" user=").append(user));
      out.append('\n');
    }
    return out.toString();
  }

  public static String cluster(Membership membership) {
    return "id=" + membership.cluster() + "\n";
  }

  /**
   * The cluster file of the member list at {@code version}: every change an admin signs raises it
   * by one, so that an old signed list cannot be replayed over a newer one.
   */
  public static String cluster(Membership membership, long version) {
    return cluster(membership) + "version=" + version + "\n";
  }

  /**
   * The version in a cluster file; 0 for a file without one (a member list from before signing).
   *
   * @throws IllegalArgumentException for a version that is not a number from 0 up
   */
  public static long version(String cluster) {
    for (String line : cluster.split("\n")) {
      if (line.startsWith("version=")) {
        String v = line.substring(8).trim();
        if (!v.matches("[0-9]{1,18}")) {
          throw new IllegalArgumentException(CLUSTER + " has a version that is not a number: '" + v + "'");
        }
        return Long.parseLong(v);
      }
    }
    return 0;
  }

  /**
   * Reads the three files back.
   *
   * @throws IllegalArgumentException naming the file and line that cannot be read
   */
  public static Membership parse(String cluster, String authorizedKeys, String knownHosts) {
    ClusterId id = null;
    for (String line : cluster.split("\n")) {
      if (line.startsWith("id=")) {
        id = ClusterId.of(line.substring(3).trim());
      }
    }
    if (id == null) {
      throw new IllegalArgumentException(CLUSTER + " has no 'id=' line");
    }
    Map<NodeId, String[]> hosts = new HashMap<>();
    int n = 0;
    for (String line : knownHosts.split("\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      NodeId node = nodeOf(f, 3, KNOWN_HOSTS, n);
      hosts.put(node, f);
    }
    List<Member> members = new ArrayList<>();
    n = 0;
    for (String line : authorizedKeys.split("\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      NodeId node = nodeOf(f, 2, AUTHORIZED_KEYS, n);
      Role role = null;
      for (int i = 2; i < f.length; i++) {
        if (f[i].startsWith("role=")) {
          role = Role.parse(f[i].substring(5));
        }
      }
      if (role == null) {
        throw new IllegalArgumentException(AUTHORIZED_KEYS + " line " + n + " has no 'role=' field");
      }
      String[] host = hosts.get(node);
      if (host == null) {
        throw new IllegalArgumentException(KNOWN_HOSTS + " has no line for member '" + node + "'");
      }
      members.add(Member.builder()
          .id(node)
          .role(role)
          .userKey(SshPublicKey.of(f[0], f[1]))
          .hostKey(SshPublicKey.of(host[1], host[2]))
          .endpoint(withUser(parseKnownHost(host[0]), host))
          .build());
    }
    return Membership.of(id, members);
  }

  private static NodeId nodeOf(String[] fields, int from, RelativePath file, int line) {
    for (int i = from; i < fields.length; i++) {
      if (fields[i].startsWith("node=")) {
        return NodeId.of(fields[i].substring(5));
      }
    }
    throw new IllegalArgumentException(file + " line " + line + " has no 'node=' field");
  }

  /** The account of an OpenSSH-mode node, from an optional {@code user=} field after the key. */
  private static Endpoint withUser(Endpoint endpoint, String[] fields) {
    for (int i = 3; i < fields.length; i++) {
      if (fields[i].startsWith("user=")) {
        return endpoint.asUser(fields[i].substring(5));
      }
    }
    return endpoint;
  }

  private static Endpoint parseKnownHost(String form) {
    return form.startsWith("[") ? Endpoint.parse(form, 22) : Endpoint.of(form, 22);
  }
}
