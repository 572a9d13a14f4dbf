package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Jarne's finite-duration oscillation: a smooth input pulse may or may not arrive; if it did, the output must
 * oscillate over a fixed window and then stop; if not, it stays silent.
 *
 * <p>Source: katejarne/RNN_study_with_keras {@code generate_data_set_oscilator.py} (Jarne &amp; Laje 2019,
 * arXiv:1906.01094). 1 step = 1 ms (no {@code dt} parameter: shapes are defined in samples). Defaults from the
 * source: first_in 100, stim_dur 20, mem_gap 200 (the generator's own call), out_gap 20, so the trial lasts
 * {@code T = 100 + 20 + 200 + 20 = 340} steps; the oscillation window is {@code [140, T − 20)} (out_t = 120 +
 * stim_dur); frec = 12 cycles over T; overall scale 0.3; noise 0.1 on the input, none on the target; trial type
 * (pulse or none) uniform.
 *
 * <p>Shapes, exactly as the source builds them (SciPy semantics: the centre samples of the full convolution): input pulse =
 * {@code convolve(ones(S), hann(10), 'same')/sum(hann(10))} on {@code [onset, onset+S)}; target =
 * {@code amplitude·convolve(ones(L), sin(2π·cycles·x/T), 'same')} on the window of length L (x = 0..T−1), which is
 * a sinusoid of period T/cycles ≈ 28 steps whose envelope tapers at the window edges (peak ≈ 2.4 at the
 * defaults). On no-pulse trials the window is 0. Outside the window the target is {@code amplitude·baseline}
 * (0.003: the source scales its 0.01 baseline by 0.3 too). Per-step
 * {@code N(0, noise²)} is added to the input. Mask 1 everywhere.
 *
 * <p>Accuracy, per trial: a trial is solved when the RMS of {@code output − target} over the scored window
 * {@code [onset+S, end)} (everything after the trigger) is at most {@code relative-error · A}, where A is the RMS
 * of a pulse trial's target over that window (≈ 1.52 at the defaults, for a peak of ≈ 2.43); accuracy is the
 * fraction of trials solved. One bound for both trial types: on a pulse trial the output must follow the waveform
 * (a relative RMS error of 0.3 means at least 91 % of its power explained), on a no-pulse trial it must stay
 * silent (a spurious oscillation scores ≈ 1). The default 0.3 is Cohort's choice (the source judges trained
 * networks by their loss and by eye): at the defaults a lag of 1 step (13° of the 28-step period) scores ≈ 0.22
 * and passes, while a lag of 2 steps (≈ 0.43) or an amplitude off by more than 30 % fails. (The mean absolute
 * error used before had an absolute tolerance of 0.2 that did not scale with {@code amplitude}, and failed even a
 * 1-step lag.)
 *
 * <p>Labels: {@code pulse} (1 or 0), {@code stimulus_start} (trigger onset), {@code window_start} (first scored
 * step), {@code oscillation_start}, {@code oscillation_end}.
 */
