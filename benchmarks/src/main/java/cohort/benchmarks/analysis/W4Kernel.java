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
 * per full 1,024-state iteration; then the kernel's two products alone ({@code cblas_dgemm}, and {@code cblas_sgemm}
 * for comparison).
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
      products(round, calls, n, tmx);
    }
  }

  /**
   * The residual kernel's two products alone, as the kernel calls them (two blocks of 32 rows: {@code 32×N · N×3N},
   * then {@code 32×3N · 3N×N}), through OpenBLAS's {@code cblas_dgemm} and, for comparison, {@code cblas_sgemm}
   * (which the finder does not use: its bits for a row depend on the row's position in the product).
   */
  private static void products(int round, int calls, int n, ThreadMXBean tmx) {
    int m = 32;
    int gn = 3 * n;
    SplittableRandom rng = new SplittableRandom(5);
    org.bytedeco.javacpp.DoublePointer ad = new org.bytedeco.javacpp.DoublePointer(m * gn);
    org.bytedeco.javacpp.DoublePointer wfd = new org.bytedeco.javacpp.DoublePointer(n * gn);
    org.bytedeco.javacpp.DoublePointer wbd = new org.bytedeco.javacpp.DoublePointer(gn * n);
    org.bytedeco.javacpp.DoublePointer cd = new org.bytedeco.javacpp.DoublePointer(m * gn);
    org.bytedeco.javacpp.FloatPointer af = new org.bytedeco.javacpp.FloatPointer(m * gn);
    org.bytedeco.javacpp.FloatPointer wff = new org.bytedeco.javacpp.FloatPointer(n * gn);
    org.bytedeco.javacpp.FloatPointer wbf = new org.bytedeco.javacpp.FloatPointer(gn * n);
    org.bytedeco.javacpp.FloatPointer cf = new org.bytedeco.javacpp.FloatPointer(m * gn);
    for (int i = 0; i < m * gn; i++) {
      double v = rng.nextGaussian();
      ad.put(i, v);
      af.put(i, (float) v);
    }
    for (int i = 0; i < n * gn; i++) {
      double v = rng.nextGaussian() / Math.sqrt(n);
      wfd.put(i, v);
      wbd.put(i, v);
      wff.put(i, (float) v);
      wbf.put(i, (float) v);
    }
    int major = org.bytedeco.openblas.global.openblas.CblasRowMajor;
    int no = org.bytedeco.openblas.global.openblas.CblasNoTrans;
    long c0 = tmx.getCurrentThreadCpuTime();
    for (int i = 0; i < 2 * calls; i++) {
      org.bytedeco.openblas.global.openblas.cblas_dgemm(major, no, no, m, gn, n, 1.0, ad, n, wfd, gn, 0.0, cd, gn);
      org.bytedeco.openblas.global.openblas.cblas_dgemm(major, no, no, m, n, gn, 1.0, ad, gn, wbd, n, 0.0, cd, n);
    }
    long c1 = tmx.getCurrentThreadCpuTime();
    for (int i = 0; i < 2 * calls; i++) {
      org.bytedeco.openblas.global.openblas.cblas_sgemm(major, no, no, m, gn, n, 1f, af, n, wff, gn, 0f, cf, gn);
      org.bytedeco.openblas.global.openblas.cblas_sgemm(major, no, no, m, n, gn, 1f, af, gn, wbf, n, 0f, cf, n);
    }
    long c2 = tmx.getCurrentThreadCpuTime();
    double flops = 2.0 * 2 * m * n * gn;
    double dus = (c1 - c0) * 1e-3 / (2 * calls);
    double sus = (c2 - c1) * 1e-3 / (2 * calls);
    System.out.printf(Locale.ROOT, "[W4Kernel] round %d products of 32 rows (both): dgemm %.1f us (%.1f GFLOP/s, %.2f ms"
        + " per 1,024-state iteration), sgemm %.1f us (%.1f GFLOP/s, %.2f ms)%n", round, dus, flops / dus * 1e-3,
        dus * 32e-3, sus, flops / sus * 1e-3, sus * 32e-3);
  }
}
