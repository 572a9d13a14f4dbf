/**
 * Dense float kernels of the training path: OpenBLAS's {@code cblas_sgemm} ({@link cohort.models.linalg.OpenBlas}) on
 * off-heap operands ({@link cohort.models.linalg.OffHeapMatrix}), behind {@link cohort.models.linalg.FloatProducts},
 * which falls back to a plain pure-Java product where the native library does not load. Static methods, inputs first
 * and output last; shapes are checked by the callers once, never in loops.
 *
 * <p>Double precision has one facade, {@link cohort.models.linalg.Linalg} (BLAS and LAPACK through the same
 * OpenBLAS, on one OpenBLAS thread for the whole process), used by every module; parallelism is the caller's, on
 * Java threads ({@link cohort.models.linalg.Parallel}).
 */
package cohort.models.linalg;
