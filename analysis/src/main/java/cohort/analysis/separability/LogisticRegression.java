package cohort.analysis.separability;

import cohort.models.linalg.Linalg;

/**
 * L2-regularised binomial logistic regression fitted by Newton's method (iteratively reweighted least squares;
 * Hastie, Tibshirani &amp; Friedman 2009, <i>The Elements of Statistical Learning</i>, §4.4.1). With features
 * x_i (and a constant 1 appended for the intercept b) and labels y_i ∈ {0, 1} it minimises
 *
 * <pre>  f(w, b) = Σ_i [log(1 + e^{η_i}) − y_i η_i] + (λ/2)·‖w‖²,   η_i = w·x_i + b,</pre>
 *
 * the objective of Smile 3's {@code LogisticRegression.binomial} (summed, not averaged, over samples; the
 * intercept not penalised), which Cohort used before, so accuracies stay comparable. Each step solves
 * {@code H Δ = g} with {@code g = X̃ᵀ(σ(η) − y) + λ(w, 0)} and {@code H = X̃ᵀ diag(σ(η)(1 − σ(η))) X̃ + λ diag(1, …,
 * 1, 0)}, then halves the step until f decreases enough (Armijo); it stops after the step whose half Newton decrement
 * gᵀΔ/2 was below {@code 1e−14·(1 + f)}. Everything runs on the caller's thread in a fixed order, so a fit is
 * deterministic. With λ = 0 and separable classes the minimum is at infinity: the fit then stops after
 * {@value #MAX_ITERATIONS} steps, far enough along the separating direction.
 */
public final class LogisticRegression {

  /** Newton steps at most. */
  static final int MAX_ITERATIONS = 100;

  private LogisticRegression() {}

  /**
   * Fits the model.
   *
   * @param x n rows of p features (n ≥ 1); not modified
   * @param y n labels, 0 or 1
   * @param lambda the L2 penalty λ ≥ 0 on the weights (not on the intercept)
   * @return the rule {@code w·x + b > 0 ⇒ 1}, i.e. σ(η) &gt; ½
   */
  public static LinearRule fit(double[][] x, int[] y, double lambda) {
    int n = x.length;
    if (n < 1 || y.length != n) {
      throw new IllegalArgumentException("logistic regression: got " + n + " samples and " + y.length
          + " labels; accepted: at least one sample, one label each");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("logistic regression lambda: got " + lambda + "; accepted: finite >= 0");
    }
    int p = x[0].length;
    int d = p + 1;
    double[] a = new double[n * d];
    for (int i = 0; i < n; i++) {
      if (x[i].length != p) {
        throw new IllegalArgumentException("logistic regression sample " + i + ": got " + x[i].length
            + " features; accepted: " + p + " like sample 0");
      }
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("logistic regression label " + i + ": got " + y[i] + "; accepted: 0 or 1");
      }
      System.arraycopy(x[i], 0, a, i * d, p);
      a[i * d + p] = 1.0;
    }
    double[] w = new double[d];
    double[] eta = new double[n];
    double[] trial = new double[d];
    double[] g = new double[d];
    double[] step = new double[d];
    double[] weighted = new double[n * d];
    double f = objective(a, y, w, lambda, n, d, eta);
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      // gradient and the square roots of the IRLS weights (η is current from the last objective)
      java.util.Arrays.fill(g, 0.0);
      for (int i = 0; i < n; i++) {
        double mu = sigmoid(eta[i]);
        double r = mu - y[i];
        double s = Math.sqrt(mu * (1.0 - mu));
        int o = i * d;
        for (int j = 0; j < d; j++) {
          g[j] += r * a[o + j];
          weighted[o + j] = s * a[o + j];
        }
      }
      for (int j = 0; j < p; j++) {
        g[j] += lambda * w[j];
      }
      double[] h = Linalg.gram(weighted, n, d);
      double scale = 0;
      for (int j = 0; j < d; j++) {
        if (j < p) {
          h[j * d + j] += lambda;
        }
        scale = Math.max(scale, h[j * d + j]);
      }
      System.arraycopy(g, 0, step, 0, d);
      if (!solve(h, step, d, scale)) {
        break; // the curvature vanished in every direction (λ = 0, all probabilities saturated)
      }
      double decrement = 0;
      for (int j = 0; j < d; j++) {
        decrement += g[j] * step[j];
      }
      boolean last = !(decrement / 2 > 1e-14 * (1 + f));
      double t = 1.0;
      double next = Double.NaN;
      while (t > 1e-12) {
        for (int j = 0; j < d; j++) {
          trial[j] = w[j] - t * step[j];
        }
        next = objective(a, y, trial, lambda, n, d, eta);
        if (next <= f - 1e-4 * t * decrement) {
          break;
        }
        t /= 2;
      }
      if (!(t > 1e-12)) {
        objective(a, y, w, lambda, n, d, eta);
        break;
      }
      System.arraycopy(trial, 0, w, 0, d);
      f = next;
      if (last) {
        break;
      }
    }
    double[] weights = new double[p];
    System.arraycopy(w, 0, weights, 0, p);
    return new LinearRule(weights, w[p]);
  }

  /** f(w) as in the class comment; fills {@code eta} with the linear predictors. */
  private static double objective(double[] a, int[] y, double[] w, double lambda, int n, int d, double[] eta) {
    double f = 0;
    for (int i = 0; i < n; i++) {
      int o = i * d;
      double e = 0;
      for (int j = 0; j < d; j++) {
        e += a[o + j] * w[j];
      }
      eta[i] = e;
      f += softplus(e) - y[i] * e;
    }
    double norm = 0;
    for (int j = 0; j < d - 1; j++) {
      norm += w[j] * w[j];
    }
    return f + 0.5 * lambda * norm;
  }

  /**
   * Solves H Δ = g in place in {@code g} by LAPACK's Cholesky; if H is not numerically
   * positive definite, retries with a ridge of 1e−10, then 1e−8, … times the largest diagonal entry.
   */
  private static boolean solve(double[] h, double[] g, int d, double scale) {
    double[] rhs = g.clone();
    for (double ridge = 0; ridge <= 1e-4 * scale; ridge = ridge == 0 ? 1e-10 * scale : ridge * 100) {
      double[] m = h.clone();
      for (int j = 0; j < d; j++) {
        m[j * d + j] += ridge;
      }
      System.arraycopy(rhs, 0, g, 0, d);
      if (Linalg.spdSolve(m, d, g, 1)) {
        return true;
      }
      if (!(scale > 0)) {
        return false;
      }
    }
    return false;
  }

  /** log(1 + eˣ) without overflow. */
  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** 1 / (1 + e^{−x}) without overflow. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
