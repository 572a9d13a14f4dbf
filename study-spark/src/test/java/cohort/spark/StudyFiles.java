package cohort.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The engine tests' study and what they check in a study directory (they write specs and compare study files with
 * the study module's {@link cohort.study.run.StudyFixtures}).
 */
final class StudyFiles {

  private StudyFiles() {}

  /** A tiny study: 2 architectures x {@code seeds} seeds of a 2-bit flip-flop, with a geometry and a dynamics metric. */
  static String spec(int seeds, int iterations) {
    return """
        study: engines
        seed: 2
        grid:
          task: {flipflop: {bits: 2, steps: 20}}
          architecture: [vanilla, gru]
          units: 6
          seeds: %d
        training: {iterations: %d, batch: 8, validate_every: 5, validation_batches: 1}
        analysis: {untrained: false, initial_states: 8, probe_trials: 4}
        comparisons: {metrics: [cka, dsa], separability: [architecture], permutations: 5}
        """.formatted(seeds, iterations);
  }

  /** Every file of {@code DIR/runs}: exactly {@code runs} run files, and no claim or temporary file left. */
  static void assertEveryRunOnce(Path dir, int runs) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    assertEquals(runs, names.stream().filter(n -> n.endsWith(".h5") && !n.startsWith(".")).count(), names::toString);
    assertEquals(runs, names.size(), () -> "only run files are left: " + names);
    try (HdfFile h5 = new HdfFile(dir.resolve("study.h5"))) {
      assertEquals(runs, ((Group) h5.getChild("runs")).getChildren().size());
    }
  }

  /** Run files in {@code DIR/runs} now. */
  static int count(Path dir) throws IOException {
    Path runs = dir.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(runs)) {
      return (int) files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".h5") && !n.startsWith("."))
          .count();
    }
  }
}
