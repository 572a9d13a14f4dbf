package cohort.analysis.dsa;

import cohort.analysis.similarity.Matrix;
import cohort.models.linalg.Linalg;

/**
 * Hankel (HAVOK) dynamic mode decomposition as in DSA's {@code DMD} class (Ostrow et al. 2023;
 * Brunton et al. 2017, "Chaos as an intermittently forced linear system").
 *
 * <ol>
 *   <li>Delay embedding per trial: for d = nDelays and τ = delayInterval the Hankel matrix has
 *       L = T − (d−1)τ rows and N·d columns; column block k at row r holds x[r + (d−1−k)τ] (block 0
 *       is the newest sample). No centring. Trials are stacked row-wise into H (K·L × N·d).</li>
 *   <li>SVD Hᵀ = U S Vᵀ, computed here from the eigendecomposition of the N·d × N·d Gram matrix
 *       HᵀH = U S² Uᵀ (built from lagged cross-products, {@link #laggedGram}; LAPACK dsyevr/dsyevd)
 *       and V_r = the orthogonal polar factor of H·U_r (which is H U_r S_r⁻¹ when U_r is exact, and
 *       stays orthonormal when near-equal singular values mix); no SVD of the tall Hankel matrix.
 *       Any orthonormal basis of the same r-dimensional span gives an operator orthogonally similar
 *       to A_v, so DSA scores do not depend on this choice.</li>
 *   <li>Rank r by {@link RankSelection}.</li>
 *   <li>Per trial, V₋ = the first L−1 rows of V_r, V₊ = the last L−1 rows (no cross-trial pairs).</li>
 *   <li>Principal-component regression with ridge λ: {@code A_v = ((V₋ᵀV₋ + λI)⁻¹ V₋ᵀV₊)ᵀ}.</li>
 * </ol>
 * Singular vectors are defined up to sign, so A_v equals the reference's up to D·A_v·D with D a
 * diagonal of ±1 (same eigenvalues, DSA distance 0). The reference builds H in float32; this class
 * works in double.
 */
public final class HankelDmd {

  /**
   * A singular value below this fraction of the largest is numerically zero: HᵀH resolves singular values down to
   * about √ε·s₀.
   */
  static final double NULL_DIRECTION = 1e-7;


  private HankelDmd() {}

  /**
   * HᵀH from lagged cross-products instead of a rank-(K·L) update of width N·d. With offsets
   * o_p = p·τ, T[p][q] = Σ_k Σ_{r&lt;L} x_k[r+o_p] x_k[r+o_q]ᵀ; the d blocks T[0][q] are full products,
   * the others follow from T[p+1][q+1] = T[p][q] − Σ_k Σ_{r&lt;τ} x_k[r+o_p]x_k[r+o_q]ᵀ
   * + Σ_k Σ_{r&lt;τ} x_k[L+r+o_p]x_k[L+r+o_q]ᵀ,
   * and column block b of H holds offset p = d−1−b. This needs about d·N²·K·L flops instead of the
   * direct Gram's d²·N²·K·L.
   */
  static double[] laggedGram(double[] x, int trials, int steps, int n, int d, int tau, int len) {
    int rows = trials * len;
    double[][] shifted = new double[d][];
    for (int p = 0; p < d; p++) {
      double[] m = new double[rows * n];
      for (int k = 0; k < trials; k++) {
        System.arraycopy(x, (k * steps + p * tau) * n, m, k * len * n, len * n);
      }
      shifted[p] = m;
    }
    double[][] first = new double[d][];
    double[][] last = new double[d][];
    for (int p = 0; p + 1 < d; p++) {
      double[] f = new double[trials * tau * n];
      double[] l = new double[trials * tau * n];
      for (int k = 0; k < trials; k++) {
        System.arraycopy(x, (k * steps + p * tau) * n, f, k * tau * n, tau * n);
        System.arraycopy(x, (k * steps + len + p * tau) * n, l, k * tau * n, tau * n);
      }
      first[p] = f;
      last[p] = l;
    }
    double[][][] t = new double[d][d][];
    for (int q = 0; q < d; q++) {
      double[] b = new double[n * n];
      Linalg.gemm(true, false, n, n, rows, 1.0, shifted[0], shifted[q], 0.0, b);
      t[0][q] = b;
    }
    for (int p = 0; p + 1 < d; p++) {
      for (int q = p; q + 1 < d; q++) {
        double[] b = t[p][q].clone();
        Linalg.gemm(true, false, n, n, trials * tau, -1.0, first[p], first[q], 1.0, b);
        Linalg.gemm(true, false, n, n, trials * tau, 1.0, last[p], last[q], 1.0, b);
        t[p + 1][q + 1] = b;
      }
    }
    int cols = n * d;
    double[] g = new double[cols * cols];
    for (int b1 = 0; b1 < d; b1++) {
      int p1 = d - 1 - b1;
      for (int b2 = 0; b2 < d; b2++) {
        int p2 = d - 1 - b2;
        boolean direct = p1 <= p2;
        double[] blk = direct ? t[p1][p2] : t[p2][p1];
        for (int i = 0; i < n; i++) {
          int dst = (b1 * n + i) * cols + b2 * n;
          for (int j = 0; j < n; j++) {
            g[dst + j] = direct ? blk[i * n + j] : blk[j * n + i];
          }
        }
      }
    }
    return g;
  }

