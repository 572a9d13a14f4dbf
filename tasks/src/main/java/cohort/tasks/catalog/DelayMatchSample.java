package cohort.tasks.catalog;

import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
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

  private static final Periods PERIODS = Periods.fixation(300)
      .then("sample", 500, "sample stimulus")
      .then("delay", 1000, "delay")
      .then("test", 500, "test stimulus")
      .decision(900);

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("delay-match-sample",
      "hold a sample over a delay and report whether the test stimulus matches it",
      "NeuroGym DelayMatchSample-v0 (v0.0.1); Miller, Erickson & Desimone 1996, J. Neurosci. 16:5154",
      PERIODS.parameters(100, 1.0, "NeuroGym sigma = 1"));

  public DelayMatchSample(TaskParameters p) {
    super(INFO.name(), p, PERIODS, List.of("fixation", "stimulus-1", "stimulus-2"),
        List.of("fixate", "match", "non-match"));
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    int gt = 1 + random.nextInt(2);
    int sample = random.nextInt(2);
    int test = gt == 1 ? sample : 1 - sample;
    int[] s = sampleStarts(random);
    for (int ring = 0; ring < 2; ring++) {
      stimulus(w, b, 1 + ring, s[1], s[2], ring == sample ? 1.0 : 0.0, random);
      stimulus(w, b, 1 + ring, s[3], s[4], ring == test ? 1.0 : 0.0, random);
    }
    respond(w, b, s, gt);
    w.label("sample", b, sample);
    w.label("test", b, test);
    return s;
  }

}
