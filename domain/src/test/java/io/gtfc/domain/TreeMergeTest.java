package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TreeMergeTest {
  private static final Instant EARLY = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant LATE = Instant.parse("2026-11-25T10:00:05Z");

  private static FileVersion text(String id) {
    return FileVersion.of(id, false, false);
  }

  private static FileVersion binary(String id) {
    return FileVersion.of(id, false, true);
  }

  private static RelativePath p(String s) {
    return RelativePath.of(s);
  }

  private static MergeSide side(String node, Instant time, Map<RelativePath, FileVersion> files) {
    String rev = Integer.toHexString((node + time + files).hashCode());
    return MergeSide.builder().node(NodeId.of(node)).time(time)
        .revision(Revision.of("0".repeat(40 - rev.length()) + rev)).files(files).build();
  }

  private static MergeSide ranked(MergeSide side, String rank) {
    return MergeSide.builder().from(side).memberRank(rank).build();
  }

  @Test
  void whenBothSidesChangedTheMemberListTheHigherRankedListIsKeptWhole() {
    Map<RelativePath, FileVersion> base = Map.of(p(".gtfc/cluster"), text("c1"), p(".gtfc/authorized_keys"), text("k1"),
        p(".gtfc/members.sig"), text("s1"), p("a.txt"), text("1"));
    MergeSide alpha = ranked(side("alpha", LATE, Map.of(p(".gtfc/cluster"), text("c2a"),
        p(".gtfc/authorized_keys"), text("k2a"), p(".gtfc/members.sig"), text("s2a"), p("a.txt"), text("1"))), "0002/a");
    MergeSide beta = ranked(side("beta", EARLY, Map.of(p(".gtfc/cluster"), text("c3b"),
        p(".gtfc/authorized_keys"), text("k1"), p(".gtfc/members.sig"), text("s3b"),
        p(".gtfc/settings"), text("x"), p("a.txt"), text("1b"))), "0003/b");

    for (MergePlan plan : List.of(TreeMerge.plan(base, alpha, beta), TreeMerge.plan(base, beta, alpha))) {
      assertThat(plan.files()).containsExactlyInAnyOrderEntriesOf(Map.of(p(".gtfc/cluster"), text("c3b"),
          p(".gtfc/authorized_keys"), text("k1"), p(".gtfc/members.sig"), text("s3b"),
          p(".gtfc/settings"), text("x"), p("a.txt"), text("1b")));
      assertThat(plan.conflicts()).isEmpty();
      assertThat(plan.textMerges()).isEmpty();
    }
  }

  @Test
  void aMemberListChangedOnOneSideOnlyIsTakenAsAnyChange() {
    Map<RelativePath, FileVersion> base = Map.of(p(".gtfc/cluster"), text("c1"), p(".gtfc/members.sig"), text("s1"));
    MergeSide alpha = ranked(side("alpha", EARLY, Map.of(p(".gtfc/cluster"), text("c2"),
        p(".gtfc/members.sig"), text("s2"))), "0002/a");
    MergeSide beta = ranked(side("beta", LATE, Map.of(p(".gtfc/cluster"), text("c1"),
        p(".gtfc/members.sig"), text("s1"), p("b.txt"), text("b"))), "0009/z");

    assertThat(TreeMerge.plan(base, alpha, beta).files()).containsExactlyInAnyOrderEntriesOf(Map.of(
        p(".gtfc/cluster"), text("c2"), p(".gtfc/members.sig"), text("s2"), p("b.txt"), text("b")));
  }

  @Test
  void aChangeOnOneSideIsTaken() {
    Map<RelativePath, FileVersion> base = Map.of(p("a.txt"), text("1"), p("b.txt"), text("2"));
    MergePlan plan = TreeMerge.plan(base,
        side("alpha", EARLY, Map.of(p("a.txt"), text("1x"), p("b.txt"), text("2"))),
        side("beta", LATE, Map.of(p("a.txt"), text("1"))));
    assertThat(plan.files()).containsExactlyInAnyOrderEntriesOf(Map.of(p("a.txt"), text("1x")));
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void anEditBeatsAConcurrentDelete() {
    Map<RelativePath, FileVersion> base = Map.of(p("a.txt"), text("1"));
    MergePlan plan = TreeMerge.plan(base,
        side("alpha", EARLY, Map.of(p("a.txt"), text("edited"))),
        side("beta", LATE, Map.of()));
    assertThat(plan.files()).containsEntry(p("a.txt"), text("edited"));
  }

  @Test
  void twoTextEditsAreMergedLineByLineWithKeepBothAsFallback() {
    Map<RelativePath, FileVersion> base = Map.of(p("notes.txt"), text("1"));
    MergePlan plan = TreeMerge.plan(base,
        side("alpha", EARLY, Map.of(p("notes.txt"), text("a"))),
        side("beta", LATE, Map.of(p("notes.txt"), text("b"))));
    assertThat(plan.textMerges()).singleElement().satisfies(t -> {
      assertThat(t.winner()).isEqualTo(text("b"));
      assertThat(t.loser()).isEqualTo(text("a"));
      assertThat(t.loserCopy()).isEqualTo(p("notes.sync-conflict-20261125-100000-alpha.txt"));
    });
  }

  @Test
  void binaryConflictsKeepTheLaterAtThePathAndTheOtherBeside() {
    Map<RelativePath, FileVersion> base = Map.of(p("img/photo.jpg"), binary("1"));
    MergePlan plan = TreeMerge.plan(base,
        side("alpha", LATE, Map.of(p("img/photo.jpg"), binary("a"))),
        side("beta", EARLY, Map.of(p("img/photo.jpg"), binary("b"))));
    assertThat(plan.textMerges()).isEmpty();
    assertThat(plan.files())
        .containsEntry(p("img/photo.jpg"), binary("a"))
        .containsEntry(p("img/photo.sync-conflict-20261125-100000-beta.jpg"), binary("b"));
    assertThat(plan.conflicts()).singleElement()
        .satisfies(c -> assertThat(c.loser()).isEqualTo(NodeId.of("beta")));
  }

  @Test
  void twoDifferentAdditionsKeepBoth() {
    MergePlan plan = TreeMerge.plan(Map.of(),
        side("alpha", EARLY, Map.of(p("new.md"), text("a"))),
        side("beta", EARLY, Map.of(p("new.md"), text("b"))));
    assertThat(plan.files()).containsEntry(p("new.md"), text("b"))
        .containsEntry(p("new.sync-conflict-20261125-100000-alpha.md"), text("a"));
  }

  @Test
  void aFileThatClashesWithADirectoryMovesAside() {
    MergePlan plan = TreeMerge.plan(Map.of(),
        side("alpha", EARLY, Map.of(p("x"), text("file"))),
        side("beta", LATE, Map.of(p("x/inner.txt"), text("in dir"))));
    assertThat(plan.files())
        .containsEntry(p("x/inner.txt"), text("in dir"))
        .containsEntry(p("x.sync-conflict-20261125-100000-alpha"), text("file"))
        .doesNotContainKey(p("x"));
  }

  /** A side whose only edit is {@code version} of {@code path}, made by {@code node} at {@code time}. */
  private static MergeSide edit(String node, Instant time, RelativePath path, FileVersion version) {
    return MergeSide.builder().from(side(node, time, Map.of(path, version)))
        .putEdits(path, MergeSide.Edit.of(NodeId.of(node), time)).build();
  }

  /**
   * The merge commit of {@code x} and {@code y} as a side, the way a store sees it: a merge commit
   * is attributed to one of its parents, and each version it took from a parent is that parent's edit.
   */
  private static MergeSide merged(MergeSide x, MergeSide y, Map<RelativePath, FileVersion> base) {
    MergePlan plan = TreeMerge.plan(base, x, y);
    assertThat(plan.textMerges()).as("binary content merges without line merges").isEmpty();
    ImmutableMergeSide.Builder side = MergeSide.builder().from(side(x.node().value(), x.time(), plan.files()))
        .edits(Map.of());
    plan.files().forEach((path, version) -> {
      MergeSide from = version.equals(x.files().get(path)) ? x : y;
      side.putEdits(path, from.editOf(path));
    });
    return side.build();
  }

  @Test
  void threeEditsOfOneFileAtOnceEndTheSameInEveryMergeOrderWithEachCopyNamedAfterItsNode() {
    RelativePath shared = p("same/shared.bin");
    Map<RelativePath, FileVersion> base = Map.of(shared, binary("0"));
    Map<String, MergeSide> edits = Map.of(
        "n1", edit("n1", EARLY, shared, binary("e1")),
        "n2", edit("n2", EARLY, shared, binary("e2")),
        "n3", edit("n3", EARLY, shared, binary("e3")));
    Map<RelativePath, FileVersion> expected = Map.of(shared, binary("e3"),
        p("same/shared.sync-conflict-20261125-100000-n1.bin"), binary("e1"),
        p("same/shared.sync-conflict-20261125-100000-n2.bin"), binary("e2"));

    List<List<String>> orders = List.of(List.of("n1", "n2", "n3"), List.of("n1", "n3", "n2"),
        List.of("n2", "n3", "n1"), List.of("n2", "n1", "n3"), List.of("n3", "n1", "n2"), List.of("n3", "n2", "n1"));
    Map<List<String>, MergeSide> results = new HashMap<>();
    for (List<String> order : orders) {
      // the first two merge (as the node that made the first edit, at its time), then the third comes in
      MergeSide firstTwo = merged(edits.get(order.get(0)), edits.get(order.get(1)), base);
      MergeSide all = merged(firstTwo, edits.get(order.get(2)), base);
      assertThat(all.files()).as("merged in the order %s", order).containsExactlyInAnyOrderEntriesOf(expected);
      results.put(order, all);
    }
    // two nodes that merged in different orders then merge each other's results: nothing changes
    MergeSide ab = merged(results.get(orders.get(0)), results.get(orders.get(3)), base);
    MergeSide cd = merged(results.get(orders.get(4)), results.get(orders.get(2)), base);
    assertThat(ab.files()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(cd.files()).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void aConflictCopyIsNamedAfterTheNodeThatMadeTheVersionNotTheMergeAroundIt() {
    RelativePath notes = p("notes.bin");
    // n1's side is a merge attributed to n1 at LATE, but its notes.bin is n2's EARLY edit
    MergeSide mergedOnN1 = MergeSide.builder().from(side("n1", LATE, Map.of(notes, binary("by-n2"))))
        .putEdits(notes, MergeSide.Edit.of(NodeId.of("n2"), EARLY)).build();
    MergeSide n3 = edit("n3", LATE, notes, binary("by-n3"));

    MergePlan plan = TreeMerge.plan(Map.of(notes, binary("0")), mergedOnN1, n3);

    assertThat(plan.files()).containsExactlyInAnyOrderEntriesOf(Map.of(notes, binary("by-n3"),
        p("notes.sync-conflict-20261125-100000-n2.bin"), binary("by-n2")));
    assertThat(plan.conflicts()).singleElement()
        .satisfies(c -> assertThat(c.loser()).isEqualTo(NodeId.of("n2")));
  }

  @Test
  void aVersionAlreadyKeptAsACopyOnOneSideIsNotCopiedAgain() {
    RelativePath shared = p("shared.txt");
    RelativePath copyOfN2 = p("shared.sync-conflict-20261125-100000-n2.txt");
    MergeSide afterAConflict = MergeSide.builder()
        .from(side("n3", EARLY, Map.of(shared, text("e3"), copyOfN2, text("e2"))))
        .putEdits(shared, MergeSide.Edit.of(NodeId.of("n3"), EARLY)).build();
    MergeSide n2 = edit("n2", EARLY, shared, text("e2"));

    MergePlan plan = TreeMerge.plan(Map.of(shared, text("0")), afterAConflict, n2);

    assertThat(plan.textMerges()).singleElement().satisfies(t -> {
      assertThat(t.winner()).isEqualTo(text("e3"));
      assertThat(t.loserCopy()).isEqualTo(copyOfN2);
      assertThat(t.loserNode()).isEqualTo(NodeId.of("n2"));
    });
    assertThat(plan.files()).containsEntry(copyOfN2, text("e2")).hasSize(1);
  }

  @Test
  void conflictCopiesAreRecognised() {
    assertThat(ConflictCopies.origin(p("d/notes.sync-conflict-20261125-100000-alpha.txt")))
        .hasValueSatisfying(o -> {
          assertThat(o.original()).isEqualTo(p("d/notes.txt"));
          assertThat(o.node()).isEqualTo(NodeId.of("alpha"));
        });
    assertThat(ConflictCopies.origin(p("notes.txt"))).isEmpty();
  }

  @Property(tries = 300)
  void mergingIsSymmetricAndLosesNoVersion(@ForAll("trees") Map<RelativePath, FileVersion> base,
      @ForAll("trees") Map<RelativePath, FileVersion> aFiles, @ForAll("trees") Map<RelativePath, FileVersion> bFiles,
      @ForAll boolean aLater) {
    MergeSide a = side("alpha", aLater ? LATE : EARLY, aFiles);
    MergeSide b = side("beta", EARLY, bFiles);
    MergePlan ab = TreeMerge.plan(base, a, b);
    MergePlan ba = TreeMerge.plan(base, b, a);
    assertThat(ab).isEqualTo(ba);

    Set<String> kept = new HashSet<>();
    ab.files().values().forEach(v -> kept.add(v.contentId()));
    ab.textMerges().forEach(t -> {
      kept.add(t.winner().contentId());
      kept.add(t.loser().contentId());
    });
    for (Map<RelativePath, FileVersion> side : List.of(aFiles, bFiles)) {
      for (Map.Entry<RelativePath, FileVersion> e : side.entrySet()) {
        FileVersion before = base.get(e.getKey());
        boolean changedOnThisSide = before == null || !before.contentId().equals(e.getValue().contentId());
        if (changedOnThisSide) {
          assertThat(kept).as("the edit of %s", e.getKey()).contains(e.getValue().contentId());
        }
      }
    }
  }

  @Provide
  Arbitrary<Map<RelativePath, FileVersion>> trees() {
    Arbitrary<RelativePath> paths = Arbitraries.of("a", "b", "c", "d/x", "d/y", "d", "e/f/g")
        .map(RelativePath::of);
    // content "3" is binary: whether content is binary depends on the content alone
    Arbitrary<FileVersion> versions = Combinators.combine(Arbitraries.of("1", "2", "3"), Arbitraries.of(true, false))
        .as((id, exec) -> FileVersion.of(id, exec, id.equals("3")));
    return Arbitraries.maps(paths, versions).ofMaxSize(5).map(HashMap::new);
  }
}
