package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Frequency-cued sine-wave generation (Sussillo &amp; Barak 2013, Neural Computation 25:626, §3.3; the sine task
 * of Maheswaranathan et al. 2019, NeurIPS): a static input whose level codes one of {@code frequencies} target
 * frequencies; the output must be {@code sin(ω_j t)}.
 *
 * <p>Definition: frequency index j is drawn uniformly from {@code 1..K} ({@code K = frequencies}); the input is
 * {@code j/K + offset} on every step; the target is {@code y(t) = sin(ω_j t)} with
 * {@code ω_j = ω_min + (ω_max − ω_min)(j − 1)/(K − 1)} radians per step (ω_min when K = 1), t = 0, 1, ...
 * Defaults as recalled from Sussillo &amp; Barak 2013 (51 frequencies from 0.1 to 0.6 rad per step, input
 * {@code j/51 + 0.25}) — <b>not verified against the paper or the authors' code</b>; the universality paper's
 * own values were not recovered (see shared/research/anchors.md §3). Trial length 100 steps is Cohort's choice.
 * Optional per-step input noise {@code N(0, noise²)} (default 0). Mask 1 everywhere; {@code dtMs()} is 1.
 *
 * <p>Accuracy: the fraction of steps where {@code |output − target| ≤ tolerance} (default 0.1).
 *
 * <p>Labels: {@code frequency_index} (j), {@code omega} (rad per step), {@code input_level}.
 */
public final class SineWave extends AbstractTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("sine",
      "generate a sine wave whose frequency a static input level selects",
      "Sussillo & Barak 2013, Neural Comput. 25:626 (sine generator); Maheswaranathan et al. 2019, NeurIPS",
      List.of(
          ParameterSpec.integer("frequencies", 51, 1, 10_000, "number K of target frequencies (Sussillo & Barak: 51)"),
          ParameterSpec.positive("omega-min", 0.1, "lowest angular frequency, rad per step (Sussillo & Barak: 0.1)"),
          ParameterSpec.positive("omega-max", 0.6, "highest angular frequency, rad per step (Sussillo & Barak: 0.6)"),
          ParameterSpec.real("offset", 0.25, -100, 100, "input level is j/K + offset (Sussillo & Barak: 0.25)"),
          Specs.steps(100, "Cohort's choice"),
          ParameterSpec.nonNegative("noise", 0, "std of Gaussian noise added to the input per step"),
          ParameterSpec.positive("tolerance", 0.1, "accuracy: |output - target| <= tolerance counts as right")));

  private final int k;
  private final double omegaMin;
  private final double omegaMax;
  private final double offset;
  private final double noise;
  private final double tolerance;

  public SineWave(TaskParameters p) {
    super(INFO.name(), p, List.of("frequency-cue"), List.of("sine"), 1.0, p.getInt("steps"), OutputKind.CONTINUOUS);
    this.k = p.getInt("frequencies");
    this.omegaMin = p.getDouble("omega-min");
    this.omegaMax = p.getDouble("omega-max");
    this.offset = p.getDouble("offset");
    this.noise = p.getDouble("noise");
    this.tolerance = p.getDouble("tolerance");
    if (omegaMin > omegaMax) {
      throw new IllegalArgumentException("task 'sine': omega-min = " + p.getString("omega-min")
          + " exceeds omega-max = " + p.getString("omega-max") + "; accepted: omega-min <= omega-max");
    }
  }

  /** Angular frequency (rad per step) of index {@code j} in {@code 1..K}. */
  public double omega(int j) {
    return k == 1 ? omegaMin : omegaMin + (omegaMax - omegaMin) * (j - 1) / (k - 1);
  }

  @Override
  public TrialBatch sample(int batch, RandomGenerator random) {
    checkBatch(batch);
    int steps = steps();
    TrialWriter w = new TrialWriter(steps, batch, 1, 1);
    double[] index = new double[batch];
    double[] omegas = new double[batch];
    double[] levels = new double[batch];
    for (int b = 0; b < batch; b++) {
      int j = 1 + random.nextInt(k);
      double omega = omega(j);
      double level = j / (double) k + offset;
      w.fillInput(b, 0, 0, steps, level);
      w.addNoise(b, 0, 0, steps, noise, random);
      for (int t = 0; t < steps; t++) {
        w.setTarget(t, b, 0, Math.sin(omega * t));
      }
      w.fillMask(b, 0, steps, 1.0);
      index[b] = j;
      omegas[b] = omega;
      levels[b] = level;
    }
    return w.build(dtMs(), Conditions.builder(batch).put("frequency_index", index).put("omega", omegas)
        .put("input_level", levels).build());
  }

  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    float[] targets = trials.targets();
    int right = 0;
    for (int i = 0; i < targets.length; i++) {
      if (Math.abs(outputs[i] - targets[i]) <= tolerance) {
        right++;
      }
    }
    return right / (double) targets.length;
  }
}
