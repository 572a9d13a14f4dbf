package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Interval discrimination: two stimuli of random durations, separated by a delay; the network reports which
 * lasted longer.
 *
 * <p>Source: NeuroGym {@code IntervalDiscrimination-v0} (neurogym/envs/intervaldiscrimination.py, v0.0.1), after
 * Genovesio, Tsujimoto &amp; Wise 2009, <i>Feature- and order-based timing representations in the frontal
 * cortex</i>, Neuron 63:254. Defaults from the source: {@code dt = 80} ms; fixation 300, stim1 U(300, 600),
 * delay1 U(800, 1500), stim2 U(300, 600), delay2 500, decision 300 ms. The source has no input noise; Cohort's
 * {@code noise} (default 0, so the source's trials) adds per-step {@code N(0, (noise/√dt)²)} to the two stimulus
 * channels from the trial start to the decision.
 *
 * <p>Inputs {@code fixation, stim1, stim2}: {@code stim1} is 1 during the first interval, {@code stim2} during
 * the second. Durations are floored to whole steps and compared after flooring, as in the source;
 * {@code ground_truth = 1} if the first is strictly longer, else 2 (ties go to 2, as in the source). Outputs
 * {@code fixate, choice-1 (first longer), choice-2}.
 *
 * <p>Labels: {@code ground_truth}, {@code interval1_ms}, {@code interval2_ms}, period starts, {@code trial_steps}.
 */
public final class IntervalDiscrimination extends ChoiceTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("interval-discrimination",
      "report which of two stimuli, separated by a delay, lasted longer",
      "NeuroGym IntervalDiscrimination-v0 (v0.0.1); Genovesio, Tsujimoto & Wise 2009, Neuron 63:254",
      List.of(
          Specs.dt(80, "NeuroGym default"),
          Specs.periodMs("fixation", 300, "fixation period"),
          Specs.periodMs("stim-min", 300, "shortest stimulus interval"),
          Specs.periodMs("stim-max", 600, "stimulus interval upper bound (exclusive)"),
          Specs.periodMs("delay1-min", 800, "shortest delay between the stimuli"),
          Specs.periodMs("delay1-max", 1500, "delay upper bound (exclusive)"),
          Specs.periodMs("delay2", 500, "delay after the second stimulus"),
          Specs.periodMs("decision", 300, "decision period"),
          Specs.neurogymNoise(0.0, "none in the source")));

  private static final List<String> PERIODS = List.of("fixation", "stim1", "delay1", "stim2", "delay2", "decision");

  private final Duration[] periods;
  private final double sigmaPerStep;

  public IntervalDiscrimination(TaskParameters p) {
    super(INFO.name(), p, List.of("fixation", "stim1", "stim2"), List.of("fixate", "choice-1", "choice-2"),
        p.getDouble("dt"), maxSteps(periods(p), p.getDouble("dt")), "decision");
    for (String[] range : new String[][] {{"stim-min", "stim-max"}, {"delay1-min", "delay1-max"}}) {
      if (p.getDouble(range[0]) > p.getDouble(range[1])) {
        throw new IllegalArgumentException("task '" + name() + "': " + range[0] + " = " + p.getString(range[0])
            + " ms exceeds " + range[1] + " = " + p.getString(range[1]) + " ms; accepted: " + range[0] + " <= "
            + range[1]);
      }
    }
    this.periods = periods(p);
    this.sigmaPerStep = p.getDouble("noise") / Math.sqrt(dtMs());
    requireOneStep(name(), "decision", periods[5], dtMs());
  }

  private static Duration[] periods(TaskParameters p) {
    Duration stim = new Duration.Uniform(p.getDouble("stim-min"), Math.max(p.getDouble("stim-min"), p.getDouble("stim-max")));
    return new Duration[] {
      new Duration.Fixed(p.getDouble("fixation")), stim,
      new Duration.Uniform(p.getDouble("delay1-min"), Math.max(p.getDouble("delay1-min"), p.getDouble("delay1-max"))),
      stim, new Duration.Fixed(p.getDouble("delay2")), new Duration.Fixed(p.getDouble("decision"))
    };
  }

  @Override
  public TrialBatch sample(int batch, RandomGenerator random) {
    checkBatch(batch);
    TrialWriter w = new TrialWriter(steps(), batch, inputSize(), outputSize());
    double[] truth = new double[batch];
    double[] i1 = new double[batch];
    double[] i2 = new double[batch];
    double[][] starts = new double[PERIODS.size()][batch];
    double[] length = new double[batch];
    for (int b = 0; b < batch; b++) {
      int[] s = sampleStarts(periods, dtMs(), random);
      int d1 = s[2] - s[1];
      int d2 = s[4] - s[3];
      int gt = d1 > d2 ? 1 : 2;
      w.fillInput(b, 1, s[1], s[2], 1.0);
      w.fillInput(b, 2, s[3], s[4], 1.0);
      w.addNoise(b, 1, 0, s[5], sigmaPerStep, random);
      w.addNoise(b, 2, 0, s[5], sigmaPerStep, random);
      writeChoiceTrial(w, b, s[5], s[6], gt);
      truth[b] = gt;
      i1[b] = d1 * dtMs();
      i2[b] = d2 * dtMs();
      for (int i = 0; i < PERIODS.size(); i++) {
        starts[i][b] = s[i];
      }
      length[b] = s[6];
    }
    Conditions.Builder labels = Conditions.builder(batch).put(GROUND_TRUTH, truth)
        .put("interval1_ms", i1).put("interval2_ms", i2);
    putPeriodLabels(labels, PERIODS, starts, length);
    return w.build(dtMs(), labels.build());
  }
}
