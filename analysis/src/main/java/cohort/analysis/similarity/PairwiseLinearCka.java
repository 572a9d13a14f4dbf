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
 * P = Σ_bands M·Mᵀ (one dsyrk or dgemm per band and block pair of networks); CKA_ij = P_ij / √(P_ii P_jj).
 * This costs about N·n²·p + N²·n²/2 flops instead of the feature-space route's N²·n·p², about 4.6× fewer
 * for the W3 shape (100 networks, 2,000 samples, 128 units). The networks may have different widths.
 */
public final class PairwiseLinearCka {

  private PairwiseLinearCka() {}

  /** Networks per block of the fold P += M·Mᵀ: a shape constant, never a thread count. */
  static final int NETWORK_BLOCK = 32;

  /**
   * The N×N symmetric CKA matrix (row-major, ones on the diagonal).
   *
   * <p>The work is cut into tasks that depend only on the shapes (one network's band of its Gram matrix; one block
   * pair of networks of the fold), each one single-threaded BLAS call, and {@code threads} Java threads share them,
   * so the matrix is the same, bit for bit, for every thread count.
   *
   * @param networks N ≥ 1 matrices with the same rows (samples × units); not modified
   * @param threads Java threads, ≥ 1
   */
  public static double[] matrix(List<Matrix> networks, int threads) {
    int nNet = networks.size();
    if (nNet < 1) {
      throw new IllegalArgumentException("pairwise cka networks: got 0; accepted: at least 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("pairwise cka threads: got " + threads + "; accepted: >= 1");
    }
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
    int blocks = (nNet + NETWORK_BLOCK - 1) / NETWORK_BLOCK;
    int[] tileI = new int[blocks * (blocks + 1) / 2];
    int[] tileJ = new int[tileI.length];
    for (int i = 0, t = 0; i < blocks; i++) {
      for (int j = i; j < blocks; j++, t++) {
        tileI[t] = i * NETWORK_BLOCK;
        tileJ[t] = j * NETWORK_BLOCK;
      }
    }
    double sqrt2 = Math.sqrt(2.0);
    try (DoublePointer all = new DoublePointer(total);
        DoublePointer bandBuf = new DoublePointer((long) nNet * band * n);
        DoublePointer p = new DoublePointer((long) nNet * nNet);
        Parallel pool = Parallel.of(threads)) {
      pool.forEach(nNet, i -> new DoublePointer(all).position(offsets[i]).put(networks.get(i).centerColumns().data()));
      p.position(0).put(new double[nNet * nNet]);
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
        // P += M·Mᵀ over this band, one task per block pair (upper blocks only)
        pool.forEach(tileI.length, t -> {
          int i0 = tileI[t];
          int j0 = tileJ[t];
          int ni = Math.min(NETWORK_BLOCK, nNet - i0);
          int nj = Math.min(NETWORK_BLOCK, nNet - j0);
          DoublePointer mi = new DoublePointer(bandBuf).position((long) i0 * len);
          DoublePointer pij = new DoublePointer(p).position((long) i0 * nNet + j0);
          if (i0 == j0) {
            Linalg.syrkUpper(false, ni, len, 1.0, mi, len, 1.0, pij, nNet);
          } else {
            Linalg.gemm(false, true, ni, nj, len, 1.0, mi, len, new DoublePointer(bandBuf).position((long) j0 * len),
                len, 1.0, pij, nNet);
          }
        });
      }
      double[] g = new double[nNet * nNet];
      p.position(0).get(g);
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
