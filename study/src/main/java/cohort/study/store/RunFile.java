package cohort.study.store;

import cohort.io.Hdf5Schema;

import cohort.io.Hdf5Files;
import cohort.io.NetworkAnalyses;
import cohort.io.NetworkFile;
import cohort.study.dynamics.InputAnalysis;
import cohort.study.dynamics.Measurement;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.linearize.EigenSystem;
import cohort.analysis.linearize.Spectrum;
import cohort.analysis.topology.TopologyGraph;
import cohort.study.json.Json;
import cohort.study.store.RunOutcome;
import cohort.study.store.RunOutcome.ProbeActivations;
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
  public static final String FORMAT = Hdf5Schema.RUN_FORMAT;

  private RunFile() {}

  /** Writes {@code outcome} to {@code file} atomically. */
  public static void write(Path file, RunOutcome outcome) {
    Hdf5Files.writeAtomically(file, h5 -> {
      NetworkFile.writeRoot(h5, outcome.training(), outcome.result());
      h5.putAttribute("format", FORMAT);
      writeRunAttributes(h5, outcome);
      NetworkFile.writeWeights(h5.putGroup(Hdf5Schema.Weights.GROUP), outcome.network());
      NetworkFile.writeCurves(h5, outcome.result().curves());
      NetworkAnalyses.write(h5, outcome.fixedPoints(), outcome.spectrum(), outcome.spectrumMatrix(), outcome.topology());
      if (outcome.untrainedSpectrum() != null
          && h5.getChild(Hdf5Schema.Spectrum.GROUP) instanceof WritableGroup spectrum) {
        spectrum.putDataset(Hdf5Schema.Spectrum.UNTRAINED_REAL, outcome.untrainedSpectrum().valuesReal());
        spectrum.putDataset(Hdf5Schema.Spectrum.UNTRAINED_IMAG, outcome.untrainedSpectrum().valuesImag());
      }
      writeInputs(h5, outcome);
      writeMeasures(h5, outcome);
      if (outcome.probe() != null) {
        writeActivations(h5.putGroup(Hdf5Schema.Activations.GROUP), outcome);
      }
    });
  }

  /**
   * When the task has more than one analysis input, {@code /inputs/NAME/{fixed_points, topology}} for each (the
   * first is also {@code /fixed_points}), with the input vector and its labels as attributes.
   */
  private static void writeInputs(WritableGroup h5, RunOutcome o) {
    if (o.inputs().size() < 2) {
      return;
    }
    WritableGroup inputs = h5.putGroup(INPUTS);
    inputs.putAttribute("names", o.inputs().stream().map(a -> a.input().name()).toArray(String[]::new));
    for (InputAnalysis a : o.inputs()) {
      WritableGroup g = inputs.putGroup(a.input().name());
      g.putAttribute("input", a.input().values());
      for (var label : a.input().labels().entrySet()) {
        g.putAttribute("label_" + label.getKey(), label.getValue());
      }
      NetworkAnalyses.write(g, a.points(), null, null, a.topology());
    }
  }

  /** {@code /measures/NAME}: the task's measures of the network's dynamics ({@link cohort.study.dynamics.RunMeasures}). */
  private static void writeMeasures(WritableGroup h5, RunOutcome o) {
    if (o.measures().isEmpty()) {
      return;
    }
    WritableGroup measures = h5.putGroup(MEASURES);
    for (Measurement m : o.measures()) {
      WritableGroup g = measures.putGroup(m.name());
      for (var a : m.attributes().entrySet()) {
        g.putAttribute(a.getKey(), a.getValue());
      }
      for (var d : m.datasets().entrySet()) {
        g.putDataset(d.getKey(), d.getValue().length == 0 ? new double[] {Double.NaN} : d.getValue());
      }
    }
  }

  /** The group of per-input analyses. */
  public static final String INPUTS = "inputs";
  /** The group of the task's measures. */
  public static final String MEASURES = "measures";

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
    h5.putAttribute("dale", r.excitatoryFraction());
    h5.putAttribute("replicate", r.replicate());
    h5.putAttribute("host", o.host());
    h5.putAttribute("started", Instant.ofEpochSecond(o.startedEpochSeconds()).toString());
    h5.putAttribute("finished", Instant.ofEpochSecond(o.finishedEpochSeconds()).toString());
    h5.putAttribute("run_seconds", o.runSeconds());
    h5.putAttribute("final_accuracy", o.result().finalValidationAccuracy());
    h5.putAttribute("final_loss", o.result().finalValidationLoss());
    h5.putAttribute("solved", o.solved() ? 1 : 0);
    h5.putAttribute("success_criterion", o.successCriterion());
  }

  private static void writeActivations(WritableGroup g, RunOutcome o) {
    ProbeActivations p = o.probe();
    g.putAttribute("steps", p.steps());
    g.putAttribute("trials", p.trials());
    g.putAttribute("units", p.units());
    g.putAttribute("task", o.run().task().label());
    g.putAttribute("row_order", "t*trials+b (time-major: row r is step r / trials of trial r % trials)");
    g.putDataset(Hdf5Schema.Activations.TRAINED, rows(p.trained(), p.steps() * p.trials(), p.units()));
    if (p.untrained() != null) {
      g.putDataset(Hdf5Schema.Activations.UNTRAINED, rows(p.untrained(), p.steps() * p.trials(), p.units()));
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
