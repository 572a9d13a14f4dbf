package cohort.tasks.catalog;

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
 * <p>Accuracy, per trial, against the noise-free target (baseline, with the pulse or zeros on
 * {@code [onset+S+G, onset+2S+G)}; the target noise is the source's training noise, not something to reproduce):
 * a trial is solved when the RMS of {@code output − noise-free target} is at most {@code relative-error · P} both
 * over the response interval {@code [onset+S+G, onset+2S+G)} and over the rest of the window after the input
 * pulse ({@code [onset+S, end)}: the gap and the tail), where P ≈ 0.56 is the RMS of the pulse shape. Accuracy is
 * the fraction of trials solved. The output must thus reproduce the pulse (or stay silent) in the response
 * interval and stay at the baseline before and after it: a missing or spurious pulse scores ≈ 1, an early or late
 * one fails the interval it left. The default 0.3 (Cohort's choice; the source judges trained networks by their
 * loss and by eye) leaves room for the target noise of 0.1 (≈ 0.18 P), so the noisy target itself passes, passes
 * a lag of 2 steps (≈ 0.24) and fails a lag of 3 steps (≈ 0.32) or a pulse more than 30 % too small. (The mean
 * absolute error against the noisy target used before spent half of its tolerance on the noise.)
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
          Specs.jarneInputNoise(),
          ParameterSpec.nonNegative("target-noise", 0.1, "std of Gaussian noise on the target per step (Jarne: 0.1)"),
          Specs.wholeMs("onset", 30, 0, "pulse onset, ms = steps (Jarne first_in)"),
          Specs.wholeMs("stimulus", 20, 1, "pulse length, ms = steps (Jarne stim_dur)"),
          Specs.wholeMs("mem-gap", 20, 0, "gap between input pulse end and output pulse, ms (Jarne mem_gap)"),
          Specs.wholeMs("tail", 30, 1,
              "time after the gap, ms; must hold the output pulse (Jarne out_gap - mem_gap = 30)"),
          ParameterSpec.real("baseline", 0.01, -10, 10, "target outside the output pulse (Jarne: 0.01)"),
          Specs.relativeError(0.3, "a trial is solved when RMS(output - noise-free target) <= relative-error x the "
              + "RMS of the pulse, in the response interval and in the rest after the input (Cohort's choice)")));

  private final int onset;
  private final int stim;
  private final int gap;
  private final double noise;
  private final double targetNoise;
  private final double baseline;
  /** relative-error · P: the RMS error a solved trial may have in each part (see the class comment). */
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
    if (p.getInt("tail") < stim) {
      throw new IllegalArgumentException("task '" + name() + "': tail = " + p.getInt("tail")
          + " ms cannot hold the " + stim + " ms output pulse; accepted: tail >= stimulus");
    }
    double[] g = Smoothing.gaussian(stim, 12);
    for (int i = 0; i < g.length; i++) {
      g[i] *= 0.04;
    }
    this.pulse = Smoothing.boxSame(stim, g);
    double power = 0;
    for (double v : pulse) {
      power += v * v;
    }
    this.tolerance = p.getDouble("relative-error") * Math.sqrt(power / stim);
  }

  /** The pulse shape, {@code stimulus} samples (a copy). */
  public double[] pulse() {
    return pulse.clone();
  }

  @Override
  void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int steps = steps();
    int out = onset + stim + gap;
    int type = random.nextInt(2);
    w.fillTarget(b, 0, 0, steps, baseline);
    for (int i = 0; i < stim; i++) {
      w.setInput(onset + i, b, 0, type * pulse[i]);
      w.setTarget(out + i, b, 0, type * pulse[i]);
    }
    w.addNoise(b, 0, 0, steps, noise, random);
    if (targetNoise > 0) {
      for (int t = 0; t < steps; t++) {
        w.targets[t * w.batch + b] += (float) (targetNoise * random.nextGaussian());
      }
    }
    w.fillMask(b, 0, steps, 1.0);
    w.label("pulse", b, type);
    w.label("stimulus_start", b, onset);
    w.label("response_start", b, out);
    w.label("window_start", b, onset + stim);
  }

  /**
   * See the class comment: the fraction of trials whose RMS error against the noise-free target is within the
   * tolerance in the response interval and in the rest of the window after the input pulse.
   */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    int batch = trials.batch();
    int steps = trials.steps();
    float[] clean = new float[outputs.length];
    int solved = 0;
    for (int b = 0; b < batch; b++) {
      int kind = (int) trials.conditions().value("pulse", b);
      int out = (int) trials.conditions().value("response_start", b);
      int from = (int) trials.conditions().value("window_start", b);
      for (int t = 0; t < steps; t++) {
        clean[trials.outputIndex(t, b, 0)] = (float) baseline;
      }
      for (int i = 0; i < stim && out + i < steps; i++) {
        clean[trials.outputIndex(out + i, b, 0)] = (float) (kind * pulse[i]);
      }
      double response = TrialScores.rmsError(trials, outputs, clean, b, 0, out, out + stim);
      double sum = 0;
      int n = 0;
      for (int t = from; t < steps; t++) {
        int i = trials.outputIndex(t, b, 0);
        if ((t < out || t >= out + stim) && trials.mask()[i] > 0) {
          double e = outputs[i] - clean[i];
          sum += e * e;
          n++;
        }
      }
      double rest = n == 0 ? 0 : Math.sqrt(sum / n);
      if (response <= tolerance && rest <= tolerance) {
        solved++;
      }
    }
    return TrialScores.fraction(solved, batch);
  }
}
