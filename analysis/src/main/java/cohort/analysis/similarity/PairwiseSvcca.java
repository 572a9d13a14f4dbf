package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * All pairwise SVCCA mean canonical correlations among N networks at once (Raghu et al. 2017; see
 * {@link Svcca}). Each network is reduced once to its orthonormal basis U_k; the bases are stacked side
 * by side into Z = [U_1 … U_N] and every cross product U_iᵀU_j is read off the one Gram matrix ZᵀZ
 * (a single dsyrk instead of N(N−1)/2 small products); the canonical correlations are the singular
 * values of each block, clipped to [0, 1]. Gives the same values as {@link Svcca#score} to rounding
 * (1e−12 in the tests).
 */
public final class PairwiseSvcca {

  private PairwiseSvcca() {}

  /**
   * The N×N symmetric matrix (row-major) of mean canonical correlations, ones on the diagonal.
   *
   * @param networks N ≥ 1 matrices with the same rows (samples × units); not modified
   * @param metric the SVCCA settings (kept variance)
   * @param threads Java threads for the per-network SVDs, the blocked Gram matrix and the per-pair singular values;
   *     the matrix does not depend on it
   */
  public static double[] matrix(List<Matrix> networks, Svcca metric, int threads) {
    int nNet = networks.size();
    if (nNet < 1) {
      throw new IllegalArgumentException("pairwise svcca networks: got 0; accepted: at least 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("pairwise svcca threads: got " + threads + "; accepted: >= 1");
    }
    int rows = networks.get(0).rows();
    for (int i = 1; i < nNet; i++) {
      Checks.sameRows("svcca (networks 0 and " + i + ")", rows, networks.get(i).rows());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Svcca.Prepared>> futures = new ArrayList<>(nNet);
      for (int i = 0; i < nNet; i++) {
        Matrix x = networks.get(i);
        futures.add(pool.submit(() -> metric.prepare(x)));
      }
      int[] offset = new int[nNet + 1];
      Svcca.Prepared[] ps = new Svcca.Prepared[nNet];
      for (int i = 0; i < nNet; i++) {
        ps[i] = futures.get(i).get();
        offset[i + 1] = offset[i] + ps[i].kept();
      }
      int total = offset[nNet];
      double[] z = new double[rows * total];
      for (int i = 0; i < nNet; i++) {
        int k = ps[i].kept();
        double[] u = ps[i].basis();
        for (int r = 0; r < rows; r++) {
          System.arraycopy(u, r * k, z, r * total + offset[i], k);
        }
      }
      double[] g = Linalg.gram(z, rows, total, threads);
      double[] out = new double[nNet * nNet];
      List<Future<?>> tasks = new ArrayList<>(nNet);
      for (int i = 0; i < nNet; i++) {
        int a = i;
        tasks.add(pool.submit(() -> {
          out[a * nNet + a] = 1.0;
          int ka = ps[a].kept();
          for (int b = a + 1; b < nNet; b++) {
            int kb = ps[b].kept();
            double[] block = new double[ka * kb];
            for (int r = 0; r < ka; r++) {
              System.arraycopy(g, (offset[a] + r) * total + offset[b], block, r * kb, kb);
            }
            double[] rho = Linalg.singularValues(block, ka, kb);
            double sum = 0;
            for (double v : rho) {
              sum += Math.min(1.0, Math.max(0.0, v));
            }
            double mean = sum / rho.length;
            out[a * nNet + b] = mean;
            out[b * nNet + a] = mean;
          }
        }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("pairwise svcca interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("pairwise svcca failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
