package cohort.analysis.embed;

import cohort.analysis.similarity.Checks;
import cohort.analysis.similarity.Matrix;

/**
 * Metric multidimensional scaling by SMACOF (de Leeuw 1977, "Applications of convex analysis to
 * multidimensional scaling"; Borg &amp; Groenen 2005, ch. 8): minimise the raw stress
 * σ(X) = Σ_{i&lt;j}(δ_ij − d_ij(X))² by the Guttman transform X ← (1/N)·B(X)·X with
 * B_ij = −δ_ij/d_ij(X) for i ≠ j (0 where d_ij = 0) and B_ii = −Σ_{j≠i} B_ij, which never increases σ.
 * Starts from the classical MDS solution (deterministic) and stops when the relative decrease of σ
 * falls below {@code tolerance} or after {@code maxIterations}.
 */
public final class MetricMds {

  private MetricMds() {}

  /**
   * @param dissimilarity row-major N×N, symmetric, zero diagonal, not modified
   * @param n N
   * @param k embedding dimension, 1 ≤ k &lt; N
   * @param maxIterations ≥ 1
   * @param tolerance relative stress decrease at which to stop, ≥ 0
   */
  public static Embedding fit(double[] dissimilarity, int n, int k, int maxIterations, double tolerance) {
    Checks.atLeast("smacof maxIterations", maxIterations, 1);
    Checks.nonNegative("smacof tolerance", tolerance);
    Embedding start = ClassicalMds.fit(dissimilarity, n, k);
    double[] x = start.coordinates().data().clone();
    double[] next = new double[n * k];
    double[] dist = new double[n * n];
    double sigma = rawStress(dissimilarity, x, n, k, dist);
    int it = 0;
    while (it < maxIterations) {
      it++;
      java.util.Arrays.fill(next, 0.0);
      for (int i = 0; i < n; i++) {
        double bii = 0;
        for (int j = 0; j < n; j++) {
          if (j == i) {
            continue;
          }
          double dij = dist[i * n + j];
          double bij = dij > 0 ? -dissimilarity[i * n + j] / dij : 0.0;
          bii -= bij;
          for (int a = 0; a < k; a++) {
            next[i * k + a] += bij * x[j * k + a];
          }
        }
        for (int a = 0; a < k; a++) {
          next[i * k + a] += bii * x[i * k + a];
        }
      }
      for (int i = 0; i < n * k; i++) {
        next[i] /= n;
      }
      double s = rawStress(dissimilarity, next, n, k, dist);
      double[] tmp = x;
      x = next;
      next = tmp;
      boolean done = sigma - s <= tolerance * sigma;
      sigma = s;
      if (done) {
        break;
      }
    }
    Matrix c = new Matrix(n, k, x);
    return new Embedding(c, Embedding.stress(dissimilarity, c), it, "smacof", start.eigenvalues());
  }

  private static double rawStress(double[] delta, double[] x, int n, int k, double[] dist) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double d = Embedding.distance(x, k, i, j);
        dist[i * n + j] = d;
        dist[j * n + i] = d;
        double e = delta[i * n + j] - d;
        s += e * e;
      }
    }
    return s;
  }
}
