package cohort.analysis.similarity;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Dense double-precision kernels on flat row-major arrays, delegated to OpenBLAS/LAPACK through the
 * {@code org.bytedeco.openblas} binding that Smile already brings.
 *
 * <p>These are the decompositions the similarity metrics and DSA need (matrix product, symmetric rank-k
 * update, symmetric eigendecomposition, thin SVD, general eigenvalues, linear solve) with LAPACK's
 * accuracy, i.e. the same routines NumPy and PyTorch call. Inputs are never modified; every routine
 * copies what LAPACK overwrites. Errors reported by LAPACK ({@code info != 0}) become
 * {@link IllegalStateException}s naming the routine and the code.
 *
 * <p>OpenBLAS's thread pool is process-wide: {@link #setThreads(int)} changes it for every caller.
 */
public final class NativeLinalg {

  private static final int ROW = openblas.LAPACK_ROW_MAJOR;

  static {
    org.bytedeco.javacpp.Loader.load(openblas.class);
  }

  private NativeLinalg() {}

  /** Sets the number of OpenBLAS threads (process-wide). */
  public static void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("BLAS threads: got " + threads + "; accepted: >= 1");
    }
    openblas_nolapack.blas_set_num_threads(threads);
  }

  /** The current number of OpenBLAS threads. */
  public static int threads() {
    int t = openblas_nolapack.blas_get_num_threads();
    return t >= 1 ? t : Runtime.getRuntime().availableProcessors();
  }

  /**
   * C = alpha·op(A)·op(B) + beta·C, op(A) m×k, op(B) k×n, C m×n, all row-major and densely packed.
   * A and B are not modified; C is overwritten.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      double[] a, double[] b, double beta, double[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor,
        transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans,
        m, n, k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n);
  }

  /** The n×n Gram matrix AᵀA of a row-major m×n matrix A (both triangles filled). */
  public static double[] gram(double[] a, int m, int n) {
    double[] c = new double[n * n];
    openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans,
        n, m, 1.0, a, n, 0.0, c, n);
    mirrorUpper(c, n);
    return c;
  }

  /** Copies the upper triangle of a row-major n×n matrix into its lower triangle. */
  public static void mirrorUpper(double[] c, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        c[j * n + i] = c[i * n + j];
      }
    }
  }

  /**
   * Eigendecomposition of a symmetric n×n matrix (LAPACK dsyevd).
   *
   * @param a row-major symmetric matrix, not modified (only the upper triangle is read)
   * @param values receives the n eigenvalues in ascending order
   * @return the eigenvectors as columns of a row-major n×n matrix (column j belongs to values[j])
   */
  public static double[] symmetricEigen(double[] a, int n, double[] values) {
    double[] v = a.clone();
    int info = openblas.LAPACKE_dsyevd(ROW, (byte) 'V', (byte) 'U', n, v, n, values);
    check("dsyevd", info);
    return v;
  }

  /**
   * The k largest eigenpairs of a symmetric n×n matrix (LAPACK dsyevr with an index range).
   *
   * @param a row-major symmetric matrix, not modified (only the upper triangle is read)
   * @param values receives the k largest eigenvalues in descending order
   * @return the eigenvectors as columns of a row-major n×k matrix, column j belonging to values[j]
   */
  public static double[] symmetricEigenTop(double[] a, int n, int k, double[] values) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("eigenpairs requested: got " + k + "; accepted: 1.." + n);
    }
    double[] work = a.clone();
    double[] w = new double[n];
    double[] z = new double[n * k];
    int[] found = new int[1];
    int[] isuppz = new int[2 * k];
    int info = openblas.LAPACKE_dsyevr(ROW, (byte) 'V', (byte) 'I', (byte) 'U', n, work, n, 0.0, 0.0,
        n - k + 1, n, 0.0, found, w, z, k, isuppz);
    check("dsyevr", info);
    double[] out = new double[n * k];
    for (int j = 0; j < k; j++) {
      int src = k - 1 - j;
      values[j] = w[src];
      for (int i = 0; i < n; i++) {
        out[i * k + j] = z[i * k + src];
      }
    }
    return out;
  }

  /**
   * Thin singular value decomposition A = U·diag(s)·Vᵀ of a row-major m×n matrix (LAPACK dgesdd),
   * singular values descending.
   */
  public static Svd svd(double[] a, int m, int n) {
    int p = Math.min(m, n);
    double[] work = a.clone();
    double[] s = new double[p];
    double[] u = new double[m * p];
    double[] vt = new double[p * n];
    int info = openblas.LAPACKE_dgesdd(ROW, (byte) 'S', m, n, work, n, s, u, p, vt, n);
    check("dgesdd", info);
    return new Svd(m, n, u, s, vt);
  }

  /** The singular values of a row-major m×n matrix, descending (LAPACK dgesdd without vectors). */
  public static double[] singularValues(double[] a, int m, int n) {
    int p = Math.min(m, n);
    double[] work = a.clone();
    double[] s = new double[p];
    int info = openblas.LAPACKE_dgesdd(ROW, (byte) 'N', m, n, work, n, s, new double[1], Math.max(1, p),
        new double[1], Math.max(1, n));
    check("dgesdd", info);
    return s;
  }

  /**
   * The eigenvalues of a general real n×n matrix (LAPACK dgeev), as real and imaginary parts.
   *
   * @return {@code {re, im}}, each of length n, in LAPACK's order (conjugate pairs adjacent)
   */
  public static double[][] eigenvalues(double[] a, int n) {
    double[] work = a.clone();
    double[] re = new double[n];
    double[] im = new double[n];
    int info = openblas.LAPACKE_dgeev(ROW, (byte) 'N', (byte) 'N', n, work, n, re, im,
        new double[1], 1, new double[1], 1);
    check("dgeev", info);
    return new double[][] {re, im};
  }

  /** Solves A·X = B for a square n×n A and an n×k right-hand side B (LAPACK dgesv); A, B not modified. */
  public static double[] solve(double[] a, int n, double[] b, int k) {
    double[] lu = a.clone();
    double[] x = b.clone();
    int info = openblas.LAPACKE_dgesv(ROW, n, k, lu, n, new int[n], x, k);
    check("dgesv", info);
    return x;
  }

  /**
   * Solves A·X = B in place (LAPACK dgesv): A (n×n) is overwritten by its LU factors, B (n×k) by X.
   * For hot loops: nothing is allocated.
   */
  public static void solveInPlace(double[] a, int n, double[] b, int k, int[] ipiv) {
    int info = openblas.LAPACKE_dgesv(ROW, n, k, a, n, ipiv, b, k);
    check("dgesv", info);
  }

  /**
   * The orthonormal polar factor W·(WᵀW)^(−½) of a tall row-major m×k matrix W of full column rank (the
   * closest matrix with orthonormal columns, spanning the same space), from the eigendecomposition of
   * the k×k Gram matrix; orthonormal to about ε·cond(W)². W is not modified.
   */
  public static double[] polarTall(double[] w, int m, int k) {
    double[] g = gram(w, m, k);
    double[] lam = new double[k];
    double[] e = symmetricEigen(g, k, lam);
    double[] scaled = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (!(lam[j] > 0)) {
          throw new IllegalArgumentException("polar factor: the matrix is rank deficient (eigenvalue " + lam[j]
              + " of WᵀW); accepted: full column rank");
        }
        scaled[i * k + j] = e[i * k + j] / Math.sqrt(lam[j]);
      }
    }
    double[] inv = new double[k * k];
    gemm(false, true, k, k, k, 1.0, scaled, e, 0.0, inv);
    double[] out = new double[m * k];
    gemm(false, false, m, k, k, 1.0, w, inv, 0.0, out);
    return out;
  }

  /** The orthogonal polar factor U·Vᵀ of a square n×n matrix M = U·S·Vᵀ (the nearest orthogonal matrix). */
  public static double[] polar(double[] m, int n) {
    Svd d = svd(m, n, n);
    double[] q = new double[n * n];
    gemm(false, false, n, n, n, 1.0, d.u(), d.vt(), 0.0, q);
    return q;
  }

  private static void check(String routine, int info) {
    if (info != 0) {
      throw new IllegalStateException("LAPACK " + routine + " failed: info = " + info
          + (info > 0 ? " (did not converge)" : " (illegal argument " + (-info) + ")"));
    }
  }

  /**
   * A thin SVD: U is m×p, s has p values (descending), Vᵀ is p×n, p = min(m, n); all row-major.
   *
   * @param m rows of the decomposed matrix
   * @param n columns of the decomposed matrix
   * @param u left singular vectors, m×p
   * @param s singular values
   * @param vt right singular vectors transposed, p×n
   */
  public record Svd(int m, int n, double[] u, double[] s, double[] vt) {}
}
