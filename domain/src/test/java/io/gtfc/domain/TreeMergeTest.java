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
