package cohort.io;

import cohort.io.Hdf5Schema.FixedPoints;
import cohort.io.Hdf5Schema.Root;
import cohort.io.Hdf5Schema.Topology;
import cohort.io.Hdf5Schema.Training;
import cohort.io.Hdf5Schema.Weights;

import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.linearize.Spectrum;
import cohort.analysis.topology.TopologyGraph;
import cohort.models.Activation;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ParameterBlock;
import cohort.training.TrainingCurves;
import cohort.training.TrainingResult;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One trained network in one HDF5 file (written with jhdf, readable by h5py, h5dump or any HDF5 library).
 *
 * <p>Layout ({@value #FORMAT}):
 *
 * <pre>
 * /                      attributes: format, spec (the run as canonical JSON, {@link TrainingRun#toJson()}; an
 *                        imported network: {"task":null,"network":…,"imported":…}),
 *                        cohort_version, status (completed | stopped_early | failed | imported), stop_rule, reason,
 *                        iterations, seed, task, wall_seconds, java_version, os_arch, created (ISO-8601 UTC)
 * /weights               attributes: the network spec field by field (architecture, activation, inputs, hidden,
 *                        outputs, init, gain, alpha, recurrent_noise, excitatory_fraction, rank),
 *                        parameter_count, layout
 * /weights/&lt;block&gt;       float32 rows × cols, stored [in][out] (row k = what presynaptic unit or input k sends;
 *                        the transpose of PyTorch's weight_hh; biases are 1 × N); attributes offset, rows, cols
 * /training              attributes points (number of validation points), description
 * /training/iteration    int32 [points], updates done at each validation point
 * /training/train_loss   float64 [points], mean task loss of the training batches since the previous point
 * /training/val_loss     float64 [points], task loss on the fixed validation batches
 * /training/val_accuracy float64 [points], task accuracy on the validation batches
 * </pre>
 *
 * <p>The {@code /training} group is absent when there are no points (a run that failed before its first
 * validation: jhdf 0.9.4 cannot write empty datasets); the root attribute {@code training_points} says so. Strings are fixed-length UTF-8 (h5py returns them as
 * {@code bytes}: {@code f.attrs['status'].decode()}; {@code json.loads} takes the bytes of {@code spec} as they are).
 * The file is written to a temporary name in the same
 * directory and renamed into place, so a file that exists is whole.
 */
public final class NetworkFile {

  /** The value of the root {@code format} attribute ({@link Hdf5Schema#NETWORK_FORMAT}). */
  public static final String FORMAT = Hdf5Schema.NETWORK_FORMAT;

  private NetworkFile() {}

  /** What {@link #read} returns. */
  public record Contents(Network network, String specJson, String status, String reason, int iterations,
      TrainingCurves curves, String cohortVersion) {}

  /**
   * Writes {@code network} and its training record to {@code file}, replacing any existing file atomically.
   *
   * @throws UncheckedIOException if the file cannot be written (no partial file is left behind)
   */
  public static void write(Path file, TrainingRun run, Network network, TrainingResult result) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(result, "result");
    Hdf5Files.writeAtomically(file, h5 -> {
      writeRoot(h5, run, result);
      writeWeights(h5.putGroup(Weights.GROUP), network);
      writeCurves(h5, result.curves());
    });
  }

  /** The root {@code status} of a network that was imported rather than trained. */
  public static final String IMPORTED = "imported";

  /**
   * Writes a network that was not trained by Cohort (imported from PyTorch or Keras), replacing any existing file
   * atomically: the same layout as {@link #write}, with no task and no {@code /training}; the root {@code spec} is
   * {@code {"task":null,"network":{…},"imported":IMPORTED}}, {@code status} is {@value #IMPORTED} and {@code reason}
   * says where the network came from.
   *
   * @param importedJson one JSON object describing the source (file, format, modules, tensors)
   * @param reason one line for people, e.g. {@code imported from m.npz: nn.GRU(3, 16) + nn.Linear(16, 3)}
   */
  public static void writeImported(Path file, Network network, String importedJson, String reason) {
    Objects.requireNonNull(network, "network");
    String spec = "{\"task\":null,\"network\":" + TrainingRun.networkJson(network.spec()) + ",\"imported\":"
        + importedJson + "}";
    Hdf5Files.writeAtomically(file, h5 -> {
      h5.putAttribute(Root.FORMAT, FORMAT);
      h5.putAttribute(Root.SPEC, spec);
      h5.putAttribute(Root.COHORT_VERSION, CohortVersion.version());
      h5.putAttribute(Root.STATUS, IMPORTED);
      h5.putAttribute(Root.STOP_RULE, "none");
      h5.putAttribute(Root.REASON, reason);
      h5.putAttribute(Root.ITERATIONS, 0);
      h5.putAttribute(Root.SEED, 0L);
      h5.putAttribute(Root.TASK, "");
      h5.putAttribute(Root.WALL_SECONDS, 0.0);
      h5.putAttribute(Root.JAVA_VERSION, System.getProperty("java.version"));
      h5.putAttribute(Root.OS_ARCH, System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      h5.putAttribute(Root.CREATED, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      writeWeights(h5.putGroup(Weights.GROUP), network);
      writeCurves(h5, new TrainingCurves(new int[0], new double[0], new double[0], new double[0]));
    });
  }

  /** Writes the root provenance attributes of a network or run file. */
  public static void writeRoot(WritableGroup h5, TrainingRun run, TrainingResult result) {
    h5.putAttribute(Root.FORMAT, FORMAT);
    h5.putAttribute(Root.SPEC, run.toJson());
    h5.putAttribute(Root.COHORT_VERSION, CohortVersion.version());
    h5.putAttribute(Root.STATUS, result.status().id());
    h5.putAttribute(Root.STOP_RULE, result.stopRule().name().toLowerCase(java.util.Locale.ROOT));
    h5.putAttribute(Root.REASON, result.reason());
    h5.putAttribute(Root.ITERATIONS, result.iterations());
    if (run.training().rollbacks() > 0) {
      h5.putAttribute(Root.ROLLBACKS, result.rollbacks());
    }
    h5.putAttribute(Root.SEED, run.seed());
    h5.putAttribute(Root.TASK, run.task());
    h5.putAttribute(Root.WALL_SECONDS, result.wallSeconds());
    h5.putAttribute(Root.JAVA_VERSION, System.getProperty("java.version"));
    h5.putAttribute(Root.OS_ARCH, System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    h5.putAttribute(Root.CREATED, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** Writes {@code /weights}: the network spec as attributes and one float32 dataset per parameter block. */
  public static void writeWeights(WritableGroup g, Network network) {
    NetworkSpec s = network.spec();
    g.putAttribute(Weights.ARCHITECTURE, s.architecture().id());
    g.putAttribute(Weights.ACTIVATION, s.activation().id());
    g.putAttribute(Weights.INPUTS, s.inputs());
    g.putAttribute(Weights.HIDDEN, s.hidden());
    g.putAttribute(Weights.OUTPUTS, s.outputs());
    g.putAttribute(Weights.INIT, s.init().id());
    g.putAttribute(Weights.GAIN, s.gain());
    g.putAttribute(Weights.ALPHA, s.alpha());
    g.putAttribute(Weights.RECURRENT_NOISE, s.recurrentNoise());
    g.putAttribute(Weights.EXCITATORY_FRACTION, s.excitatoryFraction());
    g.putAttribute(Weights.RANK, s.rank());
    float[] p = network.parameters();
    g.putAttribute(Weights.PARAMETER_COUNT, p.length);
    g.putAttribute("layout", "each block is rows x cols = [in][out]: element (k, j) is the weight from "
        + "presynaptic unit or input k to unit j (transpose of PyTorch's weight_hh); biases are 1 x N");
    for (ParameterBlock b : network.blocks()) {
      float[][] m = new float[b.rows()][b.cols()];
      for (int r = 0; r < b.rows(); r++) {
        System.arraycopy(p, b.index(r, 0), m[r], 0, b.cols());
      }
      WritableDataset d = g.putDataset(b.name(), m);
      d.putAttribute("offset", b.offset());
      d.putAttribute("rows", b.rows());
      d.putAttribute("cols", b.cols());
    }
  }

  /**
   * Writes {@code /training} under {@code parent}; a run that failed before its first validation point has no
   * curves, and then no {@code training} group (jhdf 0.9.4 cannot write empty datasets, and a group without
   * children beside groups with datasets makes an unreadable file): the root attribute {@code training_points}
   * is 0.
   */
  public static void writeCurves(WritableGroup parent, TrainingCurves c) {
    parent.putAttribute(Root.TRAINING_POINTS, c.size());
    if (c.size() == 0) {
      return;
    }
    WritableGroup g = parent.putGroup(Training.GROUP);
    g.putAttribute("points", c.size());
    g.putAttribute("description", "one entry per validation point: updates done, mean training loss since the "
        + "previous point, validation loss and validation accuracy on the fixed validation batches");
    g.putDataset(Training.ITERATION, c.iteration());
    g.putDataset(Training.TRAIN_LOSS, c.trainLoss());
    g.putDataset(Training.VAL_LOSS, c.validationLoss());
    g.putDataset(Training.VAL_ACCURACY, c.validationAccuracy());
  }

  /**
   * Rewrites {@code file} (atomically) with the dynamical analyses of its network added, replacing any earlier
   * {@code fixed_points}, {@code spectrum} and {@code topology} groups; everything else is copied as it was.
   */
  public static void addAnalyses(Path file, FixedPointSet points, Spectrum spectrum, String matrix,
      TopologyGraph topology) {
    Contents check = read(file);
    Objects.requireNonNull(check, "contents");
    byte[] original;
    try {
      original = java.nio.file.Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try (HdfFile old = HdfFile.fromBytes(original)) {
      Hdf5Files.writeAtomically(file, h5 -> {
        Hdf5Files.copyAttributes(old, h5);
        for (Node child : old.getChildren().values()) {
          String name = child.getName();
          if (name.equals(FixedPoints.GROUP) || name.equals(Hdf5Schema.Spectrum.GROUP) || name.equals(Topology.GROUP)) {
            continue;
          }
          if (child instanceof Group g) {
            Hdf5Files.copyGroup(g, h5.putGroup(name));
          } else if (child instanceof Dataset d) {
            Hdf5Files.copyAttributes(d, h5.putDataset(name, d.getData()));
          }
        }
        NetworkAnalyses.write(h5, points, spectrum, matrix, topology);
      });
    }
  }

  /**
   * Reads a file written by {@link #write}: the network (with its parameters), the spec JSON, the status and the
   * curves.
   *
   * @throws IllegalArgumentException if the file is not a Cohort network file
   * @throws UncheckedIOException if it cannot be read
   */
  public static Contents read(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("network file " + file + ": no such file");
    }
    try (HdfFile h5 = Hdf5Files.open(file, "network file")) {
      return read(file, h5);
    } catch (RuntimeException e) {
      throw Hdf5Files.damaged(file, "network file", e);
    }
  }

  private static Contents read(Path file, HdfFile h5) {
    String format = h5.getAttribute(Root.FORMAT) == null ? null : string(h5, Root.FORMAT);
    if (!FORMAT.equals(format) && !Hdf5Schema.RUN_FORMAT.equals(format)) {
      throw new IllegalArgumentException("file " + file + " is not a Cohort network file (format '" + format
          + "'; expected '" + FORMAT + "' or '" + Hdf5Schema.RUN_FORMAT + "')");
    }
    if (!(h5.getChild(Weights.GROUP) instanceof Group w)) {
      throw new IllegalArgumentException("network file " + file + " has no /weights group; accepted: a file "
          + "written by 'cohort train' or a run file of a study");
    }
    NetworkSpec spec = new NetworkSpec(
        CellRegistry.standard().parse(string(w, Weights.ARCHITECTURE)),
        Activation.parse(string(w, Weights.ACTIVATION)),
        integer(w, Weights.INPUTS), integer(w, Weights.HIDDEN), integer(w, Weights.OUTPUTS),
        InitKind.parse(string(w, Weights.INIT)),
        real(w, Weights.GAIN), real(w, Weights.ALPHA), real(w, Weights.RECURRENT_NOISE), real(w, Weights.EXCITATORY_FRACTION),
        integer(w, Weights.RANK));
    int count = Network.parameterCount(spec);
    if (integer(w, Weights.PARAMETER_COUNT) != count) {
      throw new IllegalArgumentException("file " + file + " holds " + integer(w, Weights.PARAMETER_COUNT)
          + " parameters; its network spec needs " + count);
    }
    float[] p = new float[count];
    for (ParameterBlock b : Network.layout(spec)) {
      Node node = w.getChild(b.name());
      if (!(node instanceof Dataset d)) {
        throw new IllegalArgumentException("file " + file + " has no weight block /weights/" + b.name());
      }
      float[][] m = (float[][]) d.getData();
      if (m.length != b.rows() || (m.length > 0 && m[0].length != b.cols())) {
        throw new IllegalArgumentException("block /weights/" + b.name() + " in " + file + " is " + m.length + " x "
            + (m.length == 0 ? 0 : m[0].length) + "; expected " + b.rows() + " x " + b.cols());
      }
      for (int r = 0; r < b.rows(); r++) {
        System.arraycopy(m[r], 0, p, b.index(r, 0), b.cols());
      }
    }
    TrainingCurves curves = !(h5.getChild(Training.GROUP) instanceof Group t)
        ? new TrainingCurves(new int[0], new double[0], new double[0], new double[0])
        : new TrainingCurves((int[]) data(t, Training.ITERATION), (double[]) data(t, Training.TRAIN_LOSS),
            (double[]) data(t, Training.VAL_LOSS), (double[]) data(t, Training.VAL_ACCURACY));
    return new Contents(Network.of(spec, p), string(h5, Root.SPEC), string(h5, Root.STATUS), string(h5, Root.REASON),
        integer(h5, Root.ITERATIONS), curves, string(h5, Root.COHORT_VERSION));
  }

  private static Object data(Group g, String name) {
    return ((Dataset) g.getChild(name)).getData();
  }

  private static Attribute attribute(Node n, String name) {
    Attribute a = n.getAttribute(name);
    if (a == null) {
      throw new IllegalArgumentException("attribute '" + name + "' missing on " + n.getPath());
    }
    return a;
  }

  private static String string(Node n, String name) {
    return (String) attribute(n, name).getData();
  }

  private static int integer(Node n, String name) {
    return ((Number) attribute(n, name).getData()).intValue();
  }

  private static double real(Node n, String name) {
    return ((Number) attribute(n, name).getData()).doubleValue();
  }
}
