package cohort.models.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Cohort's one double-precision linear-algebra facade: BLAS and LAPACK (the routines NumPy, SciPy and PyTorch call)
 * through the OpenBLAS build already on the class path ({@code org.bytedeco:openblas}), on flat row-major arrays.
 * Every module's double-precision products, decompositions and solves go through here; the float training
 * kernels are {@link OpenBlas} and {@link FloatGemm}.
 *
 * <p><b>Threads.</b> OpenBLAS runs on one thread, set once when this class loads and never changed: its thread
 * count is process-wide state, and toggling it inside a library call is neither thread-safe nor compatible with
 * {@code models}' one-thread-per-network rule. Parallelism is the caller's, in Java: the routines that take a
 * {@code threads} argument ({@link #gram(double[], int, int, int)}) split their work into blocks whose
 * boundaries depend only on the shapes, compute each block with one single-threaded BLAS call and spread the
 * blocks over {@code threads} Java threads ({@link Parallel}), so their result is the same, bit for bit, whatever
 * {@code threads} is. A single-threaded call has a fixed reduction order, so the same inputs give the same bits
 * on the same machine and library build.
 *
 * <p><b>Conventions.</b> Matrices are row-major and densely packed unless a leading dimension is given; inputs
 * are never modified except by the routines named {@code ...InPlace} and by {@link #luSolve} and
 * {@link #choleskySolve}, which say so. A LAPACK error becomes an exception naming the routine and its
 * {@code info}: {@link ArithmeticException} when the algorithm did not converge ({@code info > 0}),
 * {@link IllegalStateException} for an illegal argument ({@code info < 0}, a bug of the caller).
 */
public final class Linalg {

  private static final int ROW = openblas.LAPACK_ROW_MAJOR;

  /** Columns per block of the blocked {@link #gram(double[], int, int, int)}: a shape constant, not a thread count. */
  static final int GRAM_BLOCK = 512;

  static {
    org.bytedeco.javacpp.Loader.load(openblas.class);
    openblas.blas_set_num_threads(1);
  }

  private Linalg() {}

  // ------------------------------------------------------------------------------------------------ BLAS

  /**
   * {@code C ← α·op(A)·op(B) + β·C} with op(A) m×k, op(B) k×n and C m×n, all row-major and densely packed (A is
   * k×m when transposed, B n×k). A and B are not modified; C is overwritten and must not alias them.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
      double[] b, double beta, double[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, transA ? m : k, b,
        transB ? k : n, beta, c, n);
  }

  /**
   * {@code C ← α·op(A)·op(B) + β·C} on native operands with explicit leading dimensions (row-major; element (i, j)
   * of A at {@code a[i·lda + j]} from the pointer's position): for large or repeatedly used operands, which are then
   * not copied across JNI on every call. A and B are not modified; C must not overlap them.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoublePointer a,
      int lda, DoublePointer b, int ldb, double beta, DoublePointer c, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }

  /**
   * The upper triangle of {@code C ← α·op(A)·op(A)ᵀ + β·C}, n×n, on native operands (row-major; op(A) is n×k, A
   * itself k×n when {@code trans}); the strictly lower triangle of C is not touched. A is not modified.
   */
  public static void syrkUpper(boolean trans, int n, int k, double alpha, DoublePointer a, int lda, double beta,
      DoublePointer c, int ldc) {
    if (n == 0) {
      return;
    }
    openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper,
        trans ? openblas.CblasTrans : openblas.CblasNoTrans, n, k, alpha, a, lda, beta, c, ldc);
  }

  /** The n×n Gram matrix AᵀA of a row-major m×n matrix A (both triangles filled); one dsyrk. */
  public static double[] gram(double[] a, int m, int n) {
    double[] c = new double[n * n];
    if (n == 0) {
      return c;
    }
    openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, n, m, 1.0, a, n, 0.0,
        c, n);
    mirrorUpper(c, n);
    return c;
  }

  /**
   * The n×n Gram matrix AᵀA of a row-major m×n matrix A (both triangles filled), computed on {@code threads} Java
   * threads: the columns are cut into blocks of {@value #GRAM_BLOCK} and each upper block (I, J) is one
   * single-threaded call (dsyrk on the diagonal, dgemm above it). The blocks depend only on n, so the result does
   * not depend on {@code threads}; up to {@value #GRAM_BLOCK} columns it is {@link #gram(double[], int, int)}.
   *
   * @param threads Java threads, ≥ 1
   */
  public static double[] gram(double[] a, int m, int n, int threads) {
    Parallel.check(threads);
    if (n <= GRAM_BLOCK) {
      return gram(a, m, n);
    }
    int blocks = (n + GRAM_BLOCK - 1) / GRAM_BLOCK;
    int[] first = new int[blocks * (blocks + 1) / 2];
    int[] second = new int[first.length];
    int t = 0;
    for (int i = 0; i < blocks; i++) {
      for (int j = i; j < blocks; j++) {
        first[t] = i;
        second[t++] = j;
      }
    }
    double[] out = new double[n * n];
    try (DoublePointer pa = new DoublePointer(a); DoublePointer pc = new DoublePointer((long) n * n);
        Parallel pool = Parallel.of(threads)) {
      pool.forEach(first.length, task -> {
        int i0 = first[task] * GRAM_BLOCK;
        int j0 = second[task] * GRAM_BLOCK;
        int ni = Math.min(GRAM_BLOCK, n - i0);
        int nj = Math.min(GRAM_BLOCK, n - j0);
        DoublePointer ai = new DoublePointer(pa).position(i0);
        DoublePointer cij = new DoublePointer(pc).position((long) i0 * n + j0);
        if (i0 == j0) {
          syrkUpper(true, ni, m, 1.0, ai, n, 0.0, cij, n);
        } else {
          gemm(true, false, ni, nj, m, 1.0, ai, n, new DoublePointer(pa).position(j0), n, 0.0, cij, n);
        }
      });
      pc.position(0).get(out);
    }
    mirrorUpper(out, n);
    return out;
  }

  /** Copies the upper triangle of a row-major n×n matrix into its lower triangle. */
  public static void mirrorUpper(double[] c, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        c[j * n + i] = c[i * n + j];
      }
    }
  }

  // ---------------------------------------------------------------------------------------- eigenproblems

  /**
   * Eigendecomposition of a symmetric n×n matrix (LAPACK dsyevd).
   *
   * @param a row-major symmetric matrix, not modified (only the upper triangle is read)
   * @param values receives the n eigenvalues in ascending order
   * @return the eigenvectors as columns of a row-major n×n matrix (column j belongs to values[j])
   */
  public static double[] symmetricEigen(double[] a, int n, double[] values) {
    double[] v = a.clone();
    check("dsyevd", openblas.LAPACKE_dsyevd(ROW, (byte) 'V', (byte) 'U', n, v, n, values));
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
    check("dsyevr", openblas.LAPACKE_dsyevr(ROW, (byte) 'V', (byte) 'I', (byte) 'U', n, work, n, 0.0, 0.0,
        n - k + 1, n, 0.0, found, w, z, k, isuppz));
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
   * The eigenvalues of a general real n×n matrix (LAPACK dgeev without vectors), as real and imaginary parts.
   *
   * @return {@code {re, im}}, each of length n, in LAPACK's order (conjugate pairs adjacent, positive imaginary
   *     part first)
   */
  public static double[][] eigenvalues(double[] a, int n) {
    double[] work = a.clone();
    double[] re = new double[n];
    double[] im = new double[n];
    check("dgeev", openblas.LAPACKE_dgeev(ROW, (byte) 'N', (byte) 'N', n, work, n, re, im, new double[1], 1,
        new double[1], 1));
    return new double[][] {re, im};
  }

  /**
   * Eigenvalues and right eigenvectors {@code A v = λ v} of a general real n×n matrix (LAPACK dgeev), in LAPACK's
   * layout: for a real eigenvalue j, column j of {@code vectors} is its eigenvector; for a conjugate pair (j, j+1)
   * with {@code imag[j] > 0}, columns j and j+1 are the real and imaginary parts of the eigenvector of λ_j (that of
   * λ_{j+1} is its conjugate). Eigenvectors have unit Euclidean norm with their largest component real.
   *
   * @param a row-major n×n matrix, finite; not modified
   * @throws ArithmeticException if the QR algorithm did not converge
   */
  public static Eigen eigen(double[] a, int n) {
    double[] work = a.clone();
    double[] re = new double[n];
    double[] im = new double[n];
    double[] vr = new double[n * n];
    check("dgeev", openblas.LAPACKE_dgeev(ROW, (byte) 'N', (byte) 'V', n, work, n, re, im, new double[1], 1, vr,
        n));
    return new Eigen(n, re, im, vr);
  }

  // ------------------------------------------------------------------------------------------------- SVD

  /**
   * Thin singular value decomposition A = U·diag(s)·Vᵀ of a row-major m×n matrix (LAPACK dgesdd), singular values
   * descending. A is not modified.
   */
  public static Svd svd(double[] a, int m, int n) {
    int p = Math.min(m, n);
    double[] work = a.clone();
    double[] s = new double[p];
    double[] u = new double[m * p];
    double[] vt = new double[p * n];
    check("dgesdd", openblas.LAPACKE_dgesdd(ROW, (byte) 'S', m, n, work, n, s, u, p, vt, n));
    return new Svd(m, n, u, s, vt);
  }

  /** The singular values of a row-major m×n matrix, descending (LAPACK dgesdd without vectors); A not modified. */
  public static double[] singularValues(double[] a, int m, int n) {
    int p = Math.min(m, n);
    double[] work = a.clone();
    double[] s = new double[p];
    check("dgesdd", openblas.LAPACKE_dgesdd(ROW, (byte) 'N', m, n, work, n, s, new double[1], Math.max(1, p),
        new double[1], Math.max(1, n)));
    return s;
  }

  /**
   * The orthonormal polar factor W·(WᵀW)^(−½) of a tall row-major m×k matrix W of full column rank (the closest
   * matrix with orthonormal columns, spanning the same space), from the eigendecomposition of the k×k Gram matrix;
   * orthonormal to about ε·cond(W)². W is not modified.
   *
   * @throws IllegalArgumentException if W is rank deficient
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

  // ----------------------------------------------------------------------------------------------- solves

  /** Solves A·X = B for a square n×n A and an n×k right-hand side B (LAPACK dgesv); A and B are not modified. */
  public static double[] solve(double[] a, int n, double[] b, int k) {
    double[] lu = a.clone();
    double[] x = b.clone();
    check("dgesv", openblas.LAPACKE_dgesv(ROW, n, k, lu, n, new int[n], x, k));
    return x;
  }

  /**
   * Solves A·X = B in place (LAPACK dgesv): A (n×n) is overwritten by its LU factors, B (n×k) by X. For hot loops:
   * nothing is allocated.
   *
   * @param ipiv scratch of length n
   * @throws ArithmeticException if A is exactly singular
   */
  public static void solveInPlace(double[] a, int n, double[] b, int k, int[] ipiv) {
    check("dgesv", openblas.LAPACKE_dgesv(ROW, n, k, a, n, ipiv, b, k));
  }

  /**
   * Solves {@code M X = B} for a symmetric positive definite n×n M and an n×k right-hand side B by LAPACK's
   * Cholesky (dposv): {@code m} is overwritten by its factor (upper triangle) and {@code b} by X. For iterations
   * where an indefinite matrix is an outcome rather than an error (Newton steps), the result says which it was.
   *
   * @return false if M is not positive definite (a leading minor is not positive)
   */
  public static boolean spdSolve(double[] m, int n, double[] b, int k) {
    int info = openblas.LAPACKE_dposv(ROW, (byte) 'U', n, k, m, n, b, k);
    if (info < 0) {
      check("dposv", info);
    }
    return info == 0;
  }

  /** From this size on {@link #luSolve} calls LAPACK's dgesv; below it the loops here are faster. */
  public static final int LAPACK_LU_FROM = 32;

  /**
   * Solves {@code A z = b} by LU with partial pivoting (Golub &amp; Van Loan, Algorithm 3.4.1): {@code a} (n×n,
   * row-major) is overwritten by its LU factors and {@code b} by {@code z}; nothing is allocated. From
   * {@value #LAPACK_LU_FROM} rows on this is LAPACK's blocked dgesv (about 5× the loops at n = 128), below it plain
   * loops. For Newton steps, where a singular matrix is an outcome rather than an error: the result says whether A
   * was nonsingular to working precision (every pivot above {@code 1e−14·n·max|a_ij|}).
   *
   * @param piv scratch of length n
   * @return false if A is singular to working precision ({@code a} and {@code b} then hold partial results)
   */
  public static boolean luSolve(double[] a, double[] b, int n, int[] piv) {
    double maxAbs = 0;
    for (int i = 0; i < n * n; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(a[i]));
    }
    double tiny = maxAbs * 1e-14 * n;
    if (maxAbs == 0) {
      return false;
    }
    if (n >= LAPACK_LU_FROM) {
      if (openblas.LAPACKE_dgesv(ROW, n, 1, a, n, piv, b, 1) != 0) {
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
   * Solves {@code M z = b} for a symmetric positive definite n×n {@code M} by Cholesky (Golub &amp; Van Loan,
   * Algorithm 4.2.1): {@code m} is overwritten by its factor (lower triangle) and {@code b} by {@code z}; nothing is
   * allocated.
   *
   * @return false if M is not positive definite to working precision
   */
  public static boolean choleskySolve(double[] m, double[] b, int n) {
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

  private static void check(String routine, int info) {
    if (info > 0) {
      throw new ArithmeticException("LAPACK " + routine + " did not converge (info = " + info + ")");
    }
    if (info < 0) {
      throw new IllegalStateException("LAPACK " + routine + ": illegal argument " + (-info));
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

  /**
   * The eigenvalues and right eigenvectors of a real matrix in LAPACK dgeev's layout (see {@link #eigen}).
   *
   * @param n dimension
   * @param real real parts of the eigenvalues
   * @param imag imaginary parts (conjugate pairs adjacent, positive part first)
   * @param vectors n×n row-major; a real eigenvalue's vector in its column, a pair's real and imaginary parts in
   *     its two columns
   */
  public record Eigen(int n, double[] real, double[] imag, double[] vectors) {}
}
