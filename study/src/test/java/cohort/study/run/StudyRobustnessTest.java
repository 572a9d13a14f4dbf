package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.json.Json;
import cohort.study.store.StudyMerger;
import cohort.study.wiring.Studies;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study directory under the mishaps of real use: a damaged run file, two {@code cohort run} processes on one
 * directory, a shard that is only part of the study, and a study run twice. Each test failed before the
 * behaviour it checks existed.
 */
class StudyRobustnessTest {

  /** Four tiny networks, quick to train, with a geometry comparison. */
  static final String SMALL = """
      study: small
      seed: 2
      grid:
        task: {flipflop: {bits: 2, steps: 20}}
        architecture: [vanilla, gru]
        units: 6
        seeds: 2
      training: {iterations: 10, batch: 8, validate_every: 5, validation_batches: 1}
      analysis: {untrained: false, initial_states: 8, probe_trials: 4}
      comparisons: {metrics: [cka], separability: [architecture], permutations: 5}
      """;

  @TempDir Path tmp;

  private static Studies studies(ByteArrayOutputStream progress) {
    return Studies.create(new PrintStream(progress, true, StandardCharsets.UTF_8), false);
  }

  private Path spec() throws Exception {
    return StudyFixtures.writeSpec(tmp, SMALL);
  }

  @Test
  void aDamagedRunFileIsNamedMovedAsideAndTrainedAgain() throws Exception {
    Path spec = spec();
    Path out = tmp.resolve("study");
    studies(new ByteArrayOutputStream()).run(spec, out, 2, 0, 1);
    Path victim;
    try (Stream<Path> files = Files.list(out.resolve("runs"))) {
      victim = files.filter(p -> p.toString().endsWith(".h5")).sorted().findFirst().orElseThrow();
    }
    byte[] whole = Files.readAllBytes(victim);
    Files.write(victim, Arrays.copyOf(whole, whole.length / 2));
    String id = victim.getFileName().toString().replace(".h5", "");

    // status names it and does not count it as done
    Studies.Status status = studies(new ByteArrayOutputStream()).status(out);
    assertEquals(3, status.finished().size());
    assertEquals(1, status.damaged().size());
    assertTrue(status.damaged().get(0).startsWith(id + ": truncated"), status.damaged().toString());

    // merge refuses in one line naming the file, or leaves it out when asked
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> studies(new ByteArrayOutputStream()).merge(out, 1, StudyMerger.Options.defaults()));
    assertTrue(refused.getMessage().contains(victim.toString()) && refused.getMessage().contains("truncated"),
        refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"));
    StudyMerger.Summary skipped = studies(new ByteArrayOutputStream()).merge(out, 1,
        new StudyMerger.Options(StudyMerger.Comparisons.WHEN_COMPLETE, true));
    assertEquals(List.of(id), skipped.damaged());
    assertFalse(skipped.complete());

    // run moves it aside, says so, trains it again, and the study is whole
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Studies.RunSummary again = studies(progress).run(spec, out, 2, 0, 1);
    assertEquals(List.of(id), again.runs().damaged());
    assertEquals(1, again.runs().completed() + again.runs().failed());
    assertTrue(progress.toString(StandardCharsets.UTF_8).contains("moved to " + id + ".h5.damaged"),
        progress.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(out.resolve("runs").resolve(id + ".h5.damaged")));
    assertSameWeights(whole, Files.readAllBytes(victim));
    assertTrue(again.merge().complete());
    assertEquals(1, studies(new ByteArrayOutputStream()).status(out).setAside().size());
  }

  /** The retrained run's weights are bit-identical to the first training's (run files also hold wall times). */
  private static void assertSameWeights(byte[] first, byte[] again) {
    try (HdfFile a = HdfFile.fromBytes(first); HdfFile b = HdfFile.fromBytes(again)) {
      Group wa = (Group) a.getChild("weights");
      Group wb = (Group) b.getChild("weights");
      assertEquals(wa.getChildren().keySet(), wb.getChildren().keySet());
      for (String name : wa.getChildren().keySet()) {
        float[][] x = (float[][]) ((io.jhdf.api.Dataset) wa.getChild(name)).getData();
        float[][] y = (float[][]) ((io.jhdf.api.Dataset) wb.getChild(name)).getData();
        assertTrue(Arrays.deepEquals(x, y), "weights " + name + " differ after retraining");
      }
    }
  }

