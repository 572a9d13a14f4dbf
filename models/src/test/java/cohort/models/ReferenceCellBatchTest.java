package cohort.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched cell kernels ({@link ReferenceCell#stepBatch}, {@link ReferenceCell#jacobianTransposeTimesBatch},
 * {@link ReferenceCell#residualGradientBatch}) against the single-state textbook {@code step} and {@code jacobian},
 * on both the OpenBLAS and the pure-Java paths, and the row-independence contract (a row's bits do not depend on
 * its position, the other rows or the count).
 */
class ReferenceCellBatchTest {

  static final int I = 3;
  static final int N = 12;
  static final int O = 2;
  /** More than one block of the kernels (32 rows), with a partial last block. */
  static final int B = 37;

  static List<NetworkSpec> specs() {
    return TestNetworks.grid(I, N, O);
  }

  private static ReferenceNetwork reference(NetworkSpec spec) {
    return ReferenceNetwork.of(spec, TestNetworks.toDouble(TestNetworks.network(spec, 3).parameters()));
  }

  /** States with the scale of a trained network's (the LSTM's c half larger). */
  private static double[] states(NetworkSpec spec, int count, RandomGenerator r) {
    int s = spec.stateSize();
    double[] h = new double[count * s];
    for (int i = 0; i < h.length; i++) {
      h[i] = (i % s < spec.hidden() ? 0.6 : 1.5) * r.nextGaussian();
    }
    return h;
  }

  /**
   * A case: the spec's network, its state size, and from one seed's generator {@link #B} states ({@link #states}),
   * if asked {@code B} vectors, then one input; {@code r} goes on from there.
   */
  private record Case(ReferenceNetwork net, int s, double[] h, double[] v, double[] x, RandomGenerator r) {
    static Case of(NetworkSpec spec, long seed, boolean vectors) {
      RandomGenerator r = TestNetworks.random(seed);
      int s = spec.stateSize();
      double[] h = states(spec, B, r);
      double[] v = vectors ? TestNetworks.toDouble(TestNetworks.gaussian(B * s, 1.0, r)) : null;
      double[] x = TestNetworks.toDouble(TestNetworks.gaussian(I, 1.0, r));
      return new Case(reference(spec), s, h, v, x, r);
    }

    /** {@code {residual, gradient}} of the cell over the B states: in double, or ({@code single}) float32. */
    double[][] residualGradient(ReferenceCell cell, boolean single) {
      double[] res = new double[B * s];
      double[] grad = new double[B * s];
      if (single) {
        cell.residualGradientBatchSingle(B, h, x, res, grad);
      } else {
        cell.residualGradientBatch(B, h, x, res, grad);
      }
      return new double[][] {res, grad};
    }
  }

  /** Rows {@code 0..count−1} of {@code reversed} are rows {@code count−1..0} of {@code forward}, bit for bit. */
  private static void assertReversed(double[] forward, double[] reversed, int count, int s, String what) {
    for (int b = 0; b < count; b++) {
      assertArrayEquals(row(forward, count - 1 - b, s), row(reversed, b, s), what + ", count " + count + ", row " + b);
    }
  }

  private static double[] row(double[] a, int b, int s) {
    double[] r = new double[s];
    System.arraycopy(a, b * s, r, 0, s);
    return r;
  }

  /** Rows {@code 0..count−1} of {@code a} (rows of {@code s} values) in reverse order into the first rows of {@code out}. */
  private static void reverseRows(double[] a, int count, int s, double[] out) {
    for (int b = 0; b < count; b++) {
      System.arraycopy(a, (count - 1 - b) * s, out, b * s, s);
    }
  }

  /** A batched call over the first {@code count} rows of states {@code h} and vectors {@code v}, into two outputs. */
  private interface Rows {
    void run(int count, double[] h, double[] v, double[] out1, double[] out2);
  }

  /**
   * For each count, {@code rows} over the first {@code count} states (and vectors, if any) in reverse order, into
   * the first rows of {@code hr} and {@code vr}, gives {@code out1} and {@code out2} (its result over all B rows of
   * case {@code c}) in reverse order, bit for bit.
   */
  private static void assertRowsIndependent(Case c, int[] counts, double[] hr, double[] vr, Rows rows,
      double[] out1, double[] out2, String what1, String what2) {
    int s = c.s();
    for (int count : counts) {
      reverseRows(c.h(), count, s, hr);
      if (vr != null) {
        reverseRows(c.v(), count, s, vr);
      }
      double[] r1 = new double[B * s];
      double[] r2 = new double[B * s];
      rows.run(count, hr, vr, r1, r2);
      assertReversed(out1, r1, count, s, what1);
      assertReversed(out2, r2, count, s, what2);
    }
  }

  private static void assertClose(double[] expected, double[] actual, double rel, String what) {
    double scale = 0;
    double err = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      err = Math.max(err, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(err <= rel * Math.max(scale, 1e-3), what + ": max error " + err + " at scale " + scale);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void batchedKernelsMatchTheTextbookStepAndJacobian(NetworkSpec spec) {
    Case c = Case.of(spec, 21, true);
    int s = c.s();
    for (ReferenceCell cell : List.of(c.net().cell(), c.net().javaCell())) {
      double[] next = new double[B * s];
      double[] vjp = new double[B * s];
      cell.stepBatch(B, c.h(), c.x(), next);
      cell.jacobianTransposeTimesBatch(B, c.h(), c.x(), c.v(), vjp);
      double[] jac = new double[s * s];
      double[] one = new double[s];
      double[] stepped = new double[s];
      for (int b = 0; b < B; b++) {
        double[] hb = row(c.h(), b, s);
        double[] vb = row(c.v(), b, s);
        cell.step(hb, c.x(), stepped);
        assertClose(stepped, row(next, b, s), 1e-13, spec + " stepBatch row " + b);
        cell.jacobian(hb, c.x(), jac);
        double[] jtv = new double[s];
        for (int i = 0; i < s; i++) {
          for (int j = 0; j < s; j++) {
            jtv[j] += jac[i * s + j] * vb[i];
          }
        }
        cell.jacobianTransposeTimes(hb, c.x(), vb, one);
        assertClose(jtv, one, 1e-12, spec + " jacobianTransposeTimes row " + b);
        assertArrayEquals(one, row(vjp, b, s), spec + " batch row " + b + " differs from the single-row call");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void rowsDoNotDependOnPositionCountOrNeighbours(NetworkSpec spec) {
    Case c = Case.of(spec, 22, true);
    int s = c.s();
    for (ReferenceCell cell : List.of(c.net().cell(), c.net().javaCell())) {
      double[] next = new double[B * s];
      double[] vjp = new double[B * s];
      cell.stepBatch(B, c.h(), c.x(), next);
      cell.jacobianTransposeTimesBatch(B, c.h(), c.x(), c.v(), vjp);
      // reversed order and different neighbours (rows of another draw after the first 5)
      double[] hr = states(spec, B, c.r());
      double[] vr = TestNetworks.toDouble(TestNetworks.gaussian(B * s, 1.0, c.r()));
      assertRowsIndependent(c, new int[] {1, 2, 5, 31, 32, 33, B}, hr, vr, (count, h, v, nextR, vjpR) -> {
        cell.stepBatch(count, h, c.x(), nextR);
        cell.jacobianTransposeTimesBatch(count, h, c.x(), v, vjpR);
      }, next, vjp, spec + " step", spec + " vjp");
    }
  }

  /**
   * The single-precision kernel (float32 sigmoid and tanh, for the fixed-point search's Adam phase) agrees
   * with the double one to float accuracy, and its rows are independent too (same bits in any position or count).
   */
  @ParameterizedTest
  @MethodSource("specs")
  void singlePrecisionResidualGradientAgreesToFloatAccuracy(NetworkSpec spec) {
    Case c = Case.of(spec, 24, false);
    ReferenceCell cell = c.net().cell();
    int s = c.s();
    double[][] dbl = c.residualGradient(cell, false);
    double[] res = dbl[0];
    double[][] single = c.residualGradient(cell, true);
    double[] res32 = single[0];
    double[] grad32 = single[1];
    assertClose(res, res32, 2e-5, spec + " single-precision residual");
    assertClose(dbl[1], grad32, 2e-5, spec + " single-precision gradient");
    boolean differs = false;
    for (int i = 0; i < res.length && !differs; i++) {
      differs = res[i] != res32[i];
    }
    boolean usesSigmoidOrTanh = spec.activation() == Activation.TANH || !(spec.architecture() instanceof LeakyRnn);
    boolean batchKernels = spec.architecture().reference(new Layout(spec), c.net().parameters()).batched() != null;
    assertTrue(differs || !usesSigmoidOrTanh || !batchKernels, spec + ": the single kernel gave the double bits");
    assertRowsIndependent(c, new int[] {1, 7, 33}, new double[B * s], null,
        (count, h, v, rr, gr) -> cell.residualGradientBatchSingle(count, h, c.x(), rr, gr),
        res32, grad32, spec + " single residual", spec + " single gradient");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void residualGradientIsStepThenVectorJacobianProduct(NetworkSpec spec) {
    Case c = Case.of(spec, 23, false);
    ReferenceCell cell = c.net().cell();
    double[] h = c.h();
    double[] x = c.x();
    int len = B * c.s();
    double[][] batch = c.residualGradient(cell, false);
    double[] res = batch[0];
    double[] grad = batch[1];
    double[][] java = c.residualGradient(c.net().javaCell(), false);
    double[] next = new double[len];
    cell.stepBatch(B, h, x, next);
    double[] r0 = new double[len];
    for (int i = 0; i < r0.length; i++) {
      r0[i] = next[i] - h[i];
    }
    double[] jtr = new double[len];
    cell.jacobianTransposeTimesBatch(B, h, x, r0, jtr);
    for (int i = 0; i < jtr.length; i++) {
      jtr[i] -= r0[i];
    }
    assertArrayEquals(r0, res, spec + " residual");
    assertArrayEquals(jtr, grad, spec + " gradient");
    assertClose(res, java[0], 1e-13, spec + " residual, OpenBLAS vs Java");
    assertClose(grad, java[1], 1e-12, spec + " gradient, OpenBLAS vs Java");
    // the interface's defaults (through step and jacobian) agree with the overrides
    double[][] defaults = c.residualGradient(plain(cell), false);
    assertClose(res, defaults[0], 1e-13, spec + " default residual");
    assertClose(grad, defaults[1], 1e-12, spec + " default gradient");
  }

  @Test
  void gruAtWidth128GivesTheSameRowsForEveryCount() {
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 128, 3);
    ReferenceNetwork net = reference(spec);
    RandomGenerator r = TestNetworks.random(24);
    int count = 70;
    double[] h = states(spec, count, r);
    double[] x = {0.0, 0.0, 0.0};
    double[] res = new double[count * 128];
    double[] grad = new double[count * 128];
    net.cell().residualGradientBatch(count, h, x, res, grad);
    double[] res2 = new double[count * 128];
    double[] grad2 = new double[count * 128];
    for (int c = 1; c <= count; c++) {
      int from = count - c;
      double[] sub = new double[c * 128];
      System.arraycopy(h, from * 128, sub, 0, c * 128);
      net.cell().residualGradientBatch(c, sub, x, res2, grad2);
      for (int b = 0; b < c; b++) {
        assertArrayEquals(row(res, from + b, 128), row(res2, b, 128), "residual, count " + c + ", row " + b);
        assertArrayEquals(row(grad, from + b, 128), row(grad2, b, 128), "gradient, count " + c + ", row " + b);
      }
    }
    double[] javaRes = new double[count * 128];
    double[] javaGrad = new double[count * 128];
    net.javaCell().residualGradientBatch(count, h, x, javaRes, javaGrad);
    assertClose(res, javaRes, 1e-13, "residual, OpenBLAS vs Java");
    assertClose(grad, javaGrad, 1e-12, "gradient, OpenBLAS vs Java");
  }

  @Test
  void fastTanhIsWithinAFewUlpsOfMathTanh() {
    RandomGenerator r = TestNetworks.random(25);
    double worst = 0;
    for (int i = 0; i < 200_000; i++) {
      // log-uniform magnitudes from 1e-12 to 40, both signs, plus the branch edges
      double z = (i % 2 == 0 ? 1 : -1) * Math.pow(10, -12 + 13.6 * r.nextDouble());
      if (i < 4) {
        z = new double[] {0.05, Math.nextDown(0.05), 20.0, Math.nextDown(20.0)}[i];
      }
      double e = Math.tanh(z);
      worst = Math.max(worst, Math.abs(Activation.tanhExp(z) - e) / Math.abs(e));
    }
    assertTrue(worst < 5e-15, "worst relative error " + worst);
    assertTrue(Double.isNaN(Activation.tanhExp(Double.NaN)));
    assertTrue(Activation.tanhExp(Double.POSITIVE_INFINITY) == 1.0 && Activation.tanhExp(-1e300) == -1.0);
    assertTrue(Double.doubleToRawLongBits(Activation.tanhExp(-0.0)) == Double.doubleToRawLongBits(-0.0));
  }

  /** After the first call (packed weights, this thread's scratch), the batched kernels allocate nothing. */
  @Test
  void batchedCallsAllocateNothingAfterTheFirst() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    assertTrue(mx.isThreadAllocatedMemorySupported());
    mx.setThreadAllocatedMemoryEnabled(true);
    long self = Thread.currentThread().getId();
    for (NetworkSpec spec : specs()) {
      Case c = Case.of(spec, 26, true);
      double[] h = c.h();
      double[] x = c.x();
      double[] o1 = new double[B * c.s()];
      double[] o2 = new double[B * c.s()];
      for (ReferenceCell cell : List.of(c.net().cell(), c.net().javaCell())) {
        cell.residualGradientBatch(B, h, x, o1, o2);
        // as in AllocationTest: HotSpot may allocate a little on this thread while it compiles; take the fewest
        long fewest = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
          long before = mx.getThreadAllocatedBytes(self);
          cell.stepBatch(B, h, x, o1);
          cell.jacobianTransposeTimesBatch(B, h, x, c.v(), o2);
          cell.residualGradientBatch(B, h, x, o1, o2);
          cell.jacobianTransposeTimes(h, x, c.v(), o1);
          fewest = Math.min(fewest, mx.getThreadAllocatedBytes(self) - before);
        }
        assertTrue(fewest <= 64, spec + ": allocated " + fewest + " bytes");
      }
    }
  }

  @Test
  void rejectsShortArrays() {
    ReferenceCell cell = reference(NetworkSpec.of(Gru.CELL, Activation.TANH, I, N, O)).cell();
    double[] x = new double[I];
    assertThrows(IllegalArgumentException.class, () -> cell.stepBatch(3, new double[2 * N], x, new double[3 * N]));
    assertThrows(IllegalArgumentException.class,
        () -> cell.jacobianTransposeTimesBatch(2, new double[2 * N], x, new double[N], new double[2 * N]));
    assertThrows(IllegalArgumentException.class, () -> cell.stepBatch(-1, new double[N], x, new double[N]));
  }

  /** A cell that implements only the abstract methods, so that every batched call runs the interface's defaults. */
  private static ReferenceCell plain(ReferenceCell c) {
    return new ReferenceCell() {
      @Override
      public int stateSize() {
        return c.stateSize();
      }

      @Override
      public int inputSize() {
        return c.inputSize();
      }

      @Override
      public boolean continuousTime() {
        return c.continuousTime();
      }

      @Override
      public double alpha() {
        return c.alpha();
      }

      @Override
      public void step(double[] h, double[] x, double[] next) {
        c.step(h, x, next);
      }

      @Override
      public void jacobian(double[] h, double[] x, double[] jacobian) {
        c.jacobian(h, x, jacobian);
      }
    };
  }
}
