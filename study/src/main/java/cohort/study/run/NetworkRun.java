package cohort.study.run;

import cohort.study.store.RunOutcome;

import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.topology.TopologyGraph;
import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceNetwork;
import cohort.models.Workspace;
import cohort.study.store.RunOutcome.ProbeActivations;
import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.RunSpec.TrainingChoice;
import cohort.study.spec.StudySpec;
import cohort.study.spec.StudySpec.AnalysisSpec;
import cohort.io.TrainingRun;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import cohort.training.RandomStreams;
import cohort.training.Trainer;
import cohort.training.TrainingResult;
import cohort.training.TrainingSpec;
import cohort.training.loss.LossKind;
import cohort.training.optim.OptimizerKind;
import cohort.training.optim.Schedule;
import cohort.study.timing.PhaseTimes;
import cohort.study.dynamics.InputAnalysis;
import cohort.study.dynamics.Measurement;
import cohort.study.dynamics.RunMeasure;
import cohort.study.dynamics.RunMeasures;
import cohort.tasks.ConstantInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generates, trains and analyses the network of one grid cell, on the calling thread.
 *
 * <p>Order of work: build the task and the network (initialised from the run seed); record the untrained
 * network's activations on the study's probe trials and the eigenvalues of its recurrent matrix when asked; train; judge it against the study's success
 * criterion for its task; record the trained activations; eigenvalues of the recurrent matrix; then, at each of
 * the task's constant analysis inputs ({@link cohort.tasks.Task#analysisInputs()}: zero for the flip-flop, each
 * frequency cue of the sine generator, each context of the integrator), the fixed points searched from states of
 * the network's own trajectories on the probe trials, from the states that input alone drives it through, and
 * from where it settles there ({@link NetworkAnalysis#fixedPoints}), with their topology graph; finally the task's
 * measures of that structure ({@link RunMeasures}). A run whose training diverged keeps its training record
 * and skips the analyses.
 *
 * <p>The probe trials depend only on the study seed and the task label, so every network of a task sees the same
 * trials and their activations can be compared row by row.
 */
public final class NetworkRun {

  /** Purpose id of the probe-trial stream (distinct from the trainer's purposes). */
  static final long PROBE_PURPOSE = 101;
  /** Purpose id of the fixed-point starts. */
  static final long FIXED_POINT_PURPOSE = 102;

  private final StudySpec study;
  private final TaskRegistry tasks;
  private final String host;

  public NetworkRun(StudySpec study, TaskRegistry tasks, String host) {
    this.study = study;
    this.tasks = tasks;
    this.host = host;
  }

  /** Runs {@code run} to completion (or failure) and returns everything it produced. */
  public RunOutcome execute(RunSpec run) {
    long started = System.currentTimeMillis() / 1000;
    long startNanos = System.nanoTime();
    Task task = tasks.create(run.task().name(), run.task().params());
    NetworkSpec networkSpec = networkSpec(run, task);
    TrainingSpec trainingSpec = trainingSpec(run.training(), run.seed());
    InitKind input = inputInit(run);
    TrainingRun provenance = new TrainingRun(task.name(), task.parameters(), networkSpec, trainingSpec, input);
    Network network = Trainer.initialize(networkSpec, run.seed(), input);
    if (networkSpec.dale() && !run.init().daleBalance()) {
      withoutDaleBalance(network);
    }

    AnalysisSpec analysis = study.analysis();
    PhaseTimes.Span probing = PhaseTimes.GLOBAL.thread(PROBES);
    TrialBatch probe = analysis.probeTrials() > 0 || analysis.fixedPoints() ? probe(task, run) : null;
    float[] untrained = analysis.untrained() && analysis.probeTrials() > 0 ? hidden(network, probe) : null;
    NetworkAnalysis.RecurrentSpectrum untrainedSpectrum = analysis.untrained() && analysis.spectrum()
        ? NetworkAnalysis.spectrum(network.reference()) : null;
    probing.close();

    TrainingResult result;
    try (PhaseTimes.Span training = PhaseTimes.GLOBAL.thread(TRAINING)) {
      result = new Trainer(trainingSpec).train(network, task);
    }
    double threshold = analysis.successFor(run.task().label());
    String criterion = "validation accuracy (fraction of trials solved) >= " + threshold;
    if (result.status() == TrainingResult.Status.FAILED) {
      return new RunOutcome(run, provenance, network, result, List.of(), null, null, null, List.of(), false, criterion,
          null, host, started, System.currentTimeMillis() / 1000, (System.nanoTime() - startNanos) / 1e9);
    }
    boolean solved = result.finalValidationAccuracy() >= threshold;
    probing = PhaseTimes.GLOBAL.thread(PROBES);
    ProbeActivations activations = analysis.probeTrials() > 0
        ? new ProbeActivations(probe.steps(), probe.batch(), networkSpec.hidden(), hidden(network, probe), untrained)
        : null;

    ReferenceNetwork reference = network.reference();
    NetworkAnalysis.RecurrentSpectrum spectrum = analysis.spectrum() ? NetworkAnalysis.spectrum(reference) : null;
    probing.close();
    PhaseTimes.Span searching = PhaseTimes.GLOBAL.thread(FIXED_POINTS);
    List<InputAnalysis> inputs = new ArrayList<>();
    List<Measurement> measures = new ArrayList<>();
    if (analysis.fixedPoints()) {
      List<ConstantInput> chosen = evenlySpaced(task.analysisInputs(), analysis.inputLevels());
      int perInput = Math.max(MIN_STARTS_PER_INPUT, analysis.initialStates() / chosen.size());
      RandomGenerator random = RandomStreams.of(run.seed(), FIXED_POINT_PURPOSE);
      for (ConstantInput in : chosen) {
        double[] driven = NetworkAnalysis.drivenStates(reference, probe, in.values(), task.steps(), task.steps(),
            Math.max(1, task.steps() / DRIVEN_STATES_PER_TRIAL));
        FixedPointSet points = NetworkAnalysis.fixedPoints(reference, probe, in.values(), perInput,
            analysis.startNoise(), driven, random);
        TopologyGraph topology = analysis.topology() ? NetworkAnalysis.topology(reference, points) : null;
        inputs.add(new InputAnalysis(in, points, topology, driven));
      }
    }
    for (RunMeasure m : RunMeasures.forTask(task.name())) {
      if (analysis.fixedPoints() || !m.needsFixedPoints()) {
        measures.add(measureSafely(m, reference, task, inputs));
      }
    }
    searching.close();
    return new RunOutcome(run, provenance, network, result, inputs,
        spectrum == null ? null : spectrum.spectrum(), spectrum == null ? null : spectrum.matrix(),
        spectrum == null || untrainedSpectrum == null ? null : untrainedSpectrum.spectrum(), measures,
        solved, criterion, activations, host, started, System.currentTimeMillis() / 1000,
        (System.nanoTime() - startNanos) / 1e9);
  }

  /**
   * A measure that cannot handle this network (its points do not lend themselves to it) is recorded as not holding,
   * with the reason, instead of failing a run that trained well.
   */
  static Measurement measureSafely(RunMeasure m, ReferenceNetwork reference, Task task, List<InputAnalysis> inputs) {
    try {
      return m.measure(reference, task, inputs);
    } catch (RuntimeException e) {
      return new Measurement(m.name(), false, java.util.Map.of("ok", 0, "error",
          e.getClass().getSimpleName() + ": " + e.getMessage()), java.util.Map.of());
    }
  }

  /** The initialiser the run's input weights start from, or {@code null} for the default ({@code init.input}). */
  static InitKind inputInit(RunSpec run) {
    return run.init().input() == null ? null : InitKind.parse(run.init().input());
  }

  /**
   * Undoes the excitation-inhibition balance of a Dale network's initial recurrent weights (in place): {@link
   * Network#initialize} scales the weights of the inhibitory units (rows {@code k ≥ N_E} of {@code W_rec}) by
   * {@code N_E/N_I}, as PsychRNN's {@code balance_dale_ratio}; this divides them by it again, so that every unit's
   * outgoing weights start with the same scale, as in Jarne's excitatory-inhibitory networks (Keras SimpleRNN whose
   * wrong-sign weights are zeroed, no balancing). {@code NetworkRunTest} checks the row scales, so a change of the
   * models' Dale start is caught.
   */
  static void withoutDaleBalance(Network network) {
    NetworkSpec spec = network.spec();
    int n = spec.hidden();
    int e = spec.excitatoryUnits();
    if (e <= 0 || e >= n) {
      return;
    }
    cohort.models.ParameterBlock w = network.block("W_rec");
    float[] p = network.parameters();
    float balance = (float) e / (n - e);
    for (int k = e; k < n; k++) {
      for (int j = 0; j < n; j++) {
        p[w.index(k, j)] /= balance;
      }
    }
  }

  /** Names of the per-network phases in {@link PhaseTimes}. */
  static final String TRAINING = "runs > training";
  static final String PROBES = "runs > probe activations and spectra (untrained and trained)";
  static final String FIXED_POINTS = "runs > fixed points, topology and measures";

  /** The fewest fixed-point starts drawn per analysed input, however many inputs share the study's budget. */
  static final int MIN_STARTS_PER_INPUT = 16;

  /** States kept per probe trial (and from rest) along the trajectory a constant input drives. */
  static final int DRIVEN_STATES_PER_TRIAL = 25;

  /**
   * {@code max} of {@code all}, evenly spaced and including the first and the last (all of them when {@code max}
   * is 0 or at least their number).
   */
  static <T> List<T> evenlySpaced(List<T> all, int max) {
    int n = all.size();
    if (max <= 0 || max >= n) {
      return all;
    }
    if (max == 1) {
      return List.of(all.get(0));
    }
    List<T> out = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      out.add(all.get((int) Math.round((double) i * (n - 1) / (max - 1))));
    }
    return out;
  }

  /** The network spec of a run; α applies to continuous-time cells only (discrete cells step with α = 1). */
  static NetworkSpec networkSpec(RunSpec run, Task task) {
    Cell arch = CellRegistry.standard().parse(run.architecture());
    return new NetworkSpec(arch, Activation.parse(run.activation()), task.inputSize(), run.units(),
        task.outputSize(), InitKind.parse(run.init().kind()), run.init().gain(),
        arch.continuousTime() ? run.alpha() : 1.0, run.recurrentNoise(), run.excitatoryFraction(),
        arch.hasRank() ? run.rank() : 0);
  }

  /**
   * The training spec of a run. {@code target_accuracy} passes through unchanged, with the one meaning it has on
   * {@code cohort train} and in {@link TrainingSpec}: A in (0, 1] stops at the first validation whose accuracy is
   * at least A, 0 never stops.
   */
  static TrainingSpec trainingSpec(TrainingChoice t, long seed) {
    return new TrainingSpec(t.iterations(), t.batch(), t.learningRate(), OptimizerKind.parse(t.optimizer()),
        t.clip(), t.weightL2(), t.rateL2(), schedule(t.lrDecay(), t.iterations()), 0, t.targetAccuracy(),
        0, t.validateEvery(), t.validationBatches(), LossKind.parse(t.loss()), seed, t.rollbacks());
  }

  /**
   * The learning-rate schedule that ends at {@code decay} times the first rate after {@code iterations} updates:
   * {@code lr_i = lr · decay^(i / iterations)}; constant for {@code decay = 1}.
   */
  static Schedule schedule(double decay, int iterations) {
    return decay >= 1 ? Schedule.constant() : Schedule.exponential(Math.pow(decay, 1.0 / iterations));
  }

  /** The study's probe trials of this run's task: the same for every run of the task. */
  private TrialBatch probe(Task task, RunSpec run) {
    int trials = Math.max(study.analysis().probeTrials(), 8);
    RandomGenerator random = RandomStreams.of(Grid.runSeed(study.seed(), "probe:" + run.task().label()),
        PROBE_PURPOSE);
    return task.sample(trials, random);
  }

  /** Hidden states {@code [T][B][N]} of the fast network on {@code batch}, without noise. */
  private static float[] hidden(Network network, TrialBatch batch) {
    Workspace ws = network.workspace(batch.steps(), batch.batch());
    network.forward(batch.inputs(), batch.steps(), batch.batch(), ws);
    return Arrays.copyOf(ws.hidden(), batch.steps() * batch.batch() * network.spec().hidden());
  }
}
