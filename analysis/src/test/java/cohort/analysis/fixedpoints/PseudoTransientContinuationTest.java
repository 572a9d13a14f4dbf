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

  /** A map given by its step and Jacobian; the gradient is not used by the continuation. */
  private abstract static class Map2 implements BatchedDynamics {
    @Override
    public int stateSize() {
      return 2;
    }

    abstract void map(double u, double v, double[] out, int off);

    @Override
    public void step(int count, double[] h, double[] x, double[] next) {
      for (int b = 0; b < count; b++) {
        map(h[2 * b], h[2 * b + 1], next, 2 * b);
      }
    }

    @Override
    public void residualGradient(int count, double[] h, double[] x, double[] residual, double[] gradient) {
      throw new UnsupportedOperationException("not used by the continuation");
    }
  }

  /** {@code F(u, v) = (u − ε tanh u, ½ v + ½ sin u)}: one fixed point, (0, 0), contracting by 1 − ε along u. */
  private static final class SaturatedSlow extends Map2 {
    final double eps;

    SaturatedSlow(double eps) {
      this.eps = eps;
    }

    @Override
    void map(double u, double v, double[] out, int off) {
      out[off] = u - eps * Math.tanh(u);
      out[off + 1] = 0.5 * v + 0.5 * Math.sin(u);
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] j) {
      double c = Math.cosh(h[0]);
      j[0] = 1 - eps / (c * c);
      j[1] = 0;
      j[2] = 0.5 * Math.cos(h[0]);
      j[3] = 0.5;
    }
  }

  @Test
  void reachesASlowAttractorAcrossItsSaturatedManifold() {
    SaturatedSlow map = new SaturatedSlow(1e-3);
    double[] h = {6.0, -0.3};
    // Newton's step from here: (J − I) δ = −(F − h) along u is δu = −tanh(6)/sech²(6) ≈ −4·10⁴, a jump into the
    // other saturated side; iterating the map would need about 10⁴ steps.
    double[] jac = new double[4];
    map.jacobian(h, null, jac);
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
    Map2 map = new Map2() {
      @Override
      void map(double u, double v, double[] out, int off) {
        out[off] = (1 - 1e-4) * u + 50 * v + 1e-4;
        out[off + 1] = 0.2 * v + 0.8;
      }

      @Override
      public void jacobian(double[] h, double[] x, double[] j) {
        j[0] = 1 - 1e-4;
        j[1] = 50;
        j[2] = 0;
        j[3] = 0.2;
      }
    };
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
    Map2 map = new Map2() {
      @Override
      void map(double u, double v, double[] out, int off) {
        out[off] = 2 * u;
        out[off + 1] = 0.5 * v;
      }

      @Override
      public void jacobian(double[] h, double[] x, double[] j) {
        j[0] = 2;
        j[1] = 0;
        j[2] = 0;
        j[3] = 0.5;
      }
    };
    double[] h = {0.01, 0.2};
    double q = new PseudoTransientContinuation(map, 200).run(h, new double[0], 1e-28);
    assertTrue(q > 1e-4 && Math.abs(h[0]) > 0.01, "moved toward the repeller: q = " + q + ", u = " + h[0]);
  }

  @Test
  void sameStartSameBits() {
    SaturatedSlow map = new SaturatedSlow(1e-3);
    double[] a = {4.0, 0.7};
    double[] b = {4.0, 0.7};
    new PseudoTransientContinuation(map, 37).run(a, new double[0], 1e-28);
    new PseudoTransientContinuation(map, 37).run(b, new double[0], 1e-28);
    assertArrayEquals(a, b, 0.0);
  }
}
