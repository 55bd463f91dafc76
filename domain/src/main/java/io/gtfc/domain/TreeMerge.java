package io.gtfc.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The merge rules of gtfc. Symmetric and deterministic: merging (a, b) and (b, a) gives the same
 * plan on every node. No edit is lost: a path changed only on one side takes that change; an
 * edit beats a concurrent delete; two different edits of a text file are merged line by line, and
 * when that fails, or for binary files and two different additions, the later edit stays at the
 * path and the other is kept beside it as a conflict copy named after the node that made it; a
 * file that clashes with a directory moves aside to a conflict copy.
 *
 * <p>Which version stays, and the copy's name, depend on the two versions' own edits
 * ({@link MergeSide#editOf}), not on the merge commits around them. So when three or more nodes
 * edit one file at once, every order of merging ends with the same version at the path and each
 * other version in one copy named after its node: a version already kept as that copy on either
 * side is not copied again.
 *
 * <p>The {@code .gtfc/} directory is the exception: it is signed as a whole, so it is never
 * merged file by file. When both sides changed it, the result takes it whole from the side whose
 * member list ranks higher ({@link MergeSide#memberRank()}), which is the list every node's
 * membership check accepts.
 */
public final class TreeMerge {
  private TreeMerge() {}

  public static MergePlan plan(Map<RelativePath, FileVersion> base, MergeSide a, MergeSide b) {
    MergeSide winner = a.beats(b) ? a : b;
    MergeSide loser = winner == a ? b : a;
    Map<RelativePath, FileVersion> result = new TreeMap<>();
    List<MergePlan.TextMerge> textMerges = new ArrayList<>();
    List<MergePlan.Conflict> conflicts = new ArrayList<>();
    Set<RelativePath> paths = new TreeSet<>(base.keySet());
    paths.addAll(a.files().keySet());
    paths.addAll(b.files().keySet());
    Set<RelativePath> taken = new TreeSet<>(paths);
    MergeSide memberKeeper = memberKeeper(base, winner, loser);

    for (RelativePath path : paths) {
      FileVersion o = base.get(path);
      FileVersion w = winner.files().get(path);
      FileVersion l = loser.files().get(path);
      if (memberKeeper != null && path.startsWith(MemberFiles.DIRECTORY)) {
        putIfPresent(result, path, memberKeeper.files().get(path));
      } else if (Objects.equals(w, l)) {
        putIfPresent(result, path, w);
      } else if (Objects.equals(w, o)) {
        putIfPresent(result, path, l);
      } else if (Objects.equals(l, o)) {
        putIfPresent(result, path, w);
      } else if (w == null || l == null) {
        result.put(path, w != null ? w : l);
      } else if (w.sameContent(l)) {
        boolean executable = o == null ? w.executable() : executableAfter(o, w, l);
        result.put(path, FileVersion.of(w.contentId(), executable, w.binary()));
      } else {
        boolean winnersEditStays = laterEdit(winner.editOf(path), w, loser.editOf(path), l);
        FileVersion stays = winnersEditStays ? w : l;
        FileVersion aside = winnersEditStays ? l : w;
        MergeSide.Edit asideEdit = (winnersEditStays ? loser : winner).editOf(path);
        RelativePath copy = copyName(path, asideEdit, aside, a, b, taken);
        if (!w.binary() && !l.binary() && o != null && !o.binary()) {
          textMerges.add(MergePlan.TextMerge.builder()
              .path(path).base(Optional.of(o)).winner(stays).loser(aside).loserCopy(copy)
              .loserNode(asideEdit.node())
              .executable(executableAfter(o, stays, aside))
              .build());
        } else {
          result.put(path, stays);
          result.put(copy, aside);
          conflicts.add(MergePlan.Conflict.of(path, copy, asideEdit.node()));
        }
      }
    }
    moveFilesOutOfDirectories(result, textMerges, a, b, taken, conflicts);
    return MergePlan.builder().files(result).textMerges(textMerges).conflicts(conflicts).build();
  }

  /**
   * The side whose {@code .gtfc/} the result takes whole, when both sides changed it differently;
   * null when the ordinary rules apply (at most one side changed it).
   */
  private static MergeSide memberKeeper(Map<RelativePath, FileVersion> base, MergeSide winner, MergeSide loser) {
    Map<RelativePath, FileVersion> o = under(base);
    Map<RelativePath, FileVersion> w = under(winner.files());
    Map<RelativePath, FileVersion> l = under(loser.files());
    if (w.equals(o) || l.equals(o) || w.equals(l)) {
      return null;
    }
    int byRank = winner.memberRank().compareTo(loser.memberRank());
    return byRank >= 0 ? winner : loser;
  }

  private static Map<RelativePath, FileVersion> under(Map<RelativePath, FileVersion> files) {
    Map<RelativePath, FileVersion> result = new TreeMap<>();
    files.forEach((path, version) -> {
      if (path.startsWith(MemberFiles.DIRECTORY)) {
        result.put(path, version);
      }
    });
    return result;
  }

  /** The executable bit follows whichever side changed it; if both did, the winner's. */
  private static boolean executableAfter(FileVersion base, FileVersion winner, FileVersion loser) {
    if (winner.executable() == loser.executable()) {
      return winner.executable();
    }
    return winner.executable() != base.executable() ? winner.executable() : loser.executable();
  }

  /**
   * A path that is a file in the result while another result path lies under it cannot exist on
   * disk: the file moves to a conflict copy named after the side it came from.
   */
  private static void moveFilesOutOfDirectories(Map<RelativePath, FileVersion> result,
      List<MergePlan.TextMerge> textMerges, MergeSide a, MergeSide b,
      Set<RelativePath> taken, List<MergePlan.Conflict> conflicts) {
    MergeSide winner = a.beats(b) ? a : b;
    MergeSide loser = winner == a ? b : a;
    Set<RelativePath> all = new TreeSet<>(result.keySet());
    textMerges.forEach(t -> all.add(t.path()));
    Set<String> directories = new TreeSet<>();
    for (RelativePath p : all) {
      String v = p.value();
      for (int i = v.indexOf('/'); i >= 0; i = v.indexOf('/', i + 1)) {
        directories.add(v.substring(0, i));
      }
    }
    for (RelativePath p : new ArrayList<>(result.keySet())) {
      if (directories.contains(p.value())) {
        FileVersion file = result.remove(p);
        MergeSide from = file.equals(winner.files().get(p)) ? winner : loser;
        MergeSide.Edit edit = from.editOf(p);
        RelativePath copy = copyName(p, edit, file, a, b, taken);
        result.put(copy, file);
        conflicts.add(MergePlan.Conflict.of(p, copy, edit.node()));
      }
    }
  }

  /**
   * Whether the version {@code x} of one side beats the version {@code y} of the other: the later
   * edit, then the greater node id, then the greater content id. It depends on the two versions
   * alone, so the same version stays whichever merges a node makes first.
   */
  private static boolean laterEdit(MergeSide.Edit xEdit, FileVersion x, MergeSide.Edit yEdit, FileVersion y) {
    int byTime = xEdit.time().compareTo(yEdit.time());
    if (byTime != 0) {
      return byTime > 0;
    }
    int byNode = xEdit.node().compareTo(yEdit.node());
    if (byNode != 0) {
      return byNode > 0;
    }
    return x.contentId().compareTo(y.contentId()) > 0;
  }

  /**
   * The conflict copy for {@code version} of {@code path}, named after its edit: the name an
   * earlier merge already kept this very version under, else the first free one.
   */
  private static RelativePath copyName(RelativePath path, MergeSide.Edit edit, FileVersion version,
      MergeSide a, MergeSide b, Set<RelativePath> taken) {
    for (int n = 1; ; n++) {
      RelativePath candidate = ConflictCopies.name(path, edit.node(), edit.time(), n);
      if (version.sameContent(a.files().get(candidate)) || version.sameContent(b.files().get(candidate))
          || taken.add(candidate)) {
        return candidate;
      }
    }
  }

  private static void putIfPresent(Map<RelativePath, FileVersion> result, RelativePath path, FileVersion v) {
    if (v != null) {
      result.put(path, v);
    }
  }
}
