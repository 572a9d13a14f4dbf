package cohort.study.population;

import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.PairProgress;
import cohort.analysis.similarity.Pairwise;
import java.util.List;
import java.util.Objects;

/**
 * Where the distance matrices of the population comparisons are computed: on this machine's threads
 * ({@link #local}), or on a cluster (the Spark engine computes blocks of pairs as tasks). Every engine computes
 * entry (i, j), i &lt; j, as {@code metric.distance(prepare(x_i), prepare(x_j))}, so the matrix does not depend on
 * the engine.
 */
public interface PairwiseEngine {

  /**
   * The N×N distance matrix (row-major, zero diagonal) of {@code request}'s metric over its inputs.
   *
   * @param progress told of every finished pair
   */
  <I, P> double[] distances(Request<I, P> request, PairProgress progress);

  /**
   * One distance matrix to compute.
   *
   * @param metric the metric, as the spec built it
   * @param index its position in the spec's {@code comparisons.metrics}, so that a remote worker can build the same
   *     metric from the study's spec
   * @param scope the task label (or {@code all}) the matrix is over
   * @param items the items compared, in matrix order; remote workers read them again by id from the run files
   * @param inputs their inputs to the metric ({@link PopulationAnalysis#input}), in the same order: a view that
   *     converts an item when asked (not copied, so that the N converted inputs, twice the activations' size in
   *     doubles, are never all held at once; take each one once and let it go)
   */
  record Request<I, P>(Metric<I, P> metric, int index, String scope, List<PopulationItem> items, List<I> inputs) {
    public Request {
      Objects.requireNonNull(metric, "metric");
      items = List.copyOf(items);
      inputs = java.util.Collections.unmodifiableList(inputs);
      if (items.size() != inputs.size()) {
        throw new IllegalArgumentException("pairwise request: " + items.size() + " items but " + inputs.size()
            + " inputs");
      }
    }
  }

  /** The engine of this machine: {@link Pairwise#matrix} on {@code threads} threads. */
  static PairwiseEngine local(int threads) {
    int t = Math.max(1, threads);
    return new PairwiseEngine() {
      @Override
      public <I, P> double[] distances(Request<I, P> r, PairProgress progress) {
        return Pairwise.matrix(r.metric(), r.inputs(), Pairwise.Kind.DISTANCE, t, progress);
      }
    };
  }
}
