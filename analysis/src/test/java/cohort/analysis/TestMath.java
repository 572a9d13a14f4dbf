package cohort.analysis;

import cohort.analysis.similarity.Matrix;
import java.util.SplittableRandom;

/** Small dense helpers the analysis tests share: products, distance matrices and random activity. */
public final class TestMath {
  private TestMath() {}

  /** {@code a b} for two row-major {@code n × n} matrices, by the definition. */
  public static double[] mul(double[] a, double[] b, int n) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < n; j++) {
          c[i * n + j] += a[i * n + k] * b[k * n + j];
        }
      }
    }
    return c;
  }

  /** The {@code n × n} Euclidean distances between {@code n} points of {@code dim} coordinates, row-major. */
  public static double[] distances(double[] points, int n, int dim) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int a = 0; a < dim; a++) {
          double diff = points[i * dim + a] - points[j * dim + a];
          s += diff * diff;
        }
        d[i * n + j] = Math.sqrt(s);
      }
    }
    return d;
  }

  /**
   * A random {@code n × p} activity matrix with a decaying spectrum (column j scaled by {@code e^(−j/4)}) and an
   * offset of 0.3, so that centring and scale matter.
   */
  public static Matrix random(SplittableRandom rng, int n, int p) {
    double[] d = new double[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        d[i * p + j] = rng.nextGaussian() * Math.exp(-j / 4.0) + 0.3;
      }
    }
    return new Matrix(n, p, d);
  }
}
