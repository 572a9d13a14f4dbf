package cohort.models.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both product variants, through the opt-in Vector API kernel (this module's suite runs with
 * {@code --add-modules jdk.incubator.vector}) and the default auto-vectorised kernel, against a textbook double
 * triple loop on shapes 0..9, odd widths and across panel boundaries.
 */
class FloatGemmTest {

  @Test
  void vectorKernelIsAvailableToThisSuiteButOffByDefault() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "models' surefire argLine adds jdk.incubator.vector so that the opt-in kernel is tested");
    assertFalse(FloatGemm.VECTOR, "opt-in only (-Dcohort.vector=true)");
  }

  private static float[][] rows(int r, int c, SplittableRandom rnd) {
    float[][] x = new float[r][c];
    for (float[] row : x) {
      for (int j = 0; j < c; j++) {
        row[j] = (float) (2 * rnd.nextDouble() - 1);
      }
    }
    return x;
  }

  @Test
  void matchesTextbookProductOnSmallAndOddShapes() {
    SplittableRandom rnd = new SplittableRandom(1);
    int[] sizes = {0, 1, 2, 3, 4, 5, 7, 9, 70, 131};
    for (int m : new int[] {0, 1, 3, 4, 5, 9}) {
      for (int k : sizes) {
        for (int n : new int[] {0, 1, 4, 7, 17, 40}) {
          check(m, k, n, rnd);
        }
      }
    }
  }

  private static void check(int m, int k, int n, SplittableRandom rnd) {
    float[][] b = rows(k + 1, n + 2, rnd);
    float[][] a = rows(m + k + 2, m + k + 2, rnd);
    float[] flat = new float[3 + (m + 1) * (k + 1) * 2];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = (float) rnd.nextDouble();
    }
    for (int variant = 0; variant < 3; variant++) {
      float[][] c = rows(m + 1, n + 2, rnd);
      double[][] expected = new double[m + 1][n + 2];
      for (int i = 0; i < m + 1; i++) {
        for (int j = 0; j < n + 2; j++) {
          expected[i][j] = c[i][j];
        }
      }
      for (int i = 0; i < m; i++) {
        for (int j = 1; j < n + 1; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            double av = variant == 0 ? flat[3 + i * (k + 1) + p] : variant == 1 ? a[1 + i][2 + p] : a[1 + p][2 + i];
            s += av * b[1 + p][j];
          }
          expected[1 + i][j] += s;
        }
      }
      float[][] c2 = new float[c.length][];
      for (int i = 0; i < c.length; i++) {
        c2[i] = c[i].clone();
      }
      if (variant == 0) {
        FloatGemm.multiplyAdd(true, m, k, flat, 3, k + 1, 1, b, 1, c, 1, 1, n + 1);
        FloatGemm.multiplyAdd(false, m, k, flat, 3, k + 1, 1, b, 1, c2, 1, 1, n + 1);
      } else {
        FloatGemm.multiplyAdd(true, m, k, a, 1, 2, variant == 2, b, 1, c, 1, 1, n + 1);
        FloatGemm.multiplyAdd(false, m, k, a, 1, 2, variant == 2, b, 1, c2, 1, 1, n + 1);
      }
      for (int i = 0; i < m + 1; i++) {
        for (int j = 0; j < n + 2; j++) {
          assertEquals(expected[i][j], c[i][j], 1e-5 * (1 + k), "m=" + m + " k=" + k + " n=" + n + " v" + variant);
          assertEquals(expected[i][j], c2[i][j], 1e-5 * (1 + k), "auto-vectorised m=" + m + " k=" + k + " n=" + n);
        }
      }
    }
  }
}
