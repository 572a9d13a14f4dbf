package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Context-dependent decision making with an explicit context cue (Mante, Sussillo, Shenoy &amp; Newsome 2013,
 * <i>Context-dependent computation by recurrent dynamics in prefrontal cortex</i>): two modalities (motion and
 * colour) each favour a choice with their own coherence; a one-hot context input says which modality to report.
 *
 * <p>Source: NeuroGym {@code ContextDecisionMaking-v0} (neurogym/envs/contextdecisionmaking.py, v0.0.1, the
 * explicit-context task with 7 inputs). Defaults from the source: {@code dt = 100} ms; fixation 300, stimulus
 * 750 ms, delay {@code TruncExp(mean 600, min 300, max 3000)} ms, decision 100 ms; {@code sigma = 1}; coherences
 * {5, 15, 50} %.
 *
 * <p>Per trial: {@code ground_truth} g ∈ {1, 2}, another choice o ∈ {1, 2}, context k ∈ {0, 1} and two unsigned
 * coherences, all uniform. The attended modality (k) favours g, the other one favours o. With the signed
 * coherence {@code s_m = +coh_m} if modality m favours choice 1 and {@code −coh_m} otherwise, the stimulus
 * inputs are {@code mod-m stim1 = (1 + s_m/100)/2} and {@code stim2 = (1 − s_m/100)/2} during the stimulus,
 * plus per-step {@code N(0, (sigma/√dt)²)}. The context input {@code context-mod(k+1)} is 1 for the whole trial
 * (decision included, as in the source, where the context is written after the decision-period reset). The
 * answer is therefore the sign of the cued modality's coherence.
 *
 * <p>Deviation: the source adds the noise to all seven inputs during the stimulus period (its {@code add_randn}
 * has no {@code where}); Cohort adds it to the four stimulus channels only, so fixation and context stay clean
 * cues. Fixation follows the v0.0.1 convention (see the package documentation): on until the decision period, so the
 * go cue exists although the delay is variable (NeuroGym issue #279).
 *
 * <p>Labels: {@code ground_truth}, {@code context} (0 = report modality 1, 1 = modality 2),
 * {@code coherence_mod1}, {@code coherence_mod2} (signed, %), period starts, {@code trial_steps}.
 */
public final class ContextDecisionMaking extends ChoiceTask {

  private static final Periods PERIODS = Periods.fixation(300)
      .then("stimulus", 750, "stimulus period")
      .then(Periods.truncatedExponential("delay", 600, 300, 3000))
      .decision(100);

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("context-dm",
      "report the direction of the modality a context cue selects, ignoring the other (Mante et al. 2013)",
      "NeuroGym ContextDecisionMaking-v0 (v0.0.1); Mante, Sussillo, Shenoy & Newsome 2013, Nature 503:78",
      PERIODS.parameters(100, 1.0, "NeuroGym sigma = 1",
          ParameterSpec.realList("coherences", "5,15,50", 0, 100,
              "coherences in %, drawn uniformly per modality and trial (NeuroGym cohs)")));

  private final double[] coherences;

  public ContextDecisionMaking(TaskParameters p) {
    super(INFO.name(), p, PERIODS,
        List.of("fixation", "mod1-stim1", "mod1-stim2", "mod2-stim1", "mod2-stim2", "context-mod1", "context-mod2"),
        List.of("fixate", "choice-1", "choice-2"));
    this.coherences = p.getDoubles("coherences");
    checkTruncatedExponential(name(), p.getDouble("delay-mean"), p.getDouble("delay-min"), p.getDouble("delay-max"));
  }

  /** Rejects truncations that rejection sampling would almost never hit. */
  static void checkTruncatedExponential(String task, double mean, double min, double max) {
    if (min > max) {
      throw new IllegalArgumentException("task '" + task + "': delay-min = " + TaskParameters.format(min)
          + " ms exceeds delay-max = " + TaskParameters.format(max) + " ms; accepted: delay-min <= delay-max "
          + "(equal gives a fixed delay)");
    }
    if (min < max && mean > 0) {
      double acceptance = Math.exp(-min / mean) - Math.exp(-max / mean);
      if (acceptance < 1e-4) {
        throw new IllegalArgumentException("task '" + task + "': delay-min " + min + " and delay-max " + max
            + " ms keep a fraction " + acceptance + " of an exponential of mean " + mean
            + " ms; accepted: bounds keeping at least 1e-4 (e.g. delay-min below about 9 x delay-mean)");
      }
    } else if (min < max) {
      throw new IllegalArgumentException("task '" + task + "': delay-mean is 0 with delay-min < delay-max; "
          + "accepted: delay-mean > 0, or delay-min >= delay-max for a fixed delay of delay-max");
    }
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    int gt = 1 + random.nextInt(2);
    int other = 1 + random.nextInt(2);
    int k = random.nextInt(2);
    double coh1 = drawFrom(coherences, random);
    double coh2 = drawFrom(coherences, random);
    int choice1 = k == 0 ? gt : other;
    int choice2 = k == 0 ? other : gt;
    double s1 = choice1 == 1 ? coh1 : -coh1;
    double s2 = choice2 == 1 ? coh2 : -coh2;
    int[] s = sampleStarts(random);
    stimulusPair(w, b, 1, s[1], s[2], (1 + s1 / 100) / 2, (1 - s1 / 100) / 2, random);
    stimulusPair(w, b, 3, s[1], s[2], (1 + s2 / 100) / 2, (1 - s2 / 100) / 2, random);
    w.fillInput(b, 5 + k, 0, s[4], 1.0);
    respond(w, b, s, gt);
    w.label("context", b, k);
    w.label("coherence_mod1", b, s1);
    w.label("coherence_mod2", b, s2);
    return s;
  }

}
