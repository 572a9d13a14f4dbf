package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.random.RandomGenerator;

/**
 * Jarne's Boolean tasks on noisy pulses (AND, OR, XOR, NOT), one task per {@link Gate}, from
 * katejarne/RNN_study_with_keras {@code generate_data_set_{and,or,xor,not}.py} (Jarne &amp; Laje 2019, arXiv:1906.01094, <i>Graceful
 * degradation of recurrent neural networks as a function of network size, memory length, and connectivity
 * damage</i>).
 *
 * <p>One step is {@code dt} ms (source: 1 ms). Each input channel carries a pulse of amplitude 0 or 1 over
 * {@code [onset, onset + stimulus)} (source: 30 and 20 ms); the trial type (the pulse amplitudes) is drawn
 * uniformly. The target is {@code baseline} (source: 0.01) before {@code onset + stimulus + mem-gap} (source
 * mem_gap 20 ms) and the gate's truth value (0 or 1) from there to the end; the trial lasts
 * {@code onset + stimulus + mem-gap + tail} (source out_gap 130 ms: 200 steps). Every input gets per-step
 * {@code N(0, noise²)} (source: 0.1; active in XOR and NOT, commented out in the AND and OR generators, where
 * Cohort keeps it at 0.1 for uniformity, Jarne's "10 % input noise"). Noise is per step, not rescaled with dt.
 * Mask 1 everywhere (the source's sample weights are all ones).
 *
 * <p>Accuracy, per trial: a trial is solved when the output holds the target's level at every step of the trial,
 * with a margin: at most {@code 0.5 − margin} wherever the target is low (the baseline before the response onset,
 * and the whole response window for truth 0) and at least {@code 0.5 + margin} wherever it is high (the response
 * window for truth 1), except within {@code settle} ms either side of the response onset of a truth-1 trial, where
 * the output may switch a little early or late. Accuracy is the fraction of trials solved. The network must thus
 * stay silent through the pulses and the memory gap and then give the answer for the whole response window: an
 * output that drifts back towards 0.5, answers only late in the window, or answers during the gap fails the trial
 * (the mean over the window, used before, passed all of these). The source judges trained networks by their loss
 * and by eye; the defaults are Cohort's choice: {@code margin = 0.25}, half-way from the boundary 0.5 to the
 * levels 0 and 1 (as the flip-flop's 0.5 is half-way to ±1), and {@code settle = 10} ms, half the source's
 * memory gap.
 *
 * <p>Labels: {@code input_a} (and {@code input_b} for two inputs), pulse amplitudes 0/1; {@code truth};
 * {@code stimulus_start} and {@code response_start} (steps).
 */
public final class LogicGateTask extends AbstractTask {

  /** A gate: its registry name, its number of inputs and its truth function (the tasks differ in nothing else). */
  public enum Gate {
    /** {@code and}: a AND b. */
    AND("and", 2, "a AND b of two noisy 0/1 input pulses", (a, b) -> a & b),
    /** {@code or}: a OR b. */
    OR("or", 2, "a OR b of two noisy 0/1 input pulses", (a, b) -> a | b),
    /** {@code xor}: a XOR b. */
    XOR("xor", 2, "a XOR b of two noisy 0/1 input pulses", (a, b) -> a ^ b),
    /** {@code not}: NOT a (one input). */
    NOT("not", 1, "NOT of one noisy 0/1 input pulse", (a, b) -> 1 - a);

    private final TaskInfo info;
    private final int arity;
    private final IntBinaryOperator truth;

    Gate(String name, int arity, String output, IntBinaryOperator truth) {
      this.info = new TaskInfo(name, "after a memory gap, output " + output,
          "Jarne & Laje 2019, arXiv:1906.01094; katejarne/RNN_study_with_keras generate_data_set_" + name + ".py",
          specs());
      this.arity = arity;
      this.truth = truth;
    }

    /** Registry entry. */
    public TaskInfo info() {
      return info;
    }

    /** The task of this gate with parameters {@code p}. */
    public LogicGateTask create(TaskParameters p) {
      return new LogicGateTask(this, p);
    }
  }

  private final Gate gate;
  private final int arity;
  private final int stimulusStart;
  private final int stimulusEnd;
  private final int responseStart;
  private final double noise;
  private final double baseline;
  private final double margin;
  private final int settle;

  private LogicGateTask(Gate gate, TaskParameters p) {
    super(gate.info.name(), p, gate.arity == 1 ? List.of("input-a") : List.of("input-a", "input-b"),
        List.of("output"), p.getDouble("dt"), totalSteps(p), OutputKind.CONTINUOUS);
    this.gate = gate;
    this.arity = gate.arity;
    double dt = dtMs();
    this.stimulusStart = Duration.floorSteps(p.getDouble("onset"), dt);
    this.stimulusEnd = Duration.floorSteps(p.getDouble("onset") + p.getDouble("stimulus"), dt);
    this.responseStart = Duration.floorSteps(p.getDouble("onset") + p.getDouble("stimulus") + p.getDouble("mem-gap"), dt);
    this.noise = p.getDouble("noise");
    this.baseline = p.getDouble("baseline");
    this.margin = p.getDouble("margin");
    this.settle = Duration.floorSteps(p.getDouble("settle"), dt);
    if (stimulusEnd <= stimulusStart) {
      throw new IllegalArgumentException("task '" + name() + "': stimulus = " + p.getString("stimulus")
          + " ms is shorter than one step; accepted: stimulus >= dt");
    }
    if (steps() <= responseStart) {
      throw new IllegalArgumentException("task '" + name() + "': tail = " + p.getString("tail")
          + " ms leaves no response window; accepted: tail >= dt");
    }
  }

  private static List<ParameterSpec> specs() {
    return Specs.jarneLevels("target before the response onset",
        Specs.periodMs("onset", 30, "start of the input pulses (Jarne first_in)"),
        Specs.periodMs("stimulus", 20, "pulse duration (Jarne stim_dur)"),
        Specs.periodMs("mem-gap", 20, "delay from pulse end to response onset (Jarne mem_gap)"),
        Specs.periodMs("tail", 130, "response duration after the gap (Jarne out_gap)"));
  }

  private static int totalSteps(TaskParameters p) {
    return Duration.floorSteps(p.getDouble("onset") + p.getDouble("stimulus") + p.getDouble("mem-gap")
        + p.getDouble("tail"), p.getDouble("dt"));
  }

  @Override
  void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int steps = steps();
    int type = random.nextInt(1 << arity);
    int a = type & 1;
    int bb = arity == 2 ? (type >> 1) & 1 : 0;
    int y = gate.truth.applyAsInt(a, bb);
    w.fillInput(b, 0, stimulusStart, stimulusEnd, a);
    if (arity == 2) {
      w.fillInput(b, 1, stimulusStart, stimulusEnd, bb);
    }
    for (int d = 0; d < arity; d++) {
      w.addNoise(b, d, 0, steps, noise, random);
    }
    w.fillTarget(b, 0, 0, responseStart, baseline);
    w.fillTarget(b, 0, responseStart, steps, y);
    w.fillMask(b, 0, steps, 1.0);
    w.label("input_a", b, a);
    if (arity == 2) {
      w.label("input_b", b, bb);
    }
    w.label("truth", b, y);
    w.label("stimulus_start", b, stimulusStart);
    w.label("response_start", b, responseStart);
  }

  /** See the class comment: the fraction of trials whose output holds the target's level at every step. */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    return TrialScores.fractionSolved(trials, b -> TrialScores.holdsLevels(trials, outputs, b, 0, margin, settle));
  }
}
