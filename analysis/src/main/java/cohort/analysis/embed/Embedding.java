package cohort.analysis.embed;

import cohort.analysis.similarity.Matrix;

/**
 * Low-dimensional coordinates of N networks from their pairwise dissimilarities.
 *
 * @param coordinates N×k, one row per network
 * @param stress Kruskal's stress-1, √(Σ_{i&lt;j}(δ_ij − d_ij)² / Σ_{i&lt;j} d_ij²), with δ the given
 *     dissimilarities and d the Euclidean distances of the coordinates (0 = exact)
 * @param iterations SMACOF iterations (0 for classical MDS)
 * @param method "classical" or "smacof"
 * @param eigenvalues the eigenvalues of the double-centred matrix B = −½ J D⁽²⁾ J in descending order (for SMACOF,
 *     those of its classical start); the first k positive ones give the axes
 */
public record Embedding(Matrix coordinates, double stress, int iterations, String method, double[] eigenvalues) {

  /**
   * The fraction of B's positive spectrum that the k axes keep: Σ of the kept positive eigenvalues over Σ of all
   * positive eigenvalues (1 when the dissimilarities are Euclidean distances of points in k dimensions; 0 when B
   * has no positive eigenvalue).
   */
  public double keptFraction() {
    int k = coordinates.cols();
    double kept = 0;
    double positive = 0;
    for (int i = 0; i < eigenvalues.length; i++) {
      if (eigenvalues[i] > 0) {
        positive += eigenvalues[i];
        if (i < k) {
          kept += eigenvalues[i];
        }
      }
    }
    return positive > 0 ? kept / positive : 0.0;
  }

  /**
   * The negative mass of B's spectrum relative to its positive mass, Σ|λ⁻| / Σλ⁺: 0 for Euclidean
   * dissimilarities, growing with how far they are from any Euclidean configuration (Borg &amp; Groenen 2005,
   * §19.1). Round-off (|λ| below 1e-12 of the largest) is not counted.
   */
  public double negativeMass() {
    double largest = 0;
    for (double v : eigenvalues) {
      largest = Math.max(largest, Math.abs(v));
    }
    double floor = 1e-12 * largest;
    double positive = 0;
    double negative = 0;
    for (double v : eigenvalues) {
      if (v > floor) {
        positive += v;
      } else if (v < -floor) {
        negative -= v;
      }
    }
    return positive > 0 ? negative / positive : (negative > 0 ? Double.POSITIVE_INFINITY : 0.0);
  }

  /** The Euclidean distance between rows {@code i} and {@code j} of the row-major coordinates {@code c} (k columns). */
  static double distance(double[] c, int k, int i, int j) {
    double s = 0;
    for (int a = 0; a < k; a++) {
      double diff = c[i * k + a] - c[j * k + a];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }

  /** Kruskal's stress-1 of coordinates X (N×k) against a row-major N×N dissimilarity matrix. */
  public static double stress(double[] dissimilarity, Matrix x) {
    int n = x.rows();
    int k = x.cols();
    double[] c = x.data();
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double d = distance(c, k, i, j);
        double e = dissimilarity[i * n + j] - d;
        num += e * e;
        den += d * d;
      }
    }
    return den > 0 ? Math.sqrt(num / den) : (num > 0 ? Double.POSITIVE_INFINITY : 0.0);
  }

  static void checkDissimilarity(double[] d, int n) {
    if (n < 2 || d == null || d.length != n * n) {
      throw new IllegalArgumentException("dissimilarity matrix: got " + (d == null ? "null" : d.length + " values")
          + " for " + n + " networks; accepted: a row-major N x N matrix with N >= 2");
    }
    for (int i = 0; i < n; i++) {
      if (d[i * n + i] != 0) {
        throw new IllegalArgumentException("dissimilarity matrix: diagonal entry " + i + " is "
            + d[i * n + i] + "; accepted: 0");
      }
      for (int j = i + 1; j < n; j++) {
        double a = d[i * n + j];
        if (!(a >= 0) || a != d[j * n + i]) {
          throw new IllegalArgumentException("dissimilarity matrix: entries (" + i + "," + j + ")=" + a
              + " and (" + j + "," + i + ")=" + d[j * n + i] + "; accepted: symmetric, finite, >= 0");
        }
      }
    }
  }
}
