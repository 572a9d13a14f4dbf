package cohort.analysis.topology;

import cohort.analysis.fixedpoints.BatchedDynamics;
import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.fixedpoints.ReferenceCellDynamics;
import cohort.analysis.fixedpoints.Stability;
import cohort.analysis.linearize.EigenOrder;
import cohort.analysis.linearize.EigenSystem;
import cohort.models.ReferenceCell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds the fixed-point topology graph of Maheswaranathan, Williams, Golub, Ganguli &amp; Sussillo (NeurIPS 2019):
 * from every unstable point (saddle or repeller) trajectories are launched at distance {@code ε} along each unstable
 * eigenvector, both signs (for a complex unstable pair: along the two principal axes of the ellipse its eigenvector
 * traces in its invariant plane, both signs, see {@link #ellipseAxes}), and the autonomous map
 * {@code h ← F(h, x*)} is iterated until the trajectory comes within
 * {@code max(arrivalTolerance, captureFraction · d(a))} of a stable point {@code a} ({@code d(a)}: distance from
 * {@code a} to the nearest other node) — giving the edge {@code saddle → attractor} — or settles elsewhere,
 * diverges, or runs out of steps (unresolved). All trajectories are advanced together as one batch.
 *
 * <p>By default all points of the set are nodes, slow points included (in trained networks the memory states are
 * often slow points); {@link TopologyOptions#includeSlowPoints()} restricts the graph to fixed points. Unstable directions follow {@link Stability}'s criterion. Deterministic: nothing is random, and
 * each trajectory depends only on its own start.
 */
public final class FixedPointTopology {

  private final ReferenceCell cell;
  private final BatchedDynamics dynamics;
  private final TopologyOptions options;

  /** A builder stepping {@code cell} state by state. */
  public FixedPointTopology(ReferenceCell cell, TopologyOptions options) {
    this(cell, new ReferenceCellDynamics(cell), options);
  }

  /** A builder stepping with {@code dynamics} (e.g. a cell's batched step); not thread-safe if it is not. */
  public FixedPointTopology(ReferenceCell cell, BatchedDynamics dynamics, TopologyOptions options) {
    if (cell == null || dynamics == null || options == null) {
      throw new IllegalArgumentException("FixedPointTopology: cell, dynamics and options must not be null");
    }
    if (dynamics.stateSize() != cell.stateSize()) {
      throw new IllegalArgumentException("FixedPointTopology: dynamics stateSize " + dynamics.stateSize()
          + " differs from the cell's " + cell.stateSize());
    }
    this.cell = cell;
    this.dynamics = dynamics;
    this.options = options;
  }

  /**
   * The topology graph of {@code points}, iterating the map under the input the points were found with.
   *
   * @throws IllegalArgumentException if the points are not of this cell's size
   */
  public TopologyGraph build(FixedPointSet points) {
    double[] input = points.input();
    int n = cell.stateSize();
    if (points.stateSize() != n) {
      throw new IllegalArgumentException("FixedPointTopology.build: points have stateSize " + points.stateSize()
          + ", the cell has " + n);
    }
    if (input == null || input.length != cell.inputSize()) {
      throw new IllegalArgumentException("FixedPointTopology.build: input must have length " + cell.inputSize());
    }
    boolean ct = points.continuousTime();
    // Nodes: the points kept (all, or FIXED only), in the set's order; node index ≠ point index when filtered.
    int[] pointOf = new int[points.size()];
    List<TopologyGraph.Node> nodes = new ArrayList<>(points.size());
    int stableCount = 0;
    for (int i = 0; i < points.size(); i++) {
      FixedPoint p = points.get(i);
      if (!options.includeSlowPoints() && p.kind() == PointKind.SLOW) {
        continue;
      }
      pointOf[nodes.size()] = i;
      nodes.add(new TopologyGraph.Node(i, p.unstableDimensions(), p.stability()));
      if (p.unstableDimensions() == 0) {
        stableCount++;
      }
    }
    int v = nodes.size();
    int[] stableIdx = new int[stableCount];
    double[] stableStates = new double[stableCount * n];
    for (int node = 0, s = 0; node < v; node++) {
      FixedPoint p = points.get(pointOf[node]);
      if (p.unstableDimensions() == 0) {
        stableIdx[s] = node;
        for (int d = 0; d < n; d++) {
          stableStates[s * n + d] = p.state(d);
        }
        s++;
      }
    }

    // Capture radius² of each stable point: max(arrivalTolerance, captureFraction · distance to the nearest other node).
    double[] capture = new double[stableCount];
    for (int s = 0; s < stableCount; s++) {
      double[] a = Arrays.copyOfRange(stableStates, s * n, (s + 1) * n);
      double nearest = Double.POSITIVE_INFINITY;
      for (int node = 0; node < v; node++) {
        if (node != stableIdx[s]) {
          nearest = Math.min(nearest, points.get(pointOf[node]).distanceTo(a));
        }
      }
      double r = options.arrivalTolerance();
      if (Double.isFinite(nearest)) {
        r = Math.max(r, options.captureFraction() * nearest);
      }
      capture[s] = r * r;
    }

    // Launch points.
    List<double[]> starts = new ArrayList<>();
    List<Integer> sources = new ArrayList<>();
    double eps = options.epsilon();
    for (int i = 0; i < v; i++) {
      FixedPoint p = points.get(pointOf[i]);
      if (p.unstableDimensions() == 0) {
        continue;
      }
      EigenSystem e = p.eigen();
      if (!e.hasVectors()) {
        // A slow point's linearisation holds eigenvalues only (FixedPointFinder); its eigenvectors from its Jacobian.
        e = EigenSystem.of(p.jacobian(), n, ct ? EigenOrder.REAL_PART_DESCENDING : EigenOrder.MODULUS_DESCENDING);
      }
      for (int k = 0; k < n; k++) {
        if (!Stability.isUnstable(e, k, ct, options.stabilityTolerance()) || e.imag(k) < 0) {
          continue;
        }
        List<double[]> dirs = new ArrayList<>(2);
        if (e.imag(k) > 0) {
          ellipseAxes(e.vectorReal(k), e.vectorImag(k), dirs);
        } else {
          dirs.add(e.vectorReal(k));
        }
        for (double[] dir : dirs) {
          double norm = 0;
          for (double d : dir) {
            norm += d * d;
          }
          norm = Math.sqrt(norm);
          if (norm == 0) {
            continue;
          }
          for (int sign = 1; sign >= -1; sign -= 2) {
            double[] h = new double[n];
            for (int d = 0; d < n; d++) {
              h[d] = p.state(d) + sign * eps * dir[d] / norm;
            }
            starts.add(h);
            sources.add(i);
          }
        }
      }
    }
    int total = starts.size();
    double[] cur = new double[Math.max(1, total) * n];
    double[] nxt = new double[Math.max(1, total) * n];
    int[] src = new int[total];
    for (int t = 0; t < total; t++) {
      System.arraycopy(starts.get(t), 0, cur, t * n, n);
      src[t] = sources.get(t);
    }
    TreeMap<Long, Integer> edgeCounts = new TreeMap<>();
    int active = total;
    int unresolved = 0;
    double settle = options.settleTolerance();
    for (int step = 0; step < options.maxSteps() && active > 0; step++) {
      dynamics.step(active, cur, input, nxt);
      int keep = 0;
      for (int b = 0; b < active; b++) {
        int off = b * n;
        double move = 0;
        boolean finite = true;
        for (int d = 0; d < n; d++) {
          double dd = nxt[off + d] - cur[off + d];
          move += dd * dd;
          finite &= Double.isFinite(nxt[off + d]);
        }
        int reached = -1;
        if (finite) {
          for (int s = 0; s < stableCount && reached < 0; s++) {
            double dist = 0;
            for (int d = 0; d < n; d++) {
              double dd = nxt[off + d] - stableStates[s * n + d];
              dist += dd * dd;
            }
            if (dist <= capture[s]) {
              reached = stableIdx[s];
            }
          }
        }
        if (reached >= 0) {
          edgeCounts.merge(((long) src[b] << 32) | reached, 1, Integer::sum);
        } else if (!finite || Math.sqrt(move) < settle) {
          unresolved++;
        } else {
          System.arraycopy(nxt, off, cur, keep * n, n);
          src[keep] = src[b];
          keep++;
        }
      }
      active = keep;
    }
    unresolved += active;
    List<TopologyGraph.Edge> edges = new ArrayList<>(edgeCounts.size());
    for (var entry : edgeCounts.entrySet()) {
      long key = entry.getKey();
      edges.add(new TopologyGraph.Edge((int) (key >>> 32), (int) (key & 0xffffffffL), entry.getValue()));
    }
    return new TopologyGraph(n, nodes, edges, total, unresolved);
  }

  /**
   * The principal axes of the ellipse {@code Re(e^{−iφ} v)}, {@code φ ∈ [0, 2π)}, traced in the invariant plane of a
   * complex eigenvector {@code v = x + i y}: {@code a = cos φ₀ x + sin φ₀ y} and {@code b = −sin φ₀ x + cos φ₀ y} with
   * {@code tan 2φ₀ = 2 x·y / (|x|² − |y|²)}. Unlike {@code x} and {@code y} themselves, which depend on the arbitrary
   * phase of {@code v} (and hence on the state basis through any phase convention), these two orthogonal directions
   * are fixed by the plane's geometry, so the launch points do not depend on the basis.
   */
  static void ellipseAxes(double[] x, double[] y, List<double[]> out) {
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int i = 0; i < x.length; i++) {
      xx += x[i] * x[i];
      yy += y[i] * y[i];
      xy += x[i] * y[i];
    }
    double phi = 0.5 * Math.atan2(2 * xy, xx - yy);
    double c = Math.cos(phi);
    double s = Math.sin(phi);
    double[] a = new double[x.length];
    double[] b = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      a[i] = c * x[i] + s * y[i];
      b[i] = -s * x[i] + c * y[i];
    }
    out.add(a);
    out.add(b);
  }
}
