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
    Checks.input(name(), x, 2);
    Matrix c = x.centerColumns();
    double[] g = Linalg.gram(c.data(), c.rows(), c.cols());
    return new Prepared(c, norm(g));
  }

  /** {@code ‖aᵀb‖²_F} for two matrices with the same rows: the HSIC numerator of feature-space linear CKA. */
  static double crossNormSquared(Matrix a, Matrix b) {
    double[] cross = new double[a.cols() * b.cols()];
    Linalg.gemm(true, false, a.cols(), b.cols(), a.rows(), 1.0, a.data(), b.data(), 0.0, cross);
    double s = 0;
    for (double v : cross) {
      s += v * v;
    }
    return s;
  }

  @Override
  public int rows(Prepared p) {
    return p.centered().rows();
  }

  @Override
  public double score(Prepared x, Prepared y) {
    Checks.sameRows(name(), x.centered().rows(), y.centered().rows());
    Matrix a = x.centered();
    Matrix b = y.centered();
    double s = crossNormSquared(a, b);
    return s / (x.selfNorm() * y.selfNorm());
  }

  static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }
}
