package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;

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
 * <p>Labels written by every choice task: {@code ground_truth} (correct action index in the outputs),
 * {@code <period>_start} (first step of each period), {@code trial_steps} (real length before padding).
 */
abstract class ChoiceTask extends AbstractTask {

  /** Label holding the correct action. */
  static final String GROUND_TRUTH = "ground_truth";
  /** Label holding the real (unpadded) trial length in steps. */
  static final String TRIAL_STEPS = "trial_steps";

  private final String responsePeriod;

  ChoiceTask(String name, TaskParameters parameters, List<String> inputNames, List<String> outputNames,
      double dtMs, int steps, String responsePeriod) {
    super(name, parameters, inputNames, outputNames, dtMs, steps, OutputKind.CHOICE);
    this.responsePeriod = responsePeriod;
  }

  /** Name of the label holding the first step of the response period. */
  final String responseStartLabel() {
    return responsePeriod + "_start";
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

  /**
   * Draws the lengths of periods laid end to end and returns their starts: element {@code i} is the first step
   * of period {@code i}, the last element is the trial length.
   */
  static int[] sampleStarts(Duration[] periods, double dtMs, java.util.random.RandomGenerator random) {
    int[] starts = new int[periods.length + 1];
    for (int i = 0; i < periods.length; i++) {
      starts[i + 1] = starts[i] + periods[i].sampleSteps(dtMs, random);
    }
    return starts;
  }

  /** The longest trial periods laid end to end can make. */
  static int maxSteps(Duration[] periods, double dtMs) {
    int total = 0;
    for (Duration d : periods) {
      total += d.maxSteps(dtMs);
    }
    return total;
  }

  /** Rejects a response period shorter than one step (the trial could not be scored). */
  static void requireOneStep(String task, String parameter, Duration d, double dtMs) {
    if (d.minSteps(dtMs) < 1) {
      throw new IllegalArgumentException("task '" + task + "': " + parameter + " is shorter than one step of dt = "
          + cohort.tasks.TaskParameters.format(dtMs) + " ms; accepted: " + parameter + " >= dt");
    }
  }

  /** Adds the {@code <period>_start} labels and {@code trial_steps}; starts is {@code [period][trial]}. */
  static void putPeriodLabels(Conditions.Builder labels, List<String> periods, double[][] starts, double[] trialSteps) {
    for (int i = 0; i < periods.size(); i++) {
      labels.put(periods.get(i) + "_start", starts[i]);
    }
    labels.put(TRIAL_STEPS, trialSteps);
  }
}
