package cohort.analysis.similarity;

/**
 * A geometry {@link Metric}: compares two activity matrices with the same rows (samples × units), e.g. CKA,
 * SVCCA, the Procrustes shape metric, RSA.
 *
 * @param <P> the per-network prepared form
 */
public interface RepresentationalMetric<P> extends Metric<Matrix, P> {

  @Override
  default MetricKind kind() {
    return MetricKind.GEOMETRY;
  }

  /** The number of rows (samples) a prepared network had, to check that two networks are comparable. */
  int rows(P prepared);

  /** Prepares both inputs and scores them. */
  default double score(Matrix x, Matrix y) {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException(name() + ": the two inputs have " + x.rows() + " and "
          + y.rows() + " rows; accepted: the same samples (rows) on both sides");
    }
    return score(prepare(x), prepare(y));
  }
}
