package cohort.study.dynamics;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.linearize.EigenSystem;
import cohort.models.ReferenceNetwork;
import cohort.tasks.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The context-dependent integrator's approximate line attractors (Mante et al. 2013; Maheswaranathan et al. 2019,
 * Fig. 3b, e): at each context cue, the fixed and slow points lie along a line (their first principal component
 * carries at least {@code PC1_FRACTION} of their variance) and each has a slow mode, a leading eigenvalue of the
 * map's Jacobian within {@code LEAD_TOLERANCE} of 1 in modulus. Also reported: how many modes per point have
 * {@code |λ| ≥ SLOW_MODULUS} (vanilla networks integrate with one slow mode, gated ones spread over more; Fig. 3f).
 * A context is ok when it has at least two points and both criteria hold; the network when every context is.
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
    double[] points = new double[n];
    double[] pc1 = new double[n];
    double[] leadMin = new double[n];
    double[] leadMax = new double[n];
    double[] slowModes = new double[n];
    double[] contextOk = new double[n];
    int ok = 0;
    for (int c = 0; c < n; c++) {
      List<FixedPoint> ps = analyses.get(c).points().points();
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
      boolean good = ps.size() >= 2 && pc1[c] >= PC1_FRACTION && Math.abs(leadMin[c] - 1) <= LEAD_TOLERANCE
          && Math.abs(leadMax[c] - 1) <= LEAD_TOLERANCE;
      contextOk[c] = good ? 1 : 0;
      ok += good ? 1 : 0;
    }
    double meanSlow = 0;
    int counted = 0;
    for (double v : slowModes) {
      if (Double.isFinite(v)) {
        meanSlow += v;
        counted++;
      }
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("contexts", n);
    attributes.put("contexts_ok", ok);
    attributes.put("pc1_fraction_min", PC1_FRACTION);
    attributes.put("lead_tolerance", LEAD_TOLERANCE);
    attributes.put("slow_modulus", SLOW_MODULUS);
    attributes.put("slow_modes_mean", counted == 0 ? Double.NaN : meanSlow / counted);
    attributes.put("ok", n > 0 && ok == n ? 1 : 0);
    attributes.put("description", "per context cue: fixed and slow points found, the fraction of their variance on "
        + "their first principal component, the smallest and largest leading |eigenvalue| over the points, the mean "
        + "number of modes with |lambda| >= slow_modulus, and context_ok");
    Map<String, double[]> datasets = new LinkedHashMap<>();
    datasets.put("points", points);
    datasets.put("pc1_fraction", pc1);
    datasets.put("lead_min", leadMin);
    datasets.put("lead_max", leadMax);
    datasets.put("slow_modes", slowModes);
    datasets.put("context_ok", contextOk);
    return new Measurement(name(), n > 0 && ok == n, attributes, datasets);
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
    double[][] gram = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        double dot = 0;
        for (int i = 0; i < s; i++) {
          dot += (ps.get(a).state(i) - mean[i]) * (ps.get(b).state(i) - mean[i]);
        }
        gram[a][b] = dot;
        gram[b][a] = dot;
      }
    }
    double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(gram, false)).getRealEigenvalues();
    double total = 0;
    double top = 0;
    for (double v : ev) {
      total += Math.max(0, v);
      top = Math.max(top, v);
    }
    return total > 0 ? top / total : Double.NaN;
  }
}
