package cohort.analysis.embed;

import cohort.analysis.similarity.Matrix;

/**
 * Classical (Torgerson) multidimensional scaling: the top-k eigenvectors of B = −½ J D⁽²⁾ J (J the
 * centring matrix, D⁽²⁾ the squared dissimilarities), scaled by the square roots of their eigenvalues
 * (Torgerson 1952; Gower 1966), as Smile's {@code smile.manifold.MDS} computes it, but with a full symmetric
 * eigendecomposition (LAPACK {@code dsyevd} through Smile's {@code Matrix.eigen}) instead of ARPACK, whose random
 * start vector is process state: the same matrix then gives the same bits on every call. Each axis is oriented so
 * that its largest-magnitude coordinate is positive (eigenvectors have no sign of their own). Axes with a
 * non-positive eigenvalue get zero coordinates. Exact (stress 0) when the dissimilarities are Euclidean distances
 * of points in k dimensions.
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
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = dissimilarity[i * n + j];
        b[i][j] = -0.5 * (d * d - rowMean[i] - rowMean[j] + grand);
      }
    }
    smile.math.matrix.Matrix bm = smile.math.matrix.Matrix.of(b);
    bm.uplo(smile.math.blas.UPLO.LOWER);
    smile.math.matrix.Matrix.EVD evd = bm.eigen(false, true, true).sort();
    double[] values = evd.wr;
    smile.math.matrix.Matrix vectors = evd.Vr;
    double[] flat = new double[n * k];
    for (int j = 0; j < k; j++) {
      double lambda = values[j];
      if (!(lambda > 0)) {
        continue;
      }
      double scale = Math.sqrt(lambda);
      int argmax = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(vectors.get(i, j)) > Math.abs(vectors.get(argmax, j))) {
          argmax = i;
        }
      }
      double sign = vectors.get(argmax, j) < 0 ? -scale : scale;
      for (int i = 0; i < n; i++) {
        flat[i * k + j] = sign * vectors.get(i, j);
      }
    }
    Matrix x = new Matrix(n, k, flat);
    return new Embedding(x, Embedding.stress(dissimilarity, x), 0, "classical");
  }
}
