package cohort.study.run;

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
import cohort.study.run.RunOutcome.ProbeActivations;
import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.RunSpec.TrainingChoice;
import cohort.study.spec.StudySpec;
import cohort.study.spec.StudySpec.AnalysisSpec;
import cohort.study.store.TrainingRun;
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
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Generates, trains and analyses the network of one grid cell, on the calling thread.
 *
 * <p>Order of work: build the task and the network (initialised from the run seed); record the untrained
 * network's activations on the study's probe trials when asked; train; record the trained activations; find
 * fixed points from states of the network's own trajectories on the probe trials at zero input and from where
 * it settles at zero input ({@link NetworkAnalysis#fixedPoints}); eigenvalues of the recurrent matrix; the
 * fixed-point topology graph. A run whose training diverged keeps its training record
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
    TrainingRun provenance = new TrainingRun(task.name(), task.parameters(), networkSpec, trainingSpec);
    Network network = Trainer.initialize(networkSpec, run.seed());

    AnalysisSpec analysis = study.analysis();
    TrialBatch probe = analysis.probeTrials() > 0 || analysis.fixedPoints() ? probe(task, run) : null;
    float[] untrained = analysis.untrained() && analysis.probeTrials() > 0 ? hidden(network, probe) : null;

    TrainingResult result = new Trainer(trainingSpec).train(network, task);
    if (result.status() == TrainingResult.Status.FAILED) {
      return new RunOutcome(run, provenance, network, result, null, null, null, null, null, host, started,
          System.currentTimeMillis() / 1000, (System.nanoTime() - startNanos) / 1e9);
    }
    ProbeActivations activations = analysis.probeTrials() > 0
        ? new ProbeActivations(probe.steps(), probe.batch(), networkSpec.hidden(), hidden(network, probe), untrained)
        : null;

    ReferenceNetwork reference = network.reference();
    NetworkAnalysis.RecurrentSpectrum spectrum = analysis.spectrum() ? NetworkAnalysis.spectrum(reference) : null;
    FixedPointSet points = null;
    TopologyGraph topology = null;
    if (analysis.fixedPoints()) {
      points = NetworkAnalysis.fixedPoints(reference, probe, new double[networkSpec.inputs()],
          analysis.initialStates(), analysis.startNoise(), RandomStreams.of(run.seed(), FIXED_POINT_PURPOSE));
      if (analysis.topology()) {
        topology = NetworkAnalysis.topology(reference, points);
      }
    }
    return new RunOutcome(run, provenance, network, result, points,
        spectrum == null ? null : spectrum.spectrum(), spectrum == null ? null : spectrum.matrix(), topology,
        activations, host, started, System.currentTimeMillis() / 1000, (System.nanoTime() - startNanos) / 1e9);
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
        t.clip(), t.weightL2(), t.rateL2(), Schedule.constant(), 0, t.targetAccuracy(),
        0, t.validateEvery(), t.validationBatches(), LossKind.parse(t.loss()), seed);
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
