package cohort.analysis.fixedpoints;

import static cohort.analysis.TestMath.mul;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.linearize.EigenOrder;
import cohort.analysis.linearize.EigenSystem;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedPointFinderTest {

  private static final FixedPointOptions OPTS = FixedPointOptions.defaults();

  /** A = S blockdiag(0.8 R(0.5), 0.3) S⁻¹: eigenvalues 0.8 e^{±0.5i} and 0.3. */
  private static double[] linearA(double scale) {
    double c = Math.cos(0.5);
    double s = Math.sin(0.5);
    double[] d = {0.8 * c * scale, -0.8 * s * scale, 0, 0.8 * s * scale, 0.8 * c * scale, 0, 0, 0, 0.3 * scale};
    double[] sm = {1, 0.3, -0.2, 0.1, 1, 0.4, -0.2, 0.1, 1};
    return mul(mul(sm, d, 3), invert3(sm), 3);
  }

  private static double[] randomStates(int count, int n, double range, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] out = new double[count * n];
    for (int i = 0; i < out.length; i++) {
      out[i] = rng.nextDouble(-range, range);
    }
    return out;
  }

  @Test
  void linearNetworkGivesItsAnalyticFixedPointAndEigenvalues() {
    double[] a = linearA(1.0);
    double[] b = {1, 0, 0.5, -1, 0.2, 0.3};
    double[] c = {0.1, -0.2, 0.3};
    double[] x = {0.7, -0.4};
    TestCells.Linear cell = new TestCells.Linear(3, 2, a, b, c);
    FixedPointSet set = new FixedPointFinder(cell, OPTS).find(randomStates(40, 3, 2.0, 1), x);
    assertEquals(1, set.size());
    assertEquals(39, set.duplicates());
    FixedPoint p = set.get(0);
    // h* = (I − A)⁻¹ (B x + c)
    double[] rhs = new double[3];
    for (int i = 0; i < 3; i++) {
      rhs[i] = c[i] + b[i * 2] * x[0] + b[i * 2 + 1] * x[1];
    }
    double[] ima = new double[9];
    for (int i = 0; i < 9; i++) {
      ima[i] = (i % 4 == 0 ? 1 : 0) - a[i];
    }
    double[] expected = apply(invert3(ima), rhs, 3);
    assertArrayEquals(expected, p.state(), 1e-12);
    assertTrue(p.q() < 1e-24, "polished q = " + p.q());
    assertEquals(PointKind.FIXED, p.kind());
    assertEquals(Stability.STABLE, p.stability());
    assertEquals(0.8 * Math.cos(0.5), p.eigen().real(0), 1e-12);
    assertEquals(0.8 * Math.sin(0.5), p.eigen().imag(0), 1e-12);
    assertEquals(-0.8 * Math.sin(0.5), p.eigen().imag(1), 1e-12);
    assertEquals(0.3, p.eigen().real(2), 1e-12);
    assertArrayEquals(a, p.jacobian(), 0.0);
  }

  @Test
  void unstableLinearNetworkIsFoundAndClassified() {
    // eigenvalues 1.2 e^{±0.5i} and 0.45: an index-2 saddle of a 3-D map
    double[] a = linearA(1.5);
    TestCells.Linear cell = new TestCells.Linear(3, 1, a, new double[3], new double[] {0.5, 0.1, -0.3});
    FixedPointSet set = new FixedPointFinder(cell, OPTS).find(randomStates(10, 3, 1.0, 2), new double[1]);
    assertEquals(1, set.size());
    FixedPoint p = set.get(0);
    assertEquals(2, p.unstableDimensions());
    assertEquals(Stability.SADDLE, p.stability());
    assertTrue(p.q() < 1e-24);
  }

  @Test
  void pitchforkNetworkHasNinePointsWithTheRightStability() {
    double w = 1.5;
    double hs = TestCells.tanhRoot(w);
    TestCells.Tanh cell = TestCells.Tanh.diagonal(w, w);
    double[] inits = TestCells.grid(2, -1.2, -0.6, 0.0, 0.6, 1.2);
    FixedPointSet set = new FixedPointFinder(cell, OPTS).find(inits, new double[1]);
    assertEquals(9, set.size());
    assertEquals(4, set.count(Stability.STABLE));
    assertEquals(4, set.count(Stability.SADDLE));
    assertEquals(4, set.countWithUnstableDimensions(1));
    assertEquals(1, set.count(Stability.UNSTABLE));
    assertEquals(9, set.count(PointKind.FIXED));
    double[] flat = set.states();
    int[] k = set.unstableDimensions();
    for (int i = 0; i < set.size(); i++) {
      assertEquals(set.get(i).state(1), flat[i * 2 + 1], 0.0);
      assertEquals(set.get(i).unstableDimensions(), k[i]);
      assertEquals(set.get(i).q(), set.speeds()[i], 0.0);
      assertEquals(set.get(i).eigen().real(0), set.eigenvaluesReal()[i * 2], 0.0);
    }
    for (FixedPoint p : set.points()) {
      assertTrue(p.q() < 1e-20, "q = " + p.q());
      int unstable = 0;
      for (int i = 0; i < 2; i++) {
        double v = Math.abs(p.state(i));
        assertTrue(Math.abs(v - hs) < 1e-10 || v < 1e-10, "coordinate " + p.state(i));
        if (v < 1e-10) {
          unstable++;
        }
      }
      assertEquals(unstable, p.unstableDimensions());
    }
  }

  @Test
  void continuousTimeCellUsesTheFlowCriterion() {
    double w = 1.5;
    double alpha = 0.2;
    double[] wm = {w, 0, 0, w};
    TestCells.Tanh cell = new TestCells.Tanh(2, 1, wm, new double[2], new double[2], alpha, true);
    FixedPointSet set = new FixedPointFinder(cell, OPTS).find(TestCells.grid(2, -1.2, 0.0, 1.2), new double[1]);
    assertTrue(set.continuousTime());
    assertEquals(9, set.size());
    assertEquals(4, set.count(Stability.STABLE));
    assertEquals(4, set.count(Stability.SADDLE));
    assertEquals(1, set.count(Stability.UNSTABLE));
    // the origin: λ = 1 − α + α w = 1.1 ⇒ flow eigenvalue (λ − 1)/α = w − 1 = 0.5
    for (int i = 0; i < set.size(); i++) {
      if (set.get(i).stability() == Stability.UNSTABLE) {
        assertEquals(1.1, set.get(i).eigen().real(0), 1e-12);
        // with Δt = α the time unit is the cell's τ: μ = (λ − 1)/α = 0.5, a growing mode with τ = −1/μ = −2
        assertEquals(-2.0, set.spectrum(i, alpha).dominantTimeConstant(), 1e-9);
      }
    }
  }

  @Test
  void resultsDoNotDependOnInitialOrderThreadsOrBlocks() {
    double[] w = new double[9];
    SplittableRandom g = new SplittableRandom(5);
    for (int i = 0; i < 9; i++) {
      w[i] = (i % 4 == 0 ? 2.2 : 0) + 0.3 * g.nextGaussian();
    }
    TestCells.Tanh cell = new TestCells.Tanh(3, 1, w, new double[] {0.3, -0.2, 0.1}, new double[3], 1.0, false);
    double[] inits = randomStates(60, 3, 1.0, 9);
    FixedPointOptions noisy = OPTS.withInitialNoise(0.1).withBlockSize(16);
    FixedPointSet ref = new FixedPointFinder(cell, noisy).find(inits, new double[] {0.2}, new SplittableRandom(3));
    // reverse and shuffle the rows
    double[] shuffled = new double[inits.length];
    int count = 60;
    int[] perm = new int[count];
    for (int k = 0; k < count; k++) {
      perm[k] = (k * 37 + 11) % count;
    }
    for (int k = 0; k < count; k++) {
      System.arraycopy(inits, perm[k] * 3, shuffled, k * 3, 3);
    }
    FixedPointSet other = new FixedPointFinder(cell, noisy.withThreads(2).withBlockSize(7))
        .find(shuffled, new double[] {0.2}, new SplittableRandom(3));
    assertTrue(ref.size() >= 1);
    assertEquals(ref.size(), other.size());
    assertEquals(ref.duplicates(), other.duplicates());
    for (int i = 0; i < ref.size(); i++) {
      assertArrayEquals(ref.get(i).state(), other.get(i).state(), 0.0);
      assertEquals(ref.get(i).q(), other.get(i).q(), 0.0);
      assertEquals(ref.get(i).unstableDimensions(), other.get(i).unstableDimensions());
    }
  }

  @Test
  void saddleNodeGhostIsFlaggedSlowAndTheBifurcatedPairIsFixed() {
    double a = 0.5;
    double[] inits = randomStates(30, 2, 0.5, 4);
    FixedPointSet ghost = new FixedPointFinder(new TestCells.SaddleNode(a, -0.004), OPTS).find(inits, new double[0]);
    assertEquals(1, ghost.size());
    FixedPoint g = ghost.get(0);
    assertEquals(PointKind.SLOW, g.kind());
    assertEquals(0.5 * a * a * 0.004 * 0.004, g.q(), 1e-12);
    assertEquals(0.0, g.state(0), 1e-4);
    assertEquals(0.0, g.state(1), 1e-6);

    FixedPointSet pair = new FixedPointFinder(new TestCells.SaddleNode(a, 0.004), OPTS).find(inits, new double[0]);
    assertEquals(2, pair.size());
    assertEquals(2, pair.count(PointKind.FIXED));
    assertEquals(1, pair.count(Stability.STABLE));
    assertEquals(1, pair.count(Stability.SADDLE));
    assertEquals(-Math.sqrt(0.004), pair.get(0).state(0), 1e-12);
    assertEquals(1, pair.get(0).unstableDimensions());

    FixedPointSet strict = new FixedPointFinder(new TestCells.SaddleNode(a, -0.004), OPTS.withSlowQ(1e-12))
        .find(inits, new double[0]);
    assertEquals(0, strict.size());
    assertEquals(30, strict.rejectedSlow());
  }

  @Test
  void saddleSearchContinuesSlowPointsIntoTheirAttractor() {
    // Starts far out on the saturated slow manifold of an attractor contracting by 1 − 10⁻³ a step.
    TestCells.SlowAttractor cell = new TestCells.SlowAttractor(1e-3);
    double[] inits = {5.0, 0.1, 5.5, -0.2, 6.0, 0.3, 6.5, 0.0, 7.0, -0.1};
    FixedPointOptions opts = OPTS.withMaxIterations(500);
    FixedPointSet plain = new FixedPointFinder(cell, opts).find(inits, new double[0]);
    assertEquals(0, plain.count(PointKind.FIXED), "the premise: Adam and the polish alone stop on the slow manifold");
    assertTrue(plain.count(PointKind.SLOW) > 0);
    FixedPointSet set = new FixedPointFinder(cell, opts).findWithSaddleSearch(inits, new double[0], null);
    assertEquals(1, set.count(PointKind.FIXED), set.toString());
    FixedPoint p = set.points().stream().filter(f -> f.kind() == PointKind.FIXED).findFirst().orElseThrow();
    assertEquals(Stability.STABLE, p.stability());
    assertEquals(0.0, p.state(0), 1e-9);
    assertEquals(0.0, p.state(1), 1e-9);
    FixedPointSet twoThreads = new FixedPointFinder(cell, opts.withThreads(2).withBlockSize(2))
        .findWithSaddleSearch(inits, new double[0], null);
    assertEquals(set.size(), twoThreads.size());
    for (int i = 0; i < set.size(); i++) {
      assertArrayEquals(set.get(i).state(), twoThreads.get(i).state(), 0.0);
    }
  }

  @Test
  void everyPointOfASaddleSearchCarriesItsOwnJacobianAndEigenvalues() {
    // Three stages (drawn starts, settled states, segment points between the four attractors): each selection
    // reuses the points the previous one classified, so each point must still describe its own state.
    double w = 1.5;
    TestCells.Tanh cell = TestCells.Tanh.diagonal(w, w);
    double[] starts = randomStates(40, 2, 1.0, 21);
    FixedPointSet set = new FixedPointFinder(cell, OPTS).findWithSaddleSearch(starts, new double[1], null);
    assertEquals(9, set.count(PointKind.FIXED), set.toString());
    assertEquals(4, set.count(Stability.STABLE));
    EigenOrder order = cell.continuousTime() ? EigenOrder.REAL_PART_DESCENDING : EigenOrder.MODULUS_DESCENDING;
    for (FixedPoint p : set.points()) {
      double[] jac = new double[4];
      cell.jacobian(p.state(), p.input(), jac);
      assertArrayEquals(jac, p.jacobian(), 0.0);
      EigenSystem e = p.kind() == PointKind.FIXED
          ? EigenSystem.of(jac, 2, order) : EigenSystem.valuesOf(jac, 2, order);
      assertArrayEquals(e.valuesReal(), p.eigen().valuesReal(), 0.0);
      assertArrayEquals(e.valuesImag(), p.eigen().valuesImag(), 0.0);
      double[] next = new double[2];
      cell.step(p.state(), p.input(), next);
      double d0 = next[0] - p.state(0);
      double d1 = next[1] - p.state(1);
      assertEquals(0.5 * (d0 * d0 + d1 * d1), p.q(), 1e-15);
    }
  }

  @Test
  void saddleSearchDoesNotTurnAGhostIntoAFixedPoint() {
    double[] inits = randomStates(30, 2, 0.5, 4);
    FixedPointSet ghost = new FixedPointFinder(new TestCells.SaddleNode(0.5, -0.004), OPTS)
        .findWithSaddleSearch(inits, new double[0], null);
    assertEquals(0, ghost.count(PointKind.FIXED));
    assertEquals(1, ghost.count(PointKind.SLOW));
  }

  @Test
  void settleRunsTheMapToItsAttractorsWhateverTheBlocksOrThreads() {
    double w = 1.5;
    double hs = TestCells.tanhRoot(w);
    TestCells.Tanh cell = TestCells.Tanh.diagonal(w, w);
    double[] starts = randomStates(40, 2, 1.0, 12);
    double[] ends = new FixedPointFinder(cell, OPTS).settle(starts, new double[1]);
    assertEquals(starts.length, ends.length, "every start settles");
    double[] next = new double[2];
    for (int k = 0; k < 40; k++) {
      double[] h = {ends[2 * k], ends[2 * k + 1]};
      cell.step(h, new double[1], next);
      assertTrue(0.5 * ((next[0] - h[0]) * (next[0] - h[0]) + (next[1] - h[1]) * (next[1] - h[1])) < OPTS.tolQ());
      for (int i = 0; i < 2; i++) {
        // the sign of each coordinate is kept (the origin's axes are the basin boundaries) and ends at ±h*
        assertEquals(Math.signum(starts[2 * k + i]) * hs, h[i], 1e-5);
      }
    }
    double[] other = new FixedPointFinder(cell, OPTS.withThreads(2).withBlockSize(3)).settle(starts, new double[1]);
    assertArrayEquals(ends, other, 0.0);
    double[] none = new FixedPointFinder(cell, OPTS.withSettleSteps(0)).settle(starts, new double[1]);
    assertEquals(0, none.length, "no steps: only starts already at a fixed point would be returned");
  }

  @Test
  void settleDropsStatesThatDoNotSettle() {
    // No fixed point: every state passes the ghost at the origin and runs off to −∞.
    double[] starts = randomStates(20, 2, 0.5, 4);
    assertEquals(0, new FixedPointFinder(new TestCells.SaddleNode(0.5, -0.004), OPTS).settle(starts, new double[0])
        .length);
  }

  @Test
  void idealFlipFlopCubeHas27PointsByIndex() {
    double w = 2.5;
    double hs = TestCells.tanhRoot(w);
    TestCells.Tanh cell = TestCells.Tanh.diagonal(w, w, w);
    FixedPointSet set = new FixedPointFinder(cell, OPTS).find(TestCells.grid(3, -1.0, 0.0, 1.0), new double[1]);
    assertEquals(27, set.size());
    assertEquals(8, set.countWithUnstableDimensions(0));
    assertEquals(12, set.countWithUnstableDimensions(1));
    assertEquals(6, set.countWithUnstableDimensions(2));
    assertEquals(1, set.countWithUnstableDimensions(3));
    for (FixedPoint p : set.points()) {
      for (int i = 0; i < 3; i++) {
        double v = Math.abs(p.state(i));
        assertTrue(Math.abs(v - hs) < 1e-10 || v < 1e-12);
      }
    }
  }

  @Test
  void customBatchedDynamicsAgreesWithTheReferenceFallback() {
    SplittableRandom g = new SplittableRandom(21);
    int n = 6;
    double[] w = new double[n * n];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % (n + 1) == 0 ? 1.8 : 0) + 0.2 * g.nextGaussian();
    }
    TestCells.Tanh cell = new TestCells.Tanh(n, 1, w, new double[n], new double[n], 1.0, false);
    double[] inits = randomStates(40, n, 1.0, 3);
    // the kernels agree row by row
    VanillaBatched fast = new VanillaBatched(cell);
    ReferenceCellDynamics slow = new ReferenceCellDynamics(cell);
    double[] x = {0.0};
    double[] r1 = new double[inits.length];
    double[] g1 = new double[inits.length];
    double[] r2 = new double[inits.length];
    double[] g2 = new double[inits.length];
    fast.residualGradient(40, inits, x, r1, g1);
    slow.residualGradient(40, inits, x, r2, g2);
    assertArrayEquals(r2, r1, 1e-14);
    assertArrayEquals(g2, g1, 1e-13);
    // and the finder driven by the batched kernel returns genuine fixed points of the cell
    FixedPointSet batched = new FixedPointFinder(cell, () -> new VanillaBatched(cell), OPTS).find(inits, x);
    assertTrue(batched.size() >= 1);
    double[] next = new double[n];
    for (FixedPoint p : batched.points()) {
      cell.step(p.state(), x, next);
      double q = 0;
      for (int i = 0; i < n; i++) {
        q += 0.5 * (next[i] - p.state(i)) * (next[i] - p.state(i));
      }
      assertEquals(p.q(), q, 1e-20);
      if (p.kind() == PointKind.FIXED) {
        assertTrue(q < 1e-20, "q = " + q);
      }
    }
  }

  @Test
  void defaultsAreFixedPointFindersWhereNotDocumentedOtherwise() {
    FixedPointOptions d = FixedPointOptions.defaults();
    assertEquals(1e-12, d.tolQ());
    assertEquals(1e-20, d.tolDq());
    assertEquals(5000, d.maxIterations());
    assertEquals(1.0, d.learningRateInit());
    assertEquals(1e-3, d.learningRateMin());
    assertEquals(0.95, d.learningRateDecrease());
    assertEquals(1 / 0.95, d.learningRateIncrease());
    assertEquals(5, d.learningRatePatience());
    assertEquals(0.01 * 1024, d.adamEpsilon(), 1e-12, "FFF's ε = 0.01 on the mean over 1,024 states, per state");
    assertEquals(1e-3, d.tolUnique());
    assertEquals(10.0, d.outlierDistanceScale());
    assertTrue(d.excludeDistanceOutliers());
    assertEquals(0.0, d.initialNoise());
    assertEquals(2000, d.settleSteps(), "Cohort's addition, difference (6)");
  }

  @Test
  void rejectsBadArguments() {
    TestCells.Tanh cell = TestCells.Tanh.diagonal(1.5, 1.5);
    FixedPointFinder f = new FixedPointFinder(cell, OPTS);
    assertThrows(IllegalArgumentException.class, () -> f.find(new double[3], new double[1]));
    assertThrows(IllegalArgumentException.class, () -> f.find(new double[4], new double[2]));
    assertThrows(IllegalArgumentException.class, () -> f.find(new double[] {0, Double.NaN}, new double[1]));
    FixedPointFinder noisy = new FixedPointFinder(cell, OPTS.withInitialNoise(0.1));
    assertThrows(IllegalArgumentException.class, () -> noisy.find(new double[2], new double[1]));
    assertThrows(IllegalArgumentException.class, () -> OPTS.withSlowQ(1e-13));
    assertThrows(IllegalArgumentException.class, () -> OPTS.withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> OPTS.withSettleSteps(-1));
    assertThrows(IllegalArgumentException.class, () -> f.settle(new double[3], new double[1]));
    assertThrows(IllegalArgumentException.class, () -> f.settle(new double[] {0, Double.NaN}, new double[1]));
  }

  /** A batched VJP for the discrete tanh network: gradient = Wᵀ (d ⊙ r) − r with d = 1 − h'². */
  static final class VanillaBatched implements BatchedDynamics {
    private final TestCells.Tanh cell;
    private final int n;
    private final double[] d;

    VanillaBatched(TestCells.Tanh cell) {
      this.cell = cell;
      this.n = cell.n;
      this.d = new double[n];
    }

    @Override
    public int stateSize() {
      return n;
    }

    @Override
    public void step(int count, double[] h, double[] x, double[] next) {
      for (int b = 0; b < count; b++) {
        for (int i = 0; i < n; i++) {
          double s = cell.bias[i];
          for (int j = 0; j < n; j++) {
            s += cell.w[i * n + j] * h[b * n + j];
          }
          for (int j = 0; j < cell.m; j++) {
            s += cell.u[i * cell.m + j] * x[j];
          }
          next[b * n + i] = Math.tanh(s);
        }
      }
    }

    @Override
    public void residualGradient(int count, double[] h, double[] x, double[] residual, double[] gradient) {
      step(count, h, x, residual);
      for (int b = 0; b < count; b++) {
        int o = b * n;
        for (int i = 0; i < n; i++) {
          double t = residual[o + i];
          residual[o + i] = t - h[o + i];
          d[i] = (1 - t * t) * residual[o + i];
          gradient[o + i] = -residual[o + i];
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            gradient[o + j] += cell.w[i * n + j] * d[i];
          }
        }
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jacobian) {
      cell.jacobian(h, x, jacobian);
    }
  }

  static double[] apply(double[] a, double[] v, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i] += a[i * n + j] * v[j];
      }
    }
    return out;
  }

  static double[] invert3(double[] m) {
    double a = m[0];
    double b = m[1];
    double c = m[2];
    double d = m[3];
    double e = m[4];
    double f = m[5];
    double g = m[6];
    double h = m[7];
    double i = m[8];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    return new double[] {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
        (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
        (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
  }

}
