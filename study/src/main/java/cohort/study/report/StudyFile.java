package cohort.study.report;

import static cohort.study.report.StudyData.number;
import static cohort.study.report.StudyData.text;

import cohort.io.Hdf5Schema;
import cohort.study.report.StudyData.Comparison;
import cohort.study.report.StudyData.Curves;
import cohort.study.report.StudyData.Embedding;
import cohort.study.report.StudyData.Finding;
import cohort.study.report.StudyData.FixedPoints;
import cohort.study.report.StudyData.Run;
import cohort.study.report.StudyData.SeparabilityTest;
import cohort.study.report.figure.Numbers;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a study's {@code study.h5} with jhdf into {@link StudyData}: every group of the layout that exists, each
 * part that is malformed (a matrix whose size disagrees with its items, say) left out rather than failing.
 * Comparisons, embeddings and separability tests come in the metrics' display order ({@link MetricCaptions}),
 * findings in their stored order.
 */
final class StudyFile {

  private StudyFile() {}

  static StudyData read(Path file) {
    return read(file, MetricCaptions.STANDARD);
  }

  /** Reads {@code file}, with comparisons, embeddings and tests in the display order of {@code captions}. */
  static StudyData read(Path file, MetricCaptions captions) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file; accepted: the study.h5 that 'cohort run' or "
          + "'cohort analyze' writes in a study directory");
    }
    try (HdfFile h5 = new HdfFile(file)) {
      return new StudyData(attributes(h5), runs(h5), comparisons(h5, captions), embeddings(h5, captions),
          separability(h5, captions), findings(h5), tables(h5));
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException(file + ": cannot read as a Cohort study.h5 (" + e.getMessage() + ")", e);
    }
  }

  private static List<Run> runs(HdfFile h5) {
    List<Run> runs = new ArrayList<>();
    for (Group g : children(group(h5, Hdf5Schema.Study.RUNS))) {
      runs.add(run(g));
    }
    runs.sort(Comparator.comparing(Run::id));
    return runs;
  }

  private static List<Comparison> comparisons(HdfFile h5, MetricCaptions captions) {
    List<Comparison> out = new ArrayList<>();
    for (Population p : populations(group(h5, Hdf5Schema.Study.COMPARISONS))) {
      Dataset d = dataset(p.group(), Hdf5Schema.Study.DISTANCE);
      double[] dist = d == null ? null : doubles(d.getDataFlat());
      if (dist != null && dist.length == p.items().length * p.items().length) {
        out.add(new Comparison(p.metric(), p.scope(), attributes(p.group()), dist, p.items().length, p.items()));
      }
    }
    out.sort(byMetric(captions, Comparison::metric, Comparison::scope));
    return out;
  }

  private static List<Embedding> embeddings(HdfFile h5, MetricCaptions captions) {
    List<Embedding> out = new ArrayList<>();
    for (Population p : populations(group(h5, Hdf5Schema.Study.EMBEDDINGS))) {
      Dataset d = dataset(p.group(), Hdf5Schema.Study.COORDINATES);
      double[][] coords = d == null ? null : matrix(d);
      if (coords != null && coords.length == p.items().length) {
        out.add(new Embedding(p.metric(), p.scope(), number(attributes(p.group()), Hdf5Schema.Study.STRESS), coords,
            p.items()));
      }
    }
    out.sort(byMetric(captions, Embedding::metric, Embedding::scope));
    return out;
  }

  /** A group {@code METRIC/SCOPE} of comparisons or embeddings and the items it names. */
  private record Population(String metric, String scope, Group group, String[] items) {}

  /** The groups {@code METRIC/SCOPE} under {@code parent} that name their items. */
  private static List<Population> populations(Group parent) {
    List<Population> out = new ArrayList<>();
    for (Group[] mg : twoLevels(parent)) {
      String[] items = strings(dataset(mg[1], Hdf5Schema.Study.ITEMS));
      if (items != null) {
        out.add(new Population(mg[0].getName(), mg[1].getName(), mg[1], items));
      }
    }
    return out;
  }

  /** Metrics in display order ({@link MetricCaptions#order}), then by name, then by scope. */
  private static <T> Comparator<T> byMetric(MetricCaptions captions, Function<T, String> metric,
      Function<T, String> scope) {
    return Comparator.comparing((T t) -> captions.order(metric.apply(t))).thenComparing(metric)
        .thenComparing(scope);
  }

  private static List<SeparabilityTest> separability(HdfFile h5, MetricCaptions captions) {
    List<SeparabilityTest> tests = new ArrayList<>();
    for (Group[] mg : twoLevels(group(h5, Hdf5Schema.Study.SEPARABILITY))) {
      for (Group grouping : children(mg[1])) {
        for (Group t : children(grouping)) {
          tests.add(new SeparabilityTest(mg[0].getName(), mg[1].getName(), grouping.getName(), t.getName(),
              attributes(t), flat(dataset(t, Hdf5Schema.Study.NULL_MDS)),
              flat(dataset(t, Hdf5Schema.Study.NULL_ROWS))));
        }
      }
    }
    tests.sort(byMetric(captions, SeparabilityTest::metric, SeparabilityTest::scope).thenComparing(SeparabilityTest::grouping)
        .thenComparing(SeparabilityTest::pair));
    return tests;
  }

  /** The findings under {@code /findings}, by their {@code order} attribute (those without one last), then name. */
  private static List<Finding> findings(HdfFile h5) {
    List<Finding> out = new ArrayList<>();
    for (Group g : children(group(h5, Hdf5Schema.Findings.GROUP))) {
      out.add(Finding.of(g.getName(), attributes(g)));
    }
    out.sort(Comparator.comparingDouble((Finding f) -> Double.isNaN(f.order()) ? Double.POSITIVE_INFINITY
        : f.order()).thenComparing(Finding::name));
    return out;
  }

  /**
   * The tables under {@code /findings_tables}, by their {@code order} attribute: the shown columns, numbers in compact
   * form; a table whose columns disagree in length is left out.
   */
  private static List<StudyData.Table> tables(HdfFile h5) {
    List<StudyData.Table> out = new ArrayList<>();
    List<Group> groups = children(group(h5, Hdf5Schema.FindingsTables.GROUP));
    groups.sort(Comparator.comparingDouble((Group g) -> {
      double o = number(attributes(g), Hdf5Schema.FindingsTables.ORDER);
      return Double.isNaN(o) ? Double.POSITIVE_INFINITY : o;
    }).thenComparing(Group::getName));
    for (Group g : groups) {
      Map<String, Object> a = attributes(g);
      String[] names = stringArray(g.getAttribute(Hdf5Schema.FindingsTables.COLUMNS));
      String[] headings = stringArray(g.getAttribute(Hdf5Schema.FindingsTables.HEADINGS));
      double[] shown = g.getAttribute(Hdf5Schema.FindingsTables.SHOWN) == null ? null
          : doubles(g.getAttribute(Hdf5Schema.FindingsTables.SHOWN).getData());
      if (names == null || headings == null || headings.length != names.length) {
        continue;
      }
      List<StudyData.Column> columns = new ArrayList<>();
      int rows = -1;
      boolean sound = true;
      for (int c = 0; c < names.length && sound; c++) {
        if (shown != null && shown.length == names.length && shown[c] == 0) {
          continue;
        }
        Dataset d = dataset(g, names[c]);
        String[] cells = d == null ? null : strings(d);
        if (cells == null && d != null) {
          double[] v = doubles(d.getDataFlat());
          cells = new String[v.length];
          for (int i = 0; i < v.length; i++) {
            cells[i] = Numbers.orNa(v[i]);
          }
        }
        sound = cells != null && (rows < 0 || cells.length == rows);
        rows = cells == null ? rows : cells.length;
        if (sound) {
          columns.add(new StudyData.Column(headings[c], cells));
        }
      }
      if (sound && !columns.isEmpty()) {
        out.add(new StudyData.Table(g.getName(), text(a, Hdf5Schema.FindingsTables.TITLE, g.getName()),
            text(a, Hdf5Schema.FindingsTables.CAPTION, ""), columns));
      }
    }
    return out;
  }

  private static String[] stringArray(Attribute a) {
    if (a == null) {
      return null;
    }
    Object v = a.getData();
    return v instanceof String[] s ? s : v instanceof String s ? new String[] {s} : null;
  }

  private static Run run(Group g) {
    Map<String, Object> attrs = attributes(g);
    Curves curves = null;
    Group t = group(g, Hdf5Schema.Training.GROUP);
    if (t != null && dataset(t, Hdf5Schema.Training.ITERATION) != null) {
      double[] it = doubles(dataset(t, Hdf5Schema.Training.ITERATION).getDataFlat());
      curves = new Curves(it, column(t, Hdf5Schema.Training.TRAIN_LOSS, it.length),
          column(t, Hdf5Schema.Training.VAL_LOSS, it.length), column(t, Hdf5Schema.Training.VAL_ACCURACY, it.length));
    }
    double[] wre = null;
    double[] wim = null;
    Group s = group(g, Hdf5Schema.Spectrum.GROUP);
    if (s != null && dataset(s, Hdf5Schema.Spectrum.REAL) != null && dataset(s, Hdf5Schema.Spectrum.IMAG) != null) {
      wre = doubles(dataset(s, Hdf5Schema.Spectrum.REAL).getDataFlat());
      wim = doubles(dataset(s, Hdf5Schema.Spectrum.IMAG).getDataFlat());
      if (wre.length != wim.length) {
        wre = null;
        wim = null;
      }
    }
    double[] ure = null;
    double[] uim = null;
    if (wre != null && dataset(s, Hdf5Schema.Spectrum.UNTRAINED_REAL) != null
        && dataset(s, Hdf5Schema.Spectrum.UNTRAINED_IMAG) != null) {
      ure = doubles(dataset(s, Hdf5Schema.Spectrum.UNTRAINED_REAL).getDataFlat());
      uim = doubles(dataset(s, Hdf5Schema.Spectrum.UNTRAINED_IMAG).getDataFlat());
      if (ure.length != uim.length) {
        ure = null;
        uim = null;
      }
    }
    return new Run(g.getName(), attrs, curves, fixedPoints(g, attrs), wre, wim, ure, uim);
  }

  /**
   * The fixed points of a run, or null when its search never ran. A search ran when the run has the root attribute
   * {@code fixed_point_count} or a {@code fixed_points} group; one that found nothing stores no points (and, in
   * files written before its group was always written, no group either).
   */
  private static FixedPoints fixedPoints(Group g, Map<String, Object> attrs) {
    Group f = group(g, Hdf5Schema.FixedPoints.GROUP);
    Map<String, Object> fa = f == null ? Map.of() : attributes(f);
    double found = fa.containsKey(Hdf5Schema.FixedPoints.COUNT) ? number(fa, Hdf5Schema.FixedPoints.COUNT)
        : number(attrs, Hdf5Schema.Root.FIXED_POINT_COUNT);
    Dataset unstableDims = f == null ? null : dataset(f, Hdf5Schema.FixedPoints.UNSTABLE_DIMS);
    if (unstableDims == null) {
      return found == 0 ? FixedPoints.none(text(fa, Hdf5Schema.FixedPoints.REASON, "")) : null;
    }
    int[] unstable = ints(doubles(unstableDims.getDataFlat()));
    Dataset slowFlags = dataset(f, Hdf5Schema.FixedPoints.SLOW);
    int[] slow = slowFlags == null ? new int[unstable.length] : ints(doubles(slowFlags.getDataFlat()));
    if (slow.length != unstable.length) {
      slow = new int[unstable.length];
    }
    double[][] re = matrixOrNull(dataset(f, Hdf5Schema.FixedPoints.EIGENVALUES_RE));
    double[][] im = matrixOrNull(dataset(f, Hdf5Schema.FixedPoints.EIGENVALUES_IM));
    if (re == null || im == null || re.length != unstable.length || im.length != unstable.length) {
      re = null;
      im = null;
    }
    return new FixedPoints(unstable, slow, re, im, number(fa, Hdf5Schema.FixedPoints.CONTINUOUS_TIME) == 1,
        number(fa, Hdf5Schema.FixedPoints.ALPHA));
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

  /** The groups directly under {@code parent} (none when it is null). */
  private static List<Group> children(Group parent) {
    List<Group> out = new ArrayList<>();
    if (parent != null) {
      for (Node n : parent.getChildren().values()) {
        if (n instanceof Group g) {
          out.add(g);
        }
      }
    }
    return out;
  }

  /** Pairs {@code [level1, level2]} of the groups two levels under {@code parent} (e.g. metric/scope). */
  private static List<Group[]> twoLevels(Group parent) {
    List<Group[]> out = new ArrayList<>();
    for (Group a : children(parent)) {
      for (Group b : children(a)) {
        out.add(new Group[] {a, b});
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

  /** A dataset's values as doubles, or none when it is absent. */
  private static double[] flat(Dataset d) {
    return d == null ? new double[0] : doubles(d.getDataFlat());
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

  private static double[][] matrixOrNull(Dataset d) {
    return d == null ? null : matrix(d);
  }

  /** A 2-D (or 1-D, as one column) numeric dataset as rows, or null when its size disagrees with its shape. */
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
