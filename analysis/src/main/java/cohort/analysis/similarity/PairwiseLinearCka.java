package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import cohort.models.linalg.Parallel;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;

/**
 * All pairwise linear CKA values among N networks at once, through the sample-space identity
 * ‖ỸᵀX̃‖²_F = ⟨X̃X̃ᵀ, ỸỸᵀ⟩_F (Kornblith et al. 2019).
 *
 * <p>For n samples the Gram matrices K_i = X̃_iX̃_iᵀ are symmetric, so ⟨K_i, K_j⟩ is the dot product of
 * their upper triangles with the off-diagonal entries weighted by √2. The triangles are produced in
 * bands of {@code band} rows (one dgemm per network and band) and folded into the N×N matrix
 * P = Σ_bands M·Mᵀ (one dsyrk per band and chunk of its columns); CKA_ij = P_ij / √(P_ii P_jj).
 * This costs about N·n²·p + N²·n²/2 flops instead of the feature-space route's N²·n·p², about 4.6× fewer
 * for the W3 shape (100 networks, 2,000 samples, 128 units). The networks may have different widths.
 */
public final class PairwiseLinearCka {

  private PairwiseLinearCka() {}

  /**
   * Columns of a band's M per task of the fold P += M·Mᵀ: a shape constant, never a thread count. Splitting the
   * inner dimension (rather than the networks) keeps the fold reading M once, as one dsyrk would.
   */
  static final int FOLD_CHUNK = 16_384;

  /**
   * The N×N symmetric CKA matrix (row-major, ones on the diagonal).
   *
   * <p>The work is cut into tasks that depend only on the shapes (one network's band of its Gram matrix; one chunk
   * of {@value #FOLD_CHUNK} columns of the fold, whose partial products are then added in chunk order), each one
   * single-threaded BLAS call, and {@code threads} Java threads share them, so the matrix is the same, bit for bit,
   * for every thread count.
   *
   * @param networks N ≥ 1 matrices with the same rows (samples × units); not modified
   * @param threads Java threads, ≥ 1
   */
  public static double[] matrix(List<Matrix> networks, int threads) {
    int nNet = networks.size();
    Checks.pairwise("pairwise cka", nNet, threads);
    int n = networks.get(0).rows();
    long total = 0;
    int[] widths = new int[nNet];
    long[] offsets = new long[nNet];
    for (int i = 0; i < nNet; i++) {
      Matrix x = networks.get(i);
      Checks.sameRows("cka (networks 0 and " + i + ")", n, x.rows());
      Checks.input("cka", x, 2);
      widths[i] = x.cols();
      offsets[i] = total;
      total += (long) n * x.cols();
    }
    int band = Math.min(n, 64);
    int maxChunks = (band * n + FOLD_CHUNK - 1) / FOLD_CHUNK;
    double sqrt2 = Math.sqrt(2.0);
    try (DoublePointer all = new DoublePointer(total);
        DoublePointer bandBuf = new DoublePointer((long) nNet * band * n);
        DoublePointer partial = new DoublePointer((long) maxChunks * nNet * nNet);
        Parallel pool = Parallel.of(threads)) {
      pool.forEach(nNet, i -> new DoublePointer(all).position(offsets[i]).put(networks.get(i).centerColumns().data()));
      double[] g = new double[nNet * nNet];
      double[] part = new double[nNet * nNet];
      for (int r0 = 0; r0 < n; r0 += band) {
        int start = r0;
        int b = Math.min(band, n - r0);
        int rest = n - r0 - b;
        int len = b * b + b * rest;
        // row i of the band buffer: network i's Gram rows r0..r0+b, upper triangle of the diagonal block (off-diagonal
        // entries × √2, lower ones zero) followed by the block right of it (× √2)
        pool.forEach(nNet, i -> {
          int w = widths[i];
          DoublePointer rowsA = new DoublePointer(all).position(offsets[i] + (long) start * w);
          DoublePointer row = new DoublePointer(bandBuf).position((long) i * len);
          Linalg.gemm(false, true, b, b, w, 1.0, rowsA, w, rowsA, w, 0.0, row, b);
          double[] diag = new double[b * b];
          row.get(diag, 0, b * b);
          for (int a = 0; a < b; a++) {
            int o = a * b;
            for (int c = 0; c < a; c++) {
              diag[o + c] = 0.0;
            }
            for (int c = a + 1; c < b; c++) {
              diag[o + c] *= sqrt2;
            }
          }
          row.put(diag, 0, b * b);
          if (rest > 0) {
            DoublePointer rowsB = new DoublePointer(all).position(offsets[i] + (long) (start + b) * w);
            DoublePointer off = new DoublePointer(bandBuf).position((long) i * len + (long) b * b);
            Linalg.gemm(false, true, b, rest, w, sqrt2, rowsA, w, rowsB, w, 0.0, off, rest);
          }
        });
        // P += M·Mᵀ over this band: the upper triangle of M[:, chunk]·M[:, chunk]ᵀ per chunk of columns, added to P
        // in chunk order
        int chunks = (len + FOLD_CHUNK - 1) / FOLD_CHUNK;
        pool.forEach(chunks, c -> {
          int c0 = c * FOLD_CHUNK;
          Linalg.syrkUpper(false, nNet, Math.min(FOLD_CHUNK, len - c0), 1.0,
              new DoublePointer(bandBuf).position(c0), len, 0.0,
              new DoublePointer(partial).position((long) c * nNet * nNet), nNet);
        });
        for (int c = 0; c < chunks; c++) {
          new DoublePointer(partial).position((long) c * nNet * nNet).get(part);
          for (int i = 0; i < nNet; i++) {
            for (int j = i; j < nNet; j++) {
              g[i * nNet + j] += part[i * nNet + j];
            }
          }
        }
      }
      Linalg.mirrorUpper(g, nNet);
      double[] out = new double[nNet * nNet];
      for (int i = 0; i < nNet; i++) {
        for (int j = 0; j < nNet; j++) {
          out[i * nNet + j] = i == j ? 1.0 : g[i * nNet + j] / Math.sqrt(g[i * nNet + i] * g[j * nNet + j]);
        }
      }
      return out;
    }
  }
}
