package cohort.study.cli;

import cohort.io.ArraySource;
import cohort.io.Npy;
import cohort.io.OutputPaths;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceNetwork;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cohort simulate NET.h5 --inputs X.npy --out Y.npy}: a trained network run on the user's inputs, as
 * PsychRNN's {@code test} and stepping a NeuroGym environment let users do: {@code h_t = F(h_{t−1}, x_t)} from
 * {@code h_0} (0 unless {@code --h0}), {@code y_t = W_out h_t + b_out}, in double precision, without noise.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {
      "Run a network on your own inputs and write its outputs (and states).",
      "X is [T][B][I] (time, trials, input channels; .npy, FILE.npz:NAME or FILE.h5:/dataset); Y is written as "
          + "[T][B][O], the readout after each step, from h0 = 0 unless --h0 is given. No recurrent noise."})
final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin NetworkFileParameter network;

  @Option(names = "--inputs", required = true, paramLabel = "X", description = "Inputs [T][B][I].")
  String inputs;

  @Option(names = "--out", required = true, paramLabel = "Y.npy", description = "Outputs [T][B][O] (.npy).")
  Path out;

  @Option(names = "--states", paramLabel = "H.npy", description = "Also write the hidden states [T][B][N] after each "
      + "step: h, what the readout reads (for an LSTM the h half of its state [h; c], which is PyTorch's output; "
      + "see --cells for c).")
  Path states;

  @Option(names = "--cells", paramLabel = "C.npy", description = "LSTM only: also write the cell states c [T][B][N].")
  Path cells;

  @Option(names = "--h0", paramLabel = "H0", description = "Initial state: [B][N] or [N] (the same for every trial); "
      + "for an LSTM also [B][2N] or [2N], [h0; c0] (c0 = 0 when only N values are given).")
  String h0;

  @Option(names = "--float32", description = "Write float32 arrays (default float64).")
  boolean float32;

  @Override
  public Integer call() {
    ReferenceNetwork net = network.read().reference();
    NetworkSpec s = net.spec();
    int n = s.hidden();
    boolean lstm = s.stateSize() == 2 * n;
    if (cells != null && !lstm) {
      throw new IllegalArgumentException("--cells: " + s.architecture().id() + " has no cell state; accepted only for "
          + "an lstm");
    }
    OutputPaths.requireWritableFile(out, "--out");
    for (Path p : new Path[] {states, cells}) {
      if (p != null) {
        OutputPaths.requireWritableFile(p, p == states ? "--states" : "--cells");
      }
    }
    Npy.Array x = ArraySource.load(inputs);
    int[] d = x.shape();
    if (d.length != 3 || d[0] < 1 || d[1] < 1 || d[2] != s.inputs()) {
      throw new IllegalArgumentException("--inputs " + inputs + ": shape " + Arrays.toString(d) + "; accepted: [T][B]["
          + s.inputs() + "] (time, trials, the network's " + s.inputs() + " input channels)");
    }
    finite("--inputs " + inputs, x);
    int steps = d[0];
    int batch = d[1];
    double[] initial = h0 == null ? null : initialStates(ArraySource.load(h0), batch, n, s.stateSize());
    ReferenceNetwork.Trajectory tr = net.forward(x.data(), steps, batch, initial);
    write(out, new int[] {steps, batch, s.outputs()}, tr.outputs());
    if (states != null) {
      write(states, new int[] {steps, batch, n}, tr.hidden());
    }
    if (cells != null) {
      double[] c = new double[steps * batch * n];
      for (int i = 0; i < steps * batch; i++) {
        System.arraycopy(tr.states(), i * 2 * n + n, c, i * n, n);
      }
      write(cells, new int[] {steps, batch, n}, c);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println(out + ": outputs [" + steps + "][" + batch + "][" + s.outputs() + "] of " + s.architecture().id() + " ("
        + n + " units) on " + inputs + (states != null ? "; states in " + states : "")
        + (cells != null ? "; cell states in " + cells : ""));
    return 0;
  }

  /** {@code --h0} as full states {@code [B][S]}. */
  private double[] initialStates(Npy.Array a, int batch, int n, int size) {
    int[] d = a.shape();
    int width = d.length == 0 ? 0 : d[d.length - 1];
    boolean rows = d.length == 2 && d[0] == batch;
    if (!(d.length == 1 || rows) || (width != n && width != size)) {
      throw new IllegalArgumentException("--h0 " + h0 + ": shape " + Arrays.toString(d) + "; accepted: [" + batch
          + "][" + n + "] or [" + n + "]" + (size != n ? ", or [h0; c0] as [" + batch + "][" + size + "] or [" + size
          + "]" : ""));
    }
    finite("--h0 " + h0, a);
    double[] full = new double[batch * size];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(a.data(), rows ? b * width : 0, full, b * size, width);
    }
    return full;
  }

  private static void finite(String what, Npy.Array a) {
    for (int i = 0; i < a.data().length; i++) {
      if (!Double.isFinite(a.data()[i])) {
        throw new IllegalArgumentException(what + ": " + a.data()[i] + " at flat index " + i + "; accepted: finite "
            + "values");
      }
    }
  }

  private void write(Path p, int[] shape, double[] values) {
    if (float32) {
      Npy.writeFloat32(p, shape, values);
    } else {
      Npy.write(p, shape, values);
    }
  }
}
