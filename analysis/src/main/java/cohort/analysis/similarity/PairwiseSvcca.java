package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import cohort.models.linalg.Parallel;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;

/**
 * All pairwise SVCCA mean canonical correlations among N networks at once (Raghu et al. 2017; see
 * {@link Svcca}). Each network is reduced once to its orthonormal basis U_k; the bases are stacked side
 * by side into Z = [U_1 … U_N] and the cross products U_iᵀU_j are read off blocks of the Gram matrix ZᵀZ
 * (one dgemm per pair of groups of networks instead of N(N−1)/2 small products); the canonical correlations
 * are the singular values of each block, clipped to [0, 1]. Gives the same values as {@link Svcca#score} to
 * rounding (1e−12 in the tests).
 *
 * <p>The networks are cut into consecutive groups of at most {@value #GROUP_COLUMNS} kept columns (a shape
 * constant: the groups depend on the kept dimensions only, never on the thread count), and ZᵀZ is never formed
 * whole: each task computes one group pair's block, reads its pairs off it and drops it. Memory is Z itself plus
 * one block of at most {@value #GROUP_COLUMNS}² per thread, so 1,000 networks of 2,000 samples keeping ≈ 46
 * directions need ≈ 0.7 GB for Z and 34 MB per thread, where the whole Gram matrix would take 17 GB.
 */
public final class PairwiseSvcca {

  private PairwiseSvcca() {}

  /** Kept columns per group at most (unless one network alone keeps more). */
  static final int GROUP_COLUMNS = 2048;

  /**
   * The N×N symmetric matrix (row-major) of mean canonical correlations, ones on the diagonal.
   *
   * @param networks N ≥ 1 matrices with the same rows (samples × units); not modified
   * @param metric the SVCCA settings (kept variance)
   * @param threads Java threads for the per-network SVDs, the blocks of the Gram matrix and the per-pair singular
   *     values; the matrix does not depend on it
   */
  public static double[] matrix(List<Matrix> networks, Svcca metric, int threads) {
    int nNet = networks.size();
    Checks.pairwise("pairwise svcca", nNet, threads);
    int rows = networks.get(0).rows();
    for (int i = 1; i < nNet; i++) {
      Checks.sameRows("svcca (networks 0 and " + i + ")", rows, networks.get(i).rows());
    }
    try (Parallel pool = Parallel.of(threads)) {
      Svcca.Prepared[] ps = new Svcca.Prepared[nNet];
      pool.forEach(nNet, i -> ps[i] = metric.prepare(networks.get(i)));
      long[] offset = new long[nNet + 1];
      for (int i = 0; i < nNet; i++) {
        offset[i + 1] = offset[i] + ps[i].kept();
      }
      long total = offset[nNet];
      // groups of consecutive networks with at most GROUP_COLUMNS kept columns each
      List<int[]> groups = new ArrayList<>();
      int first = 0;
      for (int i = 1; i <= nNet; i++) {
        if (i == nNet || offset[i + 1] - offset[first] > GROUP_COLUMNS) {
          groups.add(new int[] {first, i});
          first = i;
        }
      }
      int nGroups = groups.size();
      int[] gi = new int[nGroups * (nGroups + 1) / 2];
      int[] gj = new int[gi.length];
      int t = 0;
      for (int i = 0; i < nGroups; i++) {
        for (int j = i; j < nGroups; j++) {
          gi[t] = i;
          gj[t++] = j;
        }
      }
      double[] out = new double[nNet * nNet];
      try (DoublePointer z = new DoublePointer(rows * total)) {
        pool.forEach(nNet, i -> {
          int k = ps[i].kept();
          double[] u = ps[i].basis();
          for (int r = 0; r < rows; r++) {
            new DoublePointer(z).position(r * total + offset[i]).put(u, r * k, k);
          }
        });
        int ld = Math.toIntExact(total);
        pool.forEach(gi.length, task -> {
          int[] ga = groups.get(gi[task]);
          int[] gb = groups.get(gj[task]);
          int ca = (int) (offset[ga[1]] - offset[ga[0]]);
          int cb = (int) (offset[gb[1]] - offset[gb[0]]);
          double[] block = new double[ca * cb];
          try (DoublePointer c = new DoublePointer((long) ca * cb)) {
            Linalg.gemm(true, false, ca, cb, rows, 1.0, new DoublePointer(z).position(offset[ga[0]]), ld,
                new DoublePointer(z).position(offset[gb[0]]), ld, 0.0, c, cb);
            c.get(block);
          }
          for (int a = ga[0]; a < ga[1]; a++) {
            int ka = ps[a].kept();
            int ra = (int) (offset[a] - offset[ga[0]]);
            for (int b = Math.max(gb[0], a + 1); b < gb[1]; b++) {
              int kb = ps[b].kept();
              int cbOff = (int) (offset[b] - offset[gb[0]]);
              double[] pair = new double[ka * kb];
              for (int r = 0; r < ka; r++) {
                System.arraycopy(block, (ra + r) * cb + cbOff, pair, r * kb, kb);
              }
              double[] rho = Linalg.singularValues(pair, ka, kb);
              double sum = 0;
              for (double v : rho) {
                sum += Math.min(1.0, Math.max(0.0, v));
              }
              double mean = sum / rho.length;
              out[a * nNet + b] = mean;
              out[b * nNet + a] = mean;
            }
          }
        });
      }
      for (int i = 0; i < nNet; i++) {
        out[i * nNet + i] = 1.0;
      }
      return out;
    }
  }
}
