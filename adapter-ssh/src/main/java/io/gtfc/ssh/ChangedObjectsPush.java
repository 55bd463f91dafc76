package io.gtfc.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.BasePackPushConnection;
import org.eclipse.jgit.transport.PacketLineIn;
import org.eclipse.jgit.transport.PackTransport;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.RemoteSession;

/**
 * A git push over one exec channel of a kept SSH session, speaking receive-pack as JGit's own push
 * does (report-status, side-band-64k, ofs-delta), except for what goes into the pack: the objects
 * {@link ChangedObjects} finds, whose cost grows with the change, not with the folder.
 *
 * <p>One ref update per push, as gtfc pushes: the node's branch into its inbox on the peer.
 */
final class ChangedObjectsPush extends BasePackPushConnection {
  private static final String RECEIVE_PACK = "git-receive-pack '" + SshPeerTransport.PEER_PATH + "'";
  private static final int CHANNEL_DATA = 1;
  private static final int CHANNEL_PROGRESS = 2;
  private static final int CHANNEL_ERROR = 3;

  private final Process process;
  private final StringBuilder messages = new StringBuilder();
  private String refusal = "";

  ChangedObjectsPush(PackTransport transport, RemoteSession session) throws TransportException {
    super(transport);
    try {
      process = session.exec(RECEIVE_PACK, this.transport.getTimeout());
    } catch (IOException e) {
      throw new TransportException(uri, "cannot start receive-pack: " + e.getMessage(), e);
    }
    init(process.getInputStream(), process.getOutputStream());
    readAdvertisedRefs();
  }

  /**
   * Sets {@code remoteRef} on the peer to {@code tip}, sending the objects it needs.
   *
   * @return OK, UP_TO_DATE (the peer's ref was {@code tip} already, nothing was sent) or
   *     REJECTED_OTHER_REASON with the peer's reason in {@link #refusal()}
   */
  RemoteRefUpdate.Status push(ProgressMonitor monitor, ObjectId tip, String remoteRef, PackConfig packs)
      throws IOException {
    markStartedOperation();
    Ref advertised = getRef(remoteRef);
    ObjectId old = advertised == null ? ObjectId.zeroId() : advertised.getObjectId();
    if (old.equals(tip)) {
      return RemoteRefUpdate.Status.UP_TO_DATE;
    }
    StringBuilder capabilities = new StringBuilder();
    if (!wantCapability(capabilities, CAPABILITY_REPORT_STATUS)
        || !wantCapability(capabilities, CAPABILITY_SIDE_BAND_64K)) {
      throw new PackProtocolException(uri, "the peer's receive-pack offers no report-status and side-band-64k");
    }
    boolean ofsDelta = wantCapability(capabilities, CAPABILITY_OFS_DELTA);
    addUserAgentCapability(capabilities);
    capabilities.setCharAt(0, '\0');
    pckOut.writeString(old.name() + " " + tip.name() + " " + remoteRef + capabilities);
    pckOut.end();
    outNeedsEnd = false;

    List<ObjectId> theirs = new ArrayList<>();
    for (Ref ref : getRefs()) {
      if (ref.getObjectId() != null) {
        theirs.add(ref.getObjectId());
      }
    }
    try (ObjectReader reader = local.newObjectReader(); PackWriter writer = new PackWriter(packs, reader)) {
      writer.setIndexDisabled(true);
      writer.setUseCachedPacks(false);
      writer.setUseBitmaps(false);
      writer.setThin(false);
      writer.setReuseValidatingObjects(false);
      writer.setDeltaBaseAsOffset(ofsDelta);
      writer.preparePack(ChangedObjects.toSend(reader, tip, theirs).iterator());
      writer.writePack(monitor, monitor, out);
      out.flush();
    } catch (IOException sending) {
      throw peersReason(remoteRef, sending);
    }
    SideBand band = new SideBand(in);
    RemoteRefUpdate.Status status = readStatus(remoteRef, new PacketLineIn(band));
    if (band.read() >= 0) {
      throw new PackProtocolException(uri, "the peer sent more after its report");
    }
    return status;
  }

