package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Delayed match-to-sample: a sample stimulus, a delay, a test stimulus; the network reports whether the test
 * matches the sample.
 *
 * <p>Source: NeuroGym {@code DelayMatchSample-v0} (neurogym/envs/delaymatchsample.py, v0.0.1), after Miller,
 * Erickson &amp; Desimone 1996, <i>Neural mechanisms of visual working memory in prefrontal cortex of the
 * macaque</i>, J. Neurosci. 16:5154. Defaults from the source: {@code dt = 100} ms; fixation 300, sample 500,
 * delay 1000, test 500, decision 900 ms; {@code sigma = 1}; {@code dim_ring = 2} (fixed here).
 *
 * <p>The sample angle θ_s is drawn from the ring {0, π}; {@code ground_truth = 1} (match, test angle θ_s) or 2
 * (non-match, θ_s + π), uniformly. Stimulus channel j carries {@code cos(θ_j − θ)·0.5 + 0.5} during the sample
 * (θ = θ_s) and the test period, i.e. (1, 0) or (0, 1), plus per-step {@code N(0, (sigma/√dt)²)} on the stimulus
 * channels in those periods (as in the source). Outputs {@code fixate, match, non-match}.
 *
 * <p>Labels: {@code ground_truth}, {@code sample} and {@code test} (ring index 0 or 1), period starts,
 * {@code trial_steps}.
 */
public final class DelayMatchSample extends ChoiceTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("delay-match-sample",
      "hold a sample over a delay and report whether the test stimulus matches it",
      "NeuroGym DelayMatchSample-v0 (v0.0.1); Miller, Erickson & Desimone 1996, J. Neurosci. 16:5154",
      List.of(
          Specs.dt(100, "NeuroGym default"),
          Specs.periodMs("fixation", 300, "fixation period"),
          Specs.periodMs("sample", 500, "sample stimulus"),
          Specs.periodMs("delay", 1000, "delay"),
          Specs.periodMs("test", 500, "test stimulus"),
          Specs.periodMs("decision", 900, "decision period"),
          Specs.neurogymNoise(1.0, "NeuroGym sigma = 1")));

  private static final List<String> PERIODS = List.of("fixation", "sample", "delay", "test", "decision");

  private final Duration[] periods;
  private final double sigmaPerStep;

  public DelayMatchSample(TaskParameters p) {
    super(INFO.name(), p, List.of("fixation", "stimulus-1", "stimulus-2"), List.of("fixate", "match", "non-match"),
        p.getDouble("dt"), maxSteps(periods(p), p.getDouble("dt")), "decision");
    this.periods = periods(p);
    this.sigmaPerStep = p.getDouble("noise") / Math.sqrt(dtMs());
    requireOneStep(name(), "decision", periods[4], dtMs());
  }

  private static Duration[] periods(TaskParameters p) {
    return new Duration[] {
      new Duration.Fixed(p.getDouble("fixation")), new Duration.Fixed(p.getDouble("sample")),
      new Duration.Fixed(p.getDouble("delay")), new Duration.Fixed(p.getDouble("test")),
      new Duration.Fixed(p.getDouble("decision"))
    };
  }

  @Override
  public TrialBatch sample(int batch, RandomGenerator random) {
    checkBatch(batch);
    TrialWriter w = new TrialWriter(steps(), batch, inputSize(), outputSize());
    double[] truth = new double[batch];
    double[] samples = new double[batch];
    double[] tests = new double[batch];
    double[][] starts = new double[PERIODS.size()][batch];
    double[] length = new double[batch];
    for (int b = 0; b < batch; b++) {
      int gt = 1 + random.nextInt(2);
      int sample = random.nextInt(2);
      int test = gt == 1 ? sample : 1 - sample;
      int[] s = sampleStarts(periods, dtMs(), random);
      w.fillInput(b, 1 + sample, s[1], s[2], 1.0);
      w.fillInput(b, 1 + test, s[3], s[4], 1.0);
      for (int d = 1; d <= 2; d++) {
        w.addNoise(b, d, s[1], s[2], sigmaPerStep, random);
        w.addNoise(b, d, s[3], s[4], sigmaPerStep, random);
      }
      writeChoiceTrial(w, b, s[4], s[5], gt);
      truth[b] = gt;
      samples[b] = sample;
      tests[b] = test;
      for (int i = 0; i < PERIODS.size(); i++) {
        starts[i][b] = s[i];
      }
      length[b] = s[5];
    }
    Conditions.Builder labels = Conditions.builder(batch).put(GROUND_TRUTH, truth).put("sample", samples)
        .put("test", tests);
    putPeriodLabels(labels, PERIODS, starts, length);
    return w.build(dtMs(), labels.build());
  }
}
