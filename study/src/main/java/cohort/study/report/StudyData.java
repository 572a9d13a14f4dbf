package cohort.study.report;

import cohort.io.Hdf5Schema;
import cohort.study.report.figure.Numbers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a report needs from a study's consolidated {@code study.h5} (layout "cohort-study/1", names in {@link
 * Hdf5Schema}), read once into plain Java values: root attributes, per-run attributes, training curves, fixed
 * points, W_rec spectra (before and after training), distance matrices, MDS embeddings, separability tests, findings
 * and the tables beside them. Every group but {@code /runs} may be absent; an absent group gives an empty list or a
 * null field, never an error.
 */
public record StudyData(Map<String, Object> attributes, List<Run> runs, List<Comparison> comparisons,
    List<Embedding> embeddings, List<SeparabilityTest> separability, List<Finding> findings, List<Table> tables) {

  public StudyData {
    attributes = Map.copyOf(attributes);
    runs = List.copyOf(runs);
    comparisons = List.copyOf(comparisons);
    embeddings = List.copyOf(embeddings);
    separability = List.copyOf(separability);
    findings = List.copyOf(findings);
    tables = List.copyOf(tables);
  }

  /** A study without findings tables. */
  public StudyData(Map<String, Object> attributes, List<Run> runs, List<Comparison> comparisons,
      List<Embedding> embeddings, List<SeparabilityTest> separability, List<Finding> findings) {
    this(attributes, runs, comparisons, embeddings, separability, findings, List.of());
  }

  /**
   * A table a replication states beside its findings ({@code /findings_tables/NAME}), its cells as text.
   *
   * @param columns the columns the report shows, in order
   */
  public record Table(String name, String title, String caption, List<Column> columns) {
    public Table {
      columns = List.copyOf(columns);
    }

    /** The number of rows (0 without columns). */
    public int rows() {
      return columns.isEmpty() ? 0 : columns.get(0).cells().length;
    }
  }

  /** One shown column of a {@link Table}: its head and its cells as text (numbers in compact form). */
  public record Column(String heading, String[] cells) {}

  /** Training curves of one run (validation values are NaN where they were not measured). */
  public record Curves(double[] iteration, double[] trainLoss, double[] valLoss, double[] valAccuracy) {}

  /**
   * The fixed and slow points of one run whose fixed-point search ran. A search that found nothing is a set of
   * {@link #count} 0 (with the stored {@code reason}, if any), not an absent one: only a run without the root
   * attribute {@code fixed_point_count} and without a {@code fixed_points} group was never analysed.
   *
   * @param unstableDims number of unstable directions of each point (0 = stable)
   * @param slow 1 for a slow point, 0 for a fixed point
   * @param eigRe real parts of the Jacobian eigenvalues, one row per point (may be null)
   * @param eigIm imaginary parts, like {@code eigRe}
   * @param continuousTime the eigenvalues are of the Euler map of a continuous-time cell, whose stability
   *     boundary is {@code Re λ = 1} rather than the unit circle (attribute {@code continuous_time})
   * @param alpha the Euler step {@code α = Δt/τ} of a continuous-time cell (attribute {@code alpha}; NaN if absent)
   * @param reason why the search found no point (attribute {@code reason} of {@code fixed_points}; empty if none)
   */
  public record FixedPoints(int[] unstableDims, int[] slow, double[][] eigRe, double[][] eigIm,
      boolean continuousTime, double alpha, String reason) {

    public FixedPoints {
      reason = reason == null ? "" : reason;
    }

    /** Points without a stored reason. */
    public FixedPoints(int[] unstableDims, int[] slow, double[][] eigRe, double[][] eigIm, boolean continuousTime,
        double alpha) {
      this(unstableDims, slow, eigRe, eigIm, continuousTime, alpha, "");
    }

    /** A search that found no point. */
    static FixedPoints none(String reason) {
      return new FixedPoints(new int[0], new int[0], new double[0][], new double[0][], false, Double.NaN, reason);
    }

    public int count() {
      return unstableDims.length;
    }
  }

  /**
   * One run: its id, its attributes, and the parts of its group that exist (null otherwise).
   *
   * @param wRecRe real parts of the eigenvalues of its recurrent matrix after training ({@code /spectrum})
   * @param untrainedRe the same before training, when the study stored them
   */
  public record Run(String id, Map<String, Object> attributes, Curves curves, FixedPoints fixedPoints,
      double[] wRecRe, double[] wRecIm, double[] untrainedRe, double[] untrainedIm) {

    /** A run without a stored untrained spectrum. */
    public Run(String id, Map<String, Object> attributes, Curves curves, FixedPoints fixedPoints, double[] wRecRe,
        double[] wRecIm) {
      this(id, attributes, curves, fixedPoints, wRecRe, wRecIm, null, null);
    }

    /** A string attribute, or {@code fallback} when absent or empty. */
    public String text(String name, String fallback) {
      return StudyData.text(attributes, name, fallback);
    }

    /** A numeric attribute, or NaN when absent. */
    public double number(String name) {
      return StudyData.number(attributes, name);
    }
  }

  /** A distance matrix between networks: {@code distance[i*n + j]} between the {@linkplain Item items} i and j. */
  public record Comparison(String metric, String scope, Map<String, Object> attributes, double[] distance, int n,
      String[] items) {}

  /** Coordinates of classical MDS of one distance matrix: {@code coordinates[i][k]}. */
  public record Embedding(String metric, String scope, double stress, double[][] coordinates, String[] items) {}

  /** One permutation test of linear separability of two groups of networks. */
  public record SeparabilityTest(String metric, String scope, String grouping, String pair,
      Map<String, Object> attributes, double[] nullMds, double[] nullRows) {

    /** A numeric attribute, or NaN when absent. */
    public double number(String name) {
      return StudyData.number(attributes, name);
    }
  }

  /**
   * A replicated claim ({@code /findings/NAME}): what a source work claims, what this study measured for it, and
   * whether the two agree by a criterion fixed before the study ran. Attributes as {@link Hdf5Schema.Findings}
   * names them; a missing text is empty, a missing number NaN.
   *
   * @param value Cohort's number
   * @param ciLow lower end of its 95 % interval (NaN when none applies)
   * @param ciHigh upper end of its 95 % interval (NaN when none applies)
   * @param pValue a permutation or test p-value (NaN when none applies)
   * @param verdict {@code agrees}, {@code disagrees} or {@code not assessed}
   * @param n how many networks (or pairs) are behind the value (NaN when not stored)
   * @param asserted the replication tests check the claim (attribute {@code asserted} = 1), rather than only
   *     report it
   * @param order the finding's place in the report (NaN sorts last)
   */
  public record Finding(String name, String source, String claim, String sourceValue, String statistic,
      double value, double ciLow, double ciHigh, double pValue, String criterion, String verdict,
      String population, double n, String notes, boolean asserted, double order) {

    /** The finding stored as attributes {@code attrs} of {@code /findings/NAME}. */
    static Finding of(String name, Map<String, Object> attrs) {
      return new Finding(name, text(attrs, Hdf5Schema.Findings.SOURCE, ""), text(attrs, Hdf5Schema.Findings.CLAIM, ""),
          text(attrs, Hdf5Schema.Findings.SOURCE_VALUE, ""), text(attrs, Hdf5Schema.Findings.STATISTIC, ""),
          number(attrs, Hdf5Schema.Findings.VALUE), number(attrs, Hdf5Schema.Findings.CI_LOW),
          number(attrs, Hdf5Schema.Findings.CI_HIGH), number(attrs, Hdf5Schema.Findings.P_VALUE),
          text(attrs, Hdf5Schema.Findings.CRITERION, ""), text(attrs, Hdf5Schema.Findings.VERDICT, "not assessed"),
          text(attrs, Hdf5Schema.Findings.POPULATION, ""), number(attrs, Hdf5Schema.Findings.N),
          text(attrs, Hdf5Schema.Findings.NOTES, ""), number(attrs, Hdf5Schema.Findings.ASSERTED) == 1,
          number(attrs, Hdf5Schema.Findings.ORDER));
    }
  }

  /** The study's name (root attribute {@code study}), or {@code fallback}. */
  public String name(String fallback) {
    return text(attributes, "study", fallback);
  }

  /** Reads {@code file}: the whole layout, once. */
  public static StudyData read(Path file) {
    return StudyFile.read(file);
  }

  /** Reads {@code file}, in the display order of the metrics of {@code metrics} (a study's own registry). */
  public static StudyData read(Path file, cohort.analysis.MetricRegistry metrics) {
    return StudyFile.read(file, new MetricCaptions(metrics));
  }

  /** A string attribute (a number in compact form), or {@code fallback} when absent or empty. */
  static String text(Map<String, Object> attrs, String name, String fallback) {
    Object v = attrs.get(name);
    if (v == null) {
      return fallback;
    }
    String s = v instanceof Number num ? Numbers.compact(num.doubleValue()) : String.valueOf(v).trim();
    return s.isEmpty() ? fallback : s;
  }

  /** A numeric attribute (or a string holding a number), or NaN. */
  static double number(Map<String, Object> attrs, String name) {
    Object v = attrs.get(name);
    if (v instanceof Number num) {
      return num.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
