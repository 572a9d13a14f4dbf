package cohort.analysis.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pairwise matrices of a {@link RepresentationalMetric} over many networks: each network is prepared
 * once, then the N(N−1)/2 pairs are scored on a pool of Java threads. Every entry is computed by the
 * same sequence of operations whatever the thread count (OpenBLAS runs single-threaded inside the
 * pool), so the matrix does not depend on {@code threads}.
 */
public final class Pairwise {

  private Pairwise() {}

  /** Which value to put in the matrix. */
  public enum Kind {
    /** The metric's own score; the diagonal holds score(x, x). */
    SCORE,
    /** {@link RepresentationalMetric#distance}; the diagonal is 0. */
    DISTANCE
  }

  /**
   * The N×N symmetric matrix (row-major) of the metric over {@code networks}.
   *
   * @param networks N ≥ 1 matrices with the same number of rows
   * @param threads Java threads for the preparation and the pairs, ≥ 1
   */
  public static <P> double[] matrix(RepresentationalMetric<P> metric, List<Matrix> networks, Kind kind,
      int threads) {
    int n = networks.size();
    if (n < 1) {
      throw new IllegalArgumentException("pairwise networks: got 0; accepted: at least 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("pairwise threads: got " + threads + "; accepted: >= 1");
    }
    for (int i = 1; i < n; i++) {
      Checks.sameRows(metric.name() + " (networks 0 and " + i + ")", networks.get(0).rows(),
          networks.get(i).rows());
    }
    int saved = NativeLinalg.threads();
    NativeLinalg.setThreads(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<P>> prepared = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Matrix x = networks.get(i);
        prepared.add(pool.submit(() -> metric.prepare(x)));
      }
      List<P> ps = new ArrayList<>(n);
      for (Future<P> f : prepared) {
        ps.add(f.get());
      }
      double[] out = new double[n * n];
      List<Future<?>> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int row = i;
        rows.add(pool.submit(() -> {
          int jStart = kind == Kind.SCORE ? row : row + 1;
          for (int j = jStart; j < n; j++) {
            double v = kind == Kind.SCORE ? metric.score(ps.get(row), ps.get(j))
                : metric.distance(ps.get(row), ps.get(j));
            out[row * n + j] = v;
            out[j * n + row] = v;
          }
        }));
      }
      for (Future<?> f : rows) {
        f.get();
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("pairwise " + metric.name() + " interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("pairwise " + metric.name() + " failed", c);
    } finally {
      pool.shutdownNow();
      NativeLinalg.setThreads(saved);
    }
  }
}