  /**
   * A peer that refuses a pack as it arrives (over its size limit) reports why and closes the
   * channel while the pack is still being written: the reason is in its report, not in the
   * failed write. The report's error when there is one, else the write's.
   */
  private IOException peersReason(String remoteRef, IOException sending) {
    try {
      readStatus(remoteRef, new PacketLineIn(new SideBand(in)));
    } catch (IOException | RuntimeException report) {
      if (!(report instanceof EOFException) && report.getMessage() != null) {
        report.addSuppressed(sending);
        return report instanceof IOException io ? io : new TransportException(uri, report.getMessage(), report);
      }
    }
    return sending;
  }

  /** The peer's reason when it refused the update. */
  String refusal() {
    return refusal;
  }

  private RemoteRefUpdate.Status readStatus(String remoteRef, PacketLineIn report) throws IOException {
    String unpack = report.readString();
    if (!unpack.startsWith("unpack ")) {
      throw new PackProtocolException(uri, "unexpected report line: " + unpack);
    }
    if (!unpack.equals("unpack ok")) {
      throw new TransportException(uri, "the peer could not unpack what was sent: "
          + unpack.substring("unpack ".length()));
    }
    RemoteRefUpdate.Status status = null;
    for (String line : report.readStrings()) {
      String ok = "ok " + remoteRef;
      String ng = "ng " + remoteRef + " ";
      if (line.equals(ok)) {
        status = RemoteRefUpdate.Status.OK;
      } else if (line.startsWith(ng)) {
        status = RemoteRefUpdate.Status.REJECTED_OTHER_REASON;
        refusal = line.substring(ng.length());
      } else {
        throw new PackProtocolException(uri, "unexpected report line: " + line);
      }
    }
    if (status == null) {
      throw new PackProtocolException(uri, "the peer did not report on " + remoteRef);
    }
    return status;
  }

  /** What the peer said beside the report (its messages on the progress channel). */
  @Override
  public String getMessages() {
    return messages.toString();
  }

  @Override
  public void close() {
    endOut();
    process.destroy();
    super.close();
  }

  /**
   * The side-band-64k stream: data on channel 1 is read through, channel 2 is kept as messages,
   * channel 3 is the peer's fatal error; the stream ends at the flush packet.
   */
  private final class SideBand extends InputStream {
    private final InputStream raw;
    private byte[] packet = new byte[0];
    private int next;
    private boolean ended;

    SideBand(InputStream raw) {
      this.raw = raw;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (next == packet.length) {
        if (ended || !nextDataPacket()) {
          return -1;
        }
      }
      int n = Math.min(len, packet.length - next);
      System.arraycopy(packet, next, b, off, n);
      next += n;
      return n;
    }

    private boolean nextDataPacket() throws IOException {
      int length = Integer.parseInt(new String(readFully(4), StandardCharsets.US_ASCII), 16);
      if (length == 0) {
        ended = true;
        return false;
      }
      if (length < 5) {
        throw new PackProtocolException(uri, "a side-band packet of " + length + " bytes");
      }
      byte[] body = readFully(length - 4);
      int channel = body[0];
      if (channel == CHANNEL_DATA) {
        packet = body;
        next = 1;
      } else if (channel == CHANNEL_PROGRESS) {
        messages.append(new String(body, 1, body.length - 1, StandardCharsets.UTF_8));
      } else if (channel == CHANNEL_ERROR) {
        throw new TransportException(uri, new String(body, 1, body.length - 1, StandardCharsets.UTF_8).trim());
      } else {
        throw new PackProtocolException(uri, "side-band channel " + channel);
      }
      return true;
    }

    private byte[] readFully(int count) throws IOException {
      byte[] got = raw.readNBytes(count);
      if (got.length < count) {
        throw new EOFException("the peer hung up in the middle of its report");
      }
      return got;
    }
  }
}
