package cohort.study.store;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.linearize.EigenSystem;
import cohort.analysis.linearize.Spectrum;
import cohort.analysis.topology.TopologyGraph;
import cohort.study.json.Json;
import cohort.study.run.RunOutcome;
import cohort.study.run.RunOutcome.ProbeActivations;
import cohort.study.spec.RunSpec;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One run of a study in its own HDF5 file: {@link NetworkFile}'s layout (root provenance, {@code /weights},
 * {@code /training}) plus the run's analyses, {@code /fixed_points}, {@code /spectrum}, {@code /topology} and
 * {@code /activations}. The layout of each group is the one {@code study.h5} holds under
 * {@code /runs/<run-id>/} (see {@code docs/study-h5.md}). Written whole or not at all.
 */
public final class RunFile {

  /** The value of the root {@code format} attribute. */
  public static final String FORMAT = "cohort-run/1";

  private RunFile() {}

  /** Writes {@code outcome} to {@code file} atomically. */
  public static void write(Path file, RunOutcome outcome) {
    Hdf5Files.writeAtomically(file, h5 -> {
      NetworkFile.writeRoot(h5, outcome.training(), outcome.result());
      h5.putAttribute("format", FORMAT);
      writeRunAttributes(h5, outcome);
      NetworkFile.writeWeights(h5.putGroup("weights"), outcome.network());
      NetworkFile.writeCurves(h5, outcome.result().curves());
      writeAnalyses(h5, outcome.fixedPoints(), outcome.spectrum(), outcome.spectrumMatrix(), outcome.topology());
      if (outcome.probe() != null) {
        writeActivations(h5.putGroup("activations"), outcome);
      }
    });
  }

  /**
   * Writes the dynamical analyses of a network under {@code h5}: {@code /fixed_points} (with the root attribute
   * {@code fixed_point_count}), {@code /spectrum} and {@code /topology}. Null arguments are skipped. A search that
   * found no point still writes both groups, with count 0 and the reason, so that a run's analysis is never mistaken
   * for a missing one.
   */
  public static void writeAnalyses(WritableGroup h5, FixedPointSet points, Spectrum spectrum, String matrix,
      TopologyGraph topology) {
    if (points != null) {
      h5.putAttribute("fixed_point_count", points.size());
      writeFixedPoints(h5.putGroup("fixed_points"), points);
    }
    if (spectrum != null) {
      WritableGroup s = h5.putGroup("spectrum");
      s.putAttribute("matrix", matrix);
      s.putAttribute("spectral_radius", spectrum.spectralRadius());
      s.putDataset("w_rec_re", spectrum.valuesReal());
      s.putDataset("w_rec_im", spectrum.valuesImag());
    }
    if (topology != null) {
      writeTopology(h5.putGroup("topology"), topology);
    }
  }

  private static void writeRunAttributes(WritableGroup h5, RunOutcome o) {
    RunSpec r = o.run();
    h5.putAttribute("run_id", r.id());
    h5.putAttribute("study_run", Json.write(r.toMap()));
    h5.putAttribute("task", r.task().label());
    h5.putAttribute("task_name", r.task().name());
    h5.putAttribute("architecture", r.architecture());
    h5.putAttribute("activation", r.activation());
    h5.putAttribute("units", r.units());
    h5.putAttribute("init", r.init().kind());
    h5.putAttribute("gain", r.init().gain());
    h5.putAttribute("replicate", r.replicate());
    h5.putAttribute("host", o.host());
    h5.putAttribute("started", Instant.ofEpochSecond(o.startedEpochSeconds()).toString());
    h5.putAttribute("finished", Instant.ofEpochSecond(o.finishedEpochSeconds()).toString());
    h5.putAttribute("run_seconds", o.runSeconds());
    h5.putAttribute("final_accuracy", o.result().finalValidationAccuracy());
    h5.putAttribute("final_loss", o.result().finalValidationLoss());
  }

  private static void writeFixedPoints(WritableGroup g, FixedPointSet set) {
    int k = set.size();
    int n = set.stateSize();
    int maxIndex = 0;
    for (int i = 0; i < k; i++) {
      if (set.get(i).kind() == PointKind.FIXED) {
        maxIndex = Math.max(maxIndex, set.get(i).unstableDimensions());
      }
    }
    int[] census = new int[maxIndex + 1];
    for (int i = 0; i < k; i++) {
      if (set.get(i).kind() == PointKind.FIXED) {
        census[set.get(i).unstableDimensions()]++;
      }
    }
    g.putAttribute("count", k);
    // Always at least one element, so the group is never empty (jhdf 0.9.4 can write neither an empty group beside
    // groups holding datasets nor a zero-length dataset): census[i] = true fixed points with i unstable directions.
    g.putDataset("census", census);
    g.putAttribute("fixed", set.count(PointKind.FIXED));
    g.putAttribute("slow", set.count(PointKind.SLOW));
    g.putAttribute("stable", set.countWithUnstableDimensions(0));
    g.putAttribute("input", set.input());
    g.putAttribute("candidates", set.candidates());
    g.putAttribute("continuous_time", set.continuousTime() ? 1 : 0);
    g.putAttribute("alpha", set.alpha());
    g.putAttribute("options", set.options().toString());
    g.putAttribute("description", "fixed and slow points of h' = F(h, input): states [K][S], speed "
        + "q = 0.5*|F(h)-h|^2, slow (1 = q above the fixed-point tolerance), number of unstable directions, and "
        + "the eigenvalues of dF/dh at each point; census[i] = true fixed points with i unstable directions");
    if (k == 0) {
      g.putAttribute("reason", "none of the " + set.candidates() + " starts of the search reached a fixed or slow "
          + "point (q = 0.5*|F(h)-h|^2 below " + set.options().slowQ() + ")");
      g.putAttribute("note", "no point was found, so the per-point datasets (states, q, slow, unstable_dims, "
          + "eigenvalues_re, eigenvalues_im) are absent: they would have zero rows");
      return;
    }
    double[][] states = new double[k][];
    double[] q = new double[k];
    int[] slow = new int[k];
    int[] unstable = new int[k];
    double[][] re = new double[k][];
    double[][] im = new double[k][];
    for (int i = 0; i < k; i++) {
      FixedPoint p = set.get(i);
      states[i] = p.state();
      q[i] = p.q();
      slow[i] = p.kind() == PointKind.SLOW ? 1 : 0;
      unstable[i] = p.unstableDimensions();
      EigenSystem e = p.eigen();
      re[i] = e.valuesReal();
      im[i] = e.valuesImag();
    }
    g.putDataset("states", states);
    g.putDataset("q", q);
    g.putDataset("slow", slow);
    g.putDataset("unstable_dims", unstable);
    g.putDataset("eigenvalues_re", re);
    g.putDataset("eigenvalues_im", im);
    if (n != states[0].length) {
      throw new IllegalStateException("fixed point state length " + states[0].length + " != " + n);
    }
  }

