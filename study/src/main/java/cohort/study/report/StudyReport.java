package cohort.study.report;

import cohort.analysis.MetricRegistry;
import cohort.analysis.separability.AverageLinkage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The human-readable report of a study: PNG figures and an {@code index.html} that links them, built from the
 * consolidated {@code study.h5} (see {@link StudyData}). Figures: training curves per task; MDS scatter plots of
 * every embedding (untrained networks as open triangles); distance matrices as heat maps ordered by average-linkage
 * clustering ({@link AverageLinkage}); fixed-point counts per stability class and architecture; W_rec and
 * fixed-point Jacobian eigenvalues on the complex plane with the unit circle, coloured by the stability of each
 * mode; and each separability permutation test as its null histogram with the observed accuracy. Parts of the file
 * that are absent leave their section out with a note; they never fail the report.
 *
 * <p>Colours follow what the study varies. The grid factors are taken in the fixed order of {@link #FACTORS}
 * (task, architecture, activation, units, init, gain): the training curves, one row per task, are coloured by the
 * first factor other than the task that takes more than one value over the runs; each embedding gets one MDS figure
 * per factor that varies over its networks (architecture whenever it varies). Where nothing varies, architecture
 * colours them. The captions say which factor colours a figure.
 *
 * <p>The report is written to a temporary sibling directory and moved into place only when complete, so a failed
 * report leaves the previous one (or nothing) behind.
 */
public final class StudyReport {

  /** One figure of the report: its file name (relative to the report directory), section, title and caption. */
  public record Figure(String file, String section, String title, String caption) {}

  /** What {@link #write} produced. */
  public record Result(Path directory, Path index, List<Figure> figures, List<String> notes) {}

  private static final Color TRAINED_MARK = new Color(60, 60, 60);

  private final StudyData data;
  private final MetricRegistry metrics;
  private final Map<String, StudyData.Run> runsById = new LinkedHashMap<>();
  private final Map<String, Color> archColors = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, String> sectionNotes = new LinkedHashMap<>();
  private Path out;

  private StudyReport(StudyData data, MetricRegistry metrics) {
    this.data = data;
    this.metrics = metrics;
    for (StudyData.Run r : data.runs()) {
      runsById.put(r.id(), r);
    }
    archColors.putAll(colors(levels("architecture"), false));
  }

  /**
   * Reads {@code studyDir/study.h5} and writes the report into {@code outDir} (replacing an earlier report's
   * {@code index.html} and PNG files there).
   */
  public static Result write(Path studyDir, Path outDir) {
    return write(studyDir, outDir, MetricRegistry.standard());
  }

  /** As {@link #write(Path, Path)}, with the captions, units and order of the metrics of {@code metrics}. */
  public static Result write(Path studyDir, Path outDir, MetricRegistry metrics) {
    StudyData data = StudyData.read(studyDir.resolve("study.h5"), metrics);
    return write(data, studyDir.getFileName() == null ? "study" : studyDir.getFileName().toString(), outDir,
        metrics);
  }

  /** Writes the report of already-read {@code data} into {@code outDir}; {@code fallbackName} names the study. */
  public static Result write(StudyData data, String fallbackName, Path outDir) {
    return write(data, fallbackName, outDir, MetricRegistry.standard());
  }

  /** As {@link #write(StudyData, String, Path)}, with the metric captions and units of {@code metrics}. */
  public static Result write(StudyData data, String fallbackName, Path outDir, MetricRegistry metrics) {
    Path target = outDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
      StudyReport r = new StudyReport(data, metrics);
      r.out = tmp;
      r.build(fallbackName);
      Files.createDirectories(target);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(target, "{*.png,index.html}")) {
        for (Path p : old) {
          Files.delete(p);
        }
      }
      try (DirectoryStream<Path> made = Files.newDirectoryStream(tmp)) {
        for (Path p : made) {
          Files.move(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.delete(tmp);
      tmp = null;
      List<String> notes = new ArrayList<>();
      r.sectionNotes.forEach((k, v) -> notes.add(k + ": " + v));
      return new Result(target, target.resolve("index.html"), List.copyOf(r.figures), notes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // best effort: a temporary directory left behind is named .<report>.partial-*
    }
  }

  private void build(String fallbackName) throws IOException {
    curves();
    embeddings();
    distanceMatrices();
    fixedPoints();
    spectra();
    separability();
    String html = Html.page(data, data.name(fallbackName), figures, sectionNotes);
    Files.writeString(out.resolve("index.html"), html, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------------------------------------- helpers

  /** Distinct values of a run attribute, sorted (numerically when they are all numbers). */
  private List<String> levels(String attribute) {
    return levels(data.runs(), attribute);
  }

  /**
   * The grid factors a study can vary, as run attributes, in the order in which the report picks the one to colour
   * by: the first of them that takes more than one value over the runs drawn.
   */
  static final List<String> FACTORS = List.of("task", "architecture", "activation", "units", "init", "gain");

  /**
   * The factors of {@link #FACTORS}, in that order and except {@code skip}, that take more than one known value
   * over {@code runs} (a run without the attribute has no known value).
   */
  static List<String> varying(List<StudyData.Run> runs, String skip) {
    List<String> out = new ArrayList<>();
    for (String f : FACTORS) {
      if (f.equals(skip)) {
        continue;
      }
      TreeSet<String> known = new TreeSet<>();
      for (StudyData.Run r : runs) {
        String v = r.text(f, null);
        if (v != null) {
          known.add(v);
        }
      }
      if (known.size() > 1) {
        out.add(f);
      }
    }
    return out;
  }

  /** Distinct values of a run attribute over {@code runs} ("?" where absent), numerically sorted if numbers. */
  static List<String> levels(List<StudyData.Run> runs, String attribute) {
    TreeSet<String> s = new TreeSet<>(LEVEL_ORDER);
    for (StudyData.Run r : runs) {
      s.add(r.text(attribute, "?"));
    }
    return new ArrayList<>(s);
  }

  /** Numbers in numeric order before other text in alphabetical order. */
  static final Comparator<String> LEVEL_ORDER = (a, b) -> {
    double x = parse(a);
    double y = parse(b);
    if (!Double.isNaN(x) && !Double.isNaN(y)) {
      int c = Double.compare(x, y);
      return c != 0 ? c : a.compareTo(b);
    }
    if (Double.isNaN(x) != Double.isNaN(y)) {
      return Double.isNaN(x) ? 1 : -1;
    }
    return a.compareTo(b);
  };

  private static double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A level as a legend label: numeric factors say what the number is ("units 64"). */
  static String levelLabel(String factor, String level) {
    return (factor.equals("units") || factor.equals("gain")) && !Double.isNaN(parse(level)) ? factor + " " + level
        : level;
  }

  /** Colours of the levels of {@code factor}: the architectures' own colours, or the secondary palette. */
  private Map<String, Color> factorColors(String factor, List<String> levels) {
    if (!factor.equals("architecture")) {
      return colors(levels, true);
    }
    Map<String, Color> m = new LinkedHashMap<>();
    for (String level : levels) { // items whose run is not in /runs are grey
      m.put(level, archColors.getOrDefault(level, Color.GRAY));
    }
    return m;
  }

  /** "units (the first of architecture, activation, units, init, gain that varies ...)" for captions. */
  private static String colourByText(String by, boolean varies, String skip) {
    List<String> order = new ArrayList<>(FACTORS);
    order.remove(skip);
    return varies ? by + " (the first of " + String.join(", ", order) + " that varies across these runs)"
        : by + " (none of " + String.join(", ", order) + " varies across these runs)";
  }

  /** Colours of levels: the palette in order (architectures), or a rotation of it that starts elsewhere. */
  private static Map<String, Color> colors(List<String> levels, boolean secondary) {
    int[] order = secondary ? new int[] {2, 4, 5, 6, 8, 9, 3, 7, 0, 1} : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    Map<String, Color> m = new LinkedHashMap<>();
    for (int i = 0; i < levels.size(); i++) {
      m.put(levels.get(i), LinePlot.PALETTE[order[i % order.length]]);
    }
    return m;
  }

  private static Color alpha(Color c, int a) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
  }

  /** A file-name-safe form of a name. */
  static String slug(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-+", "-");
    t = t.replaceAll("^[-.]+", "").replaceAll("-+$", "");
    return t.isEmpty() ? "x" : t;
  }

  private void save(BufferedImage image, String file, String section, String title, String caption) {
    LinePlot.writePng(image, out.resolve(file));
    figures.add(new Figure(file, section, title, caption));
  }

  private List<Chart.LegendEntry> archLegend(boolean lines) {
    return legend("architecture", archColors, lines);
  }

  private static List<Chart.LegendEntry> legend(String factor, Map<String, Color> colours, boolean lines) {
    List<Chart.LegendEntry> l = new ArrayList<>();
    colours.forEach((k, c) -> l.add(new Chart.LegendEntry(levelLabel(factor, k), c, null, !lines)));
    return l;
  }

  private static String runIdOf(String item) {
    return item.endsWith(":untrained") ? item.substring(0, item.length() - ":untrained".length()) : item;
  }

  // ----------------------------------------------------------------------------------------- 1. curves

  static final String CURVES = "Training";

  private void curves() {
    Map<String, List<StudyData.Run>> byTask = new TreeMap<>();
    for (StudyData.Run r : data.runs()) {
      if (r.curves() != null && r.curves().iteration().length > 0) {
        byTask.computeIfAbsent(r.text("task", "?"), k -> new ArrayList<>()).add(r);
      }
    }
    if (byTask.isEmpty()) {
      sectionNotes.put(CURVES, "no run has training curves (no /runs/*/training group with data).");
      return;
    }
    // one row per task, so the lines are coloured by the first other grid factor that varies
    List<StudyData.Run> drawn = new ArrayList<>();
    byTask.values().forEach(drawn::addAll);
    List<String> varies = varying(drawn, "task");
    String by = varies.isEmpty() ? "architecture" : varies.get(0);
    Map<String, Color> cols = factorColors(by, levels(drawn, by));
    List<Chart.Panel> panels = new ArrayList<>();
    boolean anyTrainFallback = false;
    for (Map.Entry<String, List<StudyData.Run>> e : byTask.entrySet()) {
      List<Chart.Layer> acc = new ArrayList<>();
      List<Chart.Layer> loss = new ArrayList<>();
      List<double[]> xs = new ArrayList<>();
      List<double[]> accs = new ArrayList<>();
      List<double[]> losses = new ArrayList<>();
      boolean fallback = false;
      for (StudyData.Run r : e.getValue()) {
        StudyData.Curves c = r.curves();
        Color col = cols.getOrDefault(r.text(by, "?"), Color.GRAY);
        double[] l = c.valLoss();
        if (Double.isNaN(Chart.range(List.of(l))[0])) { // no validation loss recorded: use the training loss
          l = c.trainLoss();
          fallback = true;
        }
        xs.add(c.iteration());
        accs.add(c.valAccuracy());
        losses.add(l);
        boolean failed = "failed".equals(r.text("status", ""));
        acc.add(new Chart.Line(c.iteration(), c.valAccuracy(), alpha(col, 200), 1.6f, failed));
        loss.add(new Chart.Line(c.iteration(), l, alpha(col, 200), 1.6f, failed));
        if (c.iteration().length <= 25) { // few validation points: mark them (open for a failed run)
          Chart.MarkerShape mark = failed ? Chart.MarkerShape.HOLLOW_CIRCLE : Chart.MarkerShape.CIRCLE;
          double size = failed ? 7 : 5;
          acc.add(new Chart.Points(c.iteration(), c.valAccuracy(), alpha(col, 220), mark, size));
          loss.add(new Chart.Points(c.iteration(), l, alpha(col, 220), mark, size));
        }
      }
      anyTrainFallback |= fallback;
      double[] xr = Chart.range(xs);
      double xMax = xr[1] > xr[0] ? xr[1] : xr[0] + 1;
      double xMin = Math.min(0, xr[0]);
      double[] ar = Chart.range(accs);
      double aLo = ar[0] >= 0 && ar[1] <= 1 ? 0 : Chart.pad(ar[0], ar[1], 0.05)[0];
      double aHi = ar[0] >= 0 && ar[1] <= 1 ? 1.02 : Chart.pad(ar[0], ar[1], 0.05)[1];
      panels.add(new Chart.Panel(e.getKey() + " — validation accuracy (" + e.getValue().size() + " runs)",
          "training iteration", "validation accuracy (fraction correct)", xMin, xMax, aLo, aHi, false, false, null,
          acc));
      double[] lr = Chart.range(losses);
      boolean log = lr[0] > 0 && lr[1] / lr[0] > 20;
      double lLo;
      double lHi;
      if (log) {
        lLo = Math.pow(10, Math.floor(Math.log10(lr[0]) * 10) / 10 - 0.05);
        lHi = Math.pow(10, Math.ceil(Math.log10(lr[1]) * 10) / 10 + 0.05);
      } else {
        double[] p = Chart.pad(Math.min(0, lr[0]), lr[1], 0.05);
        lLo = Math.min(0, lr[0]) >= 0 ? 0 : p[0];
        lHi = p[1];
      }
      String what = fallback ? "training loss" : "validation loss";
      panels.add(new Chart.Panel(e.getKey() + " — " + what, "training iteration",
          what + (log ? " (log scale)" : ""), xMin, xMax, lLo, lHi, log, false, null,
          loss));
    }
    int failedDrawn = 0;
    for (StudyData.Run r : drawn) {
      failedDrawn += "failed".equals(r.text("status", "")) ? 1 : 0;
    }
    int failedUndrawn = -failedDrawn;
    for (StudyData.Run r : data.runs()) {
      failedUndrawn += "failed".equals(r.text("status", "")) ? 1 : 0;
    }
    List<Chart.LegendEntry> legend = legend(by, cols, true);
    if (failedDrawn > 0) {
      legend.add(new Chart.LegendEntry("failed run, up to the failure (dashed, open markers)", Color.DARK_GRAY, null,
          false, true));
    }
    String failures = (failedDrawn == 0 ? "" : " Dashed lines are the " + plural(failedDrawn, "run")
        + " that failed, drawn up to the failure (with open markers where points are marked).")
        + (failedUndrawn == 0 ? "" : " " + plural(failedUndrawn, "failed run") + " stored no curve and "
            + (failedUndrawn == 1 ? "is" : "are") + " not drawn.");
    BufferedImage img = Chart.render("Training curves", "one line per network, coloured by " + by
        + (failedDrawn > 0 ? "; dashed = failed runs" : ""), panels, 2, 520, 280, legend);
    save(img, "curves.png", CURVES, "Validation accuracy and loss during training",
        "Validation accuracy (left) and " + (anyTrainFallback ? "loss (training loss where no validation loss was "
            + "recorded)" : "validation loss") + " (right) against the training iteration, one row per task and "
            + "one line per network, coloured by " + colourByText(by, !varies.isEmpty(), "task") + "." + failures);
  }

  // ------------------------------------------------------------------------------------- 2. embeddings

  static final String MDS = "Representational and dynamical geometry (MDS)";

  private void embeddings() {
    if (data.embeddings().isEmpty()) {
      sectionNotes.put(MDS, "the study has no /embeddings group (no comparisons were embedded).");
      return;
    }
    for (StudyData.Embedding e : data.embeddings()) {
      // one figure per grid factor that varies over the embedded networks, in the order of FACTORS
      List<StudyData.Run> embedded = new ArrayList<>();
      for (String item : e.items()) {
        StudyData.Run r = runsById.get(runIdOf(item));
        if (r != null && !embedded.contains(r)) {
          embedded.add(r);
        }
      }
      List<String> varies = varying(embedded, null);
      for (String by : varies.isEmpty() ? List.of("architecture") : varies) {
        String[] groups = new String[e.items().length];
        List<String> distinct = new ArrayList<>(levels(embedded, by));
        for (int i = 0; i < groups.length; i++) {
          StudyData.Run r = runsById.get(runIdOf(e.items()[i]));
          groups[i] = r == null ? "unknown run" : r.text(by, "?");
          if (!distinct.contains(groups[i])) {
            distinct.add(groups[i]);
          }
        }
        Map<String, Color> cols = factorColors(by, distinct);
        String file = "mds-" + slug(e.metric()) + "-" + slug(e.scope()) + "-by-" + by + ".png";
        save(mdsFigure(e, groups, cols, by), file, MDS,
            "MDS of " + caption(e.metric()) + " distances, " + scopeText(e.scope()) + ", coloured by " + by,
            "Classical multidimensional scaling of the " + caption(e.metric()) + " distance matrix"
                + distanceUnit(e.metric(), e.scope()) + " between " + e.items().length
                + " networks (" + scopeText(e.scope()) + "). Each point is a network, coloured by " + by
                + (varies.isEmpty() ? " (no grid factor varies across these networks)"
                    : varies.size() == 1 ? " (the one grid factor that varies across these networks)"
                    : " (one figure for each grid factor that varies across these networks: "
                        + String.join(", ", varies) + ")")
                + "; filled circles are trained networks, open triangles the same networks before training. "
                + "Stress = " + fmt(e.stress()) + " (0 = the distances are reproduced exactly).");
      }
    }
  }

  /** "12 networks" or "6 trained and 6 untrained networks". */
  private static String itemsText(String[] items) {
    int untrained = (int) Arrays.stream(items).filter(s -> s.endsWith(":untrained")).count();
    return untrained == 0 ? items.length + " networks"
        : (items.length - untrained) + " trained and " + untrained + " untrained networks";
  }

  private static String scopeText(String scope) {
    return "all".equals(scope) ? "all networks" : "task " + scope;
  }

  private BufferedImage mdsFigure(StudyData.Embedding e, String[] groups, Map<String, Color> cols, String by) {
    int m = e.items().length;
    int k = m == 0 ? 0 : e.coordinates()[0].length;
    List<Chart.Layer> layers = new ArrayList<>();
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (Map.Entry<String, Color> c : cols.entrySet()) {
      for (boolean untrained : new boolean[] {true, false}) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < m; i++) {
          if (groups[i].equals(c.getKey()) && e.items()[i].endsWith(":untrained") == untrained) {
            idx.add(i);
          }
        }
        double[] x = new double[idx.size()];
        double[] y = new double[idx.size()];
        for (int j = 0; j < x.length; j++) {
          double[] p = e.coordinates()[idx.get(j)];
          x[j] = p.length > 0 ? p[0] : 0;
          y[j] = p.length > 1 ? p[1] : 0;
        }
        xs.add(x);
        ys.add(y);
        layers.add(untrained
            ? new Chart.Points(x, y, c.getValue(), Chart.MarkerShape.HOLLOW_TRIANGLE, 11)
            : new Chart.Points(x, y, alpha(c.getValue(), 215), Chart.MarkerShape.CIRCLE, 11));
      }
    }
    double[] xr = Chart.pad(Chart.range(xs)[0], Chart.range(xs)[1], 0.08);
    double[] yr = Chart.pad(Chart.range(ys)[0], Chart.range(ys)[1], 0.08);
    List<Chart.LegendEntry> legend = new ArrayList<>();
    cols.forEach((name, c) -> legend.add(new Chart.LegendEntry(levelLabel(by, name), c, null, true)));
    legend.add(new Chart.LegendEntry("trained", TRAINED_MARK, Chart.MarkerShape.CIRCLE, false));
    boolean anyUntrained = Arrays.stream(e.items()).anyMatch(s -> s.endsWith(":untrained"));
    if (anyUntrained) {
      legend.add(new Chart.LegendEntry("untrained", TRAINED_MARK, Chart.MarkerShape.HOLLOW_TRIANGLE, false));
    }
    String unit = caption(e.metric()) + " distance";
    int untrainedCount = (int) Arrays.stream(e.items()).filter(s -> s.endsWith(":untrained")).count();
    String what = untrainedCount == 0 ? m + " trained networks"
        : (m - untrainedCount) + " trained and " + untrainedCount + " untrained networks";
    Chart.Panel p = new Chart.Panel(what + ", " + scopeText(e.scope()), "MDS dimension 1 (" + unit + ")",
        k > 1 ? "MDS dimension 2 (" + unit + ")" : "(one-dimensional embedding)", xr[0], xr[1], yr[0], yr[1],
        false, k > 1, null, layers);
    return Chart.render("MDS of " + caption(e.metric()) + " distances — coloured by " + by,
        "stress = " + fmt(e.stress()) + "   ·   " + scopeText(e.scope()), List.of(p), 1, 720, 560, legend);
  }

  // --------------------------------------------------------------------------------- 3. distance matrices

  static final String DISTANCES = "Distance matrices";

  private void distanceMatrices() {
    if (data.comparisons().isEmpty()) {
      sectionNotes.put(DISTANCES, "the study has no /comparisons group (no similarity metric was computed).");
      return;
    }
    for (StudyData.Comparison c : data.comparisons()) {
      int n = c.n();
      String[] groups = new String[n];
      String[] labels = new String[n];
      for (int i = 0; i < n; i++) {
        String item = c.items()[i];
        StudyData.Run r = runsById.get(runIdOf(item));
        groups[i] = r == null ? "unknown run" : r.text("architecture", "?");
        labels[i] = item.endsWith(":untrained") ? runIdOf(item) + " (untrained)" : item;
      }
      int[] order;
      String how;
      try {
        order = AverageLinkage.fit(c.distance(), n).leafOrder();
        how = "rows and columns ordered by average-linkage clustering";
      } catch (IllegalArgumentException ex) {
        Integer[] o = new Integer[n];
        for (int i = 0; i < n; i++) {
          o[i] = i;
        }
        Arrays.sort(o, Comparator.comparing((Integer i) -> groups[i]).thenComparing(i -> labels[i]));
        order = Arrays.stream(o).mapToInt(Integer::intValue).toArray();
        how = "rows and columns grouped by architecture (clustering impossible: " + ex.getMessage() + ")";
      }
      String file = "distance-" + slug(c.metric()) + "-" + slug(c.scope()) + ".png";
      BufferedImage img = HeatMap.render(caption(c.metric()) + " distance between networks — "
          + scopeText(c.scope()),
          itemsText(c.items()) + "; " + how + "\nside strips and white lines: architecture", c.distance(), n, order, labels,
          groups, archColors, caption(c.metric()) + " distance" + distanceUnit(c.metric(), c.scope()));
      save(img, file, DISTANCES, caption(c.metric()) + " distances, " + scopeText(c.scope()),
          "Pairwise " + caption(c.metric()) + " distances" + distanceUnit(c.metric(), c.scope()) + " between " + n
              + " networks ("
              + scopeText(c.scope()) + "), " + how + ". The coloured strips on the left and top give each "
              + "network's architecture; white lines mark where the architecture changes along the order. "
              + "Dark = similar, yellow = dissimilar.");
    }
  }

  /** A metric's caption from the registry (its name when the registry does not know it). */
  private String caption(String metric) {
    return metrics.has(metric) ? metrics.info(metric).caption() : metric;
  }

  /**
   * " (UNITS)" for the comparison of {@code metric} over {@code scope}: the units the file stores with it, or, for
   * a file from before they were stored, the registry's units of the metric's defaults (the only options a study
   * could use then); "" when neither is known.
   */
  private String distanceUnit(String metric, String scope) {
    for (StudyData.Comparison c : data.comparisons()) {
      if (c.metric().equals(metric) && c.scope().equals(scope) && c.attributes().get("units") != null) {
        return " (" + c.attributes().get("units") + ")";
      }
    }
    return metrics.has(metric) ? " (" + metrics.info(metric).units() + ")" : "";
  }

  // ------------------------------------------------------------------------------------ 4. fixed points

  static final String FIXED = "Fixed points";

  private void fixedPoints() {
    Map<String, List<StudyData.Run>> byTask = new TreeMap<>();
    int maxIndex = 0;
    for (StudyData.Run r : data.runs()) {
      StudyData.FixedPoints fp = r.fixedPoints();
      if (fp != null) {
        byTask.computeIfAbsent(r.text("task", "?"), k -> new ArrayList<>()).add(r);
        for (int i = 0; i < fp.count(); i++) {
          if (fp.slow()[i] == 0) {
            maxIndex = Math.max(maxIndex, fp.unstableDims()[i]);
          }
        }
      }
    }
    if (byTask.isEmpty()) {
      sectionNotes.put(FIXED, "no run's fixed points were searched for (the study did not analyse them).");
      return;
    }
    int withNone = 0;
    for (List<StudyData.Run> runs : byTask.values()) {
      for (StudyData.Run r : runs) {
        withNone += r.fixedPoints().count() == 0 ? 1 : 0;
      }
    }
    int cap = Math.min(maxIndex, 4); // index ≥ 4 share one class
    List<String> classes = new ArrayList<>();
    classes.add("stable");
    for (int j = 1; j <= cap; j++) {
      classes.add(j == cap && maxIndex > cap ? "index ≥" + j : "index-" + j + (j == 1 ? " saddle" : ""));
    }
    classes.add("slow points");
    int nc = classes.size();
    List<String> archs = new ArrayList<>(archColors.keySet());
    int na = archs.size();
    List<Chart.Panel> panels = new ArrayList<>();
    for (Map.Entry<String, List<StudyData.Run>> e : byTask.entrySet()) {
      List<Chart.Layer> layers = new ArrayList<>();
      double yMax = 1;
      for (int a = 0; a < na; a++) {
        List<int[]> perRun = new ArrayList<>();
        for (StudyData.Run r : e.getValue()) {
          if (!r.text("architecture", "?").equals(archs.get(a))) {
            continue;
          }
          int[] counts = new int[nc];
          StudyData.FixedPoints fp = r.fixedPoints();
          for (int i = 0; i < fp.count(); i++) {
            int cls = fp.slow()[i] != 0 ? nc - 1 : Math.min(fp.unstableDims()[i], cap);
            counts[cls]++;
          }
          perRun.add(counts);
        }
        if (perRun.isEmpty()) {
          continue;
        }
        Color col = archColors.get(archs.get(a));
        double width = 0.8 / na;
        for (int c = 0; c < nc; c++) {
          double sum = 0;
          double[] dx = new double[perRun.size()];
          double[] dy = new double[perRun.size()];
          double x0 = c - 0.4 + a * width;
          for (int j = 0; j < perRun.size(); j++) {
            sum += perRun.get(j)[c];
            dy[j] = perRun.get(j)[c];
            dx[j] = x0 + width * (0.25 + 0.5 * (perRun.size() == 1 ? 0.5 : j / (double) (perRun.size() - 1)));
            yMax = Math.max(yMax, dy[j]);
          }
          double mean = sum / perRun.size();
          layers.add(new Chart.Rect(x0, x0 + width * 0.92, 0, mean, alpha(col, 170), col.darker()));
          layers.add(new Chart.Points(dx, dy, col.darker().darker(), Chart.MarkerShape.CIRCLE, 5));
        }
      }
      double top = Math.ceil(yMax * 1.1 + 0.01);
      panels.add(new Chart.Panel(e.getKey() + " (" + e.getValue().size() + " networks analysed)", "stability class",
          "points per network", -0.6, nc - 0.4, 0, top, false, false, classes, layers));
    }
    BufferedImage img = Chart.render("Fixed and slow points by stability class",
        "bars: mean per network of each architecture; dots: individual networks", panels,
        Math.min(2, panels.size()), 560, 300, archLegend(false));
    save(img, "fixed-points.png", FIXED, "Fixed-point counts per stability class",
        "Number of fixed points per network, by stability class (stable = no unstable direction; index-k = k "
            + "unstable directions of the Jacobian) and slow points (local minima of q = ½|F(h) − h|² above the "
            + "fixed-point tolerance), one panel per task. Bars are the mean over the networks of an architecture, "
            + "dots the individual networks. Every network whose search ran is counted"
            + (withNone > 0 ? ", including the " + withNone + " whose search found no point (as 0)" : "") + ".");
  }

  // ---------------------------------------------------------------------------------------- 5. spectra

  static final String SPECTRA = "Eigenvalue spectra";

  /** Colour of a stable mode: an eigenvalue inside or on the unit circle (map) or with Re μ ≤ 0 (flow). */
  static final Color STABLE_MODE = new Color(31, 119, 180);
  /** Colour of an unstable mode: an eigenvalue outside the unit circle (map) or with Re μ > 0 (flow). */
  static final Color UNSTABLE_MODE = new Color(214, 39, 40);
  private static final Color NEUTRAL = new Color(85, 85, 85);
  private static final Chart.MarkerShape[] SHAPES = {Chart.MarkerShape.CIRCLE, Chart.MarkerShape.TRIANGLE,
      Chart.MarkerShape.SQUARE, Chart.MarkerShape.DIAMOND, Chart.MarkerShape.HOLLOW_CIRCLE,
      Chart.MarkerShape.HOLLOW_TRIANGLE, Chart.MarkerShape.CROSS};

  /**
   * Eigenvalues {@code (x, y)} split by the stability of their mode and by a class of marker (task, kind of point),
   * gathered over several runs.
   */
  private static final class ModeSets {
    /** {@code [class][0 = stable, 1 = unstable]}: x values then y values, {@code size} of each used. */
    private final double[][][] x;
    private final double[][][] y;
    private final int[][] size;

    ModeSets(int classes) {
      x = new double[classes][2][16];
      y = new double[classes][2][16];
      size = new int[classes][2];
    }

    /** Adds eigenvalues under marker class {@code cls}; unstable: {@code x > 0} for a flow, else {@code |λ| > 1}. */
    void add(int cls, double[] xs, double[] ys, boolean flow) {
      for (int i = 0; i < xs.length; i++) {
        int s = (flow ? xs[i] > 0 : Math.hypot(xs[i], ys[i]) > 1) ? 1 : 0;
        int n = size[cls][s];
        if (n == x[cls][s].length) {
          x[cls][s] = Arrays.copyOf(x[cls][s], 2 * n);
          y[cls][s] = Arrays.copyOf(y[cls][s], 2 * n);
        }
        x[cls][s][n] = xs[i];
        y[cls][s][n] = ys[i];
        size[cls][s] = n + 1;
      }
    }

    /** Number of stable ({@code 0}) or unstable ({@code 1}) modes. */
    int count(int stability) {
      int n = 0;
      for (int[] s : size) {
        n += s[stability];
      }
      return n;
    }

    /** Markers: every stable mode first, then every unstable one on top, in the class's shape. */
    List<Chart.Layer> layers(Chart.MarkerShape[] shapes, int alpha, double markerSize) {
      List<Chart.Layer> out = new ArrayList<>();
      for (int s = 0; s < 2; s++) {
        for (int c = size.length - 1; c >= 0; c--) {
          out.add(new Chart.Points(Arrays.copyOf(x[c][s], size[c][s]), Arrays.copyOf(y[c][s], size[c][s]),
              alpha(s == 0 ? STABLE_MODE : UNSTABLE_MODE, alpha), shapes[c], markerSize));
        }
      }
      return out;
    }

    /** Every x ({@code axis} 0) or y (1) value, for axis ranges. */
    List<double[]> all(int axis) {
      List<double[]> out = new ArrayList<>();
      for (int c = 0; c < size.length; c++) {
        for (int s = 0; s < 2; s++) {
          out.add(Arrays.copyOf(axis == 0 ? x[c][s] : y[c][s], size[c][s]));
        }
      }
      return out;
    }
  }

  private void spectra() {
    List<String> archs = new ArrayList<>(archColors.keySet());
    List<String> tasks = levels("task");
    boolean byTask = tasks.size() > 1 && tasks.size() <= SHAPES.length;
    // W_rec
    List<Chart.Panel> panels = new ArrayList<>();
    double radius = 1.1;
    for (StudyData.Run r : data.runs()) {
      if (r.wRecRe() != null) {
        for (int i = 0; i < r.wRecRe().length; i++) {
          radius = Math.max(radius, Math.hypot(r.wRecRe()[i], r.wRecIm()[i]) * 1.05);
        }
      }
    }
    Map<String, Integer> wRecTotal = new LinkedHashMap<>();
    for (StudyData.Run r : data.runs()) {
      if (r.wRecRe() != null) {
        wRecTotal.merge(r.text("architecture", "?"), r.wRecRe().length, Integer::sum);
      }
    }
    Chart.MarkerShape[] taskShapes = new Chart.MarkerShape[byTask ? tasks.size() : 1];
    for (int k = 0; k < taskShapes.length; k++) {
      taskShapes[k] = SHAPES[k];
    }
    for (String a : archs) {
      ModeSets modes = new ModeSets(taskShapes.length);
      int runs = 0;
      double sumRadius = 0;
      for (StudyData.Run r : data.runs()) {
        if (r.wRecRe() == null || !r.text("architecture", "?").equals(a)) {
          continue;
        }
        runs++;
        double rho = 0;
        for (int i = 0; i < r.wRecRe().length; i++) {
          rho = Math.max(rho, Math.hypot(r.wRecRe()[i], r.wRecIm()[i]));
        }
        sumRadius += rho;
        modes.add(byTask ? tasks.indexOf(r.text("task", "?")) : 0, r.wRecRe(), r.wRecIm(), false);
      }
      if (runs == 0) {
        continue;
      }
      int total = wRecTotal.getOrDefault(a, 0);
      List<Chart.Layer> layers = new ArrayList<>();
      layers.add(new Chart.Circle(0, 0, 1, new Color(90, 90, 90), true));
      layers.addAll(modes.layers(taskShapes, total < 400 ? 200 : 120, total < 400 ? 7 : 5));
      layers.add(new Chart.Text(runs + " networks\nmean spectral radius " + fmt(sumRadius / runs) + "\n"
          + modes.count(1) + " of " + total + " eigenvalues outside"));
      panels.add(new Chart.Panel(a, "Re λ", "Im λ", -radius, radius, -radius, radius, false, true, null, layers));
    }
    if (panels.isEmpty()) {
      sectionNotes.put(SPECTRA, "no run has a W_rec spectrum (/runs/*/spectrum).");
    } else {
      List<Chart.LegendEntry> legend = new ArrayList<>(List.of(
          new Chart.LegendEntry("|λ| ≤ 1: stable mode", STABLE_MODE, Chart.MarkerShape.CIRCLE, false),
          new Chart.LegendEntry("|λ| > 1: unstable (growing) mode", UNSTABLE_MODE, Chart.MarkerShape.CIRCLE,
              false)));
      if (byTask) {
        for (int k = 0; k < tasks.size(); k++) {
          legend.add(new Chart.LegendEntry("task " + tasks.get(k), NEUTRAL, taskShapes[k], false));
        }
      }
      legend.add(new Chart.LegendEntry("unit circle (dashed)", new Color(90, 90, 90), null, false));
      BufferedImage img = Chart.render("Eigenvalues of the trained recurrent dynamics",
          "W_eff for vanilla and continuous-time cells; dF/dh at h = 0, x = 0 for gated cells (no single W_rec); "
              + "one panel per architecture; red: outside the unit circle", panels, Math.min(3, panels.size()),
          360, 360, legend);
      save(img, "spectra-w-rec.png", SPECTRA, "W_rec eigenvalues",
          "Eigenvalues of the effective recurrent weight matrix W_eff of every trained vanilla or "
              + "continuous-time network, and of the Jacobian at the origin of every gated network (which has no "
              + "single recurrent matrix; each run's /spectrum attribute 'matrix' says which), on the complex plane, "
              + "one panel per architecture, with the unit circle (dashed). Each eigenvalue is coloured by its "
              + "modulus: red outside the unit circle (|λ| > 1, a mode that grows), blue inside or on it"
              + (byTask ? "; the marker shape gives the task" : "") + ".");
    }
    // Jacobians at fixed points: discrete-time cells on the λ plane with the unit circle; continuous-time
    // (Euler) cells F(h) = h + α f(h) as the flow's eigenvalues μ = (λ − 1)/α with the imaginary axis
    panels = new ArrayList<>();
    Chart.MarkerShape[] kindShapes = {Chart.MarkerShape.CIRCLE, Chart.MarkerShape.TRIANGLE,
        Chart.MarkerShape.HOLLOW_CIRCLE};
    radius = 1.1;
    for (StudyData.Run r : data.runs()) {
      StudyData.FixedPoints fp = r.fixedPoints();
      if (fp != null && fp.eigRe() != null && !flow(fp)) {
        for (int p = 0; p < fp.count(); p++) {
          for (int i = 0; i < fp.eigRe()[p].length; i++) {
            radius = Math.max(radius, Math.hypot(fp.eigRe()[p][i], fp.eigIm()[p][i]) * 1.05);
          }
        }
      }
    }
    boolean anyFlow = false;
    boolean anyMap = false;
    boolean[] kinds = new boolean[3];
    for (String a : archs) {
      for (boolean asFlow : new boolean[] {false, true}) {
        ModeSets modes = new ModeSets(3);
        int points = 0;
        int runs = 0;
        for (StudyData.Run r : data.runs()) {
          StudyData.FixedPoints fp = r.fixedPoints();
          if (fp == null || fp.eigRe() == null || fp.count() == 0 || !r.text("architecture", "?").equals(a)
              || flow(fp) != asFlow) {
            continue;
          }
          runs++;
          for (int p = 0; p < fp.count(); p++) {
            int cls = fp.slow()[p] != 0 ? 2 : fp.unstableDims()[p] > 0 ? 1 : 0;
            kinds[cls] = true;
            double[] x = fp.eigRe()[p].clone();
            double[] y = fp.eigIm()[p].clone();
            if (asFlow) {
              for (int i = 0; i < x.length; i++) {
                x[i] = (x[i] - 1) / fp.alpha();
                y[i] = y[i] / fp.alpha();
              }
            }
            modes.add(cls, x, y, asFlow);
            points++;
          }
        }
        if (points == 0) {
          continue;
        }
        List<Chart.Layer> layers = new ArrayList<>();
        if (!asFlow) {
          layers.add(new Chart.Circle(0, 0, 1, new Color(90, 90, 90), true));
        }
        int total = modes.count(0) + modes.count(1);
        layers.addAll(modes.layers(kindShapes, total < 400 ? 200 : 120, total < 400 ? 7 : 5));
        layers.add(new Chart.Text(points + " points in " + runs + " networks\n" + modes.count(1) + " of " + total
            + " eigenvalues unstable"));
        if (asFlow) {
          anyFlow = true;
          layers.add(new Chart.VLine(0, new Color(90, 90, 90), 1.2f, null));
          double[] xr = Chart.range(modes.all(0));
          double[] yr = Chart.range(modes.all(1));
          double[] xp = Chart.pad(Math.min(xr[0], -0.1), Math.max(xr[1], 0.1), 0.06);
          double ym = Math.max(Math.max(Math.abs(yr[0]), Math.abs(yr[1])), 0.1) * 1.1;
          panels.add(new Chart.Panel(a + " (continuous time, flow eigenvalues)", "Re μ (1/τ)", "Im μ (1/τ)", xp[0],
              xp[1], -ym, ym, false, true, null, layers));
        } else {
          anyMap = true;
          panels.add(new Chart.Panel(a, "Re λ", "Im λ", -radius, radius, -radius, radius, false, true, null,
              layers));
        }
      }
    }
    if (!panels.isEmpty()) {
      String stableText = anyMap && anyFlow ? "|λ| ≤ 1 or Re μ ≤ 0" : anyMap ? "|λ| ≤ 1" : "Re μ ≤ 0";
      String unstableText = anyMap && anyFlow ? "|λ| > 1 or Re μ > 0" : anyMap ? "|λ| > 1" : "Re μ > 0";
      List<Chart.LegendEntry> legend = new ArrayList<>(List.of(
          new Chart.LegendEntry(stableText + ": stable mode", STABLE_MODE, Chart.MarkerShape.CIRCLE, false),
          new Chart.LegendEntry(unstableText + ": unstable mode", UNSTABLE_MODE, Chart.MarkerShape.CIRCLE,
              false)));
      String[] kindNames = {"at stable fixed points", "at saddles (≥ 1 unstable direction)", "at slow points"};
      for (int k = 0; k < 3; k++) {
        if (kinds[k]) {
          legend.add(new Chart.LegendEntry(kindNames[k], NEUTRAL, kindShapes[k], false));
        }
      }
      if (anyMap) {
        legend.add(new Chart.LegendEntry("unit circle (dashed)", new Color(90, 90, 90), null, false));
      }
      if (anyFlow) {
        legend.add(new Chart.LegendEntry("Re μ = 0", new Color(90, 90, 90), null, false));
      }
      BufferedImage img = Chart.render("Eigenvalues of the Jacobian at the fixed points",
          "linearised dynamics at every fixed and slow point; one panel per architecture; colour: stability of "
              + "the mode, shape: kind of point", panels, Math.min(3, panels.size()), 360, 360, legend);
      save(img, "spectra-jacobian.png", SPECTRA, "Jacobian eigenvalues at the fixed points",
          "Eigenvalues of the linearised dynamics at every fixed and slow point found, one panel per architecture. "
              + "Each eigenvalue is coloured by the stability of its mode (red: unstable, blue: stable); the "
              + "marker's shape gives the kind of point it belongs to (filled circle: stable fixed point, "
              + "triangle: saddle, open circle: slow point)."
              + (anyMap ? " Discrete-time cells: eigenvalues λ of the one-step Jacobian ∂F/∂h; outside the unit "
              + "circle (dashed, |λ| > 1) is an unstable direction, near 1 a slow, line-attractor-like direction."
              : "")
              + (anyFlow ? " Continuous-time (Euler) cells, F(h) = h + α f(h): eigenvalues μ = (λ − 1)/α of the "
              + "flow τ dh/dt = f(h), in units of 1/τ; right of the imaginary axis (Re μ > 0) is an unstable "
              + "direction, the criterion the fixed-point analysis used." : ""));
    }
  }

  /** Whether a run's fixed-point eigenvalues are shown as flow eigenvalues μ = (λ − 1)/α. */
  private static boolean flow(StudyData.FixedPoints fp) {
    return fp.continuousTime() && fp.alpha() > 0 && Double.isFinite(fp.alpha());
  }

  // ----------------------------------------------------------------------------------- 6. separability

  static final String SEPARABILITY = "Separability";

  private void separability() {
    if (data.separability().isEmpty()) {
      sectionNotes.put(SEPARABILITY, "the study has no /separability group (no permutation tests were run).");
      return;
    }
    Map<String, List<StudyData.SeparabilityTest>> byMetricScope = new LinkedHashMap<>();
    for (StudyData.SeparabilityTest t : data.separability()) {
      byMetricScope.computeIfAbsent(t.metric() + "\u0000" + t.scope(), k -> new ArrayList<>()).add(t);
    }
    for (List<StudyData.SeparabilityTest> tests : byMetricScope.values()) {
      List<Chart.Panel> panels = new ArrayList<>();
      for (StudyData.SeparabilityTest t : tests) {
        panels.add(nullPanel(t, "MDS", t.nullMds(), t.number("accuracy_mds"), t.number("p_value_mds")));
        panels.add(nullPanel(t, "rows", t.nullRows(), t.number("accuracy_rows"),
            t.number("p_value_rows")));
      }
      StudyData.SeparabilityTest first = tests.get(0);
      String file = "separability-" + slug(first.metric()) + "-" + slug(first.scope()) + ".png";
      List<Chart.LegendEntry> legend = List.of(
          new Chart.LegendEntry("accuracy under label permutation (null)", new Color(150, 150, 150), null, true),
          new Chart.LegendEntry("observed accuracy", new Color(200, 30, 30), null, false),
          new Chart.LegendEntry("chance (0.5)", new Color(90, 90, 90), null, false));
      BufferedImage img = Chart.render("Linear separability — " + caption(first.metric()) + ", "
          + scopeText(first.scope()),
          "cross-validated accuracy of a linear classifier on MDS coordinates (left) and on distance-matrix rows "
              + "(right)", panels, 2, 470, 220, legend);
      save(img, file, SEPARABILITY, "Separability tests, " + caption(first.metric()) + ", "
          + scopeText(first.scope()),
          "For each pair of groups, the cross-validated accuracy of a linear classifier that tells the two groups "
              + "apart from the networks' " + caption(first.metric()) + " MDS coordinates (left) or distance-matrix rows "
              + "(right), as a red line over the histogram of accuracies after permuting the group labels. The "
              + "p-value is the fraction of permutations at least as accurate.");
    }
  }

  private static Chart.Panel nullPanel(StudyData.SeparabilityTest t, String features, double[] nul, double observed,
      double p) {
    List<Chart.Layer> layers = new ArrayList<>();
    double lo = 0.0;
    double hi = 1.0;
    int bins = 20;
    double w = (hi - lo) / bins;
    int[] counts = new int[bins];
    int n = 0;
    for (double v : nul) {
      if (Double.isFinite(v)) {
        counts[Math.max(0, Math.min(bins - 1, (int) Math.floor((v - lo) / w)))]++;
        n++;
      }
    }
    int maxCount = 1;
    for (int b = 0; b < bins; b++) {
      maxCount = Math.max(maxCount, counts[b]);
      if (counts[b] > 0) {
        layers.add(new Chart.Rect(lo + b * w, lo + (b + 1) * w, 0, counts[b], new Color(170, 170, 170),
            new Color(110, 110, 110)));
      }
    }
    layers.add(new Chart.VLine(0.5, new Color(90, 90, 90), 1f, null));
    if (Double.isFinite(observed)) {
      layers.add(new Chart.VLine(observed, new Color(200, 30, 30), 2.5f,
          "observed " + fmt(observed) + (Double.isFinite(p) ? ", p = " + fmt(p) : "")));
    }
    if (n == 0) {
      layers.add(new Chart.Text("no permutations stored"));
    }
    String groups = t.grouping() + ": " + t.pair().replace("_vs_", " vs ");
    String sizes = Double.isFinite(t.number("n_a")) ? " (n = " + fmt(t.number("n_a")) + " + " + fmt(t.number("n_b"))
        + ")" : "";
    return new Chart.Panel(groups + sizes + " — " + features, "cross-validated accuracy (fraction correct)",
        "permutations (count)", lo, hi + 0.04, 0, Math.ceil(maxCount * 1.25), false, false, null, layers);
  }

  /** "1 run", "3 runs". */
  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A number for captions: 3 significant digits, NaN as "n/a". */
  static String fmt(double v) {
    return Double.isFinite(v) ? LinePlot.number(v) : "n/a";
  }
}
