package io.gtfc.ssh;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Role;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code gtfc-join} exchange: UTF-8 lines {@code key=value}, the first {@code version=1},
 * ended by an empty line. The joiner sends its request on stdin; the inviter answers on stdout
 * (exit 0) or writes one line on stderr (exit 1). The inviter's host key is not in the answer:
 * the joiner takes the one the inviter presented, already checked against the token.
 */
final class JoinWire {
  static final int MAX_BYTES = 16 * 1024;
  private static final String VERSION = "1";

  private JoinWire() {}

  static byte[] request(JoinRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", request.name().value());
    fields.put("user-key", request.userKey().openSsh());
    fields.put("host-key", request.hostKey().openSsh());
    fields.put("endpoint", request.endpoint().toString());
    return write(fields);
  }

  static JoinRequest parseRequest(Map<String, String> fields) {
    return JoinRequest.builder()
        .name(NodeId.of(required(fields, "name")))
        .userKey(SshPublicKey.parse(required(fields, "user-key")))
        .hostKey(SshPublicKey.parse(required(fields, "host-key")))
        .endpoint(Endpoint.parse(required(fields, "endpoint"), 22))
        .build();
  }

  static byte[] answer(JoinAnswer answer) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("cluster", answer.cluster().value());
    fields.put("inviter", answer.inviter().id().value());
    fields.put("inviter-role", answer.inviter().role().label());
    fields.put("inviter-user-key", answer.inviter().userKey().openSsh());
    fields.put("inviter-endpoint", answer.inviter().endpoint().toString());
    fields.put("role", answer.role().label());
    return write(fields);
  }

  static JoinAnswer parseAnswer(Map<String, String> fields, SshPublicKey presentedHostKey) {
    Member inviter = Member.builder()
        .id(NodeId.of(required(fields, "inviter")))
        .role(Role.parse(required(fields, "inviter-role")))
        .userKey(SshPublicKey.parse(required(fields, "inviter-user-key")))
        .hostKey(presentedHostKey)
        .endpoint(Endpoint.parse(required(fields, "inviter-endpoint"), 22))
        .build();
    return JoinAnswer.builder()
        .cluster(ClusterId.of(required(fields, "cluster")))
        .inviter(inviter)
        .role(Role.parse(required(fields, "role")))
        .build();
  }

  /**
   * Reads one message up to its empty line (or the end of the stream).
   *
   * @throws IllegalArgumentException if it is too long, of another version, or not key=value lines
   */
  static Map<String, String> read(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    Map<String, String> fields = new LinkedHashMap<>();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0 || b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
          text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
          break;
        }
        int eq = text.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("a line is not key=value");
        }
        if (fields.putIfAbsent(text.substring(0, eq), text.substring(eq + 1)) != null) {
          throw new IllegalArgumentException("'" + text.substring(0, eq) + "' is given twice");
        }
        if (b < 0) {
          break;
        }
      } else {
        line.write(b);
      }
      if (++total > MAX_BYTES) {
        throw new IllegalArgumentException("it is longer than " + MAX_BYTES + " bytes");
      }
    }
    if (!VERSION.equals(fields.remove("version"))) {
      throw new IllegalArgumentException("it is not version " + VERSION + " of the join exchange: update gtfc on both nodes");
    }
    return fields;
  }

  private static byte[] write(Map<String, String> fields) {
    StringBuilder out = new StringBuilder("version=").append(VERSION).append('\n');
    fields.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String required(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return value;
  }
}