  private static void writeTopology(WritableGroup g, TopologyGraph t) {
    g.putAttribute("signature", describe(t));
    g.putAttribute("perturbations", t.perturbations());
    g.putAttribute("unresolved", t.unresolved());
    int[] census = t.signature().census();
    g.putDataset("class_counts", census.length == 0 ? new int[] {0} : census);
    if (!t.edges().isEmpty()) {
      int[][] edges = new int[t.edges().size()][];
      for (int i = 0; i < edges.length; i++) {
        TopologyGraph.Edge e = t.edges().get(i);
        edges[i] = new int[] {e.source(), e.target(), e.count()};
      }
      g.putDataset("edges", edges);
    }
  }

  /** A topology's census in words, e.g. {@code 8 stable, 12 index-1, 6 index-2, 1 index-3}. */
  public static String describe(TopologyGraph t) {
    int[] census = t.signature().census();
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < census.length; k++) {
      if (census[k] == 0) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(census[k]).append(k == 0 ? " stable" : " index-" + k);
    }
    return sb.length() == 0 ? "no fixed points" : sb.toString();
  }

  private static void writeActivations(WritableGroup g, RunOutcome o) {
    ProbeActivations p = o.probe();
    g.putAttribute("steps", p.steps());
    g.putAttribute("trials", p.trials());
    g.putAttribute("units", p.units());
    g.putAttribute("task", o.run().task().label());
    g.putAttribute("row_order", "t*trials+b (time-major: row r is step r / trials of trial r % trials)");
    g.putDataset("trained", rows(p.trained(), p.steps() * p.trials(), p.units()));
    if (p.untrained() != null) {
      g.putDataset("untrained", rows(p.untrained(), p.steps() * p.trials(), p.units()));
    }
  }

  private static float[][] rows(float[] flat, int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, m[r], 0, cols);
    }
    return m;
  }

  /**
   * What {@code cohort status} needs of a run file: its id, status, reason and time.
   *
   * @throws IllegalArgumentException one line naming the file when it is missing, damaged or not a run file
   */
  public static Summary summary(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("run file " + file + ": no such file");
    }
    try (HdfFile h5 = Hdf5Files.open(file, "run file")) {
      requireRunFile(file, h5);
      return new Summary(text(h5.getAttribute("run_id")), text(h5.getAttribute("status")),
          text(h5.getAttribute("reason")), number(h5.getAttribute("run_seconds")), text(h5.getAttribute("host")));
    } catch (RuntimeException e) {
      throw Hdf5Files.damaged(file, "run file", e);
    }
  }

  /**
   * Why {@code file} is not a sound run file, or {@code null} when it is: its HDF5 header
   * ({@link Hdf5Files#problem}), then its root attributes ({@code format}, {@code run_id}, {@code status}) and its
   * groups, read with jhdf. Cheap enough to check every run file of a study when it resumes.
   */
  public static String problem(Path file) {
    String header = Hdf5Files.problem(file);
    if (header != null) {
      return header;
    }
    try (HdfFile h5 = new HdfFile(file)) {
      requireRunFile(file, h5);
      for (io.jhdf.api.Node child : h5.getChildren().values()) {
        child.getAttributes().values().forEach(Attribute::getData);
      }
      return null;
    } catch (RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
      int nl = m.indexOf('\n');
      return "damaged (" + (nl < 0 ? m : m.substring(0, nl)) + ")";
    }
  }

  private static void requireRunFile(Path file, HdfFile h5) {
    String format = text(h5.getAttribute("format"));
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("run file " + file + " is not a Cohort run file (format '" + format
          + "'; expected '" + FORMAT + "')");
    }
    if (h5.getAttribute("run_id") == null || h5.getAttribute("status") == null) {
      throw new IllegalArgumentException("run file " + file + " has no run_id or status attribute");
    }
  }

  /** What {@code cohort status} needs of a run file. */
  public record Summary(String runId, String status, String reason, double runSeconds, String host) {}

  private static String text(Attribute a) {
    return a == null ? "" : String.valueOf(a.getData());
  }

  private static double number(Attribute a) {
    return a == null ? Double.NaN : ((Number) a.getData()).doubleValue();
  }
}
