package cohort.analysis.topology;

import cohort.analysis.fixedpoints.Stability;
import java.util.List;

/**
 * The fixed-point topology of a network under one constant input (Maheswaranathan et al. 2019, Fig. 1f):
 * nodes are the points of a {@link cohort.analysis.fixedpoints.FixedPointSet} labelled with their stability
 * class, and a directed edge {@code s → a} says that a trajectory leaving the unstable point {@code s} along one of
 * its unstable directions ends at the attractor {@code a} (an approximate heteroclinic orbit).
 *
 * @param stateSize {@code N} of the network
 * @param nodes the nodes (one per point kept, in the point set's order); edges refer to positions in this list
 * @param edges distinct (source, target) pairs, sorted by source then target
 * @param perturbations number of trajectories launched (two per real unstable direction, four per complex pair)
 * @param unresolved trajectories that reached no attractor (settled elsewhere, diverged, or ran out of steps)
 */
public record TopologyGraph(int stateSize, List<Node> nodes, List<Edge> edges, int perturbations, int unresolved) {

  /**
   * A node: point {@code point} of the set, with {@code unstableDimensions} unstable directions.
   *
   * @param point index in the fixed-point set
   * @param unstableDimensions the index {@code k} of the point
   * @param stability the class derived from {@code k}
   */
  public record Node(int point, int unstableDimensions, Stability stability) {
    /** Validates. */
    public Node {
      if (point < 0 || unstableDimensions < 0 || stability == null) {
        throw new IllegalArgumentException("TopologyGraph.Node: point and unstableDimensions must be >= 0 and "
            + "stability non-null, got " + point + ", " + unstableDimensions + ", " + stability);
      }
    }
  }

  /**
   * A directed edge from an unstable point to an attractor.
   *
   * @param source position in {@code nodes} of the saddle (or repeller)
   * @param target position in {@code nodes} of the attractor
   * @param count how many of the source's launched trajectories ended there ({@code ≥ 1})
   */
  public record Edge(int source, int target, int count) {
    /** Validates. */
    public Edge {
      if (source < 0 || target < 0 || count < 1) {
        throw new IllegalArgumentException("TopologyGraph.Edge: source, target must be >= 0 and count >= 1, got "
            + source + ", " + target + ", " + count);
      }
    }
  }

  /** Validates indices and copies the lists. */
  public TopologyGraph {
    if (nodes == null || edges == null) {
      throw new IllegalArgumentException("TopologyGraph.nodes and edges must not be null");
    }
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    for (Edge e : edges) {
      if (e.source() >= nodes.size() || e.target() >= nodes.size()) {
        throw new IllegalArgumentException("TopologyGraph: edge " + e + " refers to a node >= " + nodes.size());
      }
    }
    if (unresolved < 0 || unresolved > perturbations) {
      throw new IllegalArgumentException("TopologyGraph.unresolved must be in [0, perturbations = " + perturbations
          + "], got " + unresolved);
    }
  }

  /** Edges leaving the node at position {@code source}. */
  public List<Edge> edgesFrom(int source) {
    return edges.stream().filter(e -> e.source() == source).toList();
  }

  /** Number of nodes with exactly {@code k} unstable directions. */
  public int countWithUnstableDimensions(int k) {
    int c = 0;
    for (Node node : nodes) {
      if (node.unstableDimensions() == k) {
        c++;
      }
    }
    return c;
  }

  /** The size- and basis-independent signature of this graph. */
  public TopologySignature signature() {
    return TopologySignature.of(this);
  }
}
