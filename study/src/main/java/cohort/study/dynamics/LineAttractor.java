package cohort.study.dynamics;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.linearize.EigenSystem;
import cohort.models.ReferenceNetwork;
import cohort.tasks.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context-dependent integrator's approximate line attractors (Mante et al. 2013; Maheswaranathan et al. 2019,
 * Fig. 3b, e): at each context cue, the fixed and slow points lie along a line (their first principal component
 * carries at least {@code PC1_FRACTION} of their variance) and each has a slow mode, a leading eigenvalue of the
 * map's Jacobian within {@code LEAD_TOLERANCE} of 1 in modulus. Also reported: how many modes per point have
 * {@code |λ| ≥ SLOW_MODULUS} (vanilla networks integrate with one slow mode, gated ones spread over more; Fig. 3f).
 * A context is ok when it has at least two points and both criteria hold; the network when every context is.
 *
 * <p>Which points: the fixed and slow points found at the context cue whose readout lies within the range of the
 * network's own outputs on {@code RANGE_TRIALS} trials of its task (the 1st to 99th percentile of every output):
 * the part of the line the network uses to hold its integrals. The search also ends beyond that range, where the
 * line saturates and bends (its ends have faster leading modes), and those points are not the integrator's; how
 * many were left out is reported ({@code outside_range}).
 */
public final class LineAttractor implements RunMeasure {

  /** Issue 15's U5 criteria, set before any run. */
  static final double PC1_FRACTION = 0.90;
  static final double LEAD_TOLERANCE = 0.02;
  static final double SLOW_MODULUS = 0.98;

  @Override
  public String name() {
    return "line_attractor";
  }

  @Override
  public Measurement measure(ReferenceNetwork network, Task task, List<InputAnalysis> analyses) {
    int n = analyses.size();
    PerInput table = new PerInput(n);
    double[] points = table.column("points");
    double[] pc1 = table.column("pc1_fraction");
    double[] leadMin = table.column("lead_min");
    double[] leadMax = table.column("lead_max");
    double[] slowModes = table.column("slow_modes");
    double[] contextOk = table.column("context_ok");
    double[] outside = table.column("outside_range");
    double[][] range = outputRange(network, task);
    for (int c = 0; c < n; c++) {
      List<FixedPoint> ps = new java.util.ArrayList<>();
      for (FixedPoint p : analyses.get(c).points().points()) {
        if (range == null || within(network.readout(p.state()), range)) {
          ps.add(p);
        } else {
          outside[c]++;
        }
      }
      points[c] = ps.size();
      pc1[c] = firstComponentFraction(ps);
      leadMin[c] = Double.POSITIVE_INFINITY;
      leadMax[c] = Double.NEGATIVE_INFINITY;
      double slow = 0;
      for (FixedPoint p : ps) {
        EigenSystem e = p.eigen();
        double lead = 0;
        int count = 0;
        for (int k = 0; k < e.valuesReal().length; k++) {
          double m = Math.hypot(e.valuesReal()[k], e.valuesImag()[k]);
          lead = Math.max(lead, m);
          count += m >= SLOW_MODULUS ? 1 : 0;
        }
        leadMin[c] = Math.min(leadMin[c], lead);
        leadMax[c] = Math.max(leadMax[c], lead);
        slow += count;
      }
      slowModes[c] = ps.isEmpty() ? Double.NaN : slow / ps.size();
      if (ps.isEmpty()) {
        leadMin[c] = Double.NaN;
        leadMax[c] = Double.NaN;
      }
      table.judge(contextOk, c, ps.size() >= 2 && pc1[c] >= PC1_FRACTION
          && Math.abs(leadMin[c] - 1) <= LEAD_TOLERANCE && Math.abs(leadMax[c] - 1) <= LEAD_TOLERANCE);
    }
    double meanSlow = 0;
    int counted = 0;
    for (double v : slowModes) {
      if (Double.isFinite(v)) {
        meanSlow += v;
        counted++;
      }
    }
    Map<String, Object> criteria = new LinkedHashMap<>();
    criteria.put("pc1_fraction_min", PC1_FRACTION);
    criteria.put("lead_tolerance", LEAD_TOLERANCE);
    criteria.put("slow_modulus", SLOW_MODULUS);
    criteria.put("slow_modes_mean", counted == 0 ? Double.NaN : meanSlow / counted);
    return table.measurement(name(), "contexts", criteria, "per context cue: fixed and slow points found, the "
        + "fraction of their variance on their first principal component, the smallest and largest leading "
        + "|eigenvalue| over the points, the mean number of modes with |lambda| >= slow_modulus, and context_ok");
  }

  /** Trials of the task whose outputs give the range of the line the network uses. */
  static final int RANGE_TRIALS = 64;

  /**
   * {@code [output][low, high]}: the 1st and 99th percentiles of each output of {@code network} on
   * {@link #RANGE_TRIALS} trials of {@code task} (drawn from a fixed seed), or null without a network.
   */
  static double[][] outputRange(ReferenceNetwork network, Task task) {
    if (network == null || task == null) {
      return null;
    }
    cohort.tasks.TrialBatch trials = task.sample(RANGE_TRIALS, new java.util.SplittableRandom(20191014L));
    double[] out = network.forward(trials.inputs(), trials.steps(), trials.batch()).outputs();
    int o = task.outputSize();
    int rows = out.length / o;
    double[][] range = new double[o][2];
    for (int k = 0; k < o; k++) {
      double[] v = new double[rows];
      for (int r = 0; r < rows; r++) {
        v[r] = out[r * o + k];
      }
      java.util.Arrays.sort(v);
      range[k][0] = v[(int) Math.floor(0.01 * (rows - 1))];
      range[k][1] = v[(int) Math.ceil(0.99 * (rows - 1))];
    }
    return range;
  }

  private static boolean within(double[] y, double[][] range) {
    for (int k = 0; k < range.length; k++) {
      if (y[k] < range[k][0] || y[k] > range[k][1]) {
        return false;
      }
    }
    return true;
  }

  /** The fraction of the points' variance on their first principal component (NaN for fewer than two points). */
  static double firstComponentFraction(List<FixedPoint> ps) {
    int k = ps.size();
    if (k < 2) {
      return Double.NaN;
    }
    int s = ps.get(0).size();
    double[] mean = new double[s];
    for (FixedPoint p : ps) {
      for (int i = 0; i < s; i++) {
        mean[i] += p.state(i) / k;
      }
    }
    // the covariance's eigenvalues (S x S; LAPACK dsyevd, which does not give up on ill-conditioned input)
    double[] cov = new double[s * s];
    for (FixedPoint p : ps) {
      for (int i = 0; i < s; i++) {
        double di = p.state(i) - mean[i];
        for (int j = i; j < s; j++) {
          cov[i * s + j] += di * (p.state(j) - mean[j]);
        }
      }
    }
    for (double v : cov) {
      if (!Double.isFinite(v)) {
        return Double.NaN;
      }
    }
    double[] ev = new double[s];
    cohort.models.linalg.Linalg.symmetricEigen(cov, s, ev);
    double total = 0;
    double top = 0;
    for (double v : ev) {
      total += Math.max(0, v);
      top = Math.max(top, v);
    }
    return total > 0 ? top / total : Double.NaN;
  }
}
