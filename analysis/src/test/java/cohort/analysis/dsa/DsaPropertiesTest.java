package cohort.analysis.dsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.similarity.Matrix;
import cohort.models.linalg.Linalg;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DsaPropertiesTest {

  static Matrix randomMatrix(SplittableRandom rng, int n) {
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian() / Math.sqrt(n);
    }
    return new Matrix(n, n, a);
  }

  static Matrix orthogonal(SplittableRandom rng, int n, boolean reflection) {
    double[] q = new double[n * n];
    SimilarityTransformDistance.haar(q, n, rng);
    double det = 1;
    double[] lu = q.clone();
    // sign of det via the eigenvalues' product of an orthogonal matrix: use LU through a solve-free trick
    double[][] e = Linalg.eigenvalues(lu, n);
    double re = 1;
    double im = 0;
    for (int i = 0; i < n; i++) {
      double r = re * e[0][i] - im * e[1][i];
      im = re * e[1][i] + im * e[0][i];
      re = r;
    }
    det = re;
    if ((det < 0) != reflection) {
      for (int i = 0; i < n; i++) {
        q[i * n] = -q[i * n];
      }
    }
    return new Matrix(n, n, q);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 10, 25})
  void similarityTransformFindsHiddenRotationsAndReflections(int n) {
    SplittableRandom rng = new SplittableRandom(n);
    Matrix a = randomMatrix(rng, n);
    for (boolean reflection : new boolean[] {false, true}) {
      Matrix q = orthogonal(rng, n, reflection);
      Matrix b = q.times(a).times(q.transpose());
      SimilarityTransformDistance.Result r = SimilarityTransformDistance.fit(a, b, 3000, 4, new SplittableRandom(1));
      assertEquals(0.0, r.euclidean(), 1e-6, "n=" + n + " reflection=" + reflection);
      assertEquals(0.0, r.angular(), 1e-5);
      Matrix c = r.transform();
      Matrix ctc = c.transpose().times(c);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertEquals(i == j ? 1.0 : 0.0, ctc.get(i, j), 1e-10, "C is orthogonal");
        }
      }
    }
    SimilarityTransformDistance.Result other = SimilarityTransformDistance.fit(a, randomMatrix(rng, n), 3000, 2,
        new SplittableRandom(1));
    assertTrue(other.angular() > 0.1);
    assertEquals(other.euclidean(), Math.sqrt(2 - 2 * Math.cos(other.angular())), 1e-9);
  }

  @Test
  void hungarianMatchesBruteForce() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + trial % 6;
      double[] cost = new double[n * n];
      for (int i = 0; i < cost.length; i++) {
        cost[i] = rng.nextInt(10) + rng.nextDouble();
      }
      int[] sigma = Hungarian.solve(cost, n);
      double got = 0;
      for (int i = 0; i < n; i++) {
        got += cost[i * n + sigma[i]];
      }
      assertEquals(brute(cost, n, new int[n], new boolean[n], 0), got, 1e-12);
      int[] sorted = sigma.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i]);
      }
    }
  }

  private static double brute(double[] cost, int n, int[] perm, boolean[] used, int row) {
    if (row == n) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += cost[i * n + perm[i]];
      }
      return s;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (!used[j]) {
        used[j] = true;
        perm[row] = j;
        best = Math.min(best, brute(cost, n, perm, used, row + 1));
        used[j] = false;
      }
    }
    return best;
  }

  @Test
  void wassersteinOnEigenvaluesIsTheMeanSquaredMatchingCostWithZeroPadding() {
    Matrix a = new Matrix(2, 2, new double[] {1, 0, 0, 2});
    Matrix b = new Matrix(2, 2, new double[] {2.5, 0, 0, 1.5});
    // best matching 1↔1.5, 2↔2.5: (0.25 + 0.25) / 2
    assertEquals(0.25, EigenvalueWasserstein.distance(a, b), 1e-12);
    // a rotation by θ scaled by r has eigenvalues r e^{±iθ}; against {0, 0} (padding) the cost is r²
    double r = 0.9;
    double t = 0.7;
    Matrix rot = new Matrix(2, 2, new double[] {r * Math.cos(t), -r * Math.sin(t), r * Math.sin(t), r * Math.cos(t)});
    Matrix one = new Matrix(1, 1, new double[] {0.0});
    assertEquals((r * r + r * r) / 2, EigenvalueWasserstein.distance(rot, one), 1e-12);
  }

  @Test
  void hankelDmdRecoversTheEigenvaluesOfANoiselessLinearSystem() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 4;
    double[] m = {0.9, -0.3, 0, 0, 0.3, 0.9, 0, 0, 0, 0, 0.7, 0, 0, 0, 0, 0.5};
    Matrix q = orthogonal(rng, n, false);
    Matrix sys = q.times(new Matrix(n, n, m)).times(q.transpose());
    int trials = 5;
    int steps = 30;
    double[] x = new double[trials * steps * n];
    for (int k = 0; k < trials; k++) {
      for (int i = 0; i < n; i++) {
        x[k * steps * n + i] = rng.nextGaussian();
      }
      for (int t = 1; t < steps; t++) {
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int j = 0; j < n; j++) {
            s += sys.get(i, j) * x[(k * steps + t - 1) * n + j];
          }
          x[(k * steps + t) * n + i] = s;
        }
      }
    }
    DmdFit fit = HankelDmd.fit(new Trajectories(trials, steps, n, x), new DsaOptions().withLamb(0));
    assertEquals(4, fit.rank());
    double[][] e = fit.eigenvalues();
    double[] mods = new double[4];
    for (int i = 0; i < 4; i++) {
      mods[i] = Math.hypot(e[0][i], e[1][i]);
    }
    Arrays.sort(mods);
    assertArrayEquals(new double[] {0.5, 0.7, Math.hypot(0.9, 0.3), Math.hypot(0.9, 0.3)}, mods, 1e-8);
    // the rank rules: a tiny threshold keeps all four, 99.999 % variance keeps at most four
    assertEquals(4, HankelDmd.fit(new Trajectories(trials, steps, n, x),
        new DsaOptions().withRank(RankSelection.threshold(1e-9))).rank());
    int ev = HankelDmd.fit(new Trajectories(trials, steps, n, x),
        new DsaOptions().withRank(RankSelection.explainedVariance(0.5))).rank();
    assertTrue(ev >= 1 && ev <= 4);
    // a noiseless 4-D system has a rank-4 Hankel matrix: asking for more directions is refused clearly
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> HankelDmd.fit(
        new Trajectories(trials, steps, n, x), new DsaOptions().withDelays(2, 1).withRank(RankSelection.fixed(6))));
    assertTrue(tooMany.getMessage().contains("numerical rank 4"), tooMany.getMessage());
    // full rank keeps every direction the data has: with two delays the 8-wide Hankel matrix has rank 4 here, as a
    // network with a dead or saturated unit has fewer directions than units; the eigenvalues are the system's
    DmdFit full = HankelDmd.fit(new Trajectories(trials, steps, n, x), new DsaOptions().withLamb(0).withDelays(2, 1));
    assertEquals(4, full.rank());
    double[] fullMods = new double[4];
    for (int i = 0; i < 4; i++) {
      fullMods[i] = Math.hypot(full.eigenvalues()[0][i], full.eigenvalues()[1][i]);
    }
    Arrays.sort(fullMods);
    assertArrayEquals(mods, fullMods, 1e-6);
    assertEquals(1, new RankSelection(RankSelection.Mode.THRESHOLD, 1e9).select(new double[] {3, 2, 1}, 14, 3));
    assertEquals(2, RankSelection.explainedVariance(0.9).select(new double[] {3, 2, 1}, 14, 3));
    assertEquals(3, RankSelection.explainedVariance(0.95).select(new double[] {3, 2, 1}, 14, 3));
  }

  @Test
  void orthogonalChangeOfBasisIsCloseAndOtherDynamicsAreFar() {
    DsaOptions o = DsaReferenceTest.CONFIG.withScore(DsaScore.ANGULAR);
    double ab = Dsa.compare(DsaReferenceTest.load("A"), DsaReferenceTest.load("B"), o).score();
    double ac = Dsa.compare(DsaReferenceTest.load("A"), DsaReferenceTest.load("C"), o).score();
    assertTrue(ab < 0.08, "A vs B " + ab);
    assertTrue(ac > 3 * ab, "A vs C " + ac + " vs A vs B " + ab);
    double wab = Dsa.compare(DsaReferenceTest.load("A"), DsaReferenceTest.load("B"), DsaReferenceTest.CONFIG).score();
    double wac = Dsa.compare(DsaReferenceTest.load("A"), DsaReferenceTest.load("C"), DsaReferenceTest.CONFIG).score();
    assertTrue(wac > 10 * wab, "wasserstein A-C " + wac + " A-B " + wab);
  }

  @Test
  void pairwiseIsSymmetricAndIndependentOfThreads() {
    List<Trajectories> nets = List.of(DsaReferenceTest.load("A"), DsaReferenceTest.load("B"), DsaReferenceTest.load("C"));
    DsaOptions o = DsaReferenceTest.CONFIG.withScore(DsaScore.EUCLIDEAN).withOptimizer(500, 2, 3);
    double[] one = Dsa.pairwise(nets, o, 1);
    double[] two = Dsa.pairwise(nets, o, 2);
    assertArrayEquals(one, two);
    for (int i = 0; i < 3; i++) {
      assertEquals(0.0, one[i * 4]);
      for (int j = 0; j < 3; j++) {
        assertEquals(one[i * 3 + j], one[j * 3 + i]);
      }
    }
    assertTrue(one[1] < one[2]);
  }

  @Test
  void laggedGramEqualsTheDirectHankelGram() {
    SplittableRandom rng = new SplittableRandom(8);
    int trials = 3;
    int steps = 17;
    int n = 4;
    double[] x = new double[trials * steps * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    for (int[] dt : new int[][] {{2, 1}, {3, 2}, {4, 3}}) {
      int d = dt[0];
      int tau = dt[1];
      int len = steps - (d - 1) * tau;
      int cols = n * d;
      double[] h = new double[trials * len * cols];
      for (int k = 0; k < trials; k++) {
        for (int r = 0; r < len; r++) {
          for (int b = 0; b < d; b++) {
            for (int i = 0; i < n; i++) {
              h[(k * len + r) * cols + b * n + i] = x[(k * steps + r + (d - 1 - b) * tau) * n + i];
            }
          }
        }
      }
      double[] direct = Linalg.gram(h, trials * len, cols);
      double[] lagged = HankelDmd.laggedGram(x, trials, steps, n, d, tau, len);
      for (int i = 0; i < direct.length; i++) {
        assertEquals(direct[i], lagged[i], 1e-11, "d=" + d + " tau=" + tau + " entry " + i);
      }
    }
  }

  @Test
  void optionsRejectBadValuesWithOneLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DsaOptions().withDelays(0, 1));
    assertTrue(e.getMessage().contains("n_delays: got 0; accepted: >= 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RankSelection.fixed(0));
    for (String text : new String[] {"full", "30", "rank=30", "rank_thresh=0.1", "rank_explained_variance=0.9"}) {
      RankSelection r = RankSelection.parse(text);
      assertEquals(r, RankSelection.parse(r.toString()), text);
    }
    assertEquals(RankSelection.fixed(30), RankSelection.parse("30"));
    e = assertThrows(IllegalArgumentException.class, () -> RankSelection.parse("most"));
    assertTrue(e.getMessage().startsWith("rank: got 'most'; accepted: full, an integer"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RankSelection.explainedVariance(1.5));
    assertThrows(IllegalArgumentException.class, () -> new DsaOptions().withLamb(-1));
    e = assertThrows(IllegalArgumentException.class,
        () -> HankelDmd.fit(new Trajectories(1, 5, 2, new double[10]), new DsaOptions().withDelays(5, 1)));
    assertTrue(e.getMessage().contains("accepted"), e.getMessage());
    assertEquals(DsaScore.WASSERSTEIN, new DsaOptions().score());
    assertEquals(1e-8, new DsaOptions().lamb());
    assertEquals(DsaScore.ANGULAR, DsaOptions.v2024().score());
    assertEquals(0.0, DsaOptions.v2024().lamb());
  }
}
