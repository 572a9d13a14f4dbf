package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * All-pairs matrices over many networks: each network is prepared once (a metric's centring and
 * decomposition, DSA's operator fit), then the N(N−1)/2 pairs (and the diagonal, for scores) are computed on a
 * pool of Java threads. Every entry is computed by the same sequence of operations whatever the thread count
 * (OpenBLAS always runs single-threaded, see {@link Linalg}), so the matrix does not depend on {@code threads}. This is
 * the one pairwise driver of Cohort: geometry metrics ({@link RepresentationalMetric}) and dynamics metrics (DSA)
 * both use it.
 */
public final class Pairwise {

  private Pairwise() {}

  /** Which value to put in the matrix. */
  public enum Kind {
    /** The metric's own score; the diagonal holds score(x, x). */
    SCORE,
    /** {@link Metric#distance}; the diagonal is 0. */
    DISTANCE
  }

  /** A symmetric function of two prepared networks. */
  @FunctionalInterface
  public interface PairFunction<P> {
    double apply(P a, P b);
  }

  /**
   * The N×N symmetric matrix (row-major) of the metric over {@code networks}.
   *
   * @param networks N ≥ 1 inputs (for a geometry metric, matrices with the same number of rows)
   * @param threads Java threads for the preparation and the pairs, ≥ 1
   */
  public static <I, P> double[] matrix(Metric<I, P> metric, List<I> networks, Kind kind, int threads) {
    return matrix(metric, networks, kind, threads, PairProgress.NONE);
  }

  /** As {@link #matrix(Metric, List, Kind, int)}, reporting each finished pair to {@code progress}. */
  public static <I, P> double[] matrix(Metric<I, P> metric, List<I> networks, Kind kind, int threads,
      PairProgress progress) {
    int n = networks.size();
    if (metric instanceof RepresentationalMetric<?> && n > 0) {
      int rows = ((Matrix) networks.get(0)).rows();
      for (int i = 1; i < n; i++) {
        Checks.sameRows(metric.name() + " (networks 0 and " + i + ")", rows, ((Matrix) networks.get(i)).rows());
      }
    }
    return kind == Kind.SCORE
        ? matrix(metric.name(), networks, metric::prepare, metric::score, true, threads, progress)
        : matrix(metric.name(), networks, metric::prepare, metric::distance, false, threads, progress);
  }

  /**
   * The N×N symmetric matrix (row-major) of {@code pair} over the prepared {@code networks}.
   *
   * @param name what is computed, for messages
   * @param prepare the per-network work done once (run on the pool, one network per task)
   * @param pair the value of one pair; must be symmetric and must not depend on anything but its arguments
   * @param diagonal whether to compute pair(x, x) on the diagonal (else it is 0)
   * @param threads Java threads, ≥ 1
   * @param progress told of every finished pair
   */
  public static <T, P> double[] matrix(String name, List<T> networks, Function<T, P> prepare,
      PairFunction<P> pair, boolean diagonal, int threads, PairProgress progress) {
    int n = networks.size();
    Checks.pairwise(name + " pairwise", n, threads);
    long total = (long) n * (n - 1) / 2 + (diagonal ? n : 0);
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<P>> prepared = new ArrayList<>(n);
      // each network is taken from the list by the task that prepares it: a list that builds its elements when
      // asked (a population's inputs, converted from its activations) then never holds more than one per thread
      for (int i = 0; i < n; i++) {
        int at = i;
        prepared.add(pool.submit(() -> prepare.apply(networks.get(at))));
      }
      List<P> ps = new ArrayList<>(n);
      for (Future<P> f : prepared) {
        ps.add(f.get());
      }
      double[] out = new double[n * n];
      List<Future<?>> rows = new ArrayList<>(n);
      // One task per row, longest rows first, so that the pool's threads finish together.
      for (int i = 0; i < n; i++) {
        int row = i;
        rows.add(pool.submit(() -> {
          for (int j = diagonal ? row : row + 1; j < n; j++) {
            double v = pair.apply(ps.get(row), ps.get(j));
            out[row * n + j] = v;
            out[j * n + row] = v;
            progress.pairsDone(done.incrementAndGet(), total);
          }
        }));
      }
      for (Future<?> f : rows) {
        f.get();
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("pairwise " + name + " interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("pairwise " + name + " failed", c);
    } finally {
      pool.shutdownNow();
    }
  }
}
