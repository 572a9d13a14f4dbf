package cohort.study.dynamics;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.linearize.EigenSystem;
import cohort.models.ReferenceNetwork;
import cohort.tasks.Task;
import java.util.List;
import java.util.Map;

/**
 * The sine generator's oscillators (Sussillo &amp; Barak 2013, §3.3 and Fig. 7; Maheswaranathan et al. 2019, Fig.
 * 2): at each frequency cue, the network's limit cycle turns around an input-dependent fixed point that is an
 * unstable focus whose leading complex-conjugate eigenvalue pair rotates by the cued angular frequency ω per step.
 *
 * <p>For each analysed cue (label {@code omega}, rad per step): the fixed point the oscillation turns around is the
 * fixed point nearest the mean of the states the cue alone drives the network through ({@link
 * InputAnalysis#driven()}); its leading complex pair λ (largest modulus among eigenvalues with a non-zero imaginary
 * part) gives the rotation {@code |arg λ|} per step (the Jacobian is the map's, so this holds for continuous-time
 * cells too) and the point is an unstable focus when {@code |λ| > 1}. A cue is ok when that focus is unstable and
 * rotates within {@code TOLERANCE} (relative) of ω; the network is ok when every analysed cue is.
 *
 * <p>Also reported, to interpret a mismatch: the angular frequency of the oscillation the network actually produces
 * at each cue ({@code cycle_frequency}: the network run at the cue from rest for {@code 2T} steps, its readout's
 * crossings of its mean over the second half, π per crossing), so that a focus rotating off the cued frequency can
 * be told from a network that oscillates off it.
 */
public final class InputRotation implements RunMeasure {

  /** The relative error of the rotation a cue may have (issue 15's U4 criterion, set before any run). */
  static final double TOLERANCE = 0.10;

  @Override
  public String name() {
    return "input_rotation";
  }

  @Override
  public Measurement measure(ReferenceNetwork network, Task task, List<InputAnalysis> analyses) {
    PerInput table = new PerInput(analyses.size());
    double[] omega = table.column("omega");
    double[] rotation = table.unknown("rotation");
    double[] modulus = table.unknown("modulus");
    double[] relativeError = table.unknown("relative_error");
    double[] distance = table.unknown("distance_to_driven_mean");
    double[] levelOk = table.column("level_ok");
    double[] cycle = table.column("cycle_frequency");
    for (int i = 0; i < analyses.size(); i++) {
      InputAnalysis a = analyses.get(i);
      int s = a.points().stateSize();
      cycle[i] = network == null ? Double.NaN : cycleFrequency(network, a.input().values(), 2 * task.steps());
      omega[i] = a.input().labels().getOrDefault("omega", Double.NaN);
      double[] driven = a.driven();
      if (driven.length < s) {
        continue;
      }
      double[] mean = new double[s];
      int rows = driven.length / s;
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < s; k++) {
          mean[k] += driven[r * s + k] / rows;
        }
      }
      FixedPoint nearest = null;
      for (FixedPoint p : a.points().points()) {
        if (p.kind() == PointKind.FIXED && (nearest == null || p.distanceTo(mean) < nearest.distanceTo(mean))) {
          nearest = p;
        }
      }
      if (nearest == null) {
        continue;
      }
      distance[i] = nearest.distanceTo(mean);
      EigenSystem e = nearest.eigen();
      double[] re = e.valuesReal();
      double[] im = e.valuesImag();
      int lead = Eigenvalues.leadingComplexPair(re, im);
      if (lead < 0) {
        continue;
      }
      rotation[i] = Math.abs(Math.atan2(im[lead], re[lead]));
      modulus[i] = Math.hypot(re[lead], im[lead]);
      relativeError[i] = Math.abs(rotation[i] - omega[i]) / omega[i];
      table.judge(levelOk, i, modulus[i] > 1 && relativeError[i] <= TOLERANCE);
    }
    return table.measurement(name(), "levels", Map.of("tolerance", TOLERANCE), "per analysed frequency cue: target "
        + "omega (rad/step), the rotation |arg lambda| and modulus |lambda| of the leading complex pair at the fixed "
        + "point nearest the mean driven state, its relative error, and level_ok = unstable focus (|lambda| > 1) "
        + "rotating within the tolerance of omega");
  }

  /**
   * The angular frequency (rad per step) of the network's output when the constant {@code input} drives it from
   * rest for {@code steps} steps: π times the crossings of the first output's mean over the second half, per step.
   */
  static double cycleFrequency(ReferenceNetwork network, double[] input, int steps) {
    int s = network.stateSize();
    double[] h = new double[s];
    double[] next = new double[s];
    int half = steps / 2;
    double[] y = new double[steps - half];
    for (int t = 0; t < steps; t++) {
      network.cell().step(h, input, next);
      double[] tmp = h;
      h = next;
      next = tmp;
      if (t >= half) {
        y[t - half] = network.readout(h)[0];
      }
    }
    double mean = 0;
    for (double v : y) {
      mean += v / y.length;
    }
    int crossings = 0;
    for (int t = 1; t < y.length; t++) {
      crossings += (y[t - 1] - mean) * (y[t] - mean) < 0 ? 1 : 0;
    }
    return Math.PI * crossings / (y.length - 1);
  }
}