  @Test
  void twoProcessesOnOneDirectoryNeverTrainARunTwice() throws Exception {
    Path spec = spec();
    Path out = tmp.resolve("shared");
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(new ProcessBuilder(javaCommand("run", spec.toString(), "--out", out.toString(), "--workers", "1"))
          .redirectErrorStream(false).redirectOutput(tmp.resolve("p" + i + ".out").toFile())
          .redirectError(tmp.resolve("p" + i + ".err").toFile()).start());
    }
    for (Process p : processes) {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a cohort run process did not finish");
      assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("p" + processes.indexOf(p) + ".err")));
    }
    int trained = 0;
    for (int i = 0; i < 2; i++) {
      String text = Files.readString(tmp.resolve("p" + i + ".out"));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) trained now").matcher(text);
      assertTrue(m.find(), text);
      trained += Integer.parseInt(m.group(1));
    }
    assertEquals(4, trained, "every run trained exactly once across the two processes");
    try (Stream<Path> files = Files.list(out.resolve("runs"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(4, names.stream().filter(n -> n.endsWith(".h5")).count(), names.toString());
      assertEquals(0, names.stream().filter(n -> n.endsWith(".claim") || n.endsWith(".tmp")).count(),
          "no claim or temporary file is left: " + names);
    }
    // whichever finished last saw the whole study and compared it
    try (HdfFile h5 = new HdfFile(out.resolve("study.h5"))) {
      assertEquals(1, ((Number) h5.getAttribute("complete").getData()).intValue());
      assertTrue(h5.getByPath("/comparisons/cka/flipflop") instanceof Group);
    }
  }

  @Test
  void aShardSaysTheStudyIsIncompleteAndComparesNothingUntilItIs() throws Exception {
    Path spec = spec();
    Path out = tmp.resolve("sharded");
    Studies.RunSummary first = studies(new ByteArrayOutputStream()).run(spec, out, 1, 0, 2);
    assertEquals(2, first.runs().total());
    assertFalse(first.merge().complete());
    assertEquals(2, first.merge().missing().size());
    assertEquals(0, first.merge().comparisons());
    try (HdfFile h5 = new HdfFile(out.resolve("study.h5"))) {
      assertEquals(0, ((Number) h5.getAttribute("complete").getData()).intValue());
      assertEquals(2, ((Number) h5.getAttribute("runs_missing").getData()).intValue());
      assertEquals(4, ((Number) h5.getAttribute("runs_expected").getData()).intValue());
      assertTrue(String.valueOf(h5.getAttribute("incomplete").getData()).contains("no population comparisons"));
      assertNull(h5.getChild("comparisons"));
    }
    Studies.Status status = studies(new ByteArrayOutputStream()).status(out);
    assertEquals(2, status.missing().size());

    // analyze compares the runs present when asked, and marks the file
    StudyMerger.Summary asked = studies(new ByteArrayOutputStream()).merge(out, 1,
        new StudyMerger.Options(StudyMerger.Comparisons.ALWAYS, false));
    assertTrue(asked.comparisons() > 0);
    try (HdfFile h5 = new HdfFile(out.resolve("study.h5"))) {
      assertEquals(0, ((Number) h5.getAttribute("complete").getData()).intValue());
      assertTrue(String.valueOf(h5.getAttribute("incomplete").getData()).contains("as asked"));
    }

    Studies.RunSummary second = studies(new ByteArrayOutputStream()).run(spec, out, 1, 1, 2);
    assertTrue(second.merge().complete());
    assertTrue(second.merge().comparisons() > 0);
  }

  @Test
  void aStudyRunTwiceRecomputesNothingAndEveryPopulationGroupCarriesItsProvenance() throws Exception {
    Path spec = spec();
    Path out = tmp.resolve("twice");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Studies.RunSummary first = studies(progress).run(spec, out, 2, 0, 1);
    String lines = progress.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("cka flipflop (4 networks): 6/6 pairs"), "the comparisons show progress: " + lines);
    assertTrue(lines.contains("reading run files: 4/4"), lines);
    assertEquals(0, first.merge().reused());

    Studies.RunSummary second = studies(new ByteArrayOutputStream()).run(spec, out, 2, 0, 1);
    assertTrue(second.merge().upToDate(), "nothing changed, so study.h5 is left as it is");

    // one run file rewritten with the same contents (a retrain gives the same bits): the matrix is reused
    Path any;
    try (Stream<Path> files = Files.list(out.resolve("runs"))) {
      any = files.filter(p -> p.toString().endsWith(".h5")).findFirst().orElseThrow();
    }
    Files.setLastModifiedTime(any, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    ByteArrayOutputStream third = new ByteArrayOutputStream();
    StudyMerger.Summary merged = studies(third).merge(out, 1, StudyMerger.Options.defaults());
    assertFalse(merged.upToDate());
    assertEquals(merged.comparisons(), merged.reused(), third.toString(StandardCharsets.UTF_8));
    assertTrue(third.toString(StandardCharsets.UTF_8).contains("unchanged since the last consolidation"));

    try (HdfFile h5 = new HdfFile(out.resolve("study.h5"))) {
      for (String path : List.of("/comparisons/cka/flipflop", "/embeddings/cka/flipflop",
          "/separability/cka/flipflop/architecture/gru_vs_vanilla")) {
        Node g = h5.getByPath(path);
        for (String attribute : List.of("spec", "cohort_version", "options", "created")) {
          assertTrue(g.getAttribute(attribute) != null, path + " has no '" + attribute + "'");
        }
        String options = String.valueOf(g.getAttribute("options").getData());
        assertTrue(options.startsWith("{") && options.endsWith("}"), options);
      }
      String separability = String.valueOf(h5.getByPath("/separability/cka/flipflop/architecture/gru_vs_vanilla")
          .getAttribute("options").getData());
      assertTrue(separability.contains("\"permutations\":5"), "derived from the options record: " + separability);
      String spec0 = String.valueOf(h5.getAttribute("spec").getData());
      assertTrue(spec0.contains("\"params\":{\"bits\":2,\"steps\":20}"), "task parameters keep their types: " + spec0);
      Node embedding = h5.getByPath("/embeddings/cka/flipflop");
      double kept = ((Number) embedding.getAttribute("kept_fraction").getData()).doubleValue();
      assertTrue(kept > 0 && kept <= 1 + 1e-12, "kept fraction " + kept);
      assertTrue(embedding.getAttribute("negative_mass") != null);
    }
    assertEquals("{\"a_b\":1}", Json.write(Json.describe(new Sample(1))));
  }

  private record Sample(int aB) {}

  /** The command line of a {@code cohort} process running from this test's class path. */
  static List<String> javaCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "cohort.study.cli.CohortCommand"));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
