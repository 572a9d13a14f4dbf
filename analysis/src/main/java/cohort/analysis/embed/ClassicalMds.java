package cohort.analysis.embed;

import cohort.analysis.similarity.Matrix;
import cohort.models.linalg.Linalg;

/**
 * Classical (Torgerson) multidimensional scaling: the eigenvectors of B = −½ J D⁽²⁾ J (J the centring matrix,
 * D⁽²⁾ the squared dissimilarities) belonging to its k <em>largest positive</em> eigenvalues, each scaled by the
 * square root of its eigenvalue (Torgerson 1952; Gower 1966; Borg &amp; Groenen 2005, §12.1), as
 * {@code sklearn}'s and Smile's classical MDS compute it.
 *
 * <p>When the dissimilarities are not Euclidean, B has negative eigenvalues. They carry no coordinates (a negative
 * eigenvalue has no real square root), and ranking the eigenpairs by magnitude instead of by value would put a
 * large negative one ahead of a small positive one and lose a real dimension; so the eigenpairs are ranked by
 * value, and an axis gets zero coordinates only when B has fewer than k positive eigenvalues. The embedding
 * reports how much of the positive spectrum it keeps ({@link Embedding#keptFraction()}) and how large the
 * negative part is ({@link Embedding#negativeMass()}), the usual diagnostics of a non-Euclidean input
 * (Borg &amp; Groenen 2005, §19.1).
 *
 * <p>The full symmetric eigendecomposition is LAPACK {@code dsyevd} (deterministic: the same matrix gives the
 * same bits on every call, which ARPACK's random start vector would not). Each axis is oriented so that its
 * largest-magnitude coordinate is positive (eigenvectors have no sign of their own). Exact (stress 0) when the
 * dissimilarities are Euclidean distances of points in k dimensions.
 */
public final class ClassicalMds {

  private ClassicalMds() {}

  /**
   * @param dissimilarity row-major N×N, symmetric, zero diagonal, not modified
   * @param n N
   * @param k embedding dimension, 1 ≤ k &lt; N
   */
  public static Embedding fit(double[] dissimilarity, int n, int k) {
    Embedding.checkDissimilarity(dissimilarity, n);
    if (k < 1 || k >= n) {
      throw new IllegalArgumentException("mds dimensions: got " + k + " for " + n + " networks; accepted: 1.."
          + (n - 1));
    }
    // B = -1/2 J D^2 J, J = I - 11'/n.
    double[] rowMean = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double d = dissimilarity[i * n + j];
        sum += d * d;
      }
      rowMean[i] = sum / n;
      total += sum;
    }
    double grand = total / ((double) n * n);
    double[] b = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = dissimilarity[i * n + j];
        b[i * n + j] = -0.5 * (d * d - rowMean[i] - rowMean[j] + grand);
      }
    }
    double[] ascending = new double[n];
    double[] vectors = Linalg.symmetricEigen(b, n, ascending);
    double[] values = new double[n];
    for (int j = 0; j < n; j++) {
      values[j] = ascending[n - 1 - j];
    }
    double[] flat = new double[n * k];
    for (int a = 0; a < k; a++) {
      double lambda = values[a];
      if (!(lambda > 0)) {
        break; // descending: no positive eigenvalue is left for this axis or the ones after it
      }
      int column = n - 1 - a;
      double scale = Math.sqrt(lambda);
      int argmax = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(vectors[i * n + column]) > Math.abs(vectors[argmax * n + column])) {
          argmax = i;
        }
      }
      double sign = vectors[argmax * n + column] < 0 ? -scale : scale;
      for (int i = 0; i < n; i++) {
        flat[i * k + a] = sign * vectors[i * n + column];
      }
    }
    Matrix x = new Matrix(n, k, flat);
    return new Embedding(x, Embedding.stress(dissimilarity, x), 0, "classical", values);
  }
}
