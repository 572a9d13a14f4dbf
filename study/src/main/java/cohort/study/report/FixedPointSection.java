package cohort.study.report;

import cohort.study.report.figure.Chart;
import cohort.study.report.figure.Layer;
import cohort.study.report.figure.MarkerShape;
import cohort.study.report.figure.Numbers;
import cohort.study.report.figure.Palette;
import cohort.study.report.figure.Panel;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fixed and slow points: a table of the mean counts per network for each task and architecture, and a bar chart of
 * the points per network by stability class (stable, index-k saddles, slow points), one panel per task, bars for the
 * architectures' means and dots for the single networks. Every network whose search ran is counted, one that found
 * no point as 0.
 */
final class FixedPointSection implements Section {

  static final String TITLE = "Fixed points";

  @Override
  public Content write(ReportContext report) {
    Map<String, List<StudyData.Run>> byTask = report.runsByTask(r -> r.fixedPoints() != null);
    return byTask.isEmpty()
        ? Content.leftOut("no run's fixed points were searched for (the study did not analyse them).")
        : Content.of(table(report.data()) + figure(report, byTask));
  }

  /**
   * Mean fixed-point counts per network for each task and architecture, over every network whose search ran (one
   * that found no point counts as 0).
   */
  private static String table(StudyData data) {
    Map<String, List<StudyData.FixedPoints>> cells = new TreeMap<>();
    for (StudyData.Run r : data.runs()) {
      if (r.fixedPoints() != null) {
        cells.computeIfAbsent(r.text("task", "?") + "\u0000" + r.text("architecture", "?"), k -> new ArrayList<>())
            .add(r.fixedPoints());
      }
    }
    StringBuilder h = new StringBuilder();
    h.append("<p>Mean number of points per network over every network whose fixed-point search ran; a network "
        + "whose search found no point counts as 0.</p>\n");
    h.append("<div class=\"scroll\"><table class=\"runs fixed\">\n<tr><th>task</th><th>architecture</th>")
        .append("<th>networks analysed</th><th>with no point</th><th>points</th><th>stable</th>")
        .append("<th>saddles and unstable</th><th>slow</th></tr>\n");
    for (Map.Entry<String, List<StudyData.FixedPoints>> e : cells.entrySet()) {
      String[] key = e.getKey().split("\u0000", 2);
      List<StudyData.FixedPoints> sets = e.getValue();
      int none = 0;
      double[] sum = new double[4];
      for (StudyData.FixedPoints fp : sets) {
        none += fp.count() == 0 ? 1 : 0;
        for (int i = 0; i < fp.count(); i++) {
          sum[0]++;
          sum[fp.slow()[i] != 0 ? 3 : fp.unstableDims()[i] == 0 ? 1 : 2]++;
        }
      }
      h.append("<tr><td>").append(Html.esc(key[0])).append("</td><td>").append(Html.esc(key[1]))
          .append("</td><td class=\"num\">").append(sets.size()).append("</td><td class=\"num\">").append(none);
      for (double v : sum) {
        h.append("</td><td class=\"num\">").append(Numbers.fixed(v / sets.size(), 2));
      }
      h.append("</td></tr>\n");
    }
    h.append("</table></div>\n");
    return h.toString();
  }

  private static String figure(ReportContext report, Map<String, List<StudyData.Run>> byTask) {
    int maxIndex = 0;
    int withNone = 0;
    for (List<StudyData.Run> runs : byTask.values()) {
      for (StudyData.Run r : runs) {
        StudyData.FixedPoints fp = r.fixedPoints();
        withNone += fp.count() == 0 ? 1 : 0;
        for (int i = 0; i < fp.count(); i++) {
          if (fp.slow()[i] == 0) {
            maxIndex = Math.max(maxIndex, fp.unstableDims()[i]);
          }
        }
      }
    }
    int cap = Math.min(maxIndex, 4); // index ≥ 4 share one class
    List<String> classes = new ArrayList<>();
    classes.add("stable");
    for (int j = 1; j <= cap; j++) {
      classes.add(j == cap && maxIndex > cap ? "index ≥" + j : "index-" + j + (j == 1 ? " saddle" : ""));
    }
    classes.add("slow points");
    Map<String, Color> archs = report.factors().architectures();
    List<Panel> panels = new ArrayList<>();
    for (Map.Entry<String, List<StudyData.Run>> e : byTask.entrySet()) {
      List<Layer> layers = new ArrayList<>();
      double yMax = 1;
      int a = 0;
      for (Map.Entry<String, Color> arch : archs.entrySet()) {
        yMax = Math.max(yMax, bars(layers, e.getValue(), arch.getKey(), arch.getValue(), a++, archs.size(), cap,
            classes.size()));
      }
      double top = Math.ceil(yMax * 1.1 + 0.01);
      panels.add(new Panel(e.getKey() + " (" + e.getValue().size() + " networks analysed)", "stability class",
          "points per network", -0.6, classes.size() - 0.4, 0, top, false, false, classes, layers));
    }
    return report.figure(Chart.render("Fixed and slow points by stability class",
            "bars: mean per network of each architecture; dots: individual networks", panels,
            Math.min(2, panels.size()), 560, 300, Factors.legend("architecture", archs, false)),
        "fixed-points.png", "Fixed-point counts per stability class",
        "Number of fixed points per network, by stability class (stable = no unstable direction; index-k = k "
            + "unstable directions of the Jacobian) and slow points (local minima of q = ½|F(h) − h|² above the "
            + "fixed-point tolerance), one panel per task. Bars are the mean over the networks of an architecture, "
            + "dots the individual networks. Every network whose search ran is counted"
            + (withNone > 0 ? ", including the " + withNone + " whose search found no point (as 0)" : "") + ".");
  }

  /**
   * Adds the bars (means) and dots (networks) of architecture {@code arch}, the {@code a}-th of {@code na}, over
   * the classes; returns the largest count drawn (0 when the architecture has no run here).
   */
  private static double bars(List<Layer> layers, List<StudyData.Run> runs, String arch, Color col, int a, int na,
      int cap, int nc) {
    List<int[]> perRun = new ArrayList<>();
    for (StudyData.Run r : runs) {
      if (!r.text("architecture", "?").equals(arch)) {
        continue;
      }
      int[] counts = new int[nc];
      StudyData.FixedPoints fp = r.fixedPoints();
      for (int i = 0; i < fp.count(); i++) {
        counts[fp.slow()[i] != 0 ? nc - 1 : Math.min(fp.unstableDims()[i], cap)]++;
      }
      perRun.add(counts);
    }
    double most = 0;
    double width = 0.8 / na;
    for (int c = 0; c < nc && !perRun.isEmpty(); c++) {
      double sum = 0;
      double[] dx = new double[perRun.size()];
      double[] dy = new double[perRun.size()];
      double x0 = c - 0.4 + a * width;
      for (int j = 0; j < perRun.size(); j++) {
        sum += perRun.get(j)[c];
        dy[j] = perRun.get(j)[c];
        dx[j] = x0 + width * (0.25 + 0.5 * (perRun.size() == 1 ? 0.5 : j / (double) (perRun.size() - 1)));
        most = Math.max(most, dy[j]);
      }
      layers.add(new Layer.Rect(x0, x0 + width * 0.92, 0, sum / perRun.size(), Palette.withAlpha(col, 170),
          col.darker()));
      layers.add(new Layer.Points(dx, dy, col.darker().darker(), MarkerShape.CIRCLE, 5));
    }
    return most;
  }
}
