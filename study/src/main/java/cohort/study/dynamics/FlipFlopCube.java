package cohort.study.dynamics;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.topology.TopologyGraph;
import cohort.models.ReferenceNetwork;
import cohort.tasks.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The n-bit flip-flop's attractor cube (Sussillo &amp; Barak 2013, Fig. 3; Maheswaranathan et al. 2019, Fig. 1e): at
 * zero input, one stable fixed point per output pattern (2ⁿ of them, each reading out a distinct sign pattern with a
 * margin) and, for every pair of patterns that differ in one bit (the n·2ⁿ⁻¹ edges of the cube), an index-1 saddle
 * whose two unstable-manifold branches end at those two attractors.
 *
 * <p>A stable point's pattern is the signs of its readout when every output is at least {@code MARGIN} from zero;
 * an edge is joined when some index-1 saddle of the topology graph reaches exactly its two corners.
 */
public final class FlipFlopCube implements RunMeasure {

  /** An output closer than this to zero reads as no bit (half the ±1 target, as the task's accuracy). */
  static final double MARGIN = 0.5;

  @Override
  public String name() {
    return "flipflop_cube";
  }

  @Override
  public Measurement measure(ReferenceNetwork network, Task task, List<InputAnalysis> analyses) {
    InputAnalysis zero = analyses.get(0);
    FixedPointSet points = zero.points();
    int bits = task.outputSize();
    int corners = 1 << Math.min(bits, 20);
    int[] pattern = new int[points.size()];
    int[] perPattern = new int[corners];
    int stable = 0;
    int saddles = 0;
    for (int i = 0; i < points.size(); i++) {
      FixedPoint p = points.get(i);
      pattern[i] = pattern(network.readout(p.state()));
      if (p.kind() != PointKind.FIXED) {
        continue;
      }
      if (p.unstableDimensions() == 1) {
        saddles++;
      }
      if (p.unstableDimensions() == 0) {
        stable++;
        if (pattern[i] >= 0) {
          perPattern[pattern[i]]++;
        }
      }
    }
    int patterns = 0;
    boolean onePerPattern = true;
    for (int c : perPattern) {
      patterns += c > 0 ? 1 : 0;
      onePerPattern &= c == 1;
    }
    int edges = bits * (corners / 2);
    TreeSet<Long> joined = new TreeSet<>();
    TopologyGraph graph = zero.topology();
    if (graph != null) {
      List<TopologyGraph.Node> nodes = graph.nodes();
      for (int s = 0; s < nodes.size(); s++) {
        if (nodes.get(s).unstableDimensions() != 1) {
          continue;
        }
        TreeSet<Integer> reached = new TreeSet<>();
        for (TopologyGraph.Edge e : graph.edgesFrom(s)) {
          reached.add(pattern[nodes.get(e.target()).point()]);
        }
        if (reached.size() == 2 && reached.first() >= 0 && Integer.bitCount(reached.first() ^ reached.last()) == 1) {
          joined.add((long) reached.first() * corners + reached.last());
        }
      }
    }
    boolean ok = stable == corners && patterns == corners && onePerPattern && joined.size() == edges;
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bits", bits);
    a.put("stable", stable);
    a.put("patterns", patterns);
    a.put("one_per_pattern", onePerPattern ? 1 : 0);
    a.put("index1_saddles", saddles);
    a.put("cube_edges", edges);
    a.put("cube_edges_joined", joined.size());
    a.put("ok", ok ? 1 : 0);
    a.put("description", "zero input: stable fixed points, distinct readout sign patterns among them (margin "
        + MARGIN + "), index-1 saddles, and the cube edges (pairs of patterns one bit apart) joined through an "
        + "index-1 saddle; ok = 2^bits stable points, one per pattern, every edge joined");
    return new Measurement(name(), ok, a, Map.of());
  }

  /** The output pattern (bit k set when output k is positive), or −1 when some output is within the margin of 0. */
  static int pattern(double[] out) {
    int p = 0;
    for (int k = 0; k < out.length && k < 20; k++) {
      if (Math.abs(out[k]) < MARGIN) {
        return -1;
      }
      p |= out[k] > 0 ? 1 << k : 0;
    }
    return p;
  }
}
