package cohort.analysis.similarity;

import static cohort.analysis.TestMath.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of particular geometry metrics beyond the contract every registered metric meets
 * ({@code cohort.analysis.MetricContractTest}): CCA's invariance against Procrustes', the settings that are not
 * scale invariant, the triangle inequality, the all-pairs fast paths, bad input.
 */
class SimilarityPropertiesTest {

  static Matrix orthogonal(SplittableRandom rng, int p) {
    double[] q = new double[p * p];
    cohort.analysis.dsa.SimilarityTransformDistanceTestAccess.haar(q, p, rng);
    return new Matrix(p, p, q);
  }

  static Matrix translate(Matrix x, double by) {
    double[] d = x.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] += by * (1 + i % x.cols());
    }
    return new Matrix(x.rows(), x.cols(), d);
  }

  /**
   * Isotropic scaling, which the contract test (cohort.analysis.MetricContractTest, over every registered metric)
   * checks only where a metric claims it: here the two Procrustes settings that do not.
   */
  @Test
  void partialWhiteningAndRawEuclideanProcrustesAreNotScaleInvariant() {
    SplittableRandom rng = new SplittableRandom(1);
    Matrix x = random(rng, 80, 8);
    Matrix y = random(rng, 80, 6);
    Matrix scaled = x.scale(3.7);
    Procrustes half = new Procrustes(0.5, Procrustes.Score.ANGULAR, false);
    assertTrue(Math.abs(half.score(x, y) - half.score(scaled, y)) > 1e-6);
    Procrustes raw = new Procrustes(1.0, Procrustes.Score.EUCLIDEAN, false);
    Matrix rotated = translate(x.times(orthogonal(rng, 8)), 2.0);
    assertEquals(0.0, raw.score(x, rotated), 1e-9);
    assertTrue(raw.score(x, scaled) > 1.0, "euclidean Procrustes is not scale invariant");
    for (Procrustes p : List.of(half, raw)) {
      assertFalse(p.invariances().contains(Invariance.ISOTROPIC_SCALING), p.toString());
    }
  }

  @Test
  void ccaIsInvariantToInvertibleMapsButProcrustesIsNot() {
    SplittableRandom rng = new SplittableRandom(11);
    Matrix x = random(rng, 120, 6);
    double[] m = new double[36];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        m[i * 6 + j] = (i == j ? 2.0 : 0.0) + 0.6 * rng.nextGaussian();
      }
    }
    Matrix mapped = x.times(new Matrix(6, 6, m));
    assertEquals(1.0, new Svcca(1.0).score(x, mapped), 1e-9);
    assertEquals(0.0, new Procrustes(0.0, Procrustes.Score.ANGULAR, false).score(x, mapped), 1e-6);
    assertTrue(new Procrustes().score(x, mapped) > 0.05);
    assertTrue(new LinearCka().score(x, mapped) < 0.999);
  }

  @Test
  void angularProcrustesObeysTheTriangleInequality() {
    SplittableRandom rng = new SplittableRandom(5);
    Procrustes angular = new Procrustes();
    for (int trial = 0; trial < 5; trial++) {
      Matrix x = random(rng, 200, 10);
      Matrix other = random(rng, 200, 10);
      Matrix z = random(rng, 200, 10);
      assertTrue(angular.score(x, z) <= angular.score(x, other) + angular.score(other, z) + 1e-12);
    }
  }

  @Test
  void pairwiseMatricesMatchDirectScoresAndDoNotDependOnThreads() {
    SplittableRandom rng = new SplittableRandom(9);
    List<Matrix> nets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      nets.add(random(rng, 50, 4 + i % 3));
    }
    double[] fast = PairwiseLinearCka.matrix(nets, 1);
    double[] fast2 = PairwiseLinearCka.matrix(nets, 2);
    double[] one = Pairwise.matrix(new LinearCka(), nets, Pairwise.Kind.SCORE, 1);
    double[] two = Pairwise.matrix(new LinearCka(), nets, Pairwise.Kind.SCORE, 2);
    assertArrayEquals(one, two);
    assertArrayEquals(fast, fast2, "Java threads share fixed blocks: the same bits at any thread count");
    for (int i = 0; i < 36; i++) {
      assertEquals(one[i], fast[i], 1e-12);
    }
    // enough samples that the first band's fold has more than one chunk of columns (64 · 300 > FOLD_CHUNK)
    List<Matrix> tall = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tall.add(random(rng, 300, 3 + i % 4));
    }
    assertTrue(64 * 300 > PairwiseLinearCka.FOLD_CHUNK);
    double[] tallOne = PairwiseLinearCka.matrix(tall, 1);
    assertArrayEquals(tallOne, PairwiseLinearCka.matrix(tall, 3));
    assertEquals(new LinearCka().score(tall.get(1), tall.get(3)), tallOne[1 * 5 + 3], 1e-12);
    double[] sv = Pairwise.matrix(new Svcca(0.99), nets, Pairwise.Kind.SCORE, 1);
    double[] svFast = PairwiseSvcca.matrix(nets, new Svcca(0.99), 1);
    assertArrayEquals(svFast, PairwiseSvcca.matrix(nets, new Svcca(0.99), 2));
    for (int i = 0; i < 36; i++) {
      assertEquals(sv[i], svFast[i], 1e-12);
    }
    double[] dist = Pairwise.matrix(new Svcca(0.99), nets, Pairwise.Kind.DISTANCE, 2);
    assertEquals(0.0, dist[7]);
    assertEquals(1 - new Svcca(0.99).score(nets.get(2), nets.get(3)), dist[2 * 6 + 3], 1e-12);
  }

  @Test
  void pairwiseSvccaAcrossSeveralGroupsMatchesDirectScores() {
    SplittableRandom rng = new SplittableRandom(21);
    List<Matrix> nets = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int p = 50 + i % 3;
      double[] d = new double[80 * p];
      for (int k = 0; k < d.length; k++) {
        d[k] = rng.nextGaussian(); // a flat spectrum: nearly every direction is kept
      }
      nets.add(new Matrix(80, p, d));
    }
    Svcca svcca = new Svcca(0.99);
    int kept = 0;
    for (Matrix m : nets) {
      kept += svcca.prepare(m).kept();
    }
    assertTrue(kept > 2 * PairwiseSvcca.GROUP_COLUMNS, "three or more groups of networks: " + kept + " columns");
    double[] one = PairwiseSvcca.matrix(nets, svcca, 1);
    assertArrayEquals(one, PairwiseSvcca.matrix(nets, svcca, 3), "groups are a shape constant, not a thread count");
    int n = nets.size();
    for (int i = 0; i < n; i++) {
      assertEquals(1.0, one[i * n + i]);
      for (int j = i + 1; j < n; j++) {
        assertEquals(one[i * n + j], one[j * n + i]);
      }
    }
    for (int[] p : new int[][] {{0, 1}, {0, 99}, {5, 60}, {43, 44}, {88, 89}, {13, 97}}) {
      assertEquals(svcca.score(nets.get(p[0]), nets.get(p[1])), one[p[0] * n + p[1]], 1e-12,
          "pair " + p[0] + ", " + p[1]);
    }
  }

  @Test
  void identicalNetworksAreAtDistanceZeroNotARoundingBelowIt() {
    // linear CKA of a matrix with itself lands a few ulps above 1 for some inputs; 1 − CKA must not go negative,
    // or the study's embedding refuses the whole distance matrix (found on a population holding copies of networks)
    SplittableRandom rng = new SplittableRandom(31);
    LinearCka cka = new LinearCka();
    int above = 0;
    for (int t = 0; t < 300; t++) {
      Matrix x = random(rng, 40 + t % 7, 3 + t % 5);
      LinearCka.Prepared p = cka.prepare(x);
      if (cka.score(p, p) > 1.0) {
        above++;
      }
      double d = cka.distance(p, cka.prepare(new Matrix(x.rows(), x.cols(), x.data().clone())));
      assertTrue(d >= 0 && d < 1e-12, "distance of a copy: " + d);
    }
    assertTrue(above > 0, "the case this guards against occurs among these inputs");
    List<Matrix> nets = List.of(random(rng, 60, 4), random(rng, 60, 5));
    List<Matrix> withCopy = List.of(nets.get(0), nets.get(1), nets.get(0));
    double[] d = Pairwise.matrix(cka, withCopy, Pairwise.Kind.DISTANCE, 1);
    assertEquals(0.0, d[0 * 3 + 2]);
    cohort.analysis.embed.ClassicalMds.fit(d, 3, 2);
  }

  @Test
  void badInputsGetOneClearLine() {
    SplittableRandom rng = new SplittableRandom(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LinearCka().score(random(rng, 10, 3), random(rng, 11, 3)));
    assertTrue(e.getMessage().contains("10 and 11 rows"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Svcca(1.5));
    assertThrows(IllegalArgumentException.class, () -> new RbfCka(0));
    e = assertThrows(IllegalArgumentException.class, () -> new Procrustes(-0.1, Procrustes.Score.ANGULAR, false));
    assertTrue(e.getMessage().contains("accepted: [0, 1]"), e.getMessage());
  }
}
