package cohort.analysis.separability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two linear classifiers against their defining equations. */
class ClassifiersTest {

  static double[][] overlapping(int n, int dim, long seed, int[] y) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][dim];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < dim; j++) {
        x[i][j] = rng.nextGaussian() + (y[i] == 1 ? 0.7 / (1 + j) : 0);
      }
    }
    return x;
  }

  /** ∇f at the fit: Σ (σ(η_i) − y_i) x̃_i + λ (w, 0), which vanishes at the minimiser. */
  @Test
  void logisticRegressionStopsAtAStationaryPointOfItsObjective() {
    for (double lambda : new double[] {0, 0.1, 5}) {
      int[] y = new int[60];
      double[][] x = overlapping(60, 4, 3, y);
      LinearRule r = LogisticRegression.fit(x, y, lambda);
      double[] g = new double[5];
      for (int i = 0; i < x.length; i++) {
        double eta = r.bias();
        for (int j = 0; j < 4; j++) {
          eta += r.weights()[j] * x[i][j];
        }
        double res = 1 / (1 + Math.exp(-eta)) - y[i];
        for (int j = 0; j < 4; j++) {
          g[j] += res * x[i][j];
        }
        g[4] += res;
      }
      for (int j = 0; j < 4; j++) {
        g[j] += lambda * r.weights()[j];
      }
      assertArrayEquals(new double[5], g, 1e-8, "lambda " + lambda);
      assertEquals(r, LogisticRegression.fit(x, y, lambda), "deterministic");
    }
    // separable without a penalty: the minimum is at infinity, the rule still separates
    double[][] sep = {{-2}, {-1}, {1}, {2}};
    LinearRule s = LogisticRegression.fit(sep, new int[] {0, 0, 1, 1}, 0);
    assertEquals(0, s.predict(new double[] {-0.5}));
    assertEquals(1, s.predict(new double[] {0.5}));
    assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(sep, new int[] {0, 0, 1, 2}, 0.1));
  }

  @Test
  void linearDiscriminantIsTheSharedCovarianceGaussianRule() {
    int[] y = new int[80];
    double[][] x = overlapping(80, 2, 5, y);
    double[][] mean = new double[2][2];
    int[] count = new int[2];
    for (int i = 0; i < 80; i++) {
      count[y[i]]++;
      mean[y[i]][0] += x[i][0];
      mean[y[i]][1] += x[i][1];
    }
    for (int c = 0; c < 2; c++) {
      mean[c][0] /= count[c];
      mean[c][1] /= count[c];
    }
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < 80; i++) {
      double a = x[i][0] - mean[y[i]][0];
      double b = x[i][1] - mean[y[i]][1];
      sxx += a * a / 78;
      sxy += a * b / 78;
      syy += b * b / 78;
    }
    double det = sxx * syy - sxy * sxy;
    double d0 = mean[1][0] - mean[0][0];
    double d1 = mean[1][1] - mean[0][1];
    double w0 = (syy * d0 - sxy * d1) / det;
    double w1 = (-sxy * d0 + sxx * d1) / det;
    double b = -0.5 * ((mean[0][0] + mean[1][0]) * w0 + (mean[0][1] + mean[1][1]) * w1);
    LinearRule r = LinearDiscriminant.fit(x, y);
    assertArrayEquals(new double[] {w0, w1}, r.weights(), 1e-10);
    assertEquals(b, r.bias(), 1e-10);
    // more features than samples: refused in one line
    double[][] wide = new double[4][6];
    for (int i = 0; i < 4; i++) {
      wide[i][i] = 1;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearDiscriminant.fit(wide, new int[] {0, 1, 0, 1}));
    assertTrue(e.getMessage().contains("singular") && e.getMessage().contains("accepted"), e.getMessage());
  }
}
