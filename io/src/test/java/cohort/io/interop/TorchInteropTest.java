package cohort.io.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.NetworkFile;
import cohort.io.Npy;
import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.Lstm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactness against the real PyTorch (Debian's {@code python3-torch}, run as {@code /usr/bin/python3}; the test
 * fails, never skips, when it is missing, and {@code .ci/run} installs it): one Python process
 * ({@code torch_roundtrip.py}) builds {@code nn.RNN} (tanh, relu), {@code nn.GRU} and {@code nn.LSTM} with an
 * {@code nn.Linear} readout and random weights, saves their state_dicts as {@code .npz} and {@code .safetensors} and
 * their outputs on shared random inputs; and loads with {@code load_state_dict} the state_dicts Cohort exported
 * beforehand and runs them. Outputs and hidden states must agree to 1e-5 (float32 weights) both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorchInteropTest {

  static final double TOLERANCE = 1e-5;
  static final int T = 30;
  static final int B = 5;

  @TempDir static Path dir;
  private final Map<String, Network> exported = new LinkedHashMap<>();
  private double[] exportInputs;

  @BeforeAll
  void runPyTorch() throws Exception {
    exported.put("export_rnn_tanh", net(NetworkSpec.of(LeakyRnn.VANILLA, Activation.TANH, 3, 12, 2), 1));
    exported.put("export_rnn_relu", net(NetworkSpec.of(LeakyRnn.VANILLA, Activation.RELU, 3, 12, 2), 2));
    exported.put("export_gru", net(NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 12, 2), 3));
    exported.put("export_ctrnn_dale", net(NetworkSpec.of(LeakyRnn.CTRNN, Activation.TANH, 3, 12, 2).withAlpha(0.2)
        .withExcitatoryFraction(0.75), 5));
    exported.put("export_lstm", net(NetworkSpec.of(Lstm.CELL, Activation.TANH, 3, 12, 2), 4));
    SplittableRandom r = new SplittableRandom(9);
    exportInputs = new double[T * B * 3];
    for (int i = 0; i < exportInputs.length; i++) {
      exportInputs[i] = r.nextGaussian();
    }
    Npy.writeFloat32(dir.resolve("x_export.npy"), new int[] {T, B, 3}, exportInputs);
    int i = 0;
    for (Map.Entry<String, Network> e : exported.entrySet()) {
      TorchExport.Exported x = TorchExport.of(e.getValue());
      TorchExport.write(dir.resolve(e.getKey() + (i++ % 2 == 0 ? ".npz" : ".safetensors")), x); // ctrnn: .safetensors
      NetworkSpec s = e.getValue().spec();
      String kind = s.architecture() == Gru.CELL ? "GRU" : s.architecture() == Lstm.CELL ? "LSTM" : "RNN";
      Files.writeString(dir.resolve(e.getKey() + ".json"), String.format(Locale.ROOT, "{\"kind\": \"%s\", "
          + "\"architecture\": \"%s\", \"inputs\": %d, \"hidden\": %d, \"outputs\": %d, \"nonlinearity\": \"%s\", "
          + "\"alpha\": %s}", kind, s.architecture().id(), s.inputs(), s.hidden(), s.outputs(), s.activation().id(),
          Double.toString(s.alpha())));
    }
    // one more in the other format, so that both formats carry every cell
    TorchExport.write(dir.resolve("export_gru2.safetensors"), TorchExport.of(exported.get("export_gru")));
    Files.copy(dir.resolve("export_gru.json"), dir.resolve("export_gru2.json"));
    exported.put("export_gru2", exported.get("export_gru"));
    python(dir, "torch_roundtrip.py", "import torch");
  }

  /** Runs a script of this package's test resources with {@code /usr/bin/python3} in {@code dir}. */
  static void python(Path dir, String resource, String needs) throws Exception {
    Path script = dir.resolve(resource);
    try (InputStream in = TorchInteropTest.class.getResourceAsStream(resource)) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    assertEquals(0, exit, "/usr/bin/python3 " + resource + " failed (it needs '" + needs + "': Debian's "
        + "python3-torch, python3-h5py and python3-numpy, which .ci/run installs):\n" + out);
  }

  private static Network net(NetworkSpec spec, long seed) {
    Network n = Network.initialize(spec, new SplittableRandom(seed));
    float[] p = n.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] *= 2.5f; // beyond PyTorch's default init, so the nonlinearities and gates are exercised
    }
    return n;
  }

  @Test
  void everyPyTorchModuleImportsExactlyFromBothFormats() {
    double[] x = Npy.read(dir.resolve("x.npy")).data();
    for (String name : new String[] {"rnn_tanh", "rnn_relu", "gru", "lstm"}) {
      double[] y = Npy.read(dir.resolve(name + "_y.npy")).data();
      double[] h = Npy.read(dir.resolve(name + "_h.npy")).data();
      for (String ext : new String[] {".npz", ".safetensors"}) {
        ImportOptions o = new ImportOptions(null, name.equals("rnn_relu") ? Activation.RELU : null, 0, null, null);
        ImportedNetwork imported = NetworkImport.read(dir.resolve(name + ext), o);
        ReferenceNetwork.Trajectory tr = imported.network().reference().forward(x, T, B);
        double dy = maxAbsDiff(y, tr.outputs());
        double dh = maxAbsDiff(h, tr.hidden());
        System.out.printf(Locale.ROOT, "[interop] PyTorch %s%s -> Cohort: max |dy| %.2e, max |dh| %.2e (%s)%n", name,
            ext, dy, dh, imported.module());
        assertTrue(dy < TOLERANCE && dh < TOLERANCE, name + ext + ": outputs differ from PyTorch's by " + dy
            + ", hidden states by " + dh);
        assertEquals("pytorch", imported.format());
        assertTrue(imported.tensors().contains("encoder.weight_ih_l0") && imported.tensors().contains("fc.weight"),
            imported.tensors());
      }
    }
    ImportedNetwork tanh = NetworkImport.read(dir.resolve("rnn_tanh.npz"), ImportOptions.none());
    assertTrue(tanh.notes().get(0).contains("assumed tanh"), tanh.notes().toString());
    assertEquals(LeakyRnn.VANILLA, tanh.network().spec().architecture());
    assertEquals(Gru.CELL, NetworkImport.read(dir.resolve("gru.npz"), ImportOptions.none()).network().spec()
        .architecture());
  }

  @Test
  void everyExportLoadsIntoPyTorchAndComputesTheSame() {
    for (Map.Entry<String, Network> e : exported.entrySet()) {
      double[] torch = Npy.read(dir.resolve(e.getKey() + "_torch_y.npy")).data();
      double[] cohort = e.getValue().reference().forward(exportInputs, T, B).outputs();
      double d = maxAbsDiff(torch, cohort);
      System.out.printf(Locale.ROOT, "[interop] Cohort %s -> PyTorch load_state_dict: max |dy| %.2e%n", e.getKey(), d);
      assertTrue(d < TOLERANCE, e.getKey() + ": PyTorch's outputs differ from Cohort's by " + d);
    }
  }

  @Test
  void aContinuousTimeExportComesBackAsItselfThroughTheSafetensorsMetadata() {
    Network ctrnn = exported.get("export_ctrnn_dale");
    TorchExport.Exported e = TorchExport.of(ctrnn);
    assertTrue(e.notes().get(0).contains("alpha = 0.2") && e.notes().get(1).contains("Dale"), e.notes().toString());
    assertEquals("0.2", e.metadata().get(TorchExport.META_ALPHA));
    ImportedNetwork back = NetworkImport.read(dir.resolve("export_ctrnn_dale.safetensors"), ImportOptions.none());
    NetworkSpec s = back.network().spec();
    assertEquals(LeakyRnn.CTRNN, s.architecture());
    assertEquals(0.2, s.alpha());
    double d = maxAbsDiff(ctrnn.reference().forward(exportInputs, T, B).outputs(),
        back.network().reference().forward(exportInputs, T, B).outputs());
    assertTrue(d < 1e-6, "the re-imported CTRNN differs by " + d);
  }

  @Test
  void anImportedNetworkIsAnOrdinaryNetworkFileWithoutATask() {
    ImportedNetwork imported = NetworkImport.read(dir.resolve("lstm.safetensors"), ImportOptions.none());
    Path file = dir.resolve("lstm.h5");
    NetworkImport.write(file, imported);
    NetworkFile.Contents c = NetworkFile.read(file);
    assertArrayEquals(imported.network().parameters(), c.network().parameters());
    assertEquals(NetworkFile.IMPORTED, c.status());
    assertTrue(c.specJson().startsWith("{\"task\":null,\"network\":{\"architecture\":\"lstm\""), c.specJson());
    assertTrue(c.specJson().contains("\"module\":\"nn.LSTM(3, 16) + nn.Linear(16, 2)\""), c.specJson());
  }

  static double maxAbsDiff(double[] a, double[] b) {
    assertEquals(a.length, b.length, "lengths");
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
