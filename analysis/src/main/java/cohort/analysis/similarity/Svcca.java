package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Singular vector canonical correlation analysis (Raghu, Gilmer, Yosinski &amp; Sohl-Dickstein 2017,
 * "SVCCA", NeurIPS). Per network: centre the columns, take the thin SVD X̃ = U S Vᵀ (from the
 * eigendecomposition of X̃ᵀX̃, with U_k the orthonormal polar factor of X̃V_k) and keep the
 * smallest k with Σ_{j&lt;k} s_j² / Σ s² ≥ {@code keepVariance}; the reduced data is U_k S_k, whose
 * orthonormal basis is U_k. Per pair: the canonical correlations are the singular values of U_aᵀU_b
 * (clipped to [0, 1]), min(k_a, k_b) of them, and the score is their mean. Invariant to any invertible
 * linear map that keeps the retained subspace (CCA's invariance) and to translation. The distance is
 * {@code 1 − mean} (Maheswaranathan et al. 2019).
 *
 * @param keepVariance fraction of variance the kept directions must explain, in (0, 1]
 */
public record Svcca(
    @Help("fraction of the variance the kept SVD directions of each network explain, in (0, 1]")
    double keepVariance) implements RepresentationalMetric<Svcca.Prepared> {

  public Svcca {
    if (!(keepVariance > 0 && keepVariance <= 1)) {
      throw new IllegalArgumentException("svcca keep_variance: got " + keepVariance + "; accepted: (0, 1]");
    }
  }

  /** 99 % of the variance kept, Raghu et al.'s setting. */
  public Svcca() {
    this(0.99);
  }

  /** The kept left singular vectors U_k (n×k, row-major) and all singular values of the centred data. */
  public record Prepared(int rows, int kept, double[] basis, double[] singularValues) {}

  /**
   * The full SVCCA outcome for one pair.
   *
   * @param mean mean canonical correlation (the score)
   * @param keptX directions kept on the first side
   * @param keptY directions kept on the second side
   * @param correlations all min(keptX, keptY) canonical correlations, descending
   */
  public record Result(double mean, int keptX, int keptY, double[] correlations) {}

  @Override
  public String name() {
    return "svcca";
  }

  @Override
  public Description description() {
    Set<Invariance> invariances = Invariance.similarityTransforms();
    if (keepVariance == 1) { // all the variance kept: CCA's invariance to any invertible linear map
      invariances.add(Invariance.INVERTIBLE_LINEAR);
    }
    return new Description("SVCCA", "1 − mean canonical correlation", true, invariances);
  }

  /** The mean with the kept dimensions ({@code kept_dims}) and every canonical correlation ({@code correlations}). */
  @Override
  public Evaluation evaluate(Prepared x, Prepared y) {
    Result r = result(x, y);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("kept_dims", new int[] {r.keptX(), r.keptY()});
    details.put("correlations", r.correlations());
    return new Evaluation(r.mean(), details);
  }

  @Override
  public Prepared prepare(Matrix x) {
    Matrix c = Checks.centered(name(), x, 2);
    int n = c.rows();
    int cols = c.cols();
    // the right singular vectors and values from X̃ᵀX̃ = V S² Vᵀ, then U_k = polar(X̃ V_k) (= X̃ V_k S_k⁻¹)
    double[] lam = new double[cols];
    double[] vecs = Linalg.symmetricEigen(Linalg.gram(c.data(), n, cols), cols, lam);
    int p = Math.min(n, cols);
    double[] s = new double[p];
    for (int j = 0; j < p; j++) {
      s[j] = Math.sqrt(Math.max(lam[cols - 1 - j], 0.0));
    }
    double total = Sums.squares(c.data());
    Checks.hasVariance(name(), total);
    double cum = 0;
    int k = p;
    for (int j = 0; j < p; j++) {
      cum += s[j] * s[j];
      if (cum / total >= keepVariance) {
        k = j + 1;
        break;
      }
    }
    double[] vk = new double[cols * k];
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < k; j++) {
        vk[i * k + j] = vecs[i * cols + (cols - 1 - j)];
      }
    }
    double[] w = new double[n * k];
    Linalg.gemm(false, false, n, k, cols, 1.0, c.data(), vk, 0.0, w);
    double[] u = Linalg.polarTall(w, n, k);
    return new Prepared(n, k, u, s);
  }

  @Override
  public int rows(Prepared p) {
    return p.rows();
  }

  @Override
  public double score(Prepared x, Prepared y) {
    return result(x, y).mean();
  }

  /** The mean, the kept dimensions and all canonical correlations of one pair. */
  public Result result(Prepared x, Prepared y) {
    Checks.sameRows(name(), x.rows(), y.rows());
    int ka = x.kept();
    int kb = y.kept();
    double[] m = new double[ka * kb];
    Linalg.gemm(true, false, ka, kb, x.rows(), 1.0, x.basis(), y.basis(), 0.0, m);
    double[] rho = Linalg.singularValues(m, ka, kb);
    double sum = 0;
    for (int i = 0; i < rho.length; i++) {
      rho[i] = Math.min(1.0, Math.max(0.0, rho[i]));
      sum += rho[i];
    }
    return new Result(sum / rho.length, ka, kb, rho);
  }

  /** Prepares both inputs and returns the full result. */
  public Result result(Matrix x, Matrix y) {
    Checks.sameRows(name(), x.rows(), y.rows());
    return result(prepare(x), prepare(y));
  }
}
