package cohort.analysis.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cohort.analysis.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden values from /work/shared/reference/scores.json (NumPy implementations of Kornblith et al.'s
 * CKA code, SVCCA at 99 % variance and netrep's Procrustes), tolerance 1e-8 as the task requires.
 */
class ReferenceScoresTest {

  private static final double TOL = 1e-8;

  private static Matrix load(String name) {
    return TestData.matrix("geom_" + name + ".npy");
  }

  @ParameterizedTest
  @CsvSource({"X,Y", "X,W", "Y,W"})
  void ckaVariantsAndSvccaMatchTheReference(String a, String b) {
    Matrix x = load(a);
    Matrix y = load(b);
    String pair = a + "-" + b;
    assertEquals(TestData.score(pair, "cka_linear"), new LinearCka().score(x, y), TOL);
    assertEquals(TestData.score(pair, "cka_linear_debiased"), new DebiasedCka().score(x, y), TOL);
    assertEquals(TestData.score(pair, "cka_rbf_0.5"), new RbfCka(0.5).score(x, y), TOL);
    Svcca.Result r = new Svcca(0.99).result(x, y);
    assertEquals(TestData.score(pair, "svcca_mean_corr_99"), r.mean(), TOL);
    assertArrayEquals(TestData.ints(pair, "svcca_dims"), new int[] {r.keptX(), r.keptY()});
  }

  @ParameterizedTest
  @CsvSource({"X,W", "X,Xr"})
  void procrustesAngularMatchesTheReference(String a, String b) {
    double got = new Procrustes().score(load(a), load(b));
    assertEquals(TestData.score(a + "-" + b, "procrustes_angular"), got, TOL);
  }

  @ParameterizedTest
  @CsvSource({"X,Xr"})
  void procrustesEuclideanUnitNormAndCkaOfRotatedCopy(String a, String b) {
    Procrustes euclid = new Procrustes(1.0, Procrustes.Score.EUCLIDEAN, true);
    assertEquals(TestData.score("X-Xr", "procrustes_euclidean_unit_norm"),
        euclid.score(load(a), load(b)), TOL);
    assertEquals(TestData.score("X-Xr", "cka_linear"), new LinearCka().score(load(a), load(b)), TOL);
  }
}
