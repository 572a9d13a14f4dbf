package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import java.util.EnumSet;
import java.util.Set;

/**
 * The linear shape metric of Williams, Kunz, Kornblith &amp; Linderman 2021 ("Generalized shape metrics
 * on neural representations", NeurIPS; netrep {@code LinearMetric}). Per network: centre the columns
 * (optionally scale to unit Frobenius norm), then partially whiten, X_φ = X̃·Z with
 * Z = V·diag(α + (1−α)λ^{−½})·Vᵀ from the eigendecomposition X̃ᵀX̃ = VΛVᵀ (eigenvalues clipped at
 * 1e−7), rescaled to keep the total variance; α = 1 is Procrustes (Z = I), α = 0 is CCA. The narrower
 * side is zero-padded to equal width. Per pair: with X_φᵀY_φ = U S Vᵀ, the aligned
 * representations are X_φU and Y_φV;
 * angular {@code = arccos(Σ s / (‖X_φ‖_F‖Y_φ‖_F))} (for α = 1: arccos of the nuclear norm of X̃ᵀỸ over
 * the norms), euclidean {@code = ‖X_φU − Y_φV‖_F}. Both are metrics: zero for inputs equal up to
 * rotation (and translation), symmetric, and they obey the triangle inequality; the angular form is
 * also scale invariant.
 *
 * @param alpha regularisation in [0, 1]: 1 = Procrustes (rotation only), 0 = CCA (any invertible map)
 * @param score angular or euclidean
 * @param unitNorm whether each centred input is scaled to unit Frobenius norm before whitening
 */
public record Procrustes(
    @Help("partial whitening in [0, 1]: 1 = Procrustes (rotations only) ... 0 = CCA (any invertible map)")
    double alpha,
    @Help("angular (arccos of the aligned correlation, radians) or euclidean (Frobenius norm of the aligned "
        + "difference)")
    Score score,
    @Help("scale each centred input to unit Frobenius norm before whitening")
    boolean unitNorm)
    implements RepresentationalMetric<Procrustes.Prepared> {

  /** Which of the two scores of Williams et al. 2021. */
  public enum Score {
    ANGULAR,
    EUCLIDEAN
  }

  private static final double EIG_TOL = 1e-7;

  public Procrustes {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("procrustes alpha: got " + alpha + "; accepted: [0, 1]");
    }
    Checks.given("procrustes score", score, "angular or euclidean");
  }

  /** Angular Procrustes (α = 1) without unit-norm scaling, netrep's defaults. */
  public Procrustes() {
    this(1.0, Score.ANGULAR, false);
  }

  /** The centred, (unit-norm scaled), partially whitened data X_φ. */
  public record Prepared(Matrix whitened) {}

  @Override
  public String name() {
    return "procrustes";
  }

  /**
   * Invariances: rotations, permutations and translations always; isotropic scaling with unit-norm inputs or with
   * the angular score at α ∈ {0, 1} (in between, α + (1−α)λ^(−½) mixes scales, as in netrep); any invertible map at
   * α = 0 (CCA) when the score does not see the scale.
   */
  @Override
  public Description description() {
    String units = score == Score.ANGULAR ? "angular shape distance, radians"
        : "Euclidean shape distance" + (unitNorm ? " of unit-norm inputs" : ", units of the activity");
    Set<Invariance> invariances = EnumSet.of(Invariance.ROTATION, Invariance.UNIT_PERMUTATION,
        Invariance.TRANSLATION);
    boolean scaleFree = unitNorm || score == Score.ANGULAR;
    if (unitNorm || (score == Score.ANGULAR && (alpha == 0 || alpha == 1))) {
      invariances.add(Invariance.ISOTROPIC_SCALING);
    }
    if (alpha == 0 && scaleFree) {
      invariances.add(Invariance.INVERTIBLE_LINEAR);
    }
    return new Description("Procrustes shape metric", units, false, invariances);
  }

  @Override
  public Prepared prepare(Matrix x) {
    Matrix c = Checks.centered(name(), x, 2);
    if (unitNorm) {
      double norm = c.frobeniusNorm();
      Checks.hasVariance(name(), norm);
      c = c.scale(1.0 / norm);
    }
    if (alpha > 1 - EIG_TOL) {
      return new Prepared(c);
    }
    int p = c.cols();
    double[] lam = new double[p];
    double[] v = Linalg.symmetricEigen(Linalg.gram(c.data(), c.rows(), p), p, lam);
    double sumLam = 0;
    double newVar = 0;
    double[] d = new double[p];
    for (int j = 0; j < p; j++) {
      double l = Math.max(lam[j], EIG_TOL);
      sumLam += l;
      d[j] = alpha + (1 - alpha) / Math.sqrt(l);
      newVar += alpha * alpha * l + 2 * alpha * (1 - alpha) * Math.sqrt(l) + (1 - alpha) * (1 - alpha);
    }
    double rescale = Math.sqrt(sumLam / newVar);
    double[] vd = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        vd[i * p + j] = v[i * p + j] * d[j] * rescale;
      }
    }
    double[] z = new double[p * p];
    Linalg.gemm(false, true, p, p, p, 1.0, vd, v, 0.0, z);
    return new Prepared(c.times(new Matrix(p, p, z)));
  }

  @Override
  public int rows(Prepared p) {
    return p.whitened().rows();
  }

  @Override
  public double score(Prepared x, Prepared y) {
    Checks.sameRows(name(), x.whitened().rows(), y.whitened().rows());
    int w = Math.max(x.whitened().cols(), y.whitened().cols());
    Matrix a = x.whitened().padColumns(w);
    Matrix b = y.whitened().padColumns(w);
    int n = a.rows();
    double[] m = new double[w * w];
    Linalg.gemm(true, false, w, w, n, 1.0, a.data(), b.data(), 0.0, m);
    Linalg.Svd svd = Linalg.svd(m, w, w);
    if (score == Score.ANGULAR) {
      double nuclear = 0;
      for (double s : svd.s()) {
        nuclear += s;
      }
      double cos = nuclear / (a.frobeniusNorm() * b.frobeniusNorm());
      return Math.acos(Math.max(-1.0, Math.min(1.0, cos)));
    }
    double[] au = new double[n * w];
    Linalg.gemm(false, false, n, w, w, 1.0, a.data(), svd.u(), 0.0, au);
    double[] bv = new double[n * w];
    Linalg.gemm(false, true, n, w, w, 1.0, b.data(), svd.vt(), 0.0, bv);
    double s = 0;
    for (int i = 0; i < au.length; i++) {
      double diff = au[i] - bv[i];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }
}
