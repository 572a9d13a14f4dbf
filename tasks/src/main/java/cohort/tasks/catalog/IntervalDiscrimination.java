package cohort.tasks.catalog;

import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
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

  private static final Periods.Period STIMULUS = Periods.uniform("stim1", "stim-min", 300,
      "shortest stimulus interval", "stim-max", 600, "stimulus interval upper bound (exclusive)");

  private static final Periods PERIODS = Periods.fixation(300)
      .then(STIMULUS)
      .then(Periods.uniform("delay1", "delay1-min", 800, "shortest delay between the stimuli", "delay1-max", 1500,
          "delay upper bound (exclusive)"))
      .then(STIMULUS.as("stim2"))
      .then("delay2", 500, "delay after the second stimulus")
      .decision(300);

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("interval-discrimination",
      "report which of two stimuli, separated by a delay, lasted longer",
      "NeuroGym IntervalDiscrimination-v0 (v0.0.1); Genovesio, Tsujimoto & Wise 2009, Neuron 63:254",
      PERIODS.parameters(80, 0.0, "none in the source"));

  public IntervalDiscrimination(TaskParameters p) {
    super(INFO.name(), p, PERIODS, List.of("fixation", "stim1", "stim2"), List.of("fixate", "choice-1", "choice-2"));
    requireOrdered(p, "stim-min", "stim-max");
    requireOrdered(p, "delay1-min", "delay1-max");
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    int[] s = sampleStarts(random);
    int d1 = s[2] - s[1];
    int d2 = s[4] - s[3];
    int gt = d1 > d2 ? 1 : 2;
    w.fillInput(b, 1, s[1], s[2], 1.0);
    w.fillInput(b, 2, s[3], s[4], 1.0);
    w.addNoise(b, 1, 0, s[5], sigmaPerStep(), random);
    w.addNoise(b, 2, 0, s[5], sigmaPerStep(), random);
    respond(w, b, s, gt);
    w.label("interval1_ms", b, d1 * dtMs());
    w.label("interval2_ms", b, d2 * dtMs());
    return s;
  }

}
