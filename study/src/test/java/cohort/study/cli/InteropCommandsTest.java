package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.NetworkFile;
import cohort.io.Npy;
import cohort.io.interop.TorchExport;
import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Lstm;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cohort import}, {@code export}, {@code simulate} and {@code analyze-network} on a network without a task,
 * end to end through the command line (their exactness against PyTorch and Keras is tested in cohort-io:
 * {@code TorchInteropTest}, {@code KerasImportTest}).
 */
class InteropCommandsTest {

  @TempDir Path dir;

  @Test
  void exportImportSimulateAndAnalyseAnLstmWithoutItsTask() throws Exception {
    Network lstm = Network.initialize(NetworkSpec.of(Lstm.CELL, Activation.TANH, 2, 6, 3), new SplittableRandom(4));
    Path original = dir.resolve("original.h5");
    NetworkFile.writeImported(original, lstm, "{}", "a test network");

    Path st = dir.resolve("lstm.safetensors");
    Cli.Outcome exported = cohort("export", original.toString(), "--out", st.toString());
    assertEquals(0, exported.exit(), exported.err());
    assertTrue(exported.out().contains("nn.LSTM(2, 6) as 'rnn' + nn.Linear(6, 3) as 'readout'"), exported.out());

    Path net = dir.resolve("net.h5");
    Cli.Outcome imported = cohort("import", st.toString(), "--out", net.toString());
    assertEquals(0, imported.exit(), imported.err());
    assertTrue(imported.out().contains("lstm (tanh), 2 inputs, 6 units, 3 outputs"), imported.out());
    assertArrayEquals(lstm.parameters(), NetworkFile.read(net).network().parameters(), "export then import is exact");

    // simulate from [h0; c0] and write outputs, h and c
    int t = 7;
    int b = 3;
    double[] x = new double[t * b * 2];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    double[] h0 = new double[b * 12];
    for (int i = 0; i < h0.length; i++) {
      h0[i] = r.nextDouble(-0.5, 0.5);
    }
    Npy.write(dir.resolve("x.npy"), new int[] {t, b, 2}, x);
    Npy.write(dir.resolve("h0.npy"), new int[] {b, 12}, h0);
    Cli.Outcome sim = cohort("simulate", net.toString(), "--inputs", dir.resolve("x.npy").toString(), "--h0",
        dir.resolve("h0.npy").toString(), "--out", dir.resolve("y.npy").toString(), "--states",
        dir.resolve("h.npy").toString(), "--cells", dir.resolve("c.npy").toString());
    assertEquals(0, sim.exit(), sim.err());
    ReferenceNetwork.Trajectory expected = lstm.reference().forward(x, t, b, h0);
    Npy.Array y = Npy.read(dir.resolve("y.npy"));
    assertArrayEquals(new int[] {t, b, 3}, y.shape());
    assertArrayEquals(expected.outputs(), y.data(), 1e-12);
    assertArrayEquals(expected.hidden(), Npy.read(dir.resolve("h.npy")).data(), 1e-12);
    double[] c = Npy.read(dir.resolve("c.npy")).data();
    assertEquals(expected.states()[6], c[0], 1e-12, "c is the second half of the state [h; c]");

    // no task: the starts come from the zero-input dynamics, or from the user's inputs
    Cli.Outcome free = cohort("analyze-network", net.toString(), "--initial-states", "32", "--trials", "8");
    assertEquals(0, free.exit(), free.err());
    assertTrue(free.out().contains("drawn from its zero-input dynamics (8 runs of 100 steps"), free.out());
    Cli.Outcome driven = cohort("analyze-network", net.toString(), "--initial-states", "16", "--trajectory-inputs",
        dir.resolve("x.npy").toString());
    assertEquals(0, driven.exit(), driven.err());
    assertTrue(driven.out().contains("drawn from its trajectories on " + dir.resolve("x.npy")), driven.out());
    try (HdfFile h5 = new HdfFile(net)) {
      assertTrue(((Number) h5.getAttribute("fixed_point_count").getData()).intValue() >= 1);
    }
  }

  @Test
  void aDaleCtrnnExportsItsEffectiveWeightsWithANoteThatTheSafetensorsKeep() throws Exception {
    Path net = dir.resolve("ctrnn.h5");
    Cli.Outcome trained = cohort("train", "--task", "xor", "--arch", "ctrnn", "--dale", "0.8", "--units", "5",
        "--iterations", "2", "--batch", "2", "--out", net.toString());
    assertEquals(0, trained.exit(), trained.err());
    Path st = dir.resolve("ctrnn.safetensors");
    Cli.Outcome o = cohort("export", net.toString(), "--out", st.toString(), "--rnn-prefix", "cell");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("note: ctrnn is the Euler step") && o.out().contains("note: Dale's law"), o.out());
    var meta = cohort.io.interop.SafeTensors.read(st).metadata();
    assertTrue(meta.get(TorchExport.META_NOTE).contains("Dale's law"), meta.toString());
    assertTrue(cohort.io.interop.SafeTensors.read(st).tensors().containsKey("cell.weight_hh_l0"));
    Path npz = dir.resolve("ctrnn.npz");
    assertEquals(0, cohort("export", net.toString(), "--out", npz.toString()).exit());
    assertEquals("rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0, readout.weight, readout.bias",
        String.join(", ", cohort.io.Npz.read(npz).keySet()));
  }
}
