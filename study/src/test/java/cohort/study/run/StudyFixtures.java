package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the runner's tests (and the Spark engine's, through this module's test jar) share: a small but complete
 * study spec (2 tasks x 2 architectures x 2 seeds = 8 networks), writing a spec, and comparing study files.
 */
public final class StudyFixtures {

  private StudyFixtures() {}

  static final String TINY = """
      study: tiny
      seed: 3
      grid:
        task:
          - flipflop: {bits: 2, steps: 30}
          - xor: {dt: 5}
        architecture: [vanilla, gru]
        activation: tanh
        units: 8
        init: {kind: orthogonal, gain: 1.0}
        seeds: 2
      training:
        iterations: 40
        batch: 16
        lr: 0.01
        validate_every: 20
        validation_batches: 1
      analysis:
        untrained: true
        initial_states: 24
        probe_trials: 6
      comparisons:
        metrics: [cka, svcca, procrustes, dsa]
        separability: [architecture, trained]
        permutations: 20
      """;

  /** Writes {@code text} as {@code DIR/spec-in.yaml}; that path. */
  public static Path writeSpec(Path dir, String text) throws IOException {
    Path spec = dir.resolve("spec-in.yaml");
    Files.writeString(spec, text);
    return spec;
  }

  /**
   * Runs the Python {@code script} (h5py's view of a study file) with {@code file} as its argument: it must exit 0
   * within two minutes and print {@code ok}.
   */
  static void assertPythonOk(String script, Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("ok"), text);
  }

  /**
   * Both files hold the same datasets with the same contents, bit for bit (attributes such as wall times and hosts
   * differ by nature and are not compared); names the first that differs.
   */
  public static void assertSameDatasets(Path a, Path b) {
    Map<String, String> x = datasets(a);
    Map<String, String> y = datasets(b);
    assertFalse(x.isEmpty());
    assertEquals(x.keySet(), y.keySet());
    for (String k : x.keySet()) {
      assertTrue(x.get(k).equals(y.get(k)), () -> "dataset " + k + " differs");
    }
  }

  /** Every dataset of a file, by path, with its contents as text. */
  private static Map<String, String> datasets(Path file) {
    Map<String, String> out = new TreeMap<>();
    try (HdfFile h5 = new HdfFile(file)) {
      collect(h5, out);
    }
    return out;
  }

  private static void collect(Group g, Map<String, String> out) {
    for (Node n : g.getChildren().values()) {
      if (n instanceof Dataset d) {
        out.put(d.getPath(), Arrays.deepToString(new Object[] {d.getData()}));
      } else if (n instanceof Group child) {
        collect(child, out);
      }
    }
  }
}
