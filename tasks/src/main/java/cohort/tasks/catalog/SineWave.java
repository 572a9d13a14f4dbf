package cohort.tasks.catalog;

import cohort.tasks.ConstantInput;

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
 * <p>Accuracy, per trial: a trial is solved when the RMS of {@code output − target} over its scored steps is at
 * most {@code relative-error / √2}, i.e. {@code relative-error} times the RMS of the unit-amplitude target sine;
 * accuracy is the fraction of trials solved. The default 0.2 (Cohort's choice; the sources judge trained
 * generators by their loss and by eye) asks for the frequency the input cues and not a neighbour: over the default
 * 100 steps, an output at the neighbouring cue's frequency (0.01 rad per step away at the defaults) scores about
 * 0.57 and one half-way to it about 0.29, both failing; so does a constant phase lag above 0.2 rad or an amplitude
 * off by more than 20 %.
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
          Specs.relativeError(0.2, "a trial is solved when RMS(output - target) <= relative-error x RMS of the "
              + "unit sine (1/sqrt 2) (Cohort's choice: rejects the neighbouring cue's frequency)")));

  private final int k;
  private final double omegaMin;
  private final double omegaMax;
  private final double offset;
  private final double noise;
  private final double relativeError;

  public SineWave(TaskParameters p) {
    super(INFO.name(), p, List.of("frequency-cue"), List.of("sine"), 1.0, p.getInt("steps"), OutputKind.CONTINUOUS);
    this.k = p.getInt("frequencies");
    this.omegaMin = p.getDouble("omega-min");
    this.omegaMax = p.getDouble("omega-max");
    this.offset = p.getDouble("offset");
    this.noise = p.getDouble("noise");
    this.relativeError = p.getDouble("relative-error");
    if (omegaMin > omegaMax) {
      throw new IllegalArgumentException("task 'sine': omega-min = " + p.getString("omega-min")
          + " exceeds omega-max = " + p.getString("omega-max") + "; accepted: omega-min <= omega-max");
    }
  }

  /**
   * One constant input per frequency cue, {@code j/K + offset} for j = 1..K: the network at each is an oscillator
   * turning around an input-dependent fixed point (Sussillo &amp; Barak 2013, Fig. 7).
   */
  @Override
  public List<ConstantInput> analysisInputs() {
    List<ConstantInput> out = new java.util.ArrayList<>(k);
    for (int j = 1; j <= k; j++) {
      out.add(new ConstantInput("frequency-" + j, new double[] {(double) j / k + offset},
          java.util.Map.of("frequency_index", (double) j, "omega", omega(j))));
    }
    return out;
  }

  /** Angular frequency (rad per step) of index {@code j} in {@code 1..K}. */
  public double omega(int j) {
    return k == 1 ? omegaMin : omegaMin + (omegaMax - omegaMin) * (j - 1) / (k - 1);
  }

  @Override
  void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int steps = steps();
    int j = 1 + random.nextInt(k);
    double omega = omega(j);
    double level = j / (double) k + offset;
    w.fillInput(b, 0, 0, steps, level);
    w.addNoise(b, 0, 0, steps, noise, random);
    for (int t = 0; t < steps; t++) {
      w.setTarget(t, b, 0, Math.sin(omega * t));
    }
    w.fillMask(b, 0, steps, 1.0);
    w.label("frequency_index", b, j);
    w.label("omega", b, omega);
    w.label("input_level", b, level);
  }

  /** See the class comment: the fraction of trials whose RMS error is within the tolerance. */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    double bound = relativeError / Math.sqrt(2);
    return TrialScores.fractionSolved(trials,
        b -> TrialScores.rmsError(trials, outputs, trials.targets(), b, 0, 0, trials.steps()) <= bound);
  }
}
