package io.gtfc.domain;

/** Public keys made with ssh-keygen, with the fingerprints ssh-keygen -l printed for them. */
final class Keys {
  static final SshPublicKey A = SshPublicKey.parse(
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGVfh/gGBrD24Vei2QfyPUQaH++ivKL6xkTN/uLGzc/h test");
  static final String A_FINGERPRINT = "SHA256:fhWgY6XCuzeOlZcmVVxSKb9WjVeVsyCTz20e7D+SqmA";
  static final SshPublicKey B = SshPublicKey.parse(
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOHvOuCgsFmSvzWZg249z1PcpMWp2a0mUZii5GrGjx29 x");
  static final String B_FINGERPRINT = "SHA256:mfOnBTD78jXhWmOkMHss9kSSflOjCvS6Wo8RppW4feQ";

  static final SshPublicKey C = SshPublicKey.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOYNyDAHcsfAN3zOf86DcmYElnlsC24D1WABP061WOws c");

  private Keys() {}
}
