package io.gtfc.usecases;

import io.gtfc.domain.PushPermission;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Integration;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PackService;
import io.gtfc.ports.VersionStores;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code gtfc shell}, the forced command OpenSSH runs for a member's key: serves git upload-pack
 * and receive-pack for the one folder of its authorized_keys line and nothing else, takes a push
 * only into the sender's own inbox and only from a member that may push, and integrates an
 * accepted push before the pusher hears the result, as the embedded server does.
 */
public final class AnswerForcedCommand {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PackService packs;
  private final Clock clock;
  private final FolderProbe probe;

  public AnswerForcedCommand(VersionStores stores, NodeKeys keys, PackService packs, Clock clock, FolderProbe probe) {
    this.stores = stores;
    this.keys = keys;
    this.packs = packs;
    this.clock = clock;
    this.probe = probe;
  }

  /** Answers one SSH request over {@code in}/{@code out}; a refusal is one line on {@code err}. */
  public ShellReport answer(ShellCall call, InputStream in, OutputStream out, OutputStream err) {
    String folder = call.folder().toString();
    String offer = "this key may only run git-upload-pack or git-receive-pack for " + folder + " (gtfc shell)";
    if (call.command().isEmpty() || call.command().get().isBlank()) {
      return refuse(offer + ": no shell", false, out, err);
    }
    String line = call.command().get();
    boolean git = ShellRequest.looksLikeGit(line);
    Optional<ShellRequest> parsed = ShellRequest.parse(line);
    if (parsed.isEmpty()) {
      return refuse(offer + ": refused " + ShellRequest.printable(line), git, out, err);
    }
    ShellRequest request = parsed.get();
    if (!request.names(call.folder(), call.accountHome())) {
      return refuse("only the folder " + folder + " (or '" + ShellRequest.REPOSITORY_NAME + "') is served here: refused "
          + ShellRequest.printable(line), true, out, err);
    }
    if (request.push) {
      if (call.readOnly()) {
        return refuse("this key may only fetch from " + folder + " (its authorized_keys line says --read-only)",
            true, out, err);
      }
      if (call.sender().isEmpty()) {
        return refuse("this key's authorized_keys line names no node (--node NAME), so it may only fetch:"
            + " write the line again with 'gtfc authorize'", true, out, err);
      }
    }
    NodeContext node;
    try {
      node = NodeContext.open(stores, keys, call.folder());
    } catch (GtfcException e) {
      return refuse(e.getMessage(), true, out, err);
    }
    try (node) {
      if (!request.push) {
        packs.upload(node.store.layout(), in, out, err);
        return ImmutableShellReport.builder().outcome(ShellReport.Outcome.FETCHED).build();
      }
      PackService.PushGate gate = sender -> PushPermission.refusal(Members.atHead(node.store), node.self.id(), sender);
      Optional<String> refusal = gate.refusal(call.sender().get());
      if (refusal.isPresent()) {
        return refuse(refusal.get(), true, out, err);
      }
      IntegrateChanges integrator = new IntegrateChanges(node.store, node.self.id(), clock, probe);
      AtomicReference<Integration> integrated = new AtomicReference<>();
      Optional<Revision> head = packs.receive(node.store.layout(), call.sender().get(), gate,
          (sender, revision) -> integrated.set(integrator.integrate(sender)), in, out, err);
      return ImmutableShellReport.builder()
          .outcome(ShellReport.Outcome.PUSHED)
          .received(head)
          .integration(Optional.ofNullable(integrated.get()))
          .build();
    }
  }

  private ShellReport refuse(String why, boolean git, OutputStream out, OutputStream err) {
    packs.refuse(why, git, out, err);
    return ShellReport.refused(why);
  }
}
