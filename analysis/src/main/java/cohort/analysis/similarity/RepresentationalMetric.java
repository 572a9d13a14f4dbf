package cohort.analysis.similarity;

/**
 * A representational similarity metric between two activity matrices with the same rows (samples ×
 * units), in netrep's two stages: {@link #prepare(Matrix)} does the per-network work once (centring,
 * whitening, SVD, Gram matrices) and {@link #score(Object, Object)} does the per-pair work, so that a
 * pairwise matrix over N networks costs N preparations and N(N−1)/2 cheap comparisons
 * (Williams et al. 2021, "Generalized shape metrics on neural representations").
 *
 * @param <P> the per-network prepared form
 */
public interface RepresentationalMetric<P> {

  /** A short stable name, e.g. {@code cka}, {@code svcca}, {@code procrustes}. */
  String name();

  /** Whether the score is a similarity (1 for identical inputs) rather than a distance (0 for identical). */
  boolean isSimilarity();

  /** The per-network stage; the input is not modified. */
  P prepare(Matrix x);

  /** The number of rows (samples) a prepared network had, to check that two networks are comparable. */
  int rows(P prepared);

  /** The per-pair stage: the metric's own score as its paper defines it. */
  double score(P x, P y);

  /** Prepares both inputs and scores them. */
  default double score(Matrix x, Matrix y) {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException(name() + ": the two inputs have " + x.rows() + " and "
          + y.rows() + " rows; accepted: the same samples (rows) on both sides");
    }
    return score(prepare(x), prepare(y));
  }

  /**
   * A dissimilarity for embeddings and clustering: {@code 1 − score} for similarities (the
   * Maheswaranathan et al. 2019 convention), the score itself for distances.
   */
  default double distance(P x, P y) {
    double s = score(x, y);
    return isSimilarity() ? 1.0 - s : s;
  }
}
