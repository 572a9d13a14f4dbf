package cohort.io;

/**
 * The names of Cohort's HDF5 files, in one place: every writer and every reader (Java here, Python users through
 * h5py) agree on them because they come from these constants, never from a literal repeated in a writer and a
 * reader. Three kinds of file share the run layout:
 *
 * <pre>
 * network file (cohort train)          format cohort-network/1
 *   /               provenance attributes (spec, cohort_version, status, reason, seed, ...)
 *   /weights/BLOCK  float32 [in][out] parameter blocks, network spec as attributes
 *   /training/      iteration, train_loss, val_loss, val_accuracy
 *   /fixed_points/  states, q, slow, unstable_dims, eigenvalues_re, eigenvalues_im, census
 *   /spectrum/      w_rec_re, w_rec_im (untrained_re, untrained_im)
 *   /topology/      class_counts, edges
 * run file (a study's runs/ID.h5)      format cohort-run/1: the same, plus
 *   /activations/   trained, untrained  ([steps * trials][units], time-major)
 * study file (study.h5)                format cohort-study/1
 *   /runs/RUN-ID/                       a copy of each run file
 *   /comparisons/METRIC/SCOPE/          distance, items
 *   /embeddings/METRIC/SCOPE/           coordinates, items, eigenvalues
 *   /separability/METRIC/SCOPE/GROUPING/A_vs_B/   null_mds, null_rows
 *   /findings/NAME/                     a replicated claim: value, uncertainty, population, the claim as text
 *   /findings_tables/NAME/              the numbers a replication's claims are checked on, one dataset per column
 * </pre>
 */
public final class Hdf5Schema {

  private Hdf5Schema() {}

  /** The root {@code format} attribute of a network file written by {@code cohort train}. */
  public static final String NETWORK_FORMAT = "cohort-network/1";
  /** The root {@code format} attribute of a study's run file. */
  public static final String RUN_FORMAT = "cohort-run/1";
  /** The root {@code format} attribute of {@code study.h5}. */
  public static final String STUDY_FORMAT = "cohort-study/1";

  /** Attributes on the root of every Cohort file. */
  public static final class Root {
    private Root() {}

    public static final String FORMAT = "format";
    public static final String SPEC = "spec";
    public static final String COHORT_VERSION = "cohort_version";
    public static final String STATUS = "status";
    public static final String STOP_RULE = "stop_rule";
    public static final String REASON = "reason";
    public static final String ITERATIONS = "iterations";
    /** Rollbacks a run used ({@code TrainingResult.rollbacks}); written only when its training allowed some. */
    public static final String ROLLBACKS = "rollbacks";
    public static final String SEED = "seed";
    public static final String TASK = "task";
    public static final String WALL_SECONDS = "wall_seconds";
    public static final String JAVA_VERSION = "java_version";
    public static final String OS_ARCH = "os_arch";
    public static final String CREATED = "created";
    public static final String TRAINING_POINTS = "training_points";
    public static final String FIXED_POINT_COUNT = "fixed_point_count";
  }

  /** {@code /weights}: one float32 dataset per parameter block, the network spec as attributes. */
  public static final class Weights {
    private Weights() {}

    public static final String GROUP = "weights";
    public static final String ARCHITECTURE = "architecture";
    public static final String ACTIVATION = "activation";
    public static final String INPUTS = "inputs";
    public static final String HIDDEN = "hidden";
    public static final String OUTPUTS = "outputs";
    public static final String INIT = "init";
    public static final String GAIN = "gain";
    public static final String ALPHA = "alpha";
    public static final String RECURRENT_NOISE = "recurrent_noise";
    public static final String EXCITATORY_FRACTION = "excitatory_fraction";
    public static final String RANK = "rank";
    public static final String PARAMETER_COUNT = "parameter_count";
  }

  /** {@code /training}: the validation curve, one entry per validation point. */
  public static final class Training {
    private Training() {}

    public static final String GROUP = "training";
    public static final String ITERATION = "iteration";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String VAL_LOSS = "val_loss";
    public static final String VAL_ACCURACY = "val_accuracy";
  }

  /** {@code /fixed_points}: the fixed and slow points of {@code h' = F(h, input)}. */
  public static final class FixedPoints {
    private FixedPoints() {}

    public static final String GROUP = "fixed_points";
    public static final String STATES = "states";
    public static final String Q = "q";
    public static final String SLOW = "slow";
    public static final String UNSTABLE_DIMS = "unstable_dims";
    public static final String EIGENVALUES_RE = "eigenvalues_re";
    public static final String EIGENVALUES_IM = "eigenvalues_im";
    public static final String CENSUS = "census";
    public static final String COUNT = "count";
    public static final String REASON = "reason";
    public static final String CONTINUOUS_TIME = "continuous_time";
    public static final String ALPHA = "alpha";
  }

  /** {@code /spectrum}: eigenvalues of the recurrent matrix (or of dF/dh at the origin for gated cells). */
  public static final class Spectrum {
    private Spectrum() {}

