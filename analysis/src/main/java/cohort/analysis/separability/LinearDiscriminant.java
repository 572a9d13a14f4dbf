package cohort.analysis.separability;

import cohort.models.linalg.Linalg;

/**
 * Fisher's linear discriminant for two classes, in its Gaussian form (Fisher 1936, "The use of multiple
 * measurements in taxonomic problems"; Hastie, Tibshirani &amp; Friedman 2009, §4.3): with class means μ₀, μ₁, the
 * pooled within-class covariance {@code Σ = Σ_c Σ_{i∈c} (x_i − μ_c)(x_i − μ_c)ᵀ / (n − 2)} and the class
 * frequencies π₀, π₁ as priors, a sample goes to class 1 when
 *
 * <pre>  w·x + b &gt; 0,   w = Σ⁻¹(μ₁ − μ₀),   b = −½ (μ₀ + μ₁)·w + log(π₁/π₀),</pre>
 *
 * the larger Gaussian posterior with a shared covariance. Σ is inverted through its eigendecomposition; a
 * covariance whose smallest eigenvalue is below {@value #SINGULAR} times its largest (more features than samples,
 * or features that are linear combinations of others) is refused, as Smile's {@code LDA} refused it.
 */
public final class LinearDiscriminant {

  /** Relative eigenvalue below which the pooled covariance counts as singular. */
  static final double SINGULAR = 1e-8;

  private LinearDiscriminant() {}

  /**
   * Fits the rule.
   *
   * @param x n rows of p features, at least one sample of each class and n ≥ 3; not modified
   * @param y n labels, 0 or 1
   * @throws IllegalArgumentException if a class is empty or the pooled covariance is singular
   */
  public static LinearRule fit(double[][] x, int[] y) {
    int n = x.length;
    if (y.length != n) {
      throw new IllegalArgumentException("linear discriminant: got " + n + " samples and " + y.length
          + " labels; accepted: one label per sample");
    }
    int p = n == 0 ? 0 : x[0].length;
    double[][] mean = new double[2][p];
    int[] count = new int[2];
    for (int i = 0; i < n; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("linear discriminant label " + i + ": got " + y[i] + "; accepted: 0 or 1");
      }
      count[y[i]]++;
      for (int j = 0; j < p; j++) {
        mean[y[i]][j] += x[i][j];
      }
    }
    if (count[0] == 0 || count[1] == 0 || n < 3) {
      throw new IllegalArgumentException("linear discriminant classes: got " + count[0] + " and " + count[1]
          + " samples; accepted: at least one of each and three in all");
    }
    for (int c = 0; c < 2; c++) {
      for (int j = 0; j < p; j++) {
        mean[c][j] /= count[c];
      }
    }
    double[] centred = new double[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        centred[i * p + j] = x[i][j] - mean[y[i]][j];
      }
    }
    double[] sigma = Linalg.gram(centred, n, p);
    for (int k = 0; k < sigma.length; k++) {
      sigma[k] /= n - 2;
    }
    double[] lam = new double[p];
    double[] v = Linalg.symmetricEigen(sigma, p, lam);
    if (!(lam[0] > SINGULAR * lam[p - 1])) {
      throw new IllegalArgumentException("linear discriminant: the pooled covariance of the " + p + " features is "
          + "singular (eigenvalues " + lam[0] + " to " + lam[p - 1] + ", from " + n + " samples); accepted: fewer "
          + "features than samples and none a combination of others, e.g. MDS coordinates, or the logistic "
          + "classifier");
    }
    // w = V Λ⁻¹ Vᵀ (μ₁ − μ₀)
    double[] proj = new double[p];
    for (int k = 0; k < p; k++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += v[j * p + k] * (mean[1][j] - mean[0][j]);
      }
      proj[k] = s / lam[k];
    }
    double[] w = new double[p];
    double b = Math.log((double) count[1] / count[0]);
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (int k = 0; k < p; k++) {
        s += v[j * p + k] * proj[k];
      }
      w[j] = s;
      b -= 0.5 * (mean[0][j] + mean[1][j]) * s;
    }
    return new LinearRule(w, b);
  }
}
