package cohort.study.population;

import cohort.analysis.topology.TopologySignature;
import java.util.List;

import java.util.Map;

/**
 * One network state that population comparisons place among the others: a trained network
 * ({@code id = run id}) or the same network before training ({@code id = run id + ":untrained"}).
 *
 * @param id the item id stored in {@code items} datasets
 * @param labels the run's grouping attributes (task, architecture, activation, units, init) and
 *     {@code trained} = {@code trained} or {@code untrained}
 * @param steps time steps of the probe trials
 * @param trials number of probe trials
 * @param units hidden units
 * @param activations hidden states {@code [steps][trials][units]}, time-major
 * @param topology the topology signatures of its fixed points, one per analysed constant input of its task (empty
 *     for an untrained network or one not analysed)
 */
public record PopulationItem(String id, Map<String, String> labels, int steps, int trials, int units,
    float[] activations, List<TopologySignature> topology) {

  public PopulationItem {
    labels = Map.copyOf(labels);
    topology = List.copyOf(topology);
  }

  /** An item with no topology. */
  public PopulationItem(String id, Map<String, String> labels, int steps, int trials, int units, float[] activations) {
    this(id, labels, steps, trials, units, activations, List.of());
  }

  /** The label of a grouping, e.g. {@code architecture} → {@code gru}. */
  public String label(String grouping) {
    String v = labels.get(grouping);
    if (v == null) {
      throw new IllegalArgumentException("no grouping '" + grouping + "' for " + id + "; groupings: "
          + labels.keySet());
    }
    return v;
  }
}