  /** Fits the DMD operator of one network with the DMD options (delays, rank, λ) of {@code o}. */
  public static DmdFit fit(Trajectories x, DsaOptions o) {
    cohort.analysis.similarity.Checks.usable("dsa: input", x.data(), new int[] {x.trials(), x.steps(), x.units()});
    int d = o.nDelays();
    int tau = o.delayInterval();
    int k = x.trials();
    int steps = x.steps();
    int n = x.units();
    int len = steps - (d - 1) * tau;
    if (len < 2) {
      throw new IllegalArgumentException("dsa n_delays/delay_interval: " + d + " delays " + tau
          + " apart need more than " + ((d - 1) * tau + 1) + " steps per trial, got " + steps
          + "; accepted: (nDelays - 1) * delayInterval <= steps - 2");
    }
    int rowsH = k * len;
    int cols = n * d;
    if (k > 1 && rowsH < cols) {
      throw new IllegalArgumentException("dsa: the Hankel matrix has " + rowsH + " rows and " + cols
          + " columns; accepted: at least as many rows (time points) as columns (units x nDelays) - "
          + "reduce nDelays");
    }
    double[] data = x.data();
    double[] h = new double[rowsH * cols];
    for (int trial = 0; trial < k; trial++) {
      for (int r = 0; r < len; r++) {
        int dst = (trial * len + r) * cols;
        for (int blk = 0; blk < d; blk++) {
          int t = r + (d - 1 - blk) * tau;
          System.arraycopy(data, (trial * steps + t) * n, h, dst + blk * n, n);
        }
      }
    }
    double[] gram = d == 1 ? Linalg.gram(h, rowsH, cols) : laggedGram(data, k, steps, n, d, tau, len);
    double trace = 0;
    for (int i = 0; i < cols; i++) {
      trace += gram[i * cols + i];
    }
    int maxRank = Math.min(rowsH, cols);
    double[] s;
    double[] u;
    int r;
    if (o.rank().mode() == RankSelection.Mode.FIXED) {
      r = Math.min((int) o.rank().value(), maxRank);
      s = new double[r];
      u = Linalg.symmetricEigenTop(gram, cols, r, s);
      for (int j = 0; j < r; j++) {
        s[j] = Math.sqrt(Math.max(s[j], 0.0));
      }
    } else {
      double[] w = new double[cols];
      double[] vecs = Linalg.symmetricEigen(gram, cols, w);
      s = new double[maxRank];
      for (int j = 0; j < maxRank; j++) {
        s[j] = Math.sqrt(Math.max(w[cols - 1 - j], 0.0));
      }
      r = o.rank().select(s, trace, cols);
      r = Math.min(r, maxRank);
      if (o.rank().mode() == RankSelection.Mode.FULL) {
        // every direction the data has: a dead or saturated unit leaves the Hankel matrix rank-deficient
        int numerical = 1;
        while (numerical < r && s[numerical] > NULL_DIRECTION * s[0]) {
          numerical++;
        }
        r = numerical;
      }
      u = new double[cols * r];
      for (int i = 0; i < cols; i++) {
        for (int j = 0; j < r; j++) {
          u[i * r + j] = vecs[i * cols + (cols - 1 - j)];
        }
      }
    }
    // HᵀH resolves singular values down to about √ε·s_0; below that a direction is numerically null
    for (int j = 0; j < r; j++) {
      if (!(s[j] > NULL_DIRECTION * s[0])) {
        throw new IllegalArgumentException("dsa rank: " + r + " directions requested but the Hankel matrix "
            + "has numerical rank " + j + " (singular values below 1e-7 of the largest); accepted: rank <= "
            + Math.max(1, j) + " or a rank/threshold/explained-variance rule that stops there");
      }
    }
    // W = H U_r (= V_r S_r), then V_r = polar(W) = W (WᵀW)^(-1/2): equal to H U_r S_r^-1 when U_r is
    // exact, and exactly orthonormal even when near-degenerate eigenvectors of HᵀH are mixed
    double[] wmat = new double[rowsH * r];
    Linalg.gemm(false, false, rowsH, r, cols, 1.0, h, u, 0.0, wmat);
    double[] v = Linalg.polarTall(wmat, rowsH, r);
    int pairs = k * (len - 1);
    double[] minus = new double[pairs * r];
    double[] plus = new double[pairs * r];
    for (int trial = 0; trial < k; trial++) {
      System.arraycopy(v, trial * len * r, minus, trial * (len - 1) * r, (len - 1) * r);
      System.arraycopy(v, (trial * len + 1) * r, plus, trial * (len - 1) * r, (len - 1) * r);
    }
    double[] mm = new double[r * r];
    Linalg.gemm(true, false, r, r, pairs, 1.0, minus, minus, 0.0, mm);
    for (int j = 0; j < r; j++) {
      mm[j * r + j] += o.lamb();
    }
    double[] mp = new double[r * r];
    Linalg.gemm(true, false, r, r, pairs, 1.0, minus, plus, 0.0, mp);
    double[] z = Linalg.solve(mm, r, mp, r);
    Matrix av = new Matrix(r, r, z).transpose();
    return new DmdFit(av, s, r, rowsH, cols);
  }
}
