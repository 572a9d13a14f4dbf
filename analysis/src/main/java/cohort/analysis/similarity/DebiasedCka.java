package cohort.analysis.similarity;

/**
 * Debiased linear CKA: CKA built on the unbiased HSIC estimator of Song, Smola, Gretton, Bedo &amp;
 * Borgwardt 2012 ("Feature selection via dependence maximization", JMLR), in the feature-space form of
 * Kornblith et al.'s reference code. With column-centred X̃, Ỹ, row squared norms r_x, r_y and
 * n samples, the estimator of ⟨K, L⟩ is
 * {@code h(X, Y) = ‖ỸᵀX̃‖²_F − n/(n−2)·r_xᵀr_y + ‖X̃‖²_F‖Ỹ‖²_F / ((n−1)(n−2))} and
 * {@code CKA_debiased = h(X, Y) / √(h(X, X)·h(Y, Y))}; it can be slightly negative for unrelated inputs.
 * Needs at least 4 samples. No options.
 */
public record DebiasedCka() implements RepresentationalMetric<DebiasedCka.Prepared> {

  /** A centred network, its row squared norms, ‖X̃‖²_F and √h(X, X). */
  public record Prepared(Matrix centered, double[] rowSquares, double squaredNorm, double selfNorm) {}

  @Override
  public String name() {
    return "cka-debiased";
  }

  @Override
  public Description description() {
    return new Description("debiased linear CKA", "1 − debiased CKA", true, Invariance.similarityTransforms());
  }

  @Override
  public Prepared prepare(Matrix x) {
    Matrix c = Checks.centered(name(), x, 4);
    double[] rows = c.rowSquares();
    double total = 0;
    for (double r : rows) {
      total += r;
    }
    double g = LinearCka.gramNorm(c);
    double self = helper(g * g, rows, rows, total, total, c.rows());
    return new Prepared(c, rows, total, Math.sqrt(self));
  }

  @Override
  public int rows(Prepared p) {
    return p.centered().rows();
  }

  @Override
  public double score(Prepared x, Prepared y) {
    double s = LinearCka.crossNormSquared(name(), x.centered(), y.centered());
    double h = helper(s, x.rowSquares(), y.rowSquares(), x.squaredNorm(), y.squaredNorm(), x.centered().rows());
    return h / (x.selfNorm() * y.selfNorm());
  }

  private static double helper(double xty, double[] rx, double[] ry, double nx, double ny, int n) {
    return xty - n / (n - 2.0) * Sums.dot(rx, ry) + nx * ny / ((n - 1.0) * (n - 2.0));
  }
}