    public static final String GROUP = "spectrum";
    public static final String REAL = "w_rec_re";
    public static final String IMAG = "w_rec_im";
    /** The same matrix's eigenvalues before training (studies with {@code analysis.untrained}). */
    public static final String UNTRAINED_REAL = "untrained_re";
    public static final String UNTRAINED_IMAG = "untrained_im";
    public static final String MATRIX = "matrix";
    public static final String SPECTRAL_RADIUS = "spectral_radius";
  }

  /** {@code /topology}: the saddle-to-attractor graph of the fixed points. */
  public static final class Topology {
    private Topology() {}

    public static final String GROUP = "topology";
    public static final String CLASS_COUNTS = "class_counts";
    public static final String EDGES = "edges";
    public static final String SIGNATURE = "signature";
    /** The non-zero eigenvalues of the graph's Laplacian, descending (absent for a graph without edges). */
    public static final String LAPLACIAN_SPECTRUM = "laplacian_spectrum";
  }

  /** {@code /activations}: hidden states on the study's probe trials. */
  public static final class Activations {
    private Activations() {}

    public static final String GROUP = "activations";
    public static final String TRAINED = "trained";
    public static final String UNTRAINED = "untrained";
    public static final String STEPS = "steps";
    public static final String TRIALS = "trials";
    public static final String UNITS = "units";
  }

  /** The groups of {@code study.h5} and their datasets. */
  public static final class Study {
    private Study() {}

    public static final String RUNS = "runs";
    public static final String COMPARISONS = "comparisons";
    public static final String EMBEDDINGS = "embeddings";
    public static final String SEPARABILITY = "separability";
    public static final String FINDINGS = "findings";
    public static final String DISTANCE = "distance";
    public static final String ITEMS = "items";
    public static final String COORDINATES = "coordinates";
    public static final String EIGENVALUES = "eigenvalues";
    public static final String NULL_MDS = "null_mds";
    public static final String NULL_ROWS = "null_rows";
    public static final String STRESS = "stress";
  }

  /**
   * {@code /findings/NAME}: one replicated claim of a source work, computed by the study. Attributes only (plus
   * optional datasets of the per-network values behind it): what the source claims, what Cohort measured, with its
   * uncertainty, the criterion it was judged by (set before looking), whether they agree, and the population.
   */
  public static final class Findings {
    private Findings() {}

    public static final String GROUP = "findings";
    /** The source work, e.g. {@code Maheswaranathan et al. 2019}. */
    public static final String SOURCE = "source";
    /** The claim as the source states it, in words. */
    public static final String CLAIM = "claim";
    /** The source's own number or statement, e.g. {@code "clusters by architecture"} or {@code "8 of 8"}. */
    public static final String SOURCE_VALUE = "source_value";
    /** What Cohort measured, in words, e.g. {@code "leave-one-out 1-NN accuracy of architecture from SVCCA"}. */
    public static final String STATISTIC = "statistic";
    /** Cohort's number. */
    public static final String VALUE = "value";
    /** Lower and upper ends of its 95 % interval (NaN when none applies). */
    public static final String CI_LOW = "ci_low";
    public static final String CI_HIGH = "ci_high";
    /** A permutation or test p-value (NaN when none applies). */
    public static final String P_VALUE = "p_value";
    /** The criterion the claim is judged by, fixed before the study ran, e.g. {@code ">= 0.75 and p < 0.01"}. */
    public static final String CRITERION = "criterion";
    /** {@code agrees}, {@code disagrees}, or {@code not assessed} (too few networks, say). */
    public static final String VERDICT = "verdict";
    /** Which networks the value was computed on, in words. */
    public static final String POPULATION = "population";
    /** How many networks (or pairs, as {@code population} says) are behind the value. */
    public static final String N = "n";
    /** Anything a reader needs to interpret the number (a choice the source left open, say). */
    public static final String NOTES = "notes";
    /** Whether the claim is checked by the replication tests ({@code 1}) or only reported ({@code 0}). */
    public static final String ASSERTED = "asserted";
    /** The order of the findings in the report. */
    public static final String ORDER = "order";
  }

  /**
   * {@code /findings_tables/NAME}: a table a replication states beside its findings (its attributes below; one
   * dataset per column, named by the column, float64 for numbers and strings for text).
   */
  public static final class FindingsTables {
    private FindingsTables() {}

    public static final String GROUP = "findings_tables";
    /** The table's heading. */
    public static final String TITLE = "title";
    /** What the table shows and how its numbers were computed. */
    public static final String CAPTION = "caption";
    /** The column datasets' names, in order (a string array). */
    public static final String COLUMNS = "columns";
    /** The columns' heads as the report shows them, in the same order (a string array). */
    public static final String HEADINGS = "headings";
    /** Which columns the report shows: 1 or 0 per column, in the same order (an int array). */
    public static final String SHOWN = "shown";
    /** The order of the tables in the report. */
    public static final String ORDER = "order";
  }
}
