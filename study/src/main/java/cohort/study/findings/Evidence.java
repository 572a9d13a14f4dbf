package cohort.study.findings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a study's findings are computed from: every run (its labels, whether it solved its task, its task measures)
 * and the population comparisons (distance matrices by metric and scope).
 *
 * @param runs every run of the study that has a run file, failed ones included
 * @param comparisons the distance matrices of {@code study.h5}
 * @param seed the study seed (permutation nulls are drawn from it)
 */
public record Evidence(List<RunEvidence> runs, List<Distances> comparisons, long seed) {

  /**
   * One distance matrix of the study.
   *
   * @param metric e.g. {@code svcca}, {@code topology}
   * @param scope the task label (or {@code all})
   * @param items row ids: run ids, {@code RUN:untrained} for untrained networks
   * @param distance row-major, items × items
   */
  public record Distances(String metric, String scope, List<String> items, double[] distance) {
    public Distances {
      items = List.copyOf(items);
    }
  }

  public Evidence {
    runs = List.copyOf(runs);
    comparisons = List.copyOf(comparisons);
  }

  /**
   * One run.
   *
   * @param id the run id
   * @param labels its grid labels: task (the label), task_name, architecture, activation, units, init, dale (the
   *     excitatory fraction, 0 without Dale's law), dale_balance ({@code true} or {@code false}), alpha (the Euler
   *     step of continuous-time cells, 1 for discrete ones)
   * @param status completed, stopped_early or failed
   * @param solved whether it met the study's success criterion
   * @param accuracy its final validation accuracy
   * @param measures its task measures by name
   * @param spectrum the eigenvalues of its recurrent matrix ({@code /spectrum}), or null when not computed
   */
  public record RunEvidence(String id, Map<String, String> labels, String status, boolean solved, double accuracy,
      Map<String, Measure> measures, Spectrum spectrum) {
    public RunEvidence {
      labels = Map.copyOf(labels);
      measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    /** A run without a stored spectrum. */
    public RunEvidence(String id, Map<String, String> labels, String status, boolean solved, double accuracy,
        Map<String, Measure> measures) {
      this(id, labels, status, solved, accuracy, measures, null);
    }

    /** Whether its training failed (diverged or crashed): such a run has no trained network to analyse. */
    public boolean failed() {
      return "failed".equals(status);
    }

    /** A numeric label, or NaN when absent or not a number. */
    public double number(String name) {
      try {
        return Double.parseDouble(label(name));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    /** A label, or "" when absent. */
    public String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }

  /**
   * The eigenvalues of a run's recurrent matrix ({@code /spectrum}: W_eff for non-gated cells, dF/dh at the origin
   * for gated ones), after training and, when the study stored it, before.
   *
   * @param re real parts after training
   * @param im imaginary parts after training
   * @param untrainedRe real parts before training, or null
   * @param untrainedIm imaginary parts before training, or null
   */
  public record Spectrum(double[] re, double[] im, double[] untrainedRe, double[] untrainedIm) {
    public Spectrum {
      if (re == null || im == null || re.length != im.length) {
        throw new IllegalArgumentException("spectrum: real and imaginary parts of equal length are required");
      }
      if ((untrainedRe == null) != (untrainedIm == null)
          || untrainedRe != null && untrainedRe.length != untrainedIm.length) {
        throw new IllegalArgumentException("spectrum: untrained real and imaginary parts of equal length, or neither");
      }
    }

    /** The trained eigenvalues (or the untrained ones) as moduli. */
    public double[] moduli(boolean trained) {
      double[] r = trained ? re : untrainedRe;
      double[] i = trained ? im : untrainedIm;
      double[] out = new double[r.length];
      for (int k = 0; k < r.length; k++) {
        out[k] = Math.hypot(r[k], i[k]);
      }
      return out;
    }
  }

  /** A stored task measure: its attributes and datasets ({@code /measures/NAME} of the run file). */
  public record Measure(Map<String, Object> attributes, Map<String, double[]> datasets) {
    public Measure {
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
      datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    }

    /** Whether the network shows the structure (attribute {@code ok} = 1). */
    public boolean ok() {
      return number("ok") == 1;
    }

    /** A numeric attribute, or NaN. */
    public double number(String name) {
      return attributes.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
  }

  /** The comparison of {@code metric} over {@code scope}, if the study computed it. */
  public Optional<Distances> comparison(String metric, String scope) {
    return comparisons.stream().filter(c -> c.metric().equals(metric) && c.scope().equals(scope)).findFirst();
  }

  /** The runs of the task labelled {@code task}. */
  public List<RunEvidence> runsOf(String task) {
    return runs.stream().filter(r -> r.label("task").equals(task)).toList();
  }

  /** The task labels, in the order of the runs. */
  public List<String> tasks() {
    return runs.stream().map(r -> r.label("task")).distinct().toList();
  }
}
