package cohort.analysis.dsa;

import cohort.analysis.similarity.Matrix;
import cohort.models.linalg.Linalg;

/**
 * DSA's Wasserstein score (reference {@code SimilarityTransformDist} with
 * {@code score_method="wasserstein"}, after Redman et al. 2023): the eigenvalues of the two raw
 * operators are points (Re, Im) in the plane, the smaller set is padded with zeros, the cost is the
 * squared Euclidean distance and both sets carry uniform weights 1/n, so POT's {@code emd2} equals
 * {@code (1/n)·min_σ Σ_i |λ_i − μ_σ(i)|²}, solved exactly here by {@link Hungarian}.
 */
public final class EigenvalueWasserstein {

  private EigenvalueWasserstein() {}

  /** The score between two square operators (sizes may differ). */
  public static double distance(Matrix a, Matrix b) {
    double[][] ea = Linalg.eigenvalues(a.data(), a.rows());
    double[][] eb = Linalg.eigenvalues(b.data(), b.rows());
    return distance(ea[0], ea[1], eb[0], eb[1]);
  }

  /** The score between two eigenvalue sets given as real and imaginary parts. */
  public static double distance(double[] reA, double[] imA, double[] reB, double[] imB) {
    int n = Math.max(reA.length, reB.length);
    double[] cost = new double[n * n];
    for (int i = 0; i < n; i++) {
      double ar = i < reA.length ? reA[i] : 0.0;
      double ai = i < reA.length ? imA[i] : 0.0;
      for (int j = 0; j < n; j++) {
        double br = j < reB.length ? reB[j] : 0.0;
        double bi = j < reB.length ? imB[j] : 0.0;
        double dr = ar - br;
        double di = ai - bi;
        cost[i * n + j] = dr * dr + di * di;
      }
    }
    int[] sigma = Hungarian.solve(cost, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += cost[i * n + sigma[i]];
    }
    return s / n;
  }
}
