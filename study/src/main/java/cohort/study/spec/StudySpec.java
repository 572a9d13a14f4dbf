package cohort.study.spec;

import cohort.analysis.similarity.Metric;
import java.util.List;
import java.util.Map;

/**
 * A study: a grid of (task × architecture × activation × size × initialisation × constraint × seed ×
 * training hyper-parameters), what to analyse in each trained network, and which population comparisons to
 * compute. Read and checked whole by {@link SpecReader}; expanded into runs by {@link Grid}.
 *
 * @param name a short name, used in file names and reports
 * @param seed the study seed from which every run's seeds derive
 * @param grid the network and task axes
 * @param training the training axes (each a list; one value means no sweep)
 * @param analysis what is computed on each network
 * @param comparisons what is computed across networks
 * @param replication the source work whose findings the study computes ({@code cohort.study.findings.Replications});
 *     empty for none
 * @param canonicalJson the whole spec as canonical JSON (defaults filled in), stored as provenance
 */
public record StudySpec(
    String name,
    long seed,
    GridSpec grid,
    TrainingGrid training,
    AnalysisSpec analysis,
    ComparisonSpec comparisons,
    String replication,
    String canonicalJson) {

  /**
   * A task and its parameter overrides; {@code label} names it in run ids (the task name unless repeated).
   *
   * @param params the overrides as the spec wrote them, as text (what {@code TaskRegistry.create} takes)
   * @param typedParams the same overrides with the types the task declares (integers, numbers, text), for the
   *     stored spec: {@code "bits": 3}, not {@code "bits": "3"}
   */
  public record TaskChoice(String label, String name, Map<String, String> params, Map<String, Object> typedParams) {
    public TaskChoice {
      params = Map.copyOf(params);
      typedParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(typedParams));
    }
  }

  /**
   * An initialiser of the recurrent weights and its gain.
   *
   * @param daleBalance under Dale's law, whether the inhibitory weights start scaled by N_E/N_I so that expected
   *     excitation and inhibition balance (PsychRNN's {@code balance_dale_ratio}; Cohort's default); {@code false}
   *     starts them like the excitatory ones, as Jarne's excitatory-inhibitory networks do (ignored without Dale)
   * @param input the initialiser of the input weights {@code W_in} (gain 1), an {@code InitKind} id such as
   *     {@code glorot} (Keras' {@code glorot_uniform}, Jarne's), or {@code null} for the default of
   *     {@code InitOptions.defaults} ({@code N(0, 1/I)}; PyTorch's uniform under {@code init: uniform})
   */
  public record InitChoice(String kind, double gain, boolean daleBalance, String input) {

    /** An initialiser with the default (balanced) Dale start and the default input weights. */
    public InitChoice(String kind, double gain) {
      this(kind, gain, true, null);
    }

    /** An initialiser with the default input weights. */
    public InitChoice(String kind, double gain, boolean daleBalance) {
      this(kind, gain, daleBalance, null);
    }
  }

  /**
   * Grid cells left out of a study: a run is left out when, for every axis named, its value is one of the listed
   * ones (e.g. {@code {architecture: [lstm, gru], activation: relu}} drops gated ReLU networks from a crossed grid).
   *
   * @param values per axis ({@link #AXES}), the values as the run id spells them (task label, architecture,
   *     activation, units, init kind or its run-id label such as {@code orthogonal0.5}, Dale fraction)
   */
  public record Exclusion(Map<String, List<String>> values) {

    /** The axes an exclusion may name. */
    public static final List<String> AXES = List.of("task", "architecture", "activation", "units", "init", "dale");

    public Exclusion {
      Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
      values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      values = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether the run with these axis values is left out. */
    public boolean matches(Map<String, String> run) {
      for (Map.Entry<String, List<String>> e : values.entrySet()) {
        boolean init = e.getKey().equals("init");
        if (!e.getValue().contains(run.get(e.getKey())) && !(init && e.getValue().contains(run.get("init.kind")))) {
          return false;
        }
      }
      return true;
    }
  }

  /** The network and task axes of the grid, and the cells it leaves out ({@link Exclusion}). */
  public record GridSpec(
      List<TaskChoice> tasks,
      List<String> architectures,
      List<String> activations,
      List<Integer> units,
      List<InitChoice> inits,
      List<Double> excitatoryFractions,
      List<Integer> ranks,
      List<Double> alphas,
      List<Double> recurrentNoises,
      int seeds,
      List<Exclusion> exclude) {

    public GridSpec {
      exclude = List.copyOf(exclude);
    }

    /** A grid that leaves nothing out. */
    public GridSpec(List<TaskChoice> tasks, List<String> architectures, List<String> activations, List<Integer> units,
        List<InitChoice> inits, List<Double> excitatoryFractions, List<Integer> ranks, List<Double> alphas,
        List<Double> recurrentNoises, int seeds) {
      this(tasks, architectures, activations, units, inits, excitatoryFractions, ranks, alphas, recurrentNoises,
          seeds, List.of());
    }
  }

  /**
   * The training axes of the grid, the stopping rule shared by all runs, and the recipes of chosen cells
   * ({@link TrainingOverride}).
   */
  public record TrainingGrid(
      List<Integer> iterations,
      List<Integer> batch,
      List<Double> learningRate,
      List<String> optimizer,
      List<Double> clip,
      List<Double> weightL2,
      List<Double> rateL2,
      List<String> loss,
      double targetAccuracy,
      int validateEvery,
      int validationBatches,
      double lrDecay,
      int rollbacks,
      List<TrainingOverride> overrides) {

    public TrainingGrid {
      overrides = List.copyOf(overrides);
    }

    /** This section with {@code overrides} in place of its own. */
    public TrainingGrid withOverrides(List<TrainingOverride> overrides) {
      return new TrainingGrid(iterations, batch, learningRate, optimizer, clip, weightL2, rateL2, loss, targetAccuracy,
          validateEvery, validationBatches, lrDecay, rollbacks, overrides);
    }

    /** A training section without rollbacks or overrides. */
    public TrainingGrid(List<Integer> iterations, List<Integer> batch, List<Double> learningRate,
        List<String> optimizer, List<Double> clip, List<Double> weightL2, List<Double> rateL2, List<String> loss,
        double targetAccuracy, int validateEvery, int validationBatches, double lrDecay) {
      this(iterations, batch, learningRate, optimizer, clip, weightL2, rateL2, loss, targetAccuracy, validateEvery,
          validationBatches, lrDecay, 0, List.of());
    }
  }

  /**
   * One entry of {@code training.overrides}: training values for the cells that {@code when} matches (matched as
   * an {@link Exclusion} is), in place of the section's own. This is how one study trains each architecture or
   * task with its own recipe, as a hyper-parameter search per architecture would (Maheswaranathan et al. 2019
   * tuned theirs per architecture); the cells keep their run ids and seeds, and each run's stored provenance
   * gives the values it was trained with. Later entries win where several match.
   *
   * @param when the cells, by grid axis ({@link Exclusion#AXES})
   * @param values training keys as the spec names them ({@code lr}, {@code iterations}, ...) to single values
   */
  public record TrainingOverride(Exclusion when, Map<String, Object> values) {
    public TrainingOverride {
      values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
  }

  /**
   * Per-network analyses.
   *
   * @param untrained also record the untrained network's probe activations (Ghalambor et al.'s baseline)
   * @param fixedPoints whether to search fixed points
   * @param initialStates number of starts of the fixed-point search
   * @param startNoise standard deviation of the noise added to the starts
   * @param spectrum eigenvalues of W_rec and of the Jacobians
   * @param topology fixed-point topology graph
   * @param probeTrials trials of the fixed probe set whose activations are stored (0 = none)
   * @param inputLevels at most this many of each task's constant analysis inputs are analysed, evenly spaced
   *     (0 = all of them; a sine generator has one per frequency cue)
   * @param success the validation accuracy (fraction of trials solved) at which a network counts as solving its
   *     task, by task label; {@code success.get("")} is the value for tasks not named
   */
  public record AnalysisSpec(
      boolean untrained,
      boolean fixedPoints,
      int initialStates,
      double startNoise,
      boolean spectrum,
      boolean topology,
      int probeTrials,
      int inputLevels,
      java.util.Map<String, Double> success) {

    public AnalysisSpec {
      success = java.util.Map.copyOf(success);
    }

    /** The success threshold of the task labelled {@code taskLabel}. */
    public double successFor(String taskLabel) {
      return success.getOrDefault(taskLabel, success.getOrDefault("", DEFAULT_SUCCESS));
    }

    /** A network solves its task when at least this fraction of its validation trials are solved, by default. */
    public static final double DEFAULT_SUCCESS = 0.9;

    /** Starts of the fixed-point search drawn from the trajectories when none is given (spec and CLI alike). */
    public static final int DEFAULT_INITIAL_STATES = 256;

    /**
     * Standard deviation of the noise added to those starts when none is given (FixedPointFinder's own default is
     * 0; a little noise lets starts on one trajectory explore around it).
     */
    public static final double DEFAULT_START_NOISE = 0.05;
  }

  /**
   * Population comparisons.
   *
   * @param metrics similarity metrics between every pair of comparable networks (geometry metrics: networks of one
   *     task; dynamics metrics: all networks), in the order the spec lists them
   * @param mdsDimensions dimensions of the MDS embeddings
   * @param separabilityBy run attributes whose groups are tested for linear separability
   * @param permutations size of the label-permutation null
   */
  public record ComparisonSpec(
      List<MetricChoice> metrics,
      int mdsDimensions,
      List<String> separabilityBy,
      int permutations) {
    public ComparisonSpec {
      metrics = List.copyOf(metrics);
      separabilityBy = List.copyOf(separabilityBy);
    }
  }

  /**
   * One metric of the comparisons, built by the metric registry from the spec.
   *
   * @param name the registry name, e.g. {@code svcca}
   * @param options the options the spec set, by key, in their canonical form (empty: all defaults)
   * @param metric the metric with those options on its defaults (and, for an option named {@code seed} the spec
   *     does not set, the study seed)
   */
  public record MetricChoice(String name, Map<String, Object> options, Metric<?, ?> metric) {
    public MetricChoice {
      options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
  }
}
