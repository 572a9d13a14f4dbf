package cohort.benchmarks.analysis;

import cohort.analysis.fixedpoints.Candidates;
import cohort.analysis.fixedpoints.FixedPointFinder;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Gru;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * W4 without JMH, phase by phase: {@code java -cp benchmarks.jar cohort.benchmarks.analysis.W4Run WEIGHTS.npz
 * [maxIterations=5000] [repeats=1] [threads=1]} runs {@link FixedPointsBench}'s search (same network, same 1,024
 * starts, same options) {@code repeats} times and prints, per run, the wall and CPU seconds of the optimisation
 * (Adam and the polish, {@link FixedPointFinder#optimize}) and of the selection (deduplication, Jacobians,
 * eigen-decompositions, {@link FixedPointFinder#select}), the calling thread's CPU time ({@link ThreadMXBean}; with
 * one thread it is the search's) and the process's, and the points kept. For same-run before/after comparisons on
 * a shared machine: run two builds' jars alternately.
 */
public final class W4Run {

  private W4Run() {
  }

  public static void main(String[] args) throws Exception {
    String weights = args[0];
    int maxIterations = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, FixedPointsBench.BITS, FixedPointsBench.HIDDEN,
        FixedPointsBench.BITS);
    float[] params = FixedPointsBench.loadPeerNpz(spec, Path.of(weights));
    ReferenceNetwork reference = Network.of(spec, params).reference();
    double[] starts = FixedPointsBench.initialStates(reference, FixedPointsBench.flipflop(), new SplittableRandom(3));
    FixedPointOptions options = FixedPointOptions.defaults().withMaxIterations(maxIterations).withThreads(threads);
    FixedPointFinder finder = new FixedPointFinder(reference.cell(), options);
    double[] input = new double[FixedPointsBench.BITS];
    ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int r = 0; r < repeats; r++) {
      long w0 = System.nanoTime();
      long c0 = tmx.getCurrentThreadCpuTime();
      long p0 = os.getProcessCpuTime();
      Candidates c = finder.optimize(starts, input, null);
      long w1 = System.nanoTime();
      long c1 = tmx.getCurrentThreadCpuTime();
      FixedPointSet set = finder.select(c);
      long w2 = System.nanoTime();
      long c2 = tmx.getCurrentThreadCpuTime();
      long p2 = os.getProcessCpuTime();
      double[] q = c.q().clone();
      Arrays.sort(q);
      double[] kq = set.speeds();
      Arrays.sort(kq);
      System.out.printf(Locale.ROOT, "[W4Run] run %d threads=%d maxIterations=%d: optimise %.2f s wall / %.2f s CPU;"
              + " select %.2f s wall / %.2f s CPU; total %.2f s wall, thread CPU %.2f s, process CPU %.2f s;"
              + " candidates q min/median/max %.2e / %.2e / %.2e; points kept %d (fixed %d, slow %d),"
              + " duplicates %d, rejected %d, outliers %d%n",
          r, threads, maxIterations, (w1 - w0) * 1e-9, (c1 - c0) * 1e-9, (w2 - w1) * 1e-9, (c2 - c1) * 1e-9,
          (w2 - w0) * 1e-9, (c2 - c0) * 1e-9, (p2 - p0) * 1e-9, q[0], q[q.length / 2], q[q.length - 1],
          set.size(), set.count(PointKind.FIXED), set.count(PointKind.SLOW), set.duplicates(), set.rejectedSlow(),
          set.outliers());
    }
  }
}
