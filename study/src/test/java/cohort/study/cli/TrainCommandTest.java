package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.NetworkFile;
import cohort.models.cells.Gru;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

  @TempDir Path dir;



  private List<String> tiny(Path file, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--task", "flipflop", "--arch", "gru", "--units", "8",
        "--seed", "3", "--batch", "4", "--iterations", "4", "--validate-every", "2", "--out", file.toString()));
    a.addAll(List.of(extra));
    return a;
  }

  @Test
  void aTinyRunWritesAReadableFile() {
    Path file = dir.resolve("gru.h5");
    Cli.Outcome o = cohort(tiny(file).toArray(String[]::new));
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.err().contains("iteration 2/4"), o.err());
    assertTrue(o.err().contains("iteration 4/4"), o.err());
    assertTrue(o.out().startsWith("gru tanh N=8 on flipflop: completed after 4 iterations"), o.out());
    assertEquals(1, o.out().lines().count(), o.out());
    NetworkFile.Contents c = NetworkFile.read(file);
    assertEquals(Gru.CELL, c.network().spec().architecture());
    assertEquals(8, c.network().spec().hidden());
    assertEquals("completed", c.status());
    assertArrayEquals(new int[] {2, 4}, c.curves().iteration());
    assertTrue(c.specJson().contains("\"seed\":3"), c.specJson());
  }

  @Test
  void theInputInitialiserIsUsedAndNamedInTheProvenance() {
    Path plain = dir.resolve("plain.h5");
    Path glorot = dir.resolve("glorot.h5");
    assertEquals(0, cohort(tiny(plain).toArray(String[]::new)).exit());
    Cli.Outcome o = cohort(tiny(glorot, "--input-init", "glorot").toArray(String[]::new));
    assertEquals(0, o.exit(), o.err());
    assertFalse(NetworkFile.read(plain).specJson().contains("input_init"), NetworkFile.read(plain).specJson());
    assertTrue(NetworkFile.read(glorot).specJson().contains("\"input_init\":\"glorot\""),
        NetworkFile.read(glorot).specJson());
    assertFalse(java.util.Arrays.equals(NetworkFile.read(plain).network().parameters(),
        NetworkFile.read(glorot).network().parameters()), "another start, another network");
  }

  /**
   * {@code --rollbacks}: the allowance is named in the provenance and the rollbacks used are stored; a run that
   * keeps diverging (plain SGD at rate 1e30) fails once they are spent and says after how many.
   */
  @Test
  void rollbacksAreNamedInTheProvenanceAndCountedInTheFile() throws Exception {
    Path calm = dir.resolve("calm.h5");
    Path diverging = dir.resolve("diverging.h5");
    assertEquals(0, cohort(tiny(calm, "--rollbacks", "3").toArray(String[]::new)).exit());
    assertTrue(NetworkFile.read(calm).specJson().contains("\"rollbacks\":3"), NetworkFile.read(calm).specJson());
    try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(calm)) {
      assertEquals(0, ((Number) h.getAttribute("rollbacks").getData()).intValue());
    }
    Cli.Outcome f = cohort("train", "--task", "flipflop", "--arch", "gru", "--units", "8", "--seed", "3", "--batch",
        "4", "--optimizer", "sgd", "--lr", "1e30", "--clip", "0", "--iterations", "20", "--validate-every", "4",
        "--rollbacks", "2", "--out", diverging.toString());
    assertEquals(1, f.exit(), f.out());
    assertTrue(f.out().contains("(after 2 rollbacks)"), f.out());
    assertTrue(f.err().matches("(?s).*rollback 1/2: (loss|gradient norm) became \\S+ at iteration \\d+; back to "
        + "iteration 0.*rollback 2/2: .*"), f.err());
    try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(diverging)) {
      assertEquals(2, ((Number) h.getAttribute("rollbacks").getData()).intValue());
    }
    Path plain = dir.resolve("plain.h5");
    assertEquals(0, cohort(tiny(plain).toArray(String[]::new)).exit());
    assertFalse(NetworkFile.read(plain).specJson().contains("rollbacks"), "other runs keep their provenance");
    assertArrayEquals(NetworkFile.read(plain).network().parameters(), NetworkFile.read(calm).network().parameters(),
        "a run that never diverges is the same with rollbacks allowed");
  }

  @Test
  void sameSeedGivesTheSameFileContents() {
    Path a = dir.resolve("a.h5");
    Path b = dir.resolve("b.h5");
    assertEquals(0, cohort(tiny(a).toArray(String[]::new)).exit());
    assertEquals(0, cohort(tiny(b).toArray(String[]::new)).exit());
    assertArrayEquals(NetworkFile.read(a).network().parameters(), NetworkFile.read(b).network().parameters());
  }

  @Test
  void aDivergingRunIsRecordedAsFailedWithExitStatusOne() {
    Path file = dir.resolve("diverged.h5");
    Cli.Outcome o = cohort(tiny(file, "--optimizer", "sgd", "--lr", "1e30", "--clip", "0").toArray(String[]::new));
    assertEquals(1, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("failed ("), o.out());
    NetworkFile.Contents c = NetworkFile.read(file);
    assertEquals("failed", c.status());
    assertTrue(c.reason().matches("(loss|gradient norm) became (NaN|Infinity) at iteration \\d+"), c.reason());
  }

  @Test
  void badArchitectureExitsTwoWithOneLineAndNoFile() {
    assertRefused(new String[] {"--arch", "transformer"}, "architecture: unknown value 'transformer'");
  }

  /** An output that cannot be written is refused before any training (no progress line was printed). */
  @Test
  void anUnwritableOutputIsRefusedBeforeTraining() throws IOException {
    Path plain = dir.resolve("plain");
    Files.writeString(plain, "x");
    for (String target : List.of("/proc/cohort-net.h5", plain.resolve("net.h5").toString(), dir.toString())) {
      List<String> args = tiny(dir.resolve("unused.h5"));
      args.set(args.indexOf("--out") + 1, target);
      args.set(args.indexOf("--iterations") + 1, "500");
      Cli.Outcome o = cohort(args.toArray(String[]::new));
      assertEquals(2, o.exit(), o.err());
      assertFalse(o.err().contains("iteration "), "refused before training: " + o.err());
      assertEquals(1, o.err().lines().count(), o.err());
      assertTrue(o.err().startsWith("cohort: --out " + target), o.err());
    }
  }

  @Test
  void badUnitsExitTwoWithNoFile() {
    assertRefused(new String[] {"--units", "0"}, "--units: 0 is not accepted");
  }

  @Test
  void badTaskParameterExitsTwoWithNoFile() {
    assertRefused(new String[] {"--param", "no-such-parameter=1"}, "no-such-parameter");
  }

  @Test
  void anUnknownInputInitialiserIsRefused() {
    assertRefused(new String[] {"--input-init", "keras"},
        "--input-init: unknown value 'keras'; accepted: normal, orthogonal, identity, glorot, uniform");
  }

  @Test
  void alphaOnADiscreteCellIsRefused() {
    assertRefused(new String[] {"--alpha", "0.5"}, "alpha");
  }

  /**
   * A one-step, one-bit flip-flop (two kinds of trial), which a GRU learns to 100 % in a few dozen updates, trained
   * into {@code name} in the test's directory (exit status 0) and read back.
   */
  private NetworkFile.Contents trivialRun(String name, String targetAccuracy) {
    Path file = dir.resolve(name);
    Cli.Outcome o = cohort("train", "--task", "flipflop", "--param", "bits=1", "--param", "steps=1", "--arch", "gru",
        "--units", "8", "--seed", "4", "--batch", "8", "--iterations", "300", "--lr", "0.05", "--validate-every", "5",
        "--target-accuracy", targetAccuracy, "--out", file.toString());
    assertEquals(0, o.exit(), o.err());
    return NetworkFile.read(file);
  }

  @Test
  void targetAccuracyOneStopsAtTheFirstValidationAtOneHundredPercent() {
    NetworkFile.Contents c = trivialRun("one.h5", "1");
    assertEquals("stopped_early", c.status(), c.reason());
    assertTrue(c.reason().startsWith("validation accuracy 1.000 reached the target 1.0"), c.reason());
    double[] accuracy = c.curves().validationAccuracy();
    assertEquals(1.0, accuracy[accuracy.length - 1]);
    for (int i = 0; i < accuracy.length - 1; i++) {
      assertTrue(accuracy[i] < 1.0, "validation " + i + " was already at 100 %");
    }
    assertTrue(c.curves().iteration()[accuracy.length - 1] < 300);
  }

  @Test
  void targetAccuracyZeroNeverStops() {
    NetworkFile.Contents c = trivialRun("zero.h5", "0");
    assertEquals("completed", c.status(), c.reason());
    int[] iteration = c.curves().iteration();
    assertEquals(300, iteration[iteration.length - 1]);
    double[] accuracy = c.curves().validationAccuracy();
    assertEquals(1.0, accuracy[accuracy.length - 1], "the task is learnt, and training went on regardless");
  }

  @Test
  void targetAccuracyAboveOneIsRefused() {
    assertRefused(new String[] {"--target-accuracy", "1.5"},
        "--target-accuracy got 1.5; accepted: A in (0, 1] to stop at the first validation whose accuracy is >= A, "
            + "or 0 to never stop early");
  }

  @Test
  void helpStatesWhatTargetAccuracyMeans() {
    String help = cohort("train", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("Stop at the first validation whose accuracy is >= A, for A in (0, 1] (1 = stop at "
        + "100 %); 0 = never stop early (default: 0)"), help);
  }

  @Test
  void helpExplainsEveryOption() {
    Cli.Outcome o = cohort("train", "--help");
    assertEquals(0, o.exit());
    for (String opt : List.of("--task", "--param", "--arch", "--activation", "--units", "--init", "--gain", "--input-init", "--seed",
        "--batch", "--iterations", "--lr", "--optimizer", "--clip", "--alpha", "--dale", "--rank", "--loss",
        "--target-accuracy", "--out")) {
      assertTrue(o.out().contains(opt), opt + " missing from help:\n" + o.out());
    }
    assertTrue(o.out().contains("default: 64"), o.out());
  }

  private void assertRefused(String[] override, String expected) {
    Path file = dir.resolve("refused.h5");
    List<String> args = tiny(file);
    Cli.setOptions(args, override);
    Cli.Outcome o = cohort(args.toArray(String[]::new));
    assertEquals(2, o.exit(), o.out() + o.err());
    assertTrue(o.err().startsWith("cohort: "), o.err());
    assertTrue(o.err().contains(expected), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertFalse(Files.exists(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "nothing is left in the output directory");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
