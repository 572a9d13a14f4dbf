package cohort.tasks.catalog;

import cohort.tasks.ConstantInput;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Context-dependent integration (Maheswaranathan et al. 2019, NeurIPS, Fig. 3: "one of two streams of
 * white-noise input is contextually selected by a one-hot static context input to be integrated"; after Mante,
 * Sussillo, Shenoy &amp; Newsome 2013).
 *
 * <p>Generator: Computation-Through-Dynamics (google-research/computation-thru-dynamics,
 * experimental/contextual_integrator_rnn_tutorial/integrator.py, {@code build_input_and_target_pure_integration}),
 * defaults from its integrator tutorial: T = 1, 25 steps ({@code dt = T/steps = 0.04}), {@code bval = 0.01},
 * {@code sval = 0.025}. Per trial and stream m ∈ {1, 2}: a bias {@code bias·2·(N(0,1) − ½)} (sic: a Gaussian,
 * as in the source); per step {@code x_m(t) = bias_m + (noise/√dt)·N(0, 1)}. A context c ∈ {1, 2} is drawn
 * with probability ½ and input {@code context-c} is 1 on every step. Target
 * {@code y(t) = Σ_{s≤t} x_c(s)} (the source leaves out the factor dt on purpose, to keep outputs O(1)). Mask 1
 * everywhere. {@code dtMs()} is {@code 1000·dt}, reading the source's T = 1 as one second.
 *
 * <p>Accuracy, per trial: a trial is solved when (i) the RMS of {@code output − target} over the trial's scored
 * steps is at most {@code relative-error · S}, where {@code S = √(T·σ² + 5·T²·bias²)} is the root-mean-square
 * of the final integral over the task's trials (T steps, per-step noise σ = {@code noise/√dt}; the bias term is
 * {@code E[(bias·2·(N(0,1) − ½))²] = 5·bias²}), and (ii) the output's sign at the last scored step equals the
 * sign of the final integral whenever that integral is larger than the tolerance {@code relative-error · S}
 * (the decision a Mante-style readout makes, scored whenever the evidence is clear). Accuracy is the fraction of
 * trials solved. The sign alone, used before, credits a network that integrates both streams, ignoring the
 * context, with about 0.76; under this criterion it solves about 6 % of trials. The default 0.2 is Cohort's
 * choice (the sources judge trained integrators by their loss): it also fails most trials of a leaky integrator
 * whose time constant is the trial's length (about 68 % solved) and passes a perfect integrator with output
 * noise of 0.05.
 *
 * <p>Labels: {@code context} (1 or 2, the stream to integrate), {@code bias_1}, {@code bias_2},
 * {@code final_integral} (the target at the last step).
 */
public final class ContextIntegration extends AbstractTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("context-integration",
      "integrate the one of two white-noise streams that a one-hot context input selects",
      "Maheswaranathan et al. 2019, NeurIPS, Fig. 3; Mante et al. 2013, Nature 503:78; "
          + "generator: Computation-Through-Dynamics integrator tutorial (Sussillo)",
      List.of(
          Specs.steps(25, "CTD integrator tutorial ntimesteps"),
          ParameterSpec.positive("dt", 0.04, "time step as a fraction of the trial duration T = 1 (CTD: T/ntimesteps)"),
          ParameterSpec.nonNegative("bias", 0.01, "scale of the per-trial stream bias, bias*2*(N(0,1)-1/2) (CTD bval)"),
          ParameterSpec.nonNegative("noise", 0.025, "white-noise scale; per-step std = noise/sqrt(dt) (CTD sval)"),
          Specs.relativeError(0.2, "a trial is solved when RMS(output - target) <= relative-error x the RMS final "
              + "integral, and the final sign is right where the integral exceeds that (Cohort's choice)")));

  private final double biasScale;
  private final double sigmaPerStep;
  /** relative-error · S: the RMS error a solved trial may have (see the class comment). */
  private final double tolerance;

  public ContextIntegration(TaskParameters p) {
    super(INFO.name(), p, List.of("stream-1", "stream-2", "context-1", "context-2"), List.of("integral"),
        1000 * p.getDouble("dt"), p.getInt("steps"), OutputKind.CONTINUOUS);
    this.biasScale = p.getDouble("bias");
    this.sigmaPerStep = p.getDouble("noise") / Math.sqrt(p.getDouble("dt"));
    int steps = p.getInt("steps");
    this.tolerance = p.getDouble("relative-error")
        * Math.sqrt(steps * sigmaPerStep * sigmaPerStep + 5.0 * steps * steps * biasScale * biasScale);
  }

  /**
   * The two context cues with no evidence ({@code context-c} = 1, both streams 0): at each, a trained integrator
   * holds its integral on an approximate line attractor (Mante et al. 2013; Maheswaranathan et al. 2019, Fig. 3).
   */
  @Override
  public List<ConstantInput> analysisInputs() {
    return List.of(
        new ConstantInput("context-1", new double[] {0, 0, 1, 0}, java.util.Map.of("context", 1.0)),
        new ConstantInput("context-2", new double[] {0, 0, 0, 1}, java.util.Map.of("context", 2.0)));
  }

  @Override
  void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int steps = steps();
    double[] bias = {
      biasScale * 2 * (random.nextGaussian() - 0.5), biasScale * 2 * (random.nextGaussian() - 0.5)
    };
    for (int m = 0; m < 2; m++) {
      w.fillInput(b, m, 0, steps, bias[m]);
      w.addNoise(b, m, 0, steps, sigmaPerStep, random);
    }
    int c = random.nextInt(2);
    w.fillInput(b, 2 + c, 0, steps, 1.0);
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      sum += w.inputs[(t * w.batch + b) * 4 + c];
      w.setTarget(t, b, 0, sum);
    }
    w.fillMask(b, 0, steps, 1.0);
    w.label("context", b, c + 1);
    w.label("bias_1", b, bias[0]);
    w.label("bias_2", b, bias[1]);
    w.label("final_integral", b, (float) sum);
  }

  /** See the class comment: the fraction of trials that track the integral and end on the right side of 0. */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    return TrialScores.fractionSolved(trials, b -> tracks(trials, outputs, b));
  }

  /** Whether trial {@code b} tracks the integral within the tolerance and ends on the right side of 0. */
  private boolean tracks(TrialBatch trials, float[] outputs, int b) {
    float[] targets = trials.targets();
    float[] mask = trials.mask();
    boolean right = TrialScores.rmsError(trials, outputs, targets, b, 0, 0, trials.steps()) <= tolerance;
    int last = trials.steps() - 1;
    while (last > 0 && mask[trials.outputIndex(last, b, 0)] <= 0) {
      last--;
    }
    float target = targets[trials.outputIndex(last, b, 0)];
    if (right && Math.abs(target) > tolerance) {
      right = Math.signum(outputs[trials.outputIndex(last, b, 0)]) == Math.signum(target);
    }
    return right;
  }
}
