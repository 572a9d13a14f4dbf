package cohort.analysis.dsa;

import cohort.analysis.similarity.Checks;
import cohort.analysis.similarity.Invariance;
import cohort.analysis.similarity.PairProgress;
import cohort.analysis.similarity.Pairwise;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Dynamical similarity analysis (Ostrow et al. 2023): fit a Hankel DMD operator per network
 * ({@link HankelDmd}), then compare operators by the similarity-transform distance
 * ({@link SimilarityTransformDistance}) or the eigenvalue Wasserstein score
 * ({@link EigenvalueWasserstein}). The random starts of a comparison come from a generator seeded with
 * {@link DsaOptions#seed()}, so a pair's score depends only on its two operators and the options.
 *
 * <p>As a {@link DynamicalMetric} the per-network stage is the DMD fit and the per-pair stage the comparison; the
 * score is a distance (0 for identical dynamics), invariant to rotations of either network's units (the
 * similarity transform, Ostrow et al.'s claim).
 *
 * @param options every option of the fit and the comparison
 */
public record Dsa(DsaOptions options) implements DynamicalMetric<DmdFit> {

  public Dsa {
    Checks.given("dsa options", options, "a DsaOptions");
  }

  /** The current reference's defaults ({@link DsaOptions#DsaOptions()}). */
  public Dsa() {
    this(new DsaOptions());
  }

  @Override
  public String name() {
    return "dsa";
  }

  /** Units by score: the angle between the aligned operators, their Euclidean distance, or the eigenvalue W₂². */
  @Override
  public Description description() {
    String units = switch (options.score()) {
      case ANGULAR -> "angular distance between aligned operators, radians";
      case EUCLIDEAN -> "Euclidean distance between aligned unit-norm operators";
      case WASSERSTEIN -> "W₂² between operator eigenvalues";
    };
    return new Description("DSA", units, false, EnumSet.of(Invariance.ROTATION, Invariance.UNIT_PERMUTATION));
  }

  @Override
  public DmdFit prepare(Trajectories input) {
    return HankelDmd.fit(input, options);
  }

  @Override
  public double score(DmdFit x, DmdFit y) {
    return compare(x, y, options).score();
  }

  /** The score with the score actually used ({@code score_used}) and both operators' ranks ({@code rank}). */
  @Override
  public Evaluation evaluate(DmdFit x, DmdFit y) {
    DsaResult r = compare(x, y, options);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("score_used", r.scoreUsed().name().toLowerCase(Locale.ROOT));
    details.put("rank", new int[] {r.rankX(), r.rankY()});
    return new Evaluation(r.score(), details);
  }

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
      double s = x.wasserstein(y);
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
    return Pairwise.matrix(new Dsa(o), networks, Pairwise.Kind.DISTANCE, threads, progress);
  }
}
