package cohort.tasks.catalog;

import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Go/no-go: a go or a no-go stimulus, a delay, then the network responds "go" on go trials and keeps fixating on
 * no-go trials.
 *
 * <p>Source: NeuroGym {@code GoNogo-v0} (neurogym/envs/gonogo.py, v0.0.1), whose metadata cites Zhang et al.
 * 2019, <i>Active information maintenance in working memory by a sensory cortex</i>, eLife 8:e43191. Defaults from the source: {@code dt = 100} ms; fixation 0, stimulus 500,
 * delay 500, decision 500 ms. The source has no input noise; Cohort's {@code noise} (default 0) adds per-step
 * {@code N(0, (noise/√dt)²)} to the two stimulus channels during the stimulus.
 *
 * <p>Inputs {@code fixation, nogo, go}: the stimulus channel of the trial's type is 1 during the stimulus.
 * Outputs {@code fixate, go}; {@code ground_truth} = 1 (go) or 0 (no-go: the correct decision is to keep
 * fixating). Accuracy as in the package documentation, so a no-go trial is correct when {@code fixate} wins in the
 * decision period.
 *
 * <p>Labels: {@code ground_truth}, period starts, {@code trial_steps}.
 */
public final class GoNoGo extends ChoiceTask {

  private static final Periods PERIODS = Periods.fixation(0)
      .then("stimulus", 500, "stimulus period")
      .then("delay", 500, "delay")
      .decision(500);

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("go-nogo",
      "after a delay, respond 'go' to a go stimulus and keep fixating after a no-go stimulus",
      "NeuroGym GoNogo-v0 (v0.0.1); Zhang et al. 2019, eLife 8:e43191",
      PERIODS.parameters(100, 0.0, "none in the source"));

  public GoNoGo(TaskParameters p) {
    super(INFO.name(), p, PERIODS, List.of("fixation", "nogo", "go"), List.of("fixate", "go"));
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    int gt = random.nextInt(2);
    int[] s = sampleStarts(random);
    stimulusPair(w, b, 1, s[1], s[2], gt == 0 ? 1.0 : 0.0, gt == 1 ? 1.0 : 0.0, random);
    respond(w, b, s, gt);
    return s;
  }

}
