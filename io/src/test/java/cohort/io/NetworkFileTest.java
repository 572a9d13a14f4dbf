package cohort.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ParameterBlock;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.Lstm;
import cohort.tasks.TaskParameters;
import cohort.training.Trainer;
import cohort.training.TrainingCurves;
import cohort.training.TrainingResult;
import cohort.training.TrainingResult.Status;
import cohort.training.TrainingResult.StopRule;
import cohort.training.TrainingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkFileTest {

  @TempDir Path dir;

  private static TrainingRun run(NetworkSpec spec) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("bits", 3.0);
    p.put("pulse-probability", 0.05);
    return new TrainingRun("flipflop", TaskParameters.of(p), spec, TrainingSpec.defaults().withSeed(7));
  }

  private static TrainingResult result() {
    TrainingCurves c = new TrainingCurves(new int[] {100, 200}, new double[] {0.5, 0.25},
        new double[] {0.4, 0.2}, new double[] {0.8, 0.96});
    return new TrainingResult(Status.STOPPED_EARLY, StopRule.TARGET_ACCURACY, "validation accuracy 0.96 reached",
        200, c, 1.25);
  }

  /** A network file a test wrote: its path and the network in it. */
  private record Written(Path file, Network net) {}

  /**
   * Initialises a network of {@code spec} from {@code seed} and writes it to {@code name} in the test's directory,
   * with {@link #run} and {@link #result}.
   */
  private Written write(String name, NetworkSpec spec, long seed) throws IOException {
    Network net = Trainer.initialize(spec, seed);
    Path file = dir.resolve(name);
    NetworkFile.write(file, run(spec), net, result());
    return new Written(file, net);
  }

  /** Standard output of {@code script} run by Python 3 with the file as its argument, trimmed. */
  private static String python(String script, Path file) throws Exception {
    return runProcess(List.of("/usr/bin/python3", "-c", script, file.toString())).trim();
  }

  @Test
  void roundTripKeepsEveryParameterAndTheRecord() throws IOException {
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 8, 3);
    Written w = write("gru.h5", spec, 11);
    NetworkFile.Contents back = NetworkFile.read(w.file());
    assertEquals(spec, back.network().spec());
    assertArrayEquals(w.net().parameters(), back.network().parameters());
    assertEquals(run(spec).toJson(), back.specJson());
    assertEquals("stopped_early", back.status());
    assertEquals("validation accuracy 0.96 reached", back.reason());
    assertEquals(200, back.iterations());
    assertEquals(result().curves(), back.curves());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(w.file()), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void writesAFailedRunWithoutCurvesAndReplacesAnExistingFile() throws IOException {
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.CTRNN, Activation.RELU, 2, 5, 1);
    Network net = Trainer.initialize(spec, 1);
    Path file = dir.resolve("failed.h5");
    Files.writeString(file, "old content");
    TrainingCurves none = new TrainingCurves(new int[0], new double[0], new double[0], new double[0]);
    NetworkFile.write(file, run(spec), net,
        new TrainingResult(Status.FAILED, StopRule.NONE, "loss became NaN at iteration 1", 0, none, 0.01));
    NetworkFile.Contents back = NetworkFile.read(file);
    assertEquals("failed", back.status());
    assertEquals("loss became NaN at iteration 1", back.reason());
    assertEquals(0, back.curves().size());
    assertArrayEquals(net.parameters(), back.network().parameters());
  }

  @Test
  void specJsonIsCanonical() {
    NetworkSpec spec = NetworkSpec.of(Lstm.CELL, Activation.TANH, 3, 4, 3);
    String json = run(spec).toJson();
    assertTrue(json.startsWith("{\"task\":{\"name\":\"flipflop\",\"parameters\":{\"bits\":3,\"pulse-probability\":0.05}},"
        + "\"network\":{\"architecture\":\"lstm\",\"activation\":\"tanh\",\"inputs\":3,\"hidden\":4,\"outputs\":3,"), json);
    assertTrue(json.contains("\"training\":{\"iterations\":2000,\"batch\":64,\"learning_rate\":0.001,"
        + "\"optimizer\":\"adam\",\"clip_norm\":1,"), json);
    assertTrue(json.endsWith(",\"loss\":\"mse\"},\"seed\":7}"), json);
    assertFalse(json.contains(" "), json);
    assertFalse(json.contains("input_init"), "the default input start is not named: " + json);
    TrainingRun glorot = new TrainingRun("flipflop", run(spec).taskParameters(), spec, run(spec).training(),
        cohort.models.InitKind.GLOROT);
    assertEquals(json.replace("\"rank\":0}", "\"rank\":0,\"input_init\":\"glorot\"}"), glorot.toJson(),
        "a non-default input start closes the network object");
  }

  @Test
  void h5dumpShowsTheLayout() throws Exception {
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.VANILLA, Activation.TANH, 3, 6, 3);
    Written w = write("vanilla.h5", spec, 3);
    String out = runProcess(List.of("h5dump", "-H", w.file().toString()));
    for (ParameterBlock b : w.net().blocks()) {
      assertTrue(out.contains("DATASET \"" + b.name() + "\""), b.name() + " missing in\n" + out);
      assertTrue(out.contains("( " + b.rows() + ", " + b.cols() + " )"), out);
    }
    assertTrue(out.contains("H5T_IEEE_F32LE"), out);
    for (String name : List.of("iteration", "train_loss", "val_loss", "val_accuracy")) {
      assertTrue(out.contains("DATASET \"" + name + "\""), name + " missing in\n" + out);
    }
    for (String attr : List.of("spec", "cohort_version", "status", "reason", "wall_seconds", "java_version",
        "os_arch", "created")) {
      assertTrue(out.contains("ATTRIBUTE \"" + attr + "\""), attr + " missing in\n" + out);
    }
  }

  @Test
  void pythonH5pyReadsTheFile() throws Exception {
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 5, 3);
    Written w = write("gru.h5", spec, 5);
    ParameterBlock first = w.net().blocks().get(0);
    String script = String.join("\n",
        "import h5py, json, struct, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "spec = json.loads(f.attrs['spec'])",
        "w = f['weights/" + first.name() + "'][()]",
        "print(spec['network']['architecture'], spec['seed'], f.attrs['status'].decode(), w.dtype, w.shape,",
        "      struct.unpack('<i', struct.pack('<f', w[0, 0]))[0], f['training/iteration'][()].tolist(), float(f['training/val_accuracy'][1]))");
    String out = python(script, w.file());
    float[] p = w.net().parameters();
    String expected = "gru 7 stopped_early float32 (" + first.rows() + ", " + first.cols() + ") "
        + Float.floatToIntBits(p[first.offset()]) + " [100, 200] 0.96";
    assertEquals(expected, out);
  }

  /**
   * A fixed-point search that found nothing still writes {@code /fixed_points} and {@code /topology} (count 0 and
   * the reason), so that h5py users do not meet a KeyError and the run counts as analysed with no points.
   */
  @Test
  void aSearchThatFoundNoPointStillWritesItsGroups() throws Exception {
    NetworkSpec spec = NetworkSpec.of(Lstm.CELL, Activation.TANH, 3, 5, 3);
    Path file = write("lstm.h5", spec, 5).file();
    cohort.analysis.fixedpoints.FixedPointSet none = new cohort.analysis.fixedpoints.FixedPointSet(10, false, 1.0,
        new double[3], cohort.analysis.fixedpoints.FixedPointOptions.defaults(), List.of(), 64, 64, 0, 0);
    NetworkFile.addAnalyses(file, none, null, null,
        new cohort.analysis.topology.TopologyGraph(10, List.of(), List.of(), 0, 0));
    String script = String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "g = f['fixed_points']",
        "print(f.attrs['fixed_point_count'], g.attrs['count'], g['census'][()].tolist(), 'reason' in g.attrs,",
        "      'topology' in f, f['topology'].attrs['signature'].decode(), list(f['weights'].keys())[:1] != [])");
    String out = python(script, file);
    assertEquals("0 0 [0] True True no fixed points True", out);
    assertTrue(NetworkFile.read(file).network().spec().equals(spec), "the file is still a readable network file");
  }

  static String runProcess(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process timed out: " + command);
    String out = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), command + " failed:\n" + out);
    return out;
  }
}
