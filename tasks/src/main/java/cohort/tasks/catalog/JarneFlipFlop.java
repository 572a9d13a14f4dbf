package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.stream.IntStream;
import java.util.random.RandomGenerator;

/**
 * Jarne's 1-bit flip-flop (set/reset memory): pulses arrive on a "reset" or a "set" input; after a short gap the
 * output must hold 0 after a reset and 1 after a set, until the next pulse.
 *
 * <p>Source: katejarne/RNN_study_with_keras {@code generate_data_set.py} (Jarne &amp; Laje 2019,
 * arXiv:1906.01094). Defaults from the source (1 step = 1 ms): 8 turns, input_wait 50, stim_dur 20,
 * quiet_gap 100, mem_gap 20 (the generator's own call), noise 0.1, target baseline 0.01. Turn i (0-based) has its
 * pulse on {@code [W + i·(S+Q), W + i·(S+Q) + S)} on a channel drawn uniformly (0 = reset, 1 = set); the target
 * is {@code baseline} until {@code W + S + G} and, from the end of pulse i plus G to the end of pulse i+1 plus G,
 * the channel index of pulse i. The trial lasts {@code W + n·(S+Q)} (1010 steps). Every input gets per-step
 * {@code N(0, noise²)}. Mask 1 everywhere. Durations convert to steps as {@code floor(ms/dt)}.
 *
 * <p>Accuracy, per trial: a trial is solved when the output holds the target's level at every step of the trial,
 * with a margin: at least {@code 0.5 + margin} where the target is 1 (after a set) and at most
 * {@code 0.5 − margin} where it is 0 or the baseline (after a reset, and before the first response onset), except
 * within {@code settle} ms either side of each step where the target changes level, where the output may switch a
 * little early or late. Accuracy is the fraction of trials solved. Every one of the trial's memories must be held
 * for its whole duration, so a network that loses one state, or drifts towards 0.5, fails the trial (the per-step
 * score used before credited it with nearly 1). The source judges trained networks by their loss and by eye; the
 * defaults are Cohort's choice, as in the Boolean tasks: {@code margin = 0.25}, half-way from the boundary 0.5 to
 * the levels 0 and 1, and {@code settle = 10} ms, half the source's memory gap.
 *
 * <p>Labels: {@code pulse_1..pulse_n} (0 = reset, 1 = set), {@code final_state}, {@code response_start}.
 */
public final class JarneFlipFlop extends AbstractTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("flipflop1",
      "hold 1 after a 'set' pulse and 0 after a 'reset' pulse (1-bit set/reset memory)",
      "Jarne & Laje 2019, arXiv:1906.01094; katejarne/RNN_study_with_keras generate_data_set.py",
      Specs.jarneLevels("target before the first response",
          ParameterSpec.integer("turns", 8, 1, 1000, "number of set/reset pulses (Jarne nturns)"),
          Specs.periodMs("input-wait", 50, "time before the first pulse (Jarne input_wait)"),
          Specs.periodMs("stimulus", 20, "pulse duration (Jarne stim_dur)"),
          Specs.periodMs("quiet", 100, "quiet time after each pulse (Jarne quiet_gap)"),
          Specs.periodMs("mem-gap", 20, "delay of the output after each pulse end (Jarne mem_gap)")));

  private final int turns;
  private final int wait;
  private final int stim;
  private final int quiet;
  private final int gap;
  private final double noise;
  private final double baseline;
  private final double margin;
  private final int settle;
  private final List<String> pulseLabels;

  public JarneFlipFlop(TaskParameters p) {
    super(INFO.name(), p, List.of("reset", "set"), List.of("state"), p.getDouble("dt"), totalSteps(p),
        OutputKind.CONTINUOUS);
    double dt = dtMs();
    this.turns = p.getInt("turns");
    this.pulseLabels = IntStream.rangeClosed(1, turns).mapToObj(i -> "pulse_" + i).toList();
    this.wait = Duration.floorSteps(p.getDouble("input-wait"), dt);
    this.stim = Duration.floorSteps(p.getDouble("stimulus"), dt);
    this.quiet = Duration.floorSteps(p.getDouble("quiet"), dt);
    this.gap = Duration.floorSteps(p.getDouble("mem-gap"), dt);
    this.noise = p.getDouble("noise");
    this.baseline = p.getDouble("baseline");
    this.margin = p.getDouble("margin");
    this.settle = Duration.floorSteps(p.getDouble("settle"), dt);
    if (stim < 1) {
      throw new IllegalArgumentException("task '" + name() + "': stimulus = " + p.getString("stimulus")
          + " ms is shorter than one step; accepted: stimulus >= dt");
    }
    if (wait + stim + gap >= steps()) {
      throw new IllegalArgumentException("task '" + name() + "': mem-gap = " + p.getString("mem-gap")
          + " ms leaves no response before the trial ends; accepted: mem-gap < turns x (stimulus + quiet) - stimulus");
    }
  }

  private static int totalSteps(TaskParameters p) {
    double dt = p.getDouble("dt");
    return Duration.floorSteps(p.getDouble("input-wait"), dt) + p.getInt("turns")
        * (Duration.floorSteps(p.getDouble("stimulus"), dt) + Duration.floorSteps(p.getDouble("quiet"), dt));
  }

  @Override
  void writeTrial(TrialWriter w, int b, RandomGenerator random) {
    int steps = steps();
    int turn = stim + quiet;
    w.fillTarget(b, 0, 0, Math.min(steps, wait + stim + gap), baseline);
    int state = 0;
    for (int i = 0; i < turns; i++) {
      int channel = random.nextInt(2);
      int in = wait + i * turn;
      w.fillInput(b, channel, in, in + stim, 1.0);
      int from = Math.min(steps, in + stim + gap);
      int to = Math.min(steps, in + turn + stim + gap);
      w.fillTarget(b, 0, from, to, channel);
      w.label(pulseLabels.get(i), b, channel);
      state = channel;
    }
    w.addNoise(b, 0, 0, steps, noise, random);
    w.addNoise(b, 1, 0, steps, noise, random);
    w.fillMask(b, 0, steps, 1.0);
    w.label("final_state", b, state);
    w.label("response_start", b, wait + stim + gap);
  }

  /** See the class comment: the fraction of trials whose output holds every state at every step. */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    return TrialScores.fractionSolved(trials, b -> TrialScores.holdsLevels(trials, outputs, b, 0, margin, settle));
  }
}
