package cohort.analysis.fixedpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link PseudoTransientContinuation} on maps whose fixed points are known: it reaches a slowly contracting
 * attractor to round-off, including across a saturated slow manifold where Newton's step overshoots by orders of
 * magnitude, and it does not converge onto a repelling fixed point.
 */
class PseudoTransientContinuationTest {

  /** {@code F(h) = A h + c} in two dimensions ({@code A} row-major); the gradient is not used by the continuation. */
  private static BatchedDynamics affine(double[] a, double[] c) {
    return new BatchedDynamics() {
      @Override
      public int stateSize() {
        return 2;
      }

      @Override
      public void step(int count, double[] h, double[] x, double[] next) {
        for (int k = 0; k < 2 * count; k += 2) {
          next[k] = a[0] * h[k] + a[1] * h[k + 1] + c[0];
          next[k + 1] = a[2] * h[k] + a[3] * h[k + 1] + c[1];
        }
      }

      @Override
      public void residualGradient(int count, double[] h, double[] x, double[] residual, double[] gradient) {
        throw new UnsupportedOperationException("not used by the continuation");
      }

      @Override
      public void jacobian(double[] h, double[] x, double[] jacobian) {
        System.arraycopy(a, 0, jacobian, 0, 4);
      }
    };
  }

  /** {@link TestCells.SlowAttractor}: the origin, contracting by 1 − ε along a saturated slow manifold. */
  private static BatchedDynamics slowAttractor(double eps) {
    return new ReferenceCellDynamics(new TestCells.SlowAttractor(eps));
  }

  @Test
  void reachesASlowAttractorAcrossItsSaturatedManifold() {
    BatchedDynamics map = slowAttractor(1e-3);
    double[] h = {6.0, -0.3};
    // Newton's step from here: (J − I) δ = −(F − h) along u is δu = −tanh(6)/sech²(6) ≈ −4·10⁴, a jump into the
    // other saturated side; iterating the map would need about 10⁴ steps.
    double[] jac = new double[4];
    map.jacobian(h, new double[0], jac);
    assertTrue(Math.abs(Math.tanh(6.0) / (1 - jac[0]) * 1e-3) > 1e4, "the test's premise: Newton overshoots");
    double q = new PseudoTransientContinuation(map, 200).run(h, new double[0], 1e-28);
    assertTrue(q < 1e-28, "q = " + q);
    // |u| ≈ ‖F(h) − h‖ / ε along the slow direction.
    assertEquals(0.0, h[0], 1e-10);
    assertEquals(0.0, h[1], 1e-12);
  }

  @Test
  void reachesTheFixedPointOfANonNormalContractingLinearMap() {
    // F(h) = A h + c with A = [[1 − 10⁻⁴, 50], [0, 0.2]]: strongly non-normal, its slow direction 10⁻⁴ from 1.
    BatchedDynamics map = affine(new double[] {1 - 1e-4, 50, 0, 0.2}, new double[] {1e-4, 0.8});
    // Fixed point: v = 1, 10⁻⁴ u = 50 + 10⁻⁴ → u = 1 + 5·10⁵.
    // q rises 3,000-fold along the flow before it falls (v relaxes to 1 while 50 v drives u), which holds Δt down
    // for a while: a longer budget than the finder's.
    double[] h = {0.0, 0.0};
    double q = new PseudoTransientContinuation(map, 400).run(h, new double[0], 1e-24);
    assertTrue(q < 1e-24, "q = " + q);
    assertEquals(1 + 5e5, h[0], 1e-6);
    assertEquals(1.0, h[1], 1e-12);
  }

  @Test
  void doesNotConvergeOntoARepeller() {
    // F(u, v) = (2u, ½ v): the origin repels along u; the flow carries the state away, and so does the continuation.
    BatchedDynamics map = affine(new double[] {2, 0, 0, 0.5}, new double[2]);
    double[] h = {0.01, 0.2};
    double q = new PseudoTransientContinuation(map, 200).run(h, new double[0], 1e-28);
    assertTrue(q > 1e-4 && Math.abs(h[0]) > 0.01, "moved toward the repeller: q = " + q + ", u = " + h[0]);
  }

  @Test
  void sameStartSameBits() {
    BatchedDynamics map = slowAttractor(1e-3);
    double[] a = {4.0, 0.7};
    double[] b = {4.0, 0.7};
    new PseudoTransientContinuation(map, 37).run(a, new double[0], 1e-28);
    new PseudoTransientContinuation(map, 37).run(b, new double[0], 1e-28);
    assertArrayEquals(a, b, 0.0);
  }
}
