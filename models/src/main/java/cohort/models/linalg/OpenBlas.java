package cohort.models.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Single-precision matrix products through OpenBLAS's {@code cblas_sgemm}, reached through the
 * {@code org.bytedeco:openblas} artifact that Smile already brings: {@code C ← α·op(A)·op(B) + β·C}, row-major, on
 * {@link OffHeapMatrix} operands (no copies in or out).
 *
 * <p>The library runs on one thread ({@code blas_set_num_threads(1)}, set once, before the first product or the
 * first {@link #available()}, whichever comes first; left at its default, OpenBLAS would use every core): Cohort's
 * parallelism is one network per thread, and a single-threaded product has a fixed reduction order, so the same
 * inputs give the same bits on the same machine and library build. Another CPU (a different OpenBLAS kernel) or the
 * pure-Java fallback of {@link FloatProducts} round differently, within float accuracy.
 *
 * <p>Used by default when the native library loads; {@code -Dcohort.blas=java} selects the pure-Java fallback. Measured on the W1 step shapes, one core: see the benchmarks module's
 * {@code TrainingIterationBench}.
 */
public final class OpenBlas {

  private OpenBlas() {
  }

  /**
   * Whether the OpenBLAS path is on: the system property {@code cohort.blas} is not {@code java} and the native
   * library loaded. Never throws.
   */
  public static boolean available() {
    return Holder.AVAILABLE;
  }

  /** Why the OpenBLAS path is off ({@code ""} when it is on). */
  public static String unavailableReason() {
    return Holder.REASON;
  }

  /**
   * {@code C[cOff + i·ldc + j] ← α Σ_p op(A)(i,p) op(B)(p,j) + β C[…]} for {@code i < m, j < n, p < k}, with
   * {@code op(A)(i,p) = A[aOff + i·lda + p]} or, transposed, {@code A[aOff + p·lda + i]} (likewise B). A and B are
   * not modified; C must not overlap them. Shapes are the caller's responsibility (checked by OpenBLAS itself).
   *
   * @throws IllegalStateException if the OpenBLAS path is off ({@link #unavailableReason()} says why)
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, OffHeapMatrix a,
      int aOff, int lda, OffHeapMatrix b, int bOff, int ldb, float beta, OffHeapMatrix c, int cOff, int ldc) {
    if (!Holder.AVAILABLE) {
      throw new IllegalStateException("OpenBLAS path is off: " + Holder.REASON);
    }
    if (m <= 0 || n <= 0) {
      return;
    }
    openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a.at(aOff), lda, b.at(bOff), ldb,
        beta, c.at(cOff), ldc);
  }

  /** Loads the library once, lazily. */
  private static final class Holder {
    static final boolean AVAILABLE;
    static final String REASON;

    static {
      boolean ok = false;
      String reason;
      if ("java".equals(System.getProperty("cohort.blas"))) {
        reason = "disabled by -Dcohort.blas=java";
      } else {
        try {
          openblas.blas_set_num_threads(1);
          ok = true;
          reason = "";
        } catch (LinkageError | RuntimeException e) {
          reason = "OpenBLAS did not load: " + e;
        }
      }
      AVAILABLE = ok;
      REASON = reason;
    }
  }
}
