package cohort.study.report;

import cohort.analysis.MetricRegistry;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report needs from a study's consolidated {@code study.h5} (layout "cohort-study/1", see
 * {@code notes/study-layout.md}), read once with jhdf into plain Java values: root attributes, per-run attributes,
 * training curves, fixed points, W_rec spectra, distance matrices, MDS embeddings and separability tests. Every
 * group but {@code /runs} may be absent; an absent group gives an empty list or a null field, never an error.
 */
public record StudyData(Map<String, Object> attributes, List<Run> runs, List<Comparison> comparisons,
    List<Embedding> embeddings, List<SeparabilityTest> separability) {

  public StudyData {
    attributes = Map.copyOf(attributes);
    runs = List.copyOf(runs);
    comparisons = List.copyOf(comparisons);
    embeddings = List.copyOf(embeddings);
    separability = List.copyOf(separability);
  }

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

  /** One run: its id, its attributes, and the parts of its group that exist (null otherwise). */
  public record Run(String id, Map<String, Object> attributes, Curves curves, FixedPoints fixedPoints,
      double[] wRecRe, double[] wRecIm) {

    /** A string attribute, or {@code fallback} when absent or empty. */
    public String text(String name, String fallback) {
      return StudyData.text(attributes, name, fallback);
    }

    /** A numeric attribute, or NaN when absent. */
    public double number(String name) {
      return StudyData.number(attributes, name);
    }
  }

  /** A distance matrix between networks: {@code distance[i*n + j]}, items {@code "<run-id>"} or {@code ":untrained"}. */
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

  /** The study's name (root attribute {@code study}), or {@code fallback}. */
  public String name(String fallback) {
    return text(attributes, "study", fallback);
  }

  /** Reads {@code file}. */
  public static StudyData read(Path file) {
    return read(file, MetricRegistry.standard());
  }

  /** As {@link #read(Path)}, with comparisons, embeddings and tests in the registration order of {@code metrics}. */
  public static StudyData read(Path file, MetricRegistry metrics) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file; accepted: the study.h5 that 'cohort run' or "
          + "'cohort analyze' writes in a study directory");
    }
    try (HdfFile h5 = new HdfFile(file)) {
      Map<String, Object> root = attributes(h5);
      List<Run> runs = new ArrayList<>();
      Group runsGroup = group(h5, "runs");
      if (runsGroup != null) {
        for (Node n : runsGroup.getChildren().values()) {
          if (n instanceof Group g) {
            runs.add(run(g));
          }
        }
      }
      List<Comparison> comparisons = new ArrayList<>();
      for (Group[] mg : twoLevels(group(h5, "comparisons"))) {
        Group g = mg[1];
        Dataset d = dataset(g, "distance");
        String[] items = strings(dataset(g, "items"));
        if (d == null || items == null) {
          continue;
        }
        double[] dist = doubles(d.getDataFlat());
        if (dist.length != items.length * items.length) {
          continue;
        }
        comparisons.add(new Comparison(mg[0].getName(), g.getName(), attributes(g), dist, items.length, items));
      }
      List<Embedding> embeddings = new ArrayList<>();
      for (Group[] mg : twoLevels(group(h5, "embeddings"))) {
        Group g = mg[1];
        Dataset d = dataset(g, "coordinates");
        String[] items = strings(dataset(g, "items"));
        if (d == null || items == null) {
          continue;
        }
        double[][] coords = matrix(d);
        if (coords == null || coords.length != items.length) {
          continue;
        }
        embeddings.add(new Embedding(mg[0].getName(), g.getName(), number(attributes(g), "stress"), coords, items));
      }
      List<SeparabilityTest> tests = new ArrayList<>();
      for (Group[] mg : twoLevels(group(h5, "separability"))) {
        for (Node gn : mg[1].getChildren().values()) {
          if (!(gn instanceof Group grouping)) {
            continue;
          }
          for (Node tn : grouping.getChildren().values()) {
            if (tn instanceof Group t) {
              Dataset nm = dataset(t, "null_mds");
              Dataset nr = dataset(t, "null_rows");
              tests.add(new SeparabilityTest(mg[0].getName(), mg[1].getName(), grouping.getName(), t.getName(),
                  attributes(t), nm == null ? new double[0] : doubles(nm.getDataFlat()),
                  nr == null ? new double[0] : doubles(nr.getDataFlat())));
            }
          }
        }
      }
      runs.sort(java.util.Comparator.comparing(Run::id));
      comparisons.sort(java.util.Comparator.comparing((Comparison c) -> metrics.order(c.metric()))
          .thenComparing(Comparison::metric).thenComparing(Comparison::scope));
      embeddings.sort(java.util.Comparator.comparing((Embedding e) -> metrics.order(e.metric()))
          .thenComparing(Embedding::metric).thenComparing(Embedding::scope));
      tests.sort(java.util.Comparator.comparing((SeparabilityTest t) -> metrics.order(t.metric()))
          .thenComparing(SeparabilityTest::metric).thenComparing(SeparabilityTest::scope)
          .thenComparing(SeparabilityTest::grouping).thenComparing(SeparabilityTest::pair));
      return new StudyData(root, runs, comparisons, embeddings, tests);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException(file + ": cannot read as a Cohort study.h5 (" + e.getMessage() + ")", e);
    }
  }

  private static Run run(Group g) {
    Map<String, Object> attrs = attributes(g);
    Curves curves = null;
    Group t = group(g, "training");
    if (t != null && dataset(t, "iteration") != null) {
      double[] it = doubles(dataset(t, "iteration").getDataFlat());
      curves = new Curves(it, column(t, "train_loss", it.length), column(t, "val_loss", it.length),
          column(t, "val_accuracy", it.length));
    }
    // A search ran when the run has the root attribute fixed_point_count or a fixed_points group; one that found
    // nothing stores no points (and, in files written before its group was always written, no group either).
    FixedPoints fp = null;
    Group f = group(g, "fixed_points");
    Map<String, Object> fa = f == null ? Map.of() : attributes(f);
    double found = fa.containsKey("count") ? number(fa, "count") : number(attrs, "fixed_point_count");
    boolean stored = f != null && dataset(f, "unstable_dims") != null;
    if (!stored && found == 0) {
      fp = FixedPoints.none(text(fa, "reason", ""));
    } else if (stored) {
      int[] unstable = ints(doubles(dataset(f, "unstable_dims").getDataFlat()));
      int[] slow = dataset(f, "slow") == null ? new int[unstable.length] : ints(doubles(dataset(f, "slow").getDataFlat()));
      if (slow.length != unstable.length) {
        slow = new int[unstable.length];
      }
      double[][] re = dataset(f, "eigenvalues_re") == null ? null : matrix(dataset(f, "eigenvalues_re"));
      double[][] im = dataset(f, "eigenvalues_im") == null ? null : matrix(dataset(f, "eigenvalues_im"));
      if (re == null || im == null || re.length != unstable.length || im.length != unstable.length) {
        re = null;
        im = null;
      }
      fp = new FixedPoints(unstable, slow, re, im, number(fa, "continuous_time") == 1, number(fa, "alpha"));
    }
    double[] wre = null;
    double[] wim = null;
    Group s = group(g, "spectrum");
    if (s != null && dataset(s, "w_rec_re") != null && dataset(s, "w_rec_im") != null) {
      wre = doubles(dataset(s, "w_rec_re").getDataFlat());
      wim = doubles(dataset(s, "w_rec_im").getDataFlat());
      if (wre.length != wim.length) {
        wre = null;
        wim = null;
      }
    }
    return new Run(g.getName(), attrs, curves, fp, wre, wim);
  }

  private static double[] column(Group g, String name, int length) {
    Dataset d = dataset(g, name);
    double[] v = d == null ? null : doubles(d.getDataFlat());
    if (v == null || v.length != length) {
      v = new double[length];
      java.util.Arrays.fill(v, Double.NaN);
    }
    return v;
  }

  /** Pairs {@code [level1, level2]} of the groups two levels under {@code parent} (e.g. metric/scope). */
  private static List<Group[]> twoLevels(Group parent) {
    List<Group[]> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node a : parent.getChildren().values()) {
      if (a instanceof Group ga) {
        for (Node b : ga.getChildren().values()) {
          if (b instanceof Group gb) {
            out.add(new Group[] {ga, gb});
          }
        }
      }
    }
    return out;
  }

  private static Group group(Group parent, String name) {
    Node n = parent.getChildren().get(name);
    return n instanceof Group g ? g : null;
  }

  private static Dataset dataset(Group parent, String name) {
    Node n = parent.getChildren().get(name);
    return n instanceof Dataset d ? d : null;
  }

  /** The attributes of a node, each as a String, a Number, or an array of them (single-element arrays unwrapped). */
  static Map<String, Object> attributes(Node n) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Attribute> e : n.getAttributes().entrySet()) {
      Object v = e.getValue().getData();
      if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
        v = Array.get(v, 0);
      }
      if (v != null) {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  static String text(Map<String, Object> attrs, String name, String fallback) {
    Object v = attrs.get(name);
    if (v == null) {
      return fallback;
    }
    String s = v instanceof Number num ? LinePlot.number(num.doubleValue()) : String.valueOf(v).trim();
    return s.isEmpty() ? fallback : s;
  }

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

  /** Any primitive numeric array (or boxed number) as doubles. */
  static double[] doubles(Object a) {
    if (a instanceof double[] d) {
      return d;
    }
    if (a instanceof Number num) {
      return new double[] {num.doubleValue()};
    }
    if (a == null || !a.getClass().isArray()) {
      return new double[0];
    }
    int n = Array.getLength(a);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(a, i);
      out[i] = v instanceof Number num ? num.doubleValue() : Double.NaN;
    }
    return out;
  }

  private static int[] ints(double[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (int) a[i];
    }
    return out;
  }

  /** A 2-D (or 1-D, as one column) numeric dataset as rows. */
  private static double[][] matrix(Dataset d) {
    int[] dims = d.getDimensions();
    double[] flat = doubles(d.getDataFlat());
    int rows = dims.length == 0 ? 1 : dims[0];
    int cols = dims.length < 2 ? 1 : dims[1];
    if (rows * cols != flat.length) {
      return null;
    }
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, m[i], 0, cols);
    }
    return m;
  }

  private static String[] strings(Dataset d) {
    if (d == null) {
      return null;
    }
    Object v = d.getData();
    if (v instanceof String s) {
      return new String[] {s};
    }
    if (v instanceof String[] s) {
      String[] out = new String[s.length];
      for (int i = 0; i < s.length; i++) {
        out[i] = s[i] == null ? "" : s[i].trim();
      }
      return out;
    }
    return null;
  }
}
