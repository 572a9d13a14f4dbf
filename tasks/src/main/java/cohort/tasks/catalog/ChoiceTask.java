package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Common machinery of the NeuroGym-style choice tasks (Molano-Mazón et al. 2022, NeuroGym, neurogym/core.py
 * v0.0.1): one output per action, action 0 = fixate, one-hot targets.
 *
 * <p><b>Fixation convention (pinned, v0.0.1 semantics).</b> Input channel 0 ({@code fixation}) is 1 in every
 * step before the response period (decision, or production in ready-set-go) and 0 from its first step on: the
 * fixation offset is the go cue, even when a preceding delay is variable. The target is action 0 (fixate) before
 * the response period and the trial's correct action during it; the mask is 1 on every output over the trial's
 * real length and 0 on the padding up to {@link #steps()}.
 *
 * <p><b>Accuracy.</b> For each trial, every output channel is averaged over the steps of the response period
 * {@code [decision_start, trial_steps)}; the trial's decision is the channel with the largest average (all
 * channels, fixate included; ties go to the lowest index); the trial is correct when that equals the label
 * {@code ground_truth}. Accuracy is the fraction of correct trials. A network that keeps fixating is therefore
 * wrong, as NeuroGym scores it, except where fixating is the correct response (no-go trials).
 *
 * <p>A task declares its periods ({@link Periods}, or its own layout) and writes one trial at a time
 * ({@link #writePeriods}); {@link #writeTrial} adds the period labels.
 *
 * <p>Labels written by every choice task: {@code ground_truth} (correct action index in the outputs),
 * {@code <period>_start} (first step of each period), {@code trial_steps} (real length before padding).
 */
abstract class ChoiceTask extends AbstractTask {

  /** Label holding the correct action. */
  static final String GROUND_TRUTH = "ground_truth";
  /** Label holding the real (unpadded) trial length in steps. */
  static final String TRIAL_STEPS = "trial_steps";

  private final String responsePeriod;
  private final List<String> startLabels;
  private final Duration[] durations;
  private final double sigmaPerStep;

  /**
   * A task whose trial is {@code periods} laid end to end, padded to the longest trial they can make; the
   * response period is the last one, and a response period shorter than one step is rejected (the trial could not
   * be scored).
   */
  ChoiceTask(String name, TaskParameters p, Periods periods, List<String> inputNames, List<String> outputNames) {
    this(name, p, inputNames, outputNames, maxSteps(periods.read(p), p.getDouble("dt")), periods.names(),
        periods.read(p));
    requireOneStep(name(), responsePeriod, durations[durations.length - 1], dtMs());
  }

  /**
   * A task that lays out its own periods, named {@code periodNames} in trial order (the last is the response
   * period), in trials of at most {@code steps} steps.
   */
  ChoiceTask(String name, TaskParameters p, List<String> inputNames, List<String> outputNames, int steps,
      List<String> periodNames) {
    this(name, p, inputNames, outputNames, steps, periodNames, new Duration[0]);
  }

  private ChoiceTask(String name, TaskParameters p, List<String> inputNames, List<String> outputNames, int steps,
      List<String> periodNames, Duration[] durations) {
    super(name, p, inputNames, outputNames, p.getDouble("dt"), steps, OutputKind.CHOICE);
    this.responsePeriod = periodNames.get(periodNames.size() - 1);
    this.startLabels = periodNames.stream().map(period -> period + "_start").toList();
    this.durations = durations;
    this.sigmaPerStep = p.getDouble("noise") / Math.sqrt(dtMs());
  }

  /** Name of the label holding the first step of the response period. */
  final String responseStartLabel() {
    return startLabels.get(startLabels.size() - 1);
  }

  /** The per-step std of the stimulus noise, NeuroGym's {@code sigma / sqrt(dt)} ({@code noise} parameter). */
  final double sigmaPerStep() {
    return sigmaPerStep;
  }

  /** Rejects a range whose parameter {@code min} exceeds its parameter {@code max}. */
  final void requireOrdered(TaskParameters p, String min, String max) {
    if (p.getDouble(min) > p.getDouble(max)) {
      throw new IllegalArgumentException("task '" + name() + "': " + min + " = " + p.getString(min) + " ms exceeds "
          + max + " = " + p.getString(max) + " ms; accepted: " + min + " <= " + max);
    }
  }

  /** Writes trial {@code b} with {@link #writePeriods}, then labels its period starts and length. */
  @Override
  final void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int[] s = writePeriods(w, b, random);
    for (int i = 0; i < startLabels.size(); i++) {
      w.label(startLabels.get(i), b, s[i]);
    }
    w.label(TRIAL_STEPS, b, s[startLabels.size()]);
  }

  /**
   * Draws trial {@code b} (in a fixed order of random draws), writes its inputs, targets, mask and labels into
   * {@code w} and returns its period starts: element {@code i} is the first step of period {@code i}, the last
   * element is the trial length.
   */
  abstract int[] writePeriods(TrialWriter w, int b, RandomGenerator random);

  /** Draws the lengths of the declared periods of one trial and returns their starts (as {@link #writePeriods}). */
  final int[] sampleStarts(RandomGenerator random) {
    int[] s = new int[durations.length + 1];
    for (int i = 0; i < durations.length; i++) {
      s[i + 1] = s[i] + durations[i].sampleSteps(dtMs(), random);
    }
    return s;
  }

  /** One of {@code values}, drawn uniformly (one draw). */
  static double drawFrom(double[] values, RandomGenerator random) {
    return values[random.nextInt(values.length)];
  }

  /**
   * Writes a stimulus: input {@code d} of trial {@code b} is {@code level} over {@code [from, to)}, plus per-step
   * noise {@code N(0, sigmaPerStep²)} drawn in time order.
   */
  final void stimulus(TrialWriter w, int b, int d, int from, int to, double level, RandomGenerator random) {
    w.fillInput(b, d, from, to, level);
    w.addNoise(b, d, from, to, sigmaPerStep, random);
  }

  /**
   * Writes a two-channel (ring-coded) stimulus over {@code [from, to)}: input {@code d} at level {@code first},
   * input {@code d + 1} at level {@code second}, each with its noise (see {@link #stimulus}), channel {@code d}'s
   * drawn first.
   */
  final void stimulusPair(TrialWriter w, int b, int d, int from, int to, double first, double second,
      RandomGenerator random) {
    stimulus(w, b, d, from, to, first, random);
    stimulus(w, b, d + 1, from, to, second, random);
  }

  /**
   * Writes the fixation input, targets and mask of trial {@code b} with period starts {@code s}, whose correct
   * action in the response period (the last) is {@code action}, and labels that action {@code ground_truth}.
   */
  final void respond(TrialWriter w, int b, int[] s, int action) {
    int last = startLabels.size();
    writeChoiceTrial(w, b, s[last - 1], s[last], action);
    w.label(GROUND_TRUTH, b, action);
  }

  /**
   * Writes the fixation input (1 on {@code [0, responseStart)}), fixate targets before the response, the correct
   * action during {@code [responseStart, trialSteps)}, and the mask over {@code [0, trialSteps)}.
   */
  static void writeChoiceTrial(TrialWriter w, int b, int responseStart, int trialSteps, int action) {
    w.fillInput(b, 0, 0, responseStart, 1.0);
    w.oneHot(b, 0, responseStart, 0);
    w.oneHot(b, responseStart, trialSteps, action);
  }

  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    Conditions c = trials.conditions();
    int batch = trials.batch();
    int outputs0 = trials.outputSize();
    double[] sum = new double[outputs0];
    int correct = 0;
    for (int b = 0; b < batch; b++) {
      int from = (int) c.value(responseStartLabel(), b);
      int to = (int) c.value(TRIAL_STEPS, b);
      java.util.Arrays.fill(sum, 0);
      for (int t = from; t < to; t++) {
        int base = (t * batch + b) * outputs0;
        for (int d = 0; d < outputs0; d++) {
          sum[d] += outputs[base + d];
        }
      }
      int best = 0;
      for (int d = 1; d < outputs0; d++) {
        if (sum[d] > sum[best]) {
          best = d;
        }
      }
      if (to > from && best == (int) c.value(GROUND_TRUTH, b)) {
        correct++;
      }
    }
    return correct / (double) batch;
  }

  /** The longest trial periods laid end to end can make. */
  private static int maxSteps(Duration[] periods, double dtMs) {
    int total = 0;
    for (Duration d : periods) {
      total += d.maxSteps(dtMs);
    }
    return total;
  }

  /** Rejects a response period shorter than one step (the trial could not be scored). */
  private static void requireOneStep(String task, String parameter, Duration d, double dtMs) {
    if (d.minSteps(dtMs) < 1) {
      throw new IllegalArgumentException("task '" + task + "': " + parameter + " is shorter than one step of dt = "
          + cohort.tasks.TaskParameters.format(dtMs) + " ms; accepted: " + parameter + " >= dt");
    }
  }
}
