package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Multisensory integration: two modalities point to the same choice, each carrying a share of one total
 * coherence; the network sums the evidence of both and reports the choice.
 *
 * <p>Source: NeuroGym {@code MultiSensoryIntegration-v0} (neurogym/envs/multisensory.py, v0.0.1; the source
 * names no paper). Defaults from the source: {@code dt = 100} ms; fixation 300, stimulus 750, decision 100 ms;
 * {@code sigma = 1}; total coherences {5, 15, 50} %; the share of modality 1 is {@code U(0, 1)}
 * ({@code coh_prop}); both modalities favour the ground truth, as in the source.
 *
 * <p>Inputs {@code fixation, mod1-stim1, mod1-stim2, mod2-stim1, mod2-stim2}: during the stimulus, modality m
 * carries the ring code {@code 0.5 ± coh_m/200} (+ on the favoured channel), plus per-step
 * {@code N(0, (sigma/√dt)²)} on the four stimulus channels (the source adds it to all inputs; see
 * {@link ContextDecisionMaking} for this deviation). Outputs {@code fixate, choice-1, choice-2}.
 *
 * <p>Labels: {@code ground_truth}, {@code coherence} (total, %), {@code proportion} (share of modality 1),
 * {@code coherence_mod1}, {@code coherence_mod2} (%), period starts, {@code trial_steps}.
 */
public final class MultiSensoryIntegration extends ChoiceTask {

  private static final Periods PERIODS = Periods.fixation(300)
      .then("stimulus", 750, "stimulus period")
      .decision(100);

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("multisensory",
      "sum the evidence of two modalities that favour the same choice and report it",
      "NeuroGym MultiSensoryIntegration-v0 (v0.0.1), which names no paper",
      PERIODS.parameters(100, 1.0, "NeuroGym sigma = 1",
          ParameterSpec.realList("coherences", "5,15,50", 0, 100,
              "total coherences in %, one drawn uniformly per trial and split U(0,1) between the modalities")));

  private final double[] coherences;

  public MultiSensoryIntegration(TaskParameters p) {
    super(INFO.name(), p, PERIODS, List.of("fixation", "mod1-stim1", "mod1-stim2", "mod2-stim1", "mod2-stim2"),
        List.of("fixate", "choice-1", "choice-2"));
    this.coherences = p.getDoubles("coherences");
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    int gt = 1 + random.nextInt(2);
    double coh = drawFrom(coherences, random);
    double prop = random.nextDouble();
    double coh1 = coh * prop;
    double coh2 = coh * (1 - prop);
    int[] s = sampleStarts(random);
    double sign = gt == 1 ? 1 : -1;
    stimulusPair(w, b, 1, s[1], s[2], 0.5 + sign * coh1 / 200, 0.5 - sign * coh1 / 200, random);
    stimulusPair(w, b, 3, s[1], s[2], 0.5 + sign * coh2 / 200, 0.5 - sign * coh2 / 200, random);
    respond(w, b, s, gt);
    w.label("coherence", b, coh);
    w.label("proportion", b, prop);
    w.label("coherence_mod1", b, coh1);
    w.label("coherence_mod2", b, coh2);
    return s;
  }

}
