package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
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

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("go-nogo",
      "after a delay, respond 'go' to a go stimulus and keep fixating after a no-go stimulus",
      "NeuroGym GoNogo-v0 (v0.0.1); Zhang et al. 2019, eLife 8:e43191",
      List.of(
          Specs.dt(100, "NeuroGym default"),
          Specs.periodMs("fixation", 0, "fixation period"),
          Specs.periodMs("stimulus", 500, "stimulus period"),
          Specs.periodMs("delay", 500, "delay"),
          Specs.periodMs("decision", 500, "decision period"),
          Specs.neurogymNoise(0.0, "none in the source")));

  private static final List<String> PERIODS = List.of("fixation", "stimulus", "delay", "decision");

  private final Duration[] periods;
  private final double sigmaPerStep;

  public GoNoGo(TaskParameters p) {
    super(INFO.name(), p, List.of("fixation", "nogo", "go"), List.of("fixate", "go"),
        p.getDouble("dt"), maxSteps(periods(p), p.getDouble("dt")), "decision");
    this.periods = periods(p);
    this.sigmaPerStep = p.getDouble("noise") / Math.sqrt(dtMs());
    requireOneStep(name(), "decision", periods[3], dtMs());
  }

  private static Duration[] periods(TaskParameters p) {
    return new Duration[] {
      new Duration.Fixed(p.getDouble("fixation")), new Duration.Fixed(p.getDouble("stimulus")),
      new Duration.Fixed(p.getDouble("delay")), new Duration.Fixed(p.getDouble("decision"))
    };
  }

  @Override
  public TrialBatch sample(int batch, RandomGenerator random) {
    checkBatch(batch);
    TrialWriter w = new TrialWriter(steps(), batch, inputSize(), outputSize());
    double[] truth = new double[batch];
    double[][] starts = new double[PERIODS.size()][batch];
    double[] length = new double[batch];
    for (int b = 0; b < batch; b++) {
      int gt = random.nextInt(2);
      int[] s = sampleStarts(periods, dtMs(), random);
      w.fillInput(b, 1 + gt, s[1], s[2], 1.0);
      w.addNoise(b, 1, s[1], s[2], sigmaPerStep, random);
      w.addNoise(b, 2, s[1], s[2], sigmaPerStep, random);
      writeChoiceTrial(w, b, s[3], s[4], gt);
      truth[b] = gt;
      for (int i = 0; i < PERIODS.size(); i++) {
        starts[i][b] = s[i];
      }
      length[b] = s[4];
    }
    Conditions.Builder labels = Conditions.builder(batch).put(GROUND_TRUTH, truth);
    putPeriodLabels(labels, PERIODS, starts, length);
    return w.build(dtMs(), labels.build());
  }
}
