package io.gtfc.domain;

import java.util.Arrays;

/** What a member may do in its cluster. */
public enum Role {
  /** May change the member list (invite, remove, change roles) and push changes. */
  ADMIN("admin"),
  /** May push changes to every peer. */
  READ_WRITE("read-write"),
  /** May fetch, but every receiver refuses its pushes. */
  READ_ONLY("read-only");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean mayPush() {
    return this != READ_ONLY;
  }

  public boolean mayChangeMembership() {
    return this == ADMIN;
  }

  /** The role written as in the member files, e.g. {@code read-only}. */
  public static Role parse(String label) {
    return Arrays.stream(values())
        .filter(r -> r.label.equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "'" + label + "' is not a role: use admin, read-write or read-only"));
  }

  @Override
  public String toString() {
    return label;
  }
}
