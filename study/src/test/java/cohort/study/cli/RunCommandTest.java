package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cohort run}, {@code status} and {@code merge} on bad input: one clear message, exit 2, nothing written. */
class RunCommandTest {

  @TempDir Path dir;



  @ParameterizedTest
  @ValueSource(strings = {
      "study: x\ngrid: {task: flipflop, architecture: gru, units: 0}\n",
      "study: x\ngrid: {task: flipflop, architecture: gpt}\n",
      "study: x\ngrid: {task: flipflop, architecture: gru}\ntraining: {lr: -1}\n",
      "study: x\ngrid: {task: nosuch, architecture: gru}\n",
      "study: x\ngrid: {task: flipflop, architecture: gru}\nextra: 1\n",
      "not: [valid\n"})
  void aBadSpecIsRejectedWithExitTwoAndNothingWritten(String text) throws Exception {
    Path spec = dir.resolve("bad.yaml");
    Files.writeString(spec, text);
    Path out = dir.resolve("out");
    Cli.Outcome o = cohort("run", spec.toString(), "--out", out.toString(), "--workers", "1");
    assertEquals(2, o.exit(), o.err());
    assertTrue(o.err().startsWith("cohort: " + spec), o.err());
    assertFalse(Files.exists(out), "the study directory was created for a bad spec");
  }

  @Test
  void badOptionsAreRejected() throws Exception {
    Path spec = dir.resolve("ok.yaml");
    Files.writeString(spec, "study: x\ngrid: {task: flipflop, architecture: gru}\n");
    Cli.Outcome shard = cohort("run", spec.toString(), "--out", dir.resolve("o").toString(), "--shard", "3/2");
    assertEquals(2, shard.exit());
    assertTrue(shard.err().contains("--shard: got '3/2'; accepted: i/n with 0 <= i < n"), shard.err());
    Cli.Outcome workers = cohort("run", spec.toString(), "--out", dir.resolve("o").toString(), "--workers", "0");
    assertEquals(2, workers.exit());
    assertTrue(workers.err().contains("--workers: got 0"), workers.err());
    assertFalse(Files.exists(dir.resolve("o")));
    Cli.Outcome missing = cohort("run", dir.resolve("nothere.yaml").toString(), "--out", dir.resolve("o").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("nothere.yaml: no such file"), missing.err());
  }

  @Test
  void statusAndMergeNeedAStudyDirectory() {
    Cli.Outcome status = cohort("status", dir.toString());
    assertEquals(2, status.exit());
    assertTrue(status.err().contains("is not a study directory"), status.err());
    Cli.Outcome merge = cohort("merge", dir.toString());
    assertEquals(2, merge.exit());
    assertTrue(merge.err().contains("is not a study directory"), merge.err());
  }

  @Test
  void aDirectoryHoldingAnotherStudyIsNotMixedIn() throws Exception {
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, "study: a\ngrid: {task: flipflop, architecture: gru, units: 4}\ntraining: {iterations: 2, "
        + "batch: 2}\nanalysis: {fixed_points: false, probe_trials: 0}\n");
    Path out = dir.resolve("study");
    assertEquals(0, cohort("run", a.toString(), "--out", out.toString(), "--workers", "1").exit());
    Path b = dir.resolve("b.yaml");
    Files.writeString(b, "study: b\ngrid: {task: flipflop, architecture: lstm, units: 4}\n");
    Cli.Outcome o = cohort("run", b.toString(), "--out", out.toString());
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("holds another study"), o.err());
  }

  /**
   * A training override reaches the runs it names and only those: {@code --dry-run} lists each run's values, and
   * each stored run trained for, and records in its provenance, its own number of iterations.
   */
  @Test
  void aTrainingOverrideTrainsTheCellsItNamesWithItsValues() throws Exception {
    Path spec = dir.resolve("o.yaml");
    Files.writeString(spec, "study: o\ngrid: {task: {flipflop: {bits: 2, steps: 10}}, architecture: [vanilla, gru], "
        + "units: 4}\ntraining: {iterations: 2, batch: 2, overrides: [{when: {architecture: gru}, iterations: 3}]}\n"
        + "analysis: {fixed_points: false, probe_trials: 0}\n");
    Cli.Outcome dry = cohort("run", spec.toString(), "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("flipflop-gru-tanh-n4-normal1-s0  seed="), dry.out());
    assertTrue(dry.out().lines().anyMatch(l -> l.startsWith("flipflop-gru") && l.contains("iterations=3")),
        dry.out());
    assertTrue(dry.out().lines().anyMatch(l -> l.startsWith("flipflop-vanilla") && l.contains("iterations=2")),
        dry.out());
    Path out = dir.resolve("o");
    Cli.Outcome run = cohort("run", spec.toString(), "--out", out.toString(), "--workers", "1");
    assertEquals(0, run.exit(), run.err());
    for (String arch : new String[] {"vanilla", "gru"}) {
      int expected = arch.equals("gru") ? 3 : 2;
      try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(out.resolve("runs/flipflop-" + arch + "-tanh-n4-normal1-s0.h5"))) {
        assertEquals(expected, ((Number) f.getAttribute("iterations").getData()).intValue(), arch);
        String provenance = (String) f.getAttribute("spec").getData();
        assertTrue(provenance.contains("\"iterations\":" + expected + ","), provenance);
      }
    }
  }
}
