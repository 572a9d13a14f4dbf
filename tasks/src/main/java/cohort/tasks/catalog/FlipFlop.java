package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The n-bit flip-flop memory (Sussillo &amp; Barak 2013, <i>Opening the black box: low-dimensional dynamics in
 * high-dimensional recurrent neural networks</i>, Neural Computation 25:626; the 3-bit task of Maheswaranathan et
 * al. 2019, <i>Universality and individuality in neural dynamics across large populations of recurrent
 * networks</i>, NeurIPS): each of {@code bits} input channels receives occasional ±1 pulses; the matching output
 * must hold the sign of the last pulse on its channel.
 *
 * <p>Generator: FixedPointFinder's {@code FlipFlopData} (mattgolub/fixed-point-finder,
 * examples/helper/FlipFlopData.py). Defaults from it: 3 bits, 64 steps, a pulse with probability
 * {@code p = 0.5} per step and bit, sign ±1 with probability ½ each, a pulse forced at step 0 on every bit.
 * Target {@code y_k(t)} = sign of the last pulse on channel k at or before t, and 0 before the first pulse (only
 * possible with {@code force-first-pulse=no}). Cohort adds optional input noise ({@code noise}, default 0 as in
 * the source: per-step {@code N(0, noise²)} on every input). Mask 1 everywhere. One step has no physical
 * duration; {@code dtMs()} is 1.
 *
 * <p>Accuracy, per trial: a trial is solved when, for every bit k and at every scored step from the first pulse
 * on channel k on (where the target is ±1), {@code sign(output_k) = target_k} and {@code |output_k| ≥ margin},
 * i.e. {@code output_k · target_k ≥ margin}; accuracy is the fraction of trials solved (trials with no pulse at
 * all, possible only with {@code force-first-pulse=no}, have nothing to score and are left out). Every memory of
 * the trial must be held for its whole duration, so a network that loses one bit once fails that trial, and one
 * that holds too few fixed points (outputs near 0 on some bit pattern) fails the trials that visit the missing
 * patterns; a per-step score would credit both with nearly 1. The default {@code margin = 0.5}, half-way from the
 * decision boundary 0 to the memory levels ±1, is Cohort's choice: the sources judge trained flip-flops by their
 * loss and by eye, not by a score. The target switches in the step of the pulse, as in FlipFlopData, so the
 * output must switch in that step too; discrete-time cells can, and continuous-time cells with a small
 * {@code dt/tau} may need more than one step.
 *
 * <p>Labels per bit k (1-based): {@code final_k} (the state at the last step), {@code flips_k} (number of
 * pulses that changed the state), {@code pulses_k} (number of pulses).
 */
public final class FlipFlop extends AbstractTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("flipflop",
      "hold the sign of the last +-1 pulse on each of n channels (n-bit flip-flop memory)",
      "Sussillo & Barak 2013, Neural Comput. 25:626; Maheswaranathan et al. 2019, NeurIPS; "
          + "generator: FixedPointFinder FlipFlopData.py (Golub)",
      List.of(
          ParameterSpec.integer("bits", 3, 1, 64, "number of independent memory channels (FlipFlopData n_bits)"),
          Specs.steps(64, "FlipFlopData n_time"),
          ParameterSpec.real("pulse-probability", 0.5, 0, 1,
              "probability of a pulse per step and bit (FlipFlopData p)"),
          ParameterSpec.choice("force-first-pulse", "yes", List.of("yes", "no"),
              "whether every bit gets a pulse at step 0 (FlipFlopData: yes)"),
          ParameterSpec.nonNegative("noise", 0, "std of Gaussian noise added to every input per step (source: 0)"),
          Specs.margin(0.5, 1, "a trial is solved when output x target >= margin on every bit at every step after "
              + "its first pulse (Cohort's choice: half-way from 0 to +-1)")));

  private final int bits;
  private final double p;
  private final boolean forceFirst;
  private final double noise;
  private final double margin;
  private final String[][] labels;

  public FlipFlop(TaskParameters params) {
    super(INFO.name(), params, channels("input", params.getInt("bits")), channels("output", params.getInt("bits")),
        1.0, params.getInt("steps"), OutputKind.CONTINUOUS);
    this.bits = params.getInt("bits");
    this.labels = new String[bits][];
    for (int k = 0; k < bits; k++) {
      labels[k] = new String[] {"final_" + (k + 1), "flips_" + (k + 1), "pulses_" + (k + 1)};
    }
    this.p = params.getDouble("pulse-probability");
    this.forceFirst = params.getString("force-first-pulse").equals("yes");
    this.noise = params.getDouble("noise");
    this.margin = params.getDouble("margin");
  }

  private static List<String> channels(String prefix, int n) {
    List<String> names = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      names.add(prefix + "-" + k);
    }
    return names;
  }

  @Override
  void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int steps = steps();
    for (int k = 0; k < bits; k++) {
      int state = 0;
      int flips = 0;
      int pulses = 0;
      for (int t = 0; t < steps; t++) {
        boolean pulse = (t == 0 && forceFirst) || random.nextDouble() < p;
        if (pulse) {
          int sign = random.nextBoolean() ? 1 : -1;
          w.setInput(t, b, k, sign);
          pulses++;
          if (state != sign) {
            flips++;
          }
          state = sign;
        }
        w.setTarget(t, b, k, state);
      }
      w.label(labels[k][0], b, state);
      w.label(labels[k][1], b, flips);
      w.label(labels[k][2], b, pulses);
      w.addNoise(b, k, 0, steps, noise, random);
    }
    w.fillMask(b, 0, steps, 1.0);
  }

  /** See the class comment: the fraction of trials in which every bit is held with the margin. */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    float[] targets = trials.targets();
    float[] mask = trials.mask();
    int scored = 0;
    int solved = 0;
    for (int b = 0; b < trials.batch(); b++) {
      boolean any = false;
      boolean held = true;
      for (int t = 0; t < trials.steps() && held; t++) {
        for (int k = 0; k < trials.outputSize(); k++) {
          int i = trials.outputIndex(t, b, k);
          if (targets[i] != 0 && mask[i] > 0) {
            any = true;
            if (!(outputs[i] * targets[i] >= margin)) {
              held = false;
              break;
            }
          }
        }
      }
      if (any) {
        scored++;
        solved += held ? 1 : 0;
      }
    }
    return TrialScores.fraction(solved, scored);
  }
}
