package cohort.analysis.dsa;

import cohort.analysis.similarity.PairProgress;
import cohort.analysis.similarity.Pairwise;
import java.util.List;
import java.util.SplittableRandom;

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
    return pairwise(networks, o, threads, PairProgress.NONE);
  }

  /** As {@link #pairwise(List, DsaOptions, int)}, reporting each finished pair to {@code progress}. */
  public static double[] pairwise(List<Trajectories> networks, DsaOptions o, int threads, PairProgress progress) {
    return Pairwise.matrix("dsa", networks, t -> HankelDmd.fit(t, o), (a, b) -> compare(a, b, o).score(), false,
        threads, progress);
  }
}
