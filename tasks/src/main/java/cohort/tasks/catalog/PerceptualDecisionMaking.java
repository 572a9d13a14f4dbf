package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Two-alternative perceptual decision making (random-dot motion): a noisy stimulus favours one of two choices
 * with a coherence drawn per trial; the network integrates it and reports the favoured choice after fixation
 * offset.
 *
 * <p>Source: NeuroGym {@code PerceptualDecisionMaking-v0} (neurogym/envs/perceptualdecisionmaking.py, v0.0.1;
 * Molano-Mazón et al. 2022), after Britten, Shadlen, Newsome &amp; Movshon 1992, <i>The analysis of visual motion:
 * a comparison of neuronal and psychophysical performance</i>. Defaults from the source: {@code dt = 100} ms;
 * periods fixation 100, stimulus 2000, delay 0, decision 100 ms; {@code sigma = 1}; coherences
 * {0, 6.4, 12.8, 25.6, 51.2} %; {@code dim_ring = 2} (fixed here).
 *
 * <p>Inputs: {@code fixation} (see the package documentation for the convention), {@code stimulus-1},
 * {@code stimulus-2}. During the stimulus, channel {@code j} carries {@code cos(θ_j − θ_gt)·coh/200 + 0.5} with
 * {@code θ = (0, π)}, i.e. {@code 0.5 ± coh/200}, plus {@code N(0, (sigma/√dt)²)} per step on the two stimulus
 * channels only (NeuroGym adds it there too). Outputs {@code fixate, choice-1, choice-2}; the correct choice is
 * drawn uniformly.
 *
 * <p>Labels: {@code ground_truth} (1 or 2), {@code coherence} (%), {@code signed_coherence} (% , positive when
 * it favours choice 1), the {@code <period>_start} steps and {@code trial_steps}.
 */
public final class PerceptualDecisionMaking extends ChoiceTask {

  private static final Periods PERIODS = Periods.fixation(100)
      .then("stimulus", 2000, "stimulus period")
      .then("delay", 0, "delay between stimulus and decision")
      .decision(100);

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("perceptual-dm",
      "report which of two directions a noisy motion stimulus favours (2AFC)",
      "NeuroGym PerceptualDecisionMaking-v0 (v0.0.1); Britten et al. 1992, J. Neurosci. 12:4745",
      PERIODS.parameters(100, 1.0, "NeuroGym sigma = 1",
          ParameterSpec.realList("coherences", "0,6.4,12.8,25.6,51.2", 0, 100,
              "motion coherences in %, one drawn uniformly per trial (NeuroGym cohs)")));

  private final double[] coherences;

  public PerceptualDecisionMaking(TaskParameters p) {
    super(INFO.name(), p, PERIODS, List.of("fixation", "stimulus-1", "stimulus-2"),
        List.of("fixate", "choice-1", "choice-2"));
    this.coherences = p.getDoubles("coherences");
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    int gt = 1 + random.nextInt(2);
    double c = drawFrom(coherences, random);
    int[] s = sampleStarts(random);
    double favour = gt == 1 ? c / 200 : -c / 200;
    stimulusPair(w, b, 1, s[1], s[2], 0.5 + favour, 0.5 - favour, random);
    respond(w, b, s, gt);
    w.label("coherence", b, c);
    w.label("signed_coherence", b, gt == 1 ? c : -c);
    return s;
  }

}
