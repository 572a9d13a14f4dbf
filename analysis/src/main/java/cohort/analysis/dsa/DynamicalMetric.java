package cohort.analysis.dsa;

import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.MetricKind;

/**
 * A dynamics {@link Metric}: compares two networks' trajectories (trials × steps × units) through dynamics fitted
 * to each, so the networks need not share rows, tasks or sizes, e.g. DSA.
 *
 * @param <P> the per-network prepared form (a fitted model of the dynamics)
 */
public interface DynamicalMetric<P> extends Metric<Trajectories, P> {

  @Override
  default MetricKind kind() {
    return MetricKind.DYNAMICS;
  }
}
