package cohort.io;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.linearize.EigenSystem;
import cohort.analysis.linearize.Spectrum;
import cohort.analysis.topology.TopologyGraph;
import io.jhdf.api.WritableGroup;

/**
 * Writes the dynamical analyses of one network into its file: {@code /fixed_points} (Sussillo &amp; Barak 2013:
 * states, speeds, stability and the eigenvalues of dF/dh at each point), {@code /spectrum} (the recurrent matrix's
 * eigenvalues) and {@code /topology} (the saddle-to-attractor graph, Maheswaranathan et al. 2019), under the names
 * of {@link Hdf5Schema}. Shared by {@code cohort train}'s network files and a study's run files.
 */
public final class NetworkAnalyses {

  private NetworkAnalyses() {}

  /**
   * Writes the dynamical analyses of a network under {@code h5}: {@code /fixed_points} (with the root attribute
   * {@code fixed_point_count}), {@code /spectrum} and {@code /topology}. Null arguments are skipped. A search that
   * found no point still writes both groups, with count 0 and the reason, so that a run's analysis is never mistaken
   * for a missing one.
   */
  public static void write(WritableGroup h5, FixedPointSet points, Spectrum spectrum, String matrix,
      TopologyGraph topology) {
    if (points != null) {
      h5.putAttribute(Hdf5Schema.Root.FIXED_POINT_COUNT, points.size());
      writeFixedPoints(h5.putGroup(Hdf5Schema.FixedPoints.GROUP), points);
    }
    if (spectrum != null) {
      WritableGroup s = h5.putGroup(Hdf5Schema.Spectrum.GROUP);
      s.putAttribute(Hdf5Schema.Spectrum.MATRIX, matrix);
      s.putAttribute(Hdf5Schema.Spectrum.SPECTRAL_RADIUS, spectrum.spectralRadius());
      s.putDataset(Hdf5Schema.Spectrum.REAL, spectrum.valuesReal());
      s.putDataset(Hdf5Schema.Spectrum.IMAG, spectrum.valuesImag());
    }
    if (topology != null) {
      writeTopology(h5.putGroup(Hdf5Schema.Topology.GROUP), topology);
    }
  }

  static void writeFixedPoints(WritableGroup g, FixedPointSet set) {
    int k = set.size();
    int n = set.stateSize();
    int maxIndex = 0;
    for (int i = 0; i < k; i++) {
      if (set.get(i).kind() == PointKind.FIXED) {
        maxIndex = Math.max(maxIndex, set.get(i).unstableDimensions());
      }
    }
    int[] census = new int[maxIndex + 1];
    for (int i = 0; i < k; i++) {
      if (set.get(i).kind() == PointKind.FIXED) {
        census[set.get(i).unstableDimensions()]++;
      }
    }
    g.putAttribute(Hdf5Schema.FixedPoints.COUNT, k);
    // Always at least one element, so the group is never empty (jhdf 0.9.4 can write neither an empty group beside
    // groups holding datasets nor a zero-length dataset): census[i] = true fixed points with i unstable directions.
    g.putDataset(Hdf5Schema.FixedPoints.CENSUS, census);
    g.putAttribute("fixed", set.count(PointKind.FIXED));
    g.putAttribute(Hdf5Schema.FixedPoints.SLOW, set.count(PointKind.SLOW));
    g.putAttribute("stable", set.countWithUnstableDimensions(0));
    g.putAttribute("input", set.input());
    g.putAttribute("candidates", set.candidates());
    g.putAttribute(Hdf5Schema.FixedPoints.CONTINUOUS_TIME, set.continuousTime() ? 1 : 0);
    g.putAttribute(Hdf5Schema.FixedPoints.ALPHA, set.alpha());
    g.putAttribute("options", set.options().toString());
    g.putAttribute("description", "fixed and slow points of h' = F(h, input): states [K][S], speed "
        + "q = 0.5*|F(h)-h|^2, slow (1 = q above the fixed-point tolerance), number of unstable directions, and "
        + "the eigenvalues of dF/dh at each point; census[i] = true fixed points with i unstable directions");
    if (k == 0) {
      g.putAttribute(Hdf5Schema.FixedPoints.REASON, "none of the " + set.candidates() + " starts of the search reached a fixed or slow "
          + "point (q = 0.5*|F(h)-h|^2 below " + set.options().slowQ() + ")");
      g.putAttribute("note", "no point was found, so the per-point datasets (states, q, slow, unstable_dims, "
          + "eigenvalues_re, eigenvalues_im) are absent: they would have zero rows");
      return;
    }
    double[][] states = new double[k][];
    double[] q = new double[k];
    int[] slow = new int[k];
    int[] unstable = new int[k];
    double[][] re = new double[k][];
    double[][] im = new double[k][];
    for (int i = 0; i < k; i++) {
      FixedPoint p = set.get(i);
      states[i] = p.state();
      q[i] = p.q();
      slow[i] = p.kind() == PointKind.SLOW ? 1 : 0;
      unstable[i] = p.unstableDimensions();
      EigenSystem e = p.eigen();
      re[i] = e.valuesReal();
      im[i] = e.valuesImag();
    }
    g.putDataset(Hdf5Schema.FixedPoints.STATES, states);
    g.putDataset(Hdf5Schema.FixedPoints.Q, q);
    g.putDataset(Hdf5Schema.FixedPoints.SLOW, slow);
    g.putDataset(Hdf5Schema.FixedPoints.UNSTABLE_DIMS, unstable);
    g.putDataset(Hdf5Schema.FixedPoints.EIGENVALUES_RE, re);
    g.putDataset(Hdf5Schema.FixedPoints.EIGENVALUES_IM, im);
    if (n != states[0].length) {
      throw new IllegalStateException("fixed point state length " + states[0].length + " != " + n);
    }
  }

  static void writeTopology(WritableGroup g, TopologyGraph t) {
    g.putAttribute(Hdf5Schema.Topology.SIGNATURE, describe(t));
    g.putAttribute("perturbations", t.perturbations());
    g.putAttribute("unresolved", t.unresolved());
    int[] census = t.signature().census();
    g.putDataset(Hdf5Schema.Topology.CLASS_COUNTS, census.length == 0 ? new int[] {0} : census);
    double[] spectrum = t.signature().laplacianSpectrum();
    if (spectrum.length > 0) {
      g.putDataset(Hdf5Schema.Topology.LAPLACIAN_SPECTRUM, spectrum);
    }
    if (!t.edges().isEmpty()) {
      int[][] edges = new int[t.edges().size()][];
      for (int i = 0; i < edges.length; i++) {
        TopologyGraph.Edge e = t.edges().get(i);
        edges[i] = new int[] {e.source(), e.target(), e.count()};
      }
      g.putDataset(Hdf5Schema.Topology.EDGES, edges);
    }
  }

  /** A topology's census in words, e.g. {@code 8 stable, 12 index-1, 6 index-2, 1 index-3}. */
  public static String describe(TopologyGraph t) {
    int[] census = t.signature().census();
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < census.length; k++) {
      if (census[k] == 0) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(census[k]).append(k == 0 ? " stable" : " index-" + k);
    }
    return sb.length() == 0 ? "no fixed points" : sb.toString();
  }

}
