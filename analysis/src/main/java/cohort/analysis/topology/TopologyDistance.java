package cohort.analysis.topology;

import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.MetricKind;
import java.util.List;
import java.util.Set;

/**
 * The distance between the fixed-point topologies of two networks of one task (Maheswaranathan et al. 2019,
 * "Universality and individuality...", Fig. 1f: topology distances, embedded by MDS, mix architectures): for each
 * constant input both were analysed at, the census–spectral distance between their topology signatures ({@link
 * TopologySignature#distance}), averaged over the inputs. 0 for identical topologies; no options.
 */
public record TopologyDistance() implements Metric<List<TopologySignature>, List<TopologySignature>> {

  @Override
  public String name() {
    return "topology";
  }

  @Override
  public MetricKind kind() {
    return MetricKind.TOPOLOGY;
  }

  /** Not a geometry metric: no invariance of units is claimed (topology signatures have none). */
  @Override
  public Description description() {
    return new Description("fixed-point topology", "census-spectral distance between topology signatures", false,
        Set.of());
  }

  @Override
  public List<TopologySignature> prepare(List<TopologySignature> input) {
    if (input == null || input.isEmpty()) {
      throw new IllegalArgumentException("topology: a network without topology signatures; accepted: one signature "
          + "per analysed input (a study's runs with fixed points and topology)");
    }
    return List.copyOf(input);
  }

  @Override
  public double score(List<TopologySignature> x, List<TopologySignature> y) {
    int k = Math.min(x.size(), y.size());
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += TopologySignature.distance(x.get(i), y.get(i));
    }
    return sum / k;
  }
}
