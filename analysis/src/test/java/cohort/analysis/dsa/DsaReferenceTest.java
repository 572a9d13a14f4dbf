package cohort.analysis.dsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.TestData;
import cohort.analysis.similarity.Matrix;
import cohort.models.linalg.Linalg;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DSA against the reference implementation's outputs in /work/shared/reference (mitchellostrow/DSA
 * {@code DMD(n_delays=3, delay_interval=1, rank=6)} operators and its SimilarityTransformDist scores
 * after 2,000 Adam steps at lr 0.01).
 */
class DsaReferenceTest {

  static final DsaOptions CONFIG = new DsaOptions().withDelays(3, 1).withRank(RankSelection.fixed(6));

  static Trajectories load(String name) {
    TestData.Npy a = TestData.npy("dsa_" + name + ".npy");
    return new Trajectories(a.shape()[0], a.shape()[1], a.shape()[2], a.data());
  }

  static Matrix operator(String name) {
    return TestData.matrix("dsa_" + name + "_operator.npy");
  }

  /** Eigenvalues sorted by (re, im) after rounding so conjugate pairs line up. */
  static double[][] sortedEigs(Matrix m) {
    double[][] e = cohort.models.linalg.Linalg.eigenvalues(m.data(), m.rows());
    int n = m.rows();
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> {
      int c = Double.compare(Math.round(e[0][p] * 1e4), Math.round(e[0][q] * 1e4));
      return c != 0 ? c : Double.compare(e[1][p], e[1][q]);
    });
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      out[0][i] = e[0][idx[i]];
      out[1][i] = e[1][idx[i]];
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B", "C"})
  void operatorEigenvaluesMatchTheReference(String name) {
    DmdFit fit = HankelDmd.fit(load(name), CONFIG);
    assertEquals(6, fit.rank());
    double[][] mine = sortedEigs(fit.operator());
    double[][] ref = sortedEigs(operator(name));
    for (int i = 0; i < 6; i++) {
      assertEquals(ref[0][i], mine[0][i], 1e-6, "re " + i + " " + Arrays.toString(mine[0]));
      assertEquals(ref[1][i], mine[1][i], 1e-6, "im " + i + " " + Arrays.toString(mine[1]));
    }
  }

  @ParameterizedTest
  @CsvSource({"A,B", "A,C", "B,C"})
  void scoresAreNoWorseThanTheReference(String a, String b) {
    DsaResult ang = Dsa.compare(load(a), load(b), CONFIG.withScore(DsaScore.ANGULAR));
    DsaResult euc = Dsa.compare(load(a), load(b), CONFIG.withScore(DsaScore.EUCLIDEAN));
    double refAng = TestData.score("scores", a + "-" + b + " angular");
    double refEuc = TestData.score("scores", a + "-" + b + " euclidean");
    assertTrue(ang.score() <= refAng + 1e-3, "angular " + ang.score() + " vs reference " + refAng);
    assertTrue(euc.score() <= refEuc + 1e-3, "euclidean " + euc.score() + " vs reference " + refEuc);
    // the same comparison on the reference's own operators
    SimilarityTransformDistance.Result onRef = SimilarityTransformDistance.fit(operator(a), operator(b),
        1500, 8, new java.util.SplittableRandom(0));
    assertTrue(onRef.angular() <= refAng + 1e-6, "angular on reference operators " + onRef.angular());
    assertTrue(onRef.euclidean() <= refEuc + 1e-6, "euclidean on reference operators " + onRef.euclidean());
    assertEquals(onRef.angular(), ang.score(), 1e-3, "operators from the two fits agree");
  }
}
