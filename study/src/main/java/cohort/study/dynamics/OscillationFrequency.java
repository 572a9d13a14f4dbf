package cohort.study.dynamics;

import cohort.analysis.linearize.Spectrum;
import cohort.models.ReferenceNetwork;
import cohort.tasks.Task;
import cohort.tasks.TrialBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Jarne's finite-duration oscillation (Jarne &amp; Laje; Jarne 2023, Cogn. Neurodyn.): a few dominant eigenvalues of
 * the trained recurrent matrix leave the bulk and carry the task, and for the oscillation the dominant complex pair
 * rotates at the frequency the network was trained to produce.
 *
 * <p>The trained oscillation: the network is run on {@value #TRIALS} task trials drawn from a fixed seed, and on its
 * pulse trials the output over the oscillation window (labels {@code oscillation_start}, {@code oscillation_end}),
 * mean removed and Hann-tapered, gives a power spectrum on {@value #GRID} frequencies in (0, 0.5] cycles per step,
 * averaged over the trials; its peak is the output's frequency (the target's, found the same way, is stored beside
 * it). The dominant complex pair: the eigenvalue of largest modulus among those of {@code W_eff} with a non-zero
 * imaginary part, as the one-step map rotates it ({@code μ = 1 − α + αλ} for a continuous-time cell, μ = λ for a
 * discrete one); its rotation is {@code |arg μ|/2π} cycles per step. The network is ok when that rotation is within
 * {@value #TOLERANCE} (relative) of the output's frequency (issue 16's J4 criterion, set before any run). Gated
 * cells have no single recurrent matrix and are not measured.
 */
public final class OscillationFrequency implements RunMeasure {

  static final double TOLERANCE = 0.10;
  static final int TRIALS = 32;
  static final int GRID = 4000;
  static final long SEED = 0x0bad5eedL;

  @Override
  public String name() {
    return "oscillation_frequency";
  }

  @Override
  public boolean needsFixedPoints() {
    return false;
  }

  @Override
  public Measurement measure(ReferenceNetwork network, Task task, List<InputAnalysis> analyses) {
    if (!network.hasEffectiveRecurrentWeights()) {
      return new Measurement(name(), false, Map.of("ok", 0, "error", "a gated cell has no single recurrent matrix"),
          Map.of());
    }
    TrialBatch trials = task.sample(TRIALS, new SplittableRandom(SEED));
    ReferenceNetwork.Trajectory tr = network.forward(trials.inputs(), trials.steps(), trials.batch());
    int outputs = trials.outputSize();
    double[] power = new double[GRID];
    double[] targetPower = new double[GRID];
    int pulses = 0;
    for (int b = 0; b < trials.batch(); b++) {
      if (trials.conditions().value("pulse", b) != 1) {
        continue;
      }
      int from = (int) trials.conditions().value("oscillation_start", b);
      int to = (int) trials.conditions().value("oscillation_end", b);
      double[] y = new double[to - from];
      double[] target = new double[to - from];
      for (int t = from; t < to; t++) {
        y[t - from] = tr.outputs()[(t * trials.batch() + b) * outputs];
        target[t - from] = trials.targets()[(t * trials.batch() + b) * outputs];
      }
      accumulate(y, power);
      accumulate(target, targetPower);
      pulses++;
    }
    double output = peak(power);
    double aim = peak(targetPower);
    double alpha = network.spec().architecture().continuousTime() ? network.spec().alpha() : 1.0;
    Spectrum w = Spectrum.of(network.effectiveRecurrentWeights(), network.spec().hidden());
    double[] re = w.valuesReal();
    double[] im = w.valuesImag();
    int lead = Eigenvalues.leadingComplexPair(re, im);
    double rotation = Double.NaN;
    double modulus = Double.NaN;
    if (lead >= 0) {
      double mre = 1 - alpha + alpha * re[lead];
      double mim = alpha * im[lead];
      rotation = Math.abs(Math.atan2(mim, mre)) / (2 * Math.PI);
      modulus = Math.hypot(re[lead], im[lead]);
    }
    double error = Math.abs(rotation / output - 1);
    boolean ok = pulses > 0 && lead >= 0 && error <= TOLERANCE;
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("ok", ok ? 1 : 0);
    a.put("pulse_trials", pulses);
    a.put("output_cycles_per_step", output);
    a.put("target_cycles_per_step", aim);
    a.put("pair_re", lead < 0 ? Double.NaN : re[lead]);
    a.put("pair_im", lead < 0 ? Double.NaN : Math.abs(im[lead]));
    a.put("pair_modulus", modulus);
    a.put("pair_cycles_per_step", rotation);
    a.put("relative_error", error);
    a.put("tolerance", TOLERANCE);
    a.put("description", "output_cycles_per_step: peak of the output's power spectrum on pulse trials over the "
        + "oscillation window; pair_*: the largest-modulus complex eigenvalue of W_eff and its rotation per step "
        + "(of the one-step map); relative_error = |pair / output - 1|");
    return new Measurement(name(), ok, a, Map.of());
  }

  /** Adds the Hann-tapered, mean-removed power spectrum of {@code y} on the grid to {@code power}. */
  private static void accumulate(double[] y, double[] power) {
    int n = y.length;
    if (n < 4) {
      return;
    }
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    double[] z = new double[n];
    for (int t = 0; t < n; t++) {
      z[t] = (y[t] - mean) * (0.5 - 0.5 * Math.cos(2 * Math.PI * t / (n - 1)));
    }
    for (int k = 0; k < power.length; k++) {
      double f = 0.5 * (k + 1) / power.length;
      double c = 0;
      double s = 0;
      for (int t = 0; t < n; t++) {
        c += z[t] * Math.cos(2 * Math.PI * f * t);
        s += z[t] * Math.sin(2 * Math.PI * f * t);
      }
      power[k] += c * c + s * s;
    }
  }

  /** The frequency (cycles per step) of the largest power, NaN when there is none. */
  private static double peak(double[] power) {
    int best = -1;
    for (int k = 0; k < power.length; k++) {
      if (power[k] > 0 && (best < 0 || power[k] > power[best])) {
        best = k;
      }
    }
    return best < 0 ? Double.NaN : 0.5 * (best + 1) / power.length;
  }
}
