package cohort.models.linalg;

/**
 * The float matrix products of the training path on {@link OffHeapMatrix} operands: OpenBLAS's {@code cblas_sgemm}
 * ({@link OpenBlas}) when it is available, else a pure-Java loop with the same contract (for platforms without the
 * native library, or {@code -Dcohort.blas=java}). Each path is deterministic; the two round differently.
 */
public final class FloatProducts {

  private FloatProducts() {
  }

  /**
   * {@code C[cOff + i·ldc + j] ← α Σ_p op(A)(i,p) op(B)(p,j) + β C[…]} for {@code i < m, j < n, p < k}, with
   * {@code op(A)(i,p) = A[aOff + i·lda + p]} or, transposed, {@code A[aOff + p·lda + i]} (likewise B). A and B are
   * not modified; C must not overlap them.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, OffHeapMatrix a,
      int aOff, int lda, OffHeapMatrix b, int bOff, int ldb, float beta, OffHeapMatrix c, int cOff, int ldc) {
    if (OpenBlas.available()) {
      OpenBlas.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    } else {
      java(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
  }

  /** The pure-Java product: each C element accumulated over p in ascending order, in float. */
  static void java(boolean transA, boolean transB, int m, int n, int k, float alpha, OffHeapMatrix a, int aOff,
      int lda, OffHeapMatrix b, int bOff, int ldb, float beta, OffHeapMatrix c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float acc = 0f;
        for (int p = 0; p < k; p++) {
          float x = transA ? a.get(aOff + p * lda + i) : a.get(aOff + i * lda + p);
          float y = transB ? b.get(bOff + j * ldb + p) : b.get(bOff + p * ldb + j);
          acc += x * y;
        }
        int at = cOff + i * ldc + j;
        c.set(at, beta == 0f ? alpha * acc : alpha * acc + beta * c.get(at));
      }
    }
  }
}
