package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;

/**
 * Linear centred kernel alignment in its feature-space form (Kornblith, Norouzi, Lee &amp; Hinton 2019,
 * "Similarity of neural network representations revisited", ICML):
 * with column-centred X̃, Ỹ,
 * {@code CKA(X, Y) = ‖ỸᵀX̃‖²_F / (‖X̃ᵀX̃‖_F · ‖ỸᵀỸ‖_F)}, in [0, 1], 1 for identical inputs; invariant to
 * orthogonal transforms, isotropic scaling and translation of either side. No options.
 */
public record LinearCka() implements RepresentationalMetric<LinearCka.Prepared> {

  /** A centred network and ‖X̃ᵀX̃‖_F. */
  public record Prepared(Matrix centered, double selfNorm) {}

  @Override
  public String name() {
    return "cka";
  }

  @Override
  public Description description() {
    return new Description("linear CKA", "1 − CKA", true, Invariance.similarityTransforms());
  }

  @Override
  public Prepared prepare(Matrix x) {
    Matrix c = Checks.centered(name(), x, 2);
    return new Prepared(c, gramNorm(c));
  }

  /** {@code ‖cᵀc‖_F}, the Frobenius norm of the Gram matrix of {@code c}. */
  static double gramNorm(Matrix c) {
    return Sums.norm(Linalg.gram(c.data(), c.rows(), c.cols()));
  }

  /**
   * {@code ‖aᵀb‖²_F} for two matrices with the same rows (checked, naming {@code metric}): the HSIC numerator of
   * feature-space linear CKA.
   */
  static double crossNormSquared(String metric, Matrix a, Matrix b) {
    Checks.sameRows(metric, a.rows(), b.rows());
    double[] cross = new double[a.cols() * b.cols()];
    Linalg.gemm(true, false, a.cols(), b.cols(), a.rows(), 1.0, a.data(), b.data(), 0.0, cross);
    return Sums.squares(cross);
  }

  @Override
  public int rows(Prepared p) {
    return p.centered().rows();
  }

  @Override
  public double score(Prepared x, Prepared y) {
    return crossNormSquared(name(), x.centered(), y.centered()) / (x.selfNorm() * y.selfNorm());
  }
}
