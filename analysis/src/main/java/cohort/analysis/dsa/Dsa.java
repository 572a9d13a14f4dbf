package cohort.analysis.dsa;

import cohort.analysis.similarity.NativeLinalg;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Dynamical similarity analysis (Ostrow et al. 2023): fit a Hankel DMD operator per network
 * ({@link HankelDmd}), then compare operators by the similarity-transform distance
 * ({@link SimilarityTransformDistance}) or the eigenvalue Wasserstein score
 * ({@link EigenvalueWasserstein}). The random starts of a comparison come from a generator seeded with
 * {@link DsaOptions#seed()}, so a pair's score depends only on its two operators and the options.
 */
public final class Dsa {

  private Dsa() {}

  /** Fits both operators and compares them. */
  public static DsaResult compare(Trajectories x, Trajectories y, DsaOptions o) {
    return compare(HankelDmd.fit(x, o), HankelDmd.fit(y, o), o);
  }

  /** Compares two fitted operators with the score of {@code o}. */
  public static DsaResult compare(DmdFit x, DmdFit y, DsaOptions o) {
    DsaScore used = o.score();
    if (x.rank() != y.rank()) {
      used = DsaScore.WASSERSTEIN;
    }
    if (used == DsaScore.WASSERSTEIN) {
      double s = EigenvalueWasserstein.distance(x.operator(), y.operator());
      return new DsaResult(s, used, o, x.rank(), y.rank(), null);
    }
    SimilarityTransformDistance.Result r = SimilarityTransformDistance.fit(x.operator(), y.operator(),
        o.iterations(), o.restarts(), new SplittableRandom(o.seed()));
    return new DsaResult(r.score(used), used, o, x.rank(), y.rank(), r);
  }

  /**
   * The N×N symmetric matrix of DSA scores (zero diagonal), row-major. Each operator is fitted once;
   * fits and pairs run on {@code threads} Java threads with OpenBLAS single-threaded, and every entry is
   * independent of the thread count.
   */
  public static double[] pairwise(List<Trajectories> networks, DsaOptions o, int threads) {
    int n = networks.size();
    if (n < 1) {
      throw new IllegalArgumentException("dsa pairwise networks: got 0; accepted: at least 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("dsa pairwise threads: got " + threads + "; accepted: >= 1");
    }
    int saved = NativeLinalg.threads();
    NativeLinalg.setThreads(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<DmdFit>> fits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Trajectories t = networks.get(i);
        fits.add(pool.submit(() -> HankelDmd.fit(t, o)));
      }
      List<DmdFit> ops = new ArrayList<>(n);
      for (Future<DmdFit> f : fits) {
        ops.add(f.get());
      }
      double[] out = new double[n * n];
      List<Future<?>> pairs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          int a = i;
          int b = j;
          pairs.add(pool.submit(() -> {
            double s = compare(ops.get(a), ops.get(b), o).score();
            out[a * n + b] = s;
            out[b * n + a] = s;
          }));
        }
      }
      for (Future<?> f : pairs) {
        f.get();
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("dsa pairwise interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("dsa pairwise failed", e.getCause());
    } finally {
      pool.shutdownNow();
      NativeLinalg.setThreads(saved);
    }
  }
}
