package cohort.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Cohort's packages form no cycle, in any module: a package that uses another is never used by it, directly or
 * through others, so each can be read, tested and reused from the bottom up. The graph comes from the code of the
 * sources (imports and fully qualified names of {@code cohort.*} types; comments, where Javadoc links point
 * anywhere, are left out). One kind of pair is allowed: a registry and the catalogue it lists
 * ({@code cohort.tasks.TaskRegistry} registers {@code cohort.tasks.catalog}, whose tasks implement
 * {@code cohort.tasks.Task}; {@code cohort.models.CellRegistry} and {@code cohort.models.cells} likewise): that is
 * the "one file and one registry line" extension point itself.
 */
class PackageCyclesTest {

  /** The allowed registry-and-catalogue pairs. */
  private static final Set<Set<String>> REGISTRY_AND_CATALOGUE = Set.of(Set.of("cohort.tasks", "cohort.tasks.catalog"),
      Set.of("cohort.models", "cohort.models.cells"));

  private static final Pattern REFERENCE = Pattern.compile("\\b(cohort(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Map<String, Set<String>> uses = new TreeMap<>();
    int files = 0;
    for (String module : List.of("models", "tasks", "training", "analysis", "io", "study")) {
      Path src = root.resolve(module).resolve("src/main/java");
      try (Stream<Path> walk = Files.walk(src)) {
        for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
          String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
          Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(text);
          if (!pkg.find()) {
            continue;
          }
          String self = pkg.group(1);
          Set<String> out = uses.computeIfAbsent(self, k -> new TreeSet<>());
          Matcher m = REFERENCE.matcher(text);
          while (m.find()) {
            if (!m.group(1).equals(self)) {
              out.add(m.group(1));
            }
          }
          files++;
        }
      }
    }
    assertTrue(files > 100, "read " + files + " source files");
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = cycleThrough(start, uses);
      if (path != null) {
        cycles.add(String.join(" -> ", path));
      }
    }
    cycles.removeIf(c -> REGISTRY_AND_CATALOGUE.contains(Set.copyOf(List.of(c.split(" -> ")))));
    assertEquals(List.of(), cycles, "package cycles");
  }

  /** A path start -> ... -> start, or null. */
  private static List<String> cycleThrough(String start, Map<String, Set<String>> uses) {
    List<String> path = new ArrayList<>();
    path.add(start);
    return search(start, start, uses, path, new TreeSet<>());
  }

  private static List<String> search(String start, String at, Map<String, Set<String>> uses, List<String> path,
      Set<String> seen) {
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (uses.containsKey(next) && seen.add(next)) {
        path.add(next);
        List<String> found = search(start, next, uses, path, seen);
        if (found != null) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }
}
