package cohort.analysis.dsa;

import cohort.analysis.similarity.Checks;
import cohort.analysis.similarity.Help;

/**
 * Every option of one DSA comparison (Ostrow, Eisen, Kozachkov &amp; Fiete 2023, "Beyond geometry:
 * comparing the temporal structure of computation in neural circuits with dynamical similarity
 * analysis", NeurIPS; reference implementation mitchellostrow/DSA).
 *
 * <p>The DMD part follows the reference exactly: {@code nDelays} delay blocks {@code delayInterval}
 * steps apart, the {@link RankSelection} and the ridge {@code lamb}. The comparison part differs in
 * its optimiser: instead of the reference's Adam on a Cayley-map parametrisation (a learning rate,
 * 200/1,500 steps, two starts) Cohort runs a Riemannian L-BFGS on O(n) to convergence (see
 * {@link SimilarityTransformDistance}) from {@code 3 + restarts} starts (identity, the reference's
 * row-swap reflection, a spectral start and {@code restarts} Haar-random orthogonal matrices drawn
 * from a generator seeded with {@code seed}), the best two of them for at most {@code iterations}
 * steps. The reference's learning rate has no counterpart and is therefore not an option.
 *
 * <p>{@link #DsaOptions()} gives the defaults of the current reference ({@code DSA} class, dsa-metric
 * 2.0.x): one delay, full rank, λ = 1e−8 (the {@code DMD} class default that {@code DSA} uses),
 * Wasserstein score. {@link #v2024()} gives those of v1 (2024-03), which Ghalambor et al. 2024 used:
 * λ = 0, angular score (reference: 1,500 Adam steps at lr 5e−3).
 *
 * @param nDelays number of delay blocks in the Hankel matrix, ≥ 1
 * @param delayInterval steps between delay blocks, ≥ 1
 * @param rank how many Hankel singular directions to keep
 * @param lamb ridge λ of the principal-component regression, ≥ 0
 * @param score which score to report
 * @param iterations maximum optimiser steps per start (angular/euclidean), ≥ 1
 * @param restarts random starts in addition to the identity, the reflection and the spectral start, ≥ 0
 * @param seed seed of the random starts
 */
public record DsaOptions(
    @Help("delay blocks in the Hankel matrix, >= 1")
    int nDelays,
    @Help("steps between delay blocks, >= 1")
    int delayInterval,
    @Help("Hankel singular directions kept: " + RankSelection.ACCEPTED)
    RankSelection rank,
    @Help("ridge of the DMD regression, finite >= 0")
    double lamb,
    @Help("angular | euclidean (the similarity-transform distance) | wasserstein (between eigenvalues)")
    DsaScore score,
    @Help("maximum optimiser steps per start (angular, euclidean), >= 1")
    int iterations,
    @Help("random starts of the optimiser besides the identity, the reflection and the spectral start, >= 0")
    int restarts,
    @Help("seed of the random starts (in a study: the study's seed unless set)")
    long seed) {

  public DsaOptions {
    Checks.atLeast("dsa n_delays", nDelays, 1);
    Checks.atLeast("dsa delay_interval", delayInterval, 1);
    Checks.given("dsa rank", rank, RankSelection.ACCEPTED);
    if (!(lamb >= 0) || Double.isInfinite(lamb)) {
      throw new IllegalArgumentException("dsa lamb: got " + lamb + "; accepted: finite >= 0");
    }
    Checks.given("dsa score", score, "angular, euclidean, wasserstein");
    Checks.atLeast("dsa iterations", iterations, 1);
    Checks.atLeast("dsa restarts", restarts, 0);
  }

  /** The current reference's defaults (dsa-metric 2.0.x {@code DSA}): see the class comment. */
  public DsaOptions() {
    this(1, 1, RankSelection.full(), 1e-8, DsaScore.WASSERSTEIN, 1500, 8, 0L);
  }

  /** The v1 (2024-03) defaults used by Ghalambor et al. 2024: λ = 0, angular score. */
  public static DsaOptions v2024() {
    return new DsaOptions(1, 1, RankSelection.full(), 0.0, DsaScore.ANGULAR, 1500, 8, 0L);
  }

  public DsaOptions withDelays(int n, int interval) {
    return new DsaOptions(n, interval, rank, lamb, score, iterations, restarts, seed);
  }

  public DsaOptions withRank(RankSelection r) {
    return new DsaOptions(nDelays, delayInterval, r, lamb, score, iterations, restarts, seed);
  }

  public DsaOptions withLamb(double l) {
    return new DsaOptions(nDelays, delayInterval, rank, l, score, iterations, restarts, seed);
  }

  public DsaOptions withScore(DsaScore s) {
    return new DsaOptions(nDelays, delayInterval, rank, lamb, s, iterations, restarts, seed);
  }

  public DsaOptions withOptimizer(int iters, int starts, long rngSeed) {
    return new DsaOptions(nDelays, delayInterval, rank, lamb, score, iters, starts, rngSeed);
  }
}
