package cohort.analysis.similarity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A similarity metric between two networks, in netrep's two stages (Williams et al. 2021, "Generalized shape
 * metrics on neural representations"): {@link #prepare} does the per-network work once (centring, whitening, an
 * SVD, a dissimilarity matrix, a DMD fit) and {@link #score} the per-pair work, so that a pairwise matrix over N
 * networks costs N preparations and N(N−1)/2 comparisons ({@link Pairwise}, the one pairwise driver).
 *
 * <p>Two kinds of the one idea ({@link #kind()}): geometry metrics compare activity matrices whose rows (samples,
 * conditions) are matched across networks ({@link RepresentationalMetric}, input {@link Matrix}); dynamics
 * metrics compare trajectories, which need not share rows or units ({@code cohort.analysis.dsa.DynamicalMetric},
 * input {@code Trajectories}).
 *
 * <p>A metric is one class. Its options are a record, {@link #options()}: the metric itself when it is a record
 * (SVCCA's kept variance, Procrustes' α, ...), validated in the compact constructor, with the defaults in the
 * no-argument constructor and each component described by {@link Help}. {@code cohort.analysis.MetricRegistry}
 * derives the spec keys, the command-line flags, the provenance and the property tests from that one record.
 *
 * @param <I> the input of one network
 * @param <P> the per-network prepared form
 */
public interface Metric<I, P> {

  /** A short stable name, the key users type and files store, e.g. {@code cka}, {@code svcca}, {@code dsa}. */
  String name();

  /** Geometry (matched rows) or dynamics (trajectories). */
  MetricKind kind();

  /**
   * What this metric is, for the report, the registry and the property tests: its caption, the units of one
   * distance, whether the score is a similarity, and the invariances its paper claims (all may depend on the
   * options). One place per metric; {@link #caption()}, {@link #units()}, {@link #isSimilarity()} and
   * {@link #invariances()} read it.
   */
  Description description();

  /** Whether the score is a similarity (1 for identical inputs) rather than a distance (0 for identical). */
  default boolean isSimilarity() {
    return description().similarity();
  }

  /** A few words for titles, e.g. {@code linear CKA}. */
  default String caption() {
    return description().caption();
  }

  /**
   * What one entry of this metric's distance matrix ({@link #distance}) is, for axes and captions, e.g.
   * {@code 1 − CKA} or {@code radians}; may depend on the options.
   */
  default String units() {
    return description().units();
  }

  /**
   * The options that define this metric: a record whose components are read by the registry (spec keys, flags,
   * provenance). By default the metric itself, which must then be a record.
   */
  default Record options() {
    if (this instanceof Record r) {
      return r;
    }
    throw new IllegalStateException(name() + ": a metric that is not a record must override options()");
  }

  /** The per-network stage; the input is not modified. */
  P prepare(I input);

  /** The per-pair stage: the metric's own score as its paper defines it; symmetric in its arguments. */
  double score(P x, P y);

  /**
   * A dissimilarity for embeddings and clustering: {@code 1 − score} for similarities (the Maheswaranathan et al.
   * 2019 convention), the score itself for distances.
   */
  default double distance(P x, P y) {
    double s = score(x, y);
    double d = isSimilarity() ? 1.0 - s : s;
    // rounding can put the similarity of two identical inputs a few ulps above 1; a distance matrix must stay >= 0
    return d < 0 && d > -ROUNDING ? 0.0 : d;
  }

  /** How far below 0 a distance may fall by rounding alone and be read as 0 ({@link #distance}). */
  double ROUNDING = 1e-12;

  /**
   * The score with what else the comparison found (kept dimensions, canonical correlations, the score a fallback
   * used, ...), for {@code cohort compare}; by default only the score.
   */
  default Evaluation evaluate(P x, P y) {
    return new Evaluation(score(x, y), Map.of());
  }

  /**
   * The transformations of one input's units under which the score does not change, as the metric's paper
   * claims them (for these options); the property tests check every claim of every registered metric.
   */
  default Set<Invariance> invariances() {
    return description().invariances();
  }

  /**
   * One comparison's outcome.
   *
   * @param score the metric's score
   * @param details further findings by name (snake_case), JSON-writable values
   */
  record Evaluation(double score, Map<String, Object> details) {
    public Evaluation {
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
  }

  /**
   * A metric's description ({@link #description()}).
   *
   * @param caption a few words for titles, e.g. {@code linear CKA}
   * @param units what one entry of the distance matrix is, e.g. {@code 1 − CKA} or {@code radians}
   * @param similarity whether the score is a similarity (distance = 1 − score) rather than a distance
   * @param invariances the transformations of one input's units that leave the score unchanged
   */
  record Description(String caption, String units, boolean similarity, Set<Invariance> invariances) {
    public Description {
      Objects.requireNonNull(caption, "caption");
      Objects.requireNonNull(units, "units");
      invariances = invariances.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(invariances));
    }
  }
}