public final class Oscillation extends AbstractTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("oscillation",
      "after a trigger pulse, oscillate for a fixed window and stop; stay silent without a pulse",
      "Jarne & Laje 2019, arXiv:1906.01094; katejarne/RNN_study_with_keras generate_data_set_oscilator.py",
      List.of(
          Specs.jarneInputNoise(),
          Specs.wholeMs("onset", 100, 0, "trigger pulse onset, ms = steps (Jarne first_in)"),
          Specs.wholeMs("stimulus", 20, 1, "trigger pulse length, ms (Jarne stim_dur)"),
          Specs.wholeMs("mem-gap", 200, 0, "adds to the trial length T, ms (Jarne mem_gap)"),
          Specs.wholeMs("end-gap", 20, 0, "silent time at the end of the trial, ms (Jarne out_gap)"),
          Specs.wholeMs("output-onset", 140, 0, "start of the oscillation, ms (Jarne out_t = 120 + stim_dur)"),
          ParameterSpec.positive("cycles", 12, "the kernel sinusoid makes this many cycles over T (Jarne frec)"),
          ParameterSpec.real("amplitude", 0.3, -100, 100, "overall scale of the target (Jarne: 0.3)"),
          ParameterSpec.real("baseline", 0.01, -10, 10, "target outside the window before scaling (Jarne: 0.01)"),
          Specs.relativeError(0.3, "a trial is solved when RMS(output - target) after the trigger <= "
              + "relative-error x the RMS of a pulse trial's target there (Cohort's choice)")));

  private final int onset;
  private final int stim;
  private final int windowStart;
  private final int windowEnd;
  private final double noise;
  private final double amplitude;
  private final double baseline;
  /** relative-error · A: the RMS error a solved trial may have (see the class comment). */
  private final double tolerance;
  private final double[] trigger;
  private final double[] oscillation;

  public Oscillation(TaskParameters p) {
    super(INFO.name(), p, List.of("trigger"), List.of("output"), 1.0,
        p.getInt("onset") + p.getInt("stimulus") + p.getInt("mem-gap") + p.getInt("end-gap"), OutputKind.CONTINUOUS);
    int steps = steps();
    this.onset = p.getInt("onset");
    this.stim = p.getInt("stimulus");
    this.windowStart = p.getInt("output-onset");
    this.windowEnd = steps - p.getInt("end-gap");
    this.noise = p.getDouble("noise");
    this.amplitude = p.getDouble("amplitude");
    this.baseline = p.getDouble("baseline");
    if (windowStart >= windowEnd) {
      throw new IllegalArgumentException("task '" + name() + "': output-onset = " + windowStart
          + " ms is not before the end of the window (" + windowEnd + " ms = onset + stimulus + mem-gap); "
          + "accepted: output-onset < onset + stimulus + mem-gap");
    }
    if (windowStart < onset + stim) {
      throw new IllegalArgumentException("task '" + name() + "': output-onset = " + windowStart
          + " ms comes before the trigger ends (" + (onset + stim) + " ms); accepted: output-onset >= onset + stimulus");
    }
    double[] hann = Smoothing.hann(10);
    double sum = 0;
    for (double v : hann) {
      sum += v;
    }
    this.trigger = Smoothing.boxSame(stim, hann);
    for (int i = 0; i < trigger.length; i++) {
      trigger[i] /= sum;
    }
    double[] kernel = new double[steps];
    double cycles = p.getDouble("cycles");
    for (int x = 0; x < steps; x++) {
      kernel[x] = Math.sin(2 * Math.PI * (cycles / steps) * x);
    }
    this.oscillation = Smoothing.boxSame(windowEnd - windowStart, kernel);
    double power = 0;
    for (int t = onset + stim; t < steps; t++) {
      double y = t >= windowStart && t < windowEnd ? amplitude * oscillation[t - windowStart] : amplitude * baseline;
      power += y * y;
    }
    this.tolerance = p.getDouble("relative-error") * Math.sqrt(power / Math.max(1, steps - onset - stim));
  }

  @Override
  void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int steps = steps();
    int type = random.nextInt(2);
    for (int i = 0; i < stim; i++) {
      w.setInput(onset + i, b, 0, type * trigger[i]);
    }
    w.addNoise(b, 0, 0, steps, noise, random);
    w.fillTarget(b, 0, 0, steps, amplitude * baseline);
    for (int t = windowStart; t < windowEnd; t++) {
      w.setTarget(t, b, 0, amplitude * type * oscillation[t - windowStart]);
    }
    w.fillMask(b, 0, steps, 1.0);
    w.label("pulse", b, type);
    w.label("stimulus_start", b, onset);
    w.label("window_start", b, onset + stim);
    w.label("oscillation_start", b, windowStart);
    w.label("oscillation_end", b, windowEnd);
  }

  /** See the class comment: the fraction of trials whose RMS error after the trigger is within the tolerance. */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    return TrialScores.fractionSolved(trials, b -> TrialScores.rmsError(trials, outputs, trials.targets(), b, 0,
        (int) trials.conditions().value("window_start", b), trials.steps()) <= tolerance);
  }
}
