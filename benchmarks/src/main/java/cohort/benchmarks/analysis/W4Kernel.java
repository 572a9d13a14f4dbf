package cohort.benchmarks.analysis;

import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceCell;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Gru;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * W4's Adam-phase kernel alone: {@code java -cp benchmarks.jar cohort.benchmarks.analysis.W4Kernel WEIGHTS.npz
 * [calls=20000]} times {@link ReferenceCell#residualGradientBatchSingle}, {@link ReferenceCell#residualGradientBatch}
 * and {@link ReferenceCell#stepBatch} on a block of 64 of W4's starts (the finder's block), thread CPU per call and
 * per full 1,024-state iteration.
 */
public final class W4Kernel {

  private W4Kernel() {
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, FixedPointsBench.BITS, FixedPointsBench.HIDDEN,
        FixedPointsBench.BITS);
    ReferenceNetwork reference = Network.of(spec, FixedPointsBench.loadPeerNpz(spec, Path.of(args[0]))).reference();
    double[] starts = FixedPointsBench.initialStates(reference, FixedPointsBench.flipflop(), new SplittableRandom(3));
    ReferenceCell cell = reference.cell();
    int n = cell.stateSize();
    int rows = 64;
    double[] h = java.util.Arrays.copyOf(starts, rows * n);
    double[] x = new double[FixedPointsBench.BITS];
    double[] r = new double[rows * n];
    double[] g = new double[rows * n];
    ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) {
      for (String kind : new String[] {"single", "double", "step"}) {
        long c0 = tmx.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
          switch (kind) {
            case "single": cell.residualGradientBatchSingle(rows, h, x, r, g); break;
            case "double": cell.residualGradientBatch(rows, h, x, r, g); break;
            default: cell.stepBatch(rows, h, x, r); break;
          }
        }
        double us = (tmx.getCurrentThreadCpuTime() - c0) * 1e-3 / calls;
        System.out.printf(Locale.ROOT, "[W4Kernel] round %d %s: %.1f us CPU per 64-row call, %.2f ms per 1,024-state"
            + " iteration, %.1f s per 5,000%n", round, kind, us, us * 16e-3, us * 16 * 5000e-6);
      }
    }
  }
}
