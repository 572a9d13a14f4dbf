package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Delayed comparison of two vibration frequencies (parametric working memory): f1, a delay, f2; the network
 * reports whether f1 &gt; f2.
 *
 * <p>Source: NeuroGym {@code DelayComparison-v0} (neurogym/envs/delaycomparison.py, v0.0.1), after Barak,
 * Tsodyks &amp; Romo 2010, <i>Neuronal population coding of parametric working memory</i>, J. Neurosci. 30:9424.
 * Defaults from the source: {@code dt = 100} ms; fixation 500, stimulus1 500, delay 1000, stimulus2 500,
 * decision 100 ms; {@code sigma = 1}; frequency pairs (18,10), (22,14), (26,18), (30,22), (34,26) Hz.
 *
 * <p>Per trial a pair is drawn uniformly and its order is drawn uniformly; {@code ground_truth = 1} when
 * f1 &gt; f2 and 2 otherwise (for the default pairs this is the source's rule). Input {@code stimulus} carries
 * {@code (1 + (f − f_min)/(f_max − f_min))/2} during each stimulus period, plus per-step
 * {@code N(0, (sigma/√dt)²)} there (the source adds the noise to the fixation input too; Cohort does not, see
 * {@link ContextDecisionMaking}). Outputs {@code fixate, choice-1 (f1 > f2), choice-2 (f1 < f2)}.
 *
 * <p>Labels: {@code ground_truth}, {@code f1}, {@code f2} (Hz), period starts, {@code trial_steps}.
 */
public final class DelayComparison extends ChoiceTask {

  private static final Periods PERIODS = Periods.fixation(500)
      .then("stimulus1", 500, "first stimulus (f1)")
      .then("delay", 1000, "delay between the stimuli")
      .then("stimulus2", 500, "second stimulus (f2)")
      .decision(100);

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("delay-comparison",
      "hold frequency f1 over a delay and report whether f1 > f2 (Romo-style parametric working memory)",
      "NeuroGym DelayComparison-v0 (v0.0.1); Barak, Tsodyks & Romo 2010, J. Neurosci. 30:9424",
      PERIODS.parameters(100, 1.0, "NeuroGym sigma = 1",
          ParameterSpec.realList("pairs", "18,10,22,14,26,18,30,22,34,26", 0, 1e4,
              "frequency pairs in Hz, flattened (a1,b1,a2,b2,...); a pair is drawn uniformly and shown in random order")));

  private final double[] pairs;
  private final double fMin;
  private final double fMax;

  public DelayComparison(TaskParameters p) {
    super(INFO.name(), p, PERIODS, List.of("fixation", "stimulus"), List.of("fixate", "choice-1", "choice-2"));
    this.pairs = p.getDoubles("pairs");
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("task '" + name() + "': pairs has " + pairs.length
          + " numbers; accepted: an even count (a1,b1,a2,b2,...)");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] == pairs[i + 1]) {
        throw new IllegalArgumentException("task '" + name() + "': pair " + (i / 2 + 1) + " has equal frequencies "
            + pairs[i] + "; accepted: two different frequencies per pair");
      }
      lo = Math.min(lo, Math.min(pairs[i], pairs[i + 1]));
      hi = Math.max(hi, Math.max(pairs[i], pairs[i + 1]));
    }
    this.fMin = lo;
    this.fMax = hi;
  }

  /** The input level coding frequency {@code f}: {@code (1 + (f − f_min)/(f_max − f_min))/2}. */
  double represent(double f) {
    return (1 + (f - fMin) / (fMax - fMin)) / 2;
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    int pair = random.nextInt(pairs.length / 2);
    boolean swap = random.nextBoolean();
    double f1 = swap ? pairs[2 * pair + 1] : pairs[2 * pair];
    double f2 = swap ? pairs[2 * pair] : pairs[2 * pair + 1];
    int gt = f1 > f2 ? 1 : 2;
    int[] s = sampleStarts(random);
    stimulus(w, b, 1, s[1], s[2], represent(f1), random);
    stimulus(w, b, 1, s[3], s[4], represent(f2), random);
    respond(w, b, s, gt);
    w.label("f1", b, f1);
    w.label("f2", b, f2);
    return s;
  }

}
