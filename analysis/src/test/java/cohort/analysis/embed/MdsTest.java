package cohort.analysis.embed;

import static cohort.analysis.TestMath.distances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MdsTest {

  static double[] planePoints(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[n * 2];
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextGaussian() * 3;
    }
    return p;
  }

  @Test
  void classicalMdsRecoversPlanarDistances() {
    int n = 25;
    double[] d = distances(planePoints(n, 1), n, 2);
    Embedding e = ClassicalMds.fit(d, n, 2);
    assertEquals(0.0, e.stress(), 1e-9);
    double[] back = distances(e.coordinates().data(), n, 2);
    for (int i = 0; i < d.length; i++) {
      assertEquals(d[i], back[i], 1e-8);
    }
  }

  @Test
  void smacofKeepsAnExactSolutionAndLowersStressOfANoisyOne() {
    int n = 20;
    double[] d = distances(planePoints(n, 2), n, 2);
    Embedding exact = MetricMds.fit(d, n, 2, 100, 1e-12);
    assertEquals(0.0, exact.stress(), 1e-8);
    double[] d3 = distances(planePoints(n * 3 / 2 * 2, 3), n, 3);
    Embedding classical = ClassicalMds.fit(d3, n, 2);
    Embedding smacof = MetricMds.fit(d3, n, 2, 500, 1e-10);
    assertTrue(smacof.stress() <= classical.stress() + 1e-12,
        "smacof " + smacof.stress() + " classical " + classical.stress());
    assertTrue(smacof.iterations() >= 1);
  }

  @Test
  void rejectsAsymmetricOrBadDimensions() {
    double[] d = {0, 1, 2, 0};
    assertThrows(IllegalArgumentException.class, () -> ClassicalMds.fit(d, 2, 1));
    double[] ok = {0, 1, 1, 0};
    assertThrows(IllegalArgumentException.class, () -> ClassicalMds.fit(ok, 2, 2));
  }

  /**
   * Dissimilarities whose double-centred matrix has a negative eigenvalue larger in magnitude than its second
   * positive one (points in a plane, minus a third "negative" direction): the second axis must come from the
   * second largest positive eigenvalue, not be left at zero because a negative eigenvalue outranked it by
   * magnitude. Reference: the eigen-decomposition of B by Commons Math, ranked by value, as NumPy users compute it.
   */
  @Test
  void classicalMdsKeepsTheLargestPositiveEigenvaluesNotTheLargestMagnitudes() {
    int n = 20;
    SplittableRandom rng = new SplittableRandom(7);
    double[] x = new double[n * 3];
    for (int i = 0; i < n; i++) {
      x[i * 3] = 3 * rng.nextGaussian();
      x[i * 3 + 1] = 0.5 * rng.nextGaussian();
      x[i * 3 + 2] = 0.7 * rng.nextGaussian();
    }
    double[] d2 = new double[n * n];
    double min = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = x[i * 3] - x[j * 3];
        double b = x[i * 3 + 1] - x[j * 3 + 1];
        double c = x[i * 3 + 2] - x[j * 3 + 2];
        d2[i * n + j] = a * a + b * b - c * c;
        min = Math.min(min, d2[i * n + j]);
      }
    }
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i * n + j] = i == j ? 0 : Math.sqrt(d2[i * n + j] - min);
      }
    }
    org.apache.commons.math3.linear.RealMatrix b = doubleCentred(d, n);
    org.apache.commons.math3.linear.EigenDecomposition evd = new org.apache.commons.math3.linear.EigenDecomposition(b);
    double[] values = evd.getRealEigenvalues().clone();
    java.util.Arrays.sort(values);
    double mostNegative = values[0];
    double secondPositive = values[n - 2];
    assertTrue(secondPositive > 0 && -mostNegative > secondPositive,
        "precondition: a negative eigenvalue outranks the second positive one by magnitude; got " + mostNegative
            + " and " + secondPositive);

    Embedding e = ClassicalMds.fit(d, n, 2);
    double[] c = e.coordinates().data();
    for (int axis = 0; axis < 2; axis++) {
      double lambda = values[n - 1 - axis];
      int index = -1;
      for (int i = 0; i < n; i++) {
        if (evd.getRealEigenvalue(i) == lambda) {
          index = i;
        }
      }
      org.apache.commons.math3.linear.RealVector v = evd.getEigenvector(index);
      double spread = 0;
      double dot = 0;
      for (int i = 0; i < n; i++) {
        spread += c[i * 2 + axis] * c[i * 2 + axis];
        dot += c[i * 2 + axis] * v.getEntry(i);
      }
      assertEquals(lambda, spread, 1e-9 * lambda, "axis " + axis + ": squared norm = its eigenvalue");
      assertEquals(Math.sqrt(lambda), Math.abs(dot), 1e-7 * Math.sqrt(lambda), "axis " + axis + ": its eigenvector");
    }
    double positive = 0;
    double negative = 0;
    for (double v : values) {
      if (v > 1e-9) {
        positive += v;
      } else if (v < -1e-9) {
        negative -= v;
      }
    }
    assertEquals((values[n - 1] + values[n - 2]) / positive, e.keptFraction(), 1e-9);
    assertEquals(negative / positive, e.negativeMass(), 1e-9);
    assertTrue(e.negativeMass() > 0);
  }

  @Test
  void euclideanInputKeepsTheWholePositiveSpectrumAndHasNoNegativeMass() {
    int n = 15;
    Embedding e = ClassicalMds.fit(distances(planePoints(n, 4), n, 2), n, 2);
    assertEquals(1.0, e.keptFraction(), 1e-9);
    assertEquals(0.0, e.negativeMass(), 1e-9);
  }

  private static org.apache.commons.math3.linear.RealMatrix doubleCentred(double[] d, int n) {
    double[][] b = new double[n][n];
    double[] row = new double[n];
    double all = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        row[i] += d[i * n + j] * d[i * n + j] / n;
      }
      all += row[i] / n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i][j] = -0.5 * (d[i * n + j] * d[i * n + j] - row[i] - row[j] + all);
      }
    }
    return new org.apache.commons.math3.linear.Array2DRowRealMatrix(b);
  }
}
