/**
 * Dense float kernels of the fast path: the pure-Java reference and fallback {@link cohort.models.linalg.FloatGemm}
 * (see it for why B and C are arrays of rows), its opt-in Vector API interior, and OpenBLAS's {@code cblas_sgemm}
 * ({@link cohort.models.linalg.OpenBlas}) on off-heap operands ({@link cohort.models.linalg.OffHeapMatrix}), the
 * default for the recurrent products. Static methods, inputs first and output last; shapes are checked by the
 * callers once, never in loops.
 *
 * <p>Double precision has one facade, {@link cohort.models.linalg.Linalg} (BLAS and LAPACK through the same
 * OpenBLAS, on one OpenBLAS thread for the whole process), used by every module; parallelism is the caller's, on
 * Java threads ({@link cohort.models.linalg.Parallel}).
 */
package cohort.models.linalg;
