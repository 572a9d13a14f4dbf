package cohort.analysis.fixedpoints;

/**
 * Small dense solvers on row-major {@code n × n} arrays, in place, without allocation: LU with partial pivoting
 * (Golub &amp; Van Loan, Algorithm 3.4.1) and Cholesky (Algorithm 4.2.1). Used by the Newton / Levenberg–Marquardt
 * polish of the {@link FixedPointFinder}.
 */
final class DenseSolver {

  private DenseSolver() {}

  /** From this size on {@link #luSolve} calls LAPACK (when OpenBLAS loads). */
  static final int LAPACK_FROM = 32;

  /**
   * Solves {@code A z = b}; {@code a} is overwritten by its LU factors and {@code b} by {@code z}.
   *
   * @param piv scratch of length {@code n}
   * @return false if {@code A} is singular to working precision
   */
  static boolean luSolve(double[] a, double[] b, int n, int[] piv) {
    double maxAbs = 0;
    for (int i = 0; i < n * n; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(a[i]));
    }
    double tiny = maxAbs * 1e-14 * n;
    if (maxAbs == 0) {
      return false;
    }
    if (n >= LAPACK_FROM && cohort.models.linalg.OpenBlas.available()) {
      // LAPACK's blocked dgesv (same algorithm, partial pivoting): at n = 128 about 5× the loops below, which
      // dominated the polish of W4's 800 slow points. Singular to working precision: a pivot of U below tiny.
      int info = org.bytedeco.openblas.global.openblas.LAPACKE_dgesv(
          org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR, n, 1, a, n, piv, b, 1);
      if (info != 0) {
        return false;
      }
      for (int k = 0; k < n; k++) {
        if (!(Math.abs(a[k * n + k]) > tiny)) {
          return false;
        }
      }
      return true;
    }
    for (int k = 0; k < n; k++) {
      int p = k;
      double best = Math.abs(a[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(a[i * n + k]);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      if (!(best > tiny)) {
        return false;
      }
      piv[k] = p;
      if (p != k) {
        for (int j = 0; j < n; j++) {
          double t = a[k * n + j];
          a[k * n + j] = a[p * n + j];
          a[p * n + j] = t;
        }
        double t = b[k];
        b[k] = b[p];
        b[p] = t;
      }
      double inv = 1.0 / a[k * n + k];
      for (int i = k + 1; i < n; i++) {
        double f = a[i * n + k] * inv;
        a[i * n + k] = f;
        if (f != 0) {
          int ri = i * n;
          int rk = k * n;
          for (int j = k + 1; j < n; j++) {
            a[ri + j] -= f * a[rk + j];
          }
          b[i] -= f * b[k];
        }
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      int ri = i * n;
      for (int j = i + 1; j < n; j++) {
        s -= a[ri + j] * b[j];
      }
      b[i] = s / a[ri + i];
    }
    return true;
  }

  /**
   * Solves {@code M z = b} for symmetric positive definite {@code M}; {@code m} is overwritten by its Cholesky
   * factor (lower triangle) and {@code b} by {@code z}.
   *
   * @return false if {@code M} is not positive definite to working precision
   */
  static boolean choleskySolve(double[] m, double[] b, int n) {
    for (int j = 0; j < n; j++) {
      int rj = j * n;
      double d = m[rj + j];
      for (int k = 0; k < j; k++) {
        d -= m[rj + k] * m[rj + k];
      }
      if (!(d > 0)) {
        return false;
      }
      double l = Math.sqrt(d);
      m[rj + j] = l;
      double inv = 1.0 / l;
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double s = m[ri + j];
        for (int k = 0; k < j; k++) {
          s -= m[ri + k] * m[rj + k];
        }
        m[ri + j] = s * inv;
      }
    }
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= m[ri + k] * b[k];
      }
      b[i] = s / m[ri + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= m[k * n + i] * b[k];
      }
      b[i] = s / m[i * n + i];
    }
    return true;
  }
}
