package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Jarne's time-reproduction ("time pulse") task: a smooth input pulse may or may not arrive; after a memory gap
 * the output must reproduce the same pulse, or stay silent if there was none.
 *
 * <p>Source: katejarne/RNN_study_with_keras {@code generate_data_set_time_pulse.py} (Jarne &amp; Laje 2019,
 * arXiv:1906.01094). 1 step = 1 ms (no {@code dt} parameter: the pulse shape is defined in samples). Defaults
 * from the source: first_in 30, stim_dur 20, mem_gap 20 (the generator's own call), out_gap 50 (so the trial
 * lasts 30 + 20 + 50 = 100 steps; here {@code tail = out_gap − mem_gap = 30}), noise 0.1 on the input
 * <i>and on the target</i>, target baseline 0.01. The pulse is
 * {@code signal.convolve(ones(S), 0.04·gaussian(S, std=12), 'same')} (SciPy semantics: the centre samples of the full convolution), peak ≈ 0.67.
 * Trial type (pulse or no pulse) uniform. Input: the pulse on {@code [onset, onset+S)}; target: baseline, with
 * the pulse (or zeros on no-pulse trials) on {@code [onset+S+G, onset+2S+G)}; both then get per-step Gaussian
 * noise. Mask 1 everywhere.
 *
 * <p>Accuracy: a trial is correct when the mean absolute difference between output and target over
 * {@code [onset+S, end)} is at most {@code tolerance} (default 0.15, above the 0.08 mean deviation the target
 * noise alone causes); accuracy is the fraction of correct trials.
 *
 * <p>Labels: {@code pulse} (1 or 0), {@code stimulus_start} (input pulse onset), {@code response_start} (first step of the reproduced pulse),
 * {@code window_start} (first scored step).
 */
public final class TimeReproduction extends AbstractTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("time-reproduction",
      "reproduce a smooth input pulse (or silence) after a memory gap",
      "Jarne & Laje 2019, arXiv:1906.01094; katejarne/RNN_study_with_keras generate_data_set_time_pulse.py",
      List.of(
          ParameterSpec.nonNegative("noise", 0.1, "std of Gaussian noise on the input per step (Jarne: 0.1)"),
          ParameterSpec.nonNegative("target-noise", 0.1, "std of Gaussian noise on the target per step (Jarne: 0.1)"),
          ParameterSpec.integer("onset", 30, 0, 100_000, "pulse onset, ms = steps (Jarne first_in)"),
          ParameterSpec.integer("stimulus", 20, 1, 100_000, "pulse length, ms = steps (Jarne stim_dur)"),
          ParameterSpec.integer("mem-gap", 20, 0, 100_000, "gap between input pulse end and output pulse, ms (Jarne mem_gap)"),
          ParameterSpec.integer("tail", 30, 1, 100_000,
              "time after the gap, ms; must hold the output pulse (Jarne out_gap - mem_gap = 30)"),
          ParameterSpec.real("baseline", 0.01, -10, 10, "target outside the output pulse (Jarne: 0.01)"),
          ParameterSpec.positive("tolerance", 0.15, "accuracy: mean |output - target| after the input pulse")));

  private final int onset;
  private final int stim;
  private final int gap;
  private final double noise;
  private final double targetNoise;
  private final double baseline;
  private final double tolerance;
  private final double[] pulse;

  public TimeReproduction(TaskParameters p) {
    super(INFO.name(), p, List.of("input"), List.of("output"), 1.0,
        p.getInt("onset") + p.getInt("stimulus") + p.getInt("mem-gap") + p.getInt("tail"), OutputKind.CONTINUOUS);
    this.onset = p.getInt("onset");
    this.stim = p.getInt("stimulus");
    this.gap = p.getInt("mem-gap");
    this.noise = p.getDouble("noise");
    this.targetNoise = p.getDouble("target-noise");
    this.baseline = p.getDouble("baseline");
    this.tolerance = p.getDouble("tolerance");
    if (p.getInt("tail") < stim) {
      throw new IllegalArgumentException("task '" + name() + "': tail = " + p.getInt("tail")
          + " ms cannot hold the " + stim + " ms output pulse; accepted: tail >= stimulus");
    }
    double[] g = Smoothing.gaussian(stim, 12);
    for (int i = 0; i < g.length; i++) {
      g[i] *= 0.04;
    }
    this.pulse = Smoothing.boxSame(stim, g);
  }

  /** The pulse shape, {@code stimulus} samples (a copy). */
  public double[] pulse() {
    return pulse.clone();
  }

  @Override
  public TrialBatch sample(int batch, RandomGenerator random) {
    checkBatch(batch);
    int steps = steps();
    int out = onset + stim + gap;
    TrialWriter w = new TrialWriter(steps, batch, 1, 1);
    double[] kind = new double[batch];
    double[] response = new double[batch];
    double[] window = new double[batch];
    double[] stimulus = new double[batch];
    for (int b = 0; b < batch; b++) {
      int type = random.nextInt(2);
      w.fillTarget(b, 0, 0, steps, baseline);
      for (int i = 0; i < stim; i++) {
        w.setInput(onset + i, b, 0, type * pulse[i]);
        w.setTarget(out + i, b, 0, type * pulse[i]);
      }
      w.addNoise(b, 0, 0, steps, noise, random);
      if (targetNoise > 0) {
        for (int t = 0; t < steps; t++) {
          w.targets[t * batch + b] += (float) (targetNoise * random.nextGaussian());
        }
      }
      w.fillMask(b, 0, steps, 1.0);
      kind[b] = type;
      response[b] = out;
      window[b] = onset + stim;
      stimulus[b] = onset;
    }
    return w.build(dtMs(), Conditions.builder(batch).put("pulse", kind).put("stimulus_start", stimulus)
        .put("response_start", response)
        .put("window_start", window).build());
  }

  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    return meanAbsoluteWithin(trials, outputs, tolerance);
  }

  /** Fraction of trials whose mean |output − target| over {@code [window_start, end)} is at most {@code tol}. */
  static double meanAbsoluteWithin(TrialBatch trials, float[] outputs, double tol) {
    int batch = trials.batch();
    int steps = trials.steps();
    int right = 0;
    for (int b = 0; b < batch; b++) {
      int from = (int) trials.conditions().value("window_start", b);
      double sum = 0;
      for (int t = from; t < steps; t++) {
        sum += Math.abs(outputs[t * batch + b] - trials.targets()[t * batch + b]);
      }
      if (sum / Math.max(1, steps - from) <= tol) {
        right++;
      }
    }
    return right / (double) batch;
  }
}
