package cohort.study.report;

import cohort.study.report.figure.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every run of the study in one table (its grid cell, status, final accuracy, iterations, wall time, fixed points
 * and, when it did not complete, the reason), sorted by task, architecture, activation and size; then the failures
 * with their reasons.
 */
final class RunsSection implements Section {

  @Override
  public Content write(ReportContext report) {
    List<StudyData.Run> runs = report.data().runs();
    return Content.of(runs.isEmpty() ? "<p class=\"none\">The file holds no runs.</p>\n" : table(runs));
  }

  private static String table(List<StudyData.Run> runs) {
    StringBuilder h = new StringBuilder();
    h.append("<div class=\"scroll\"><table class=\"runs\">\n")
        .append("<tr><th>run id</th><th>task</th><th>architecture</th><th>activation</th>")
        .append("<th>units</th><th>status</th><th>final accuracy</th><th>iterations</th><th>wall time (s)</th>")
        .append("<th>fixed points</th><th>reason</th></tr>\n");
    List<StudyData.Run> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparing((StudyData.Run r) -> r.text("task", ""))
        .thenComparing(r -> r.text("architecture", "")).thenComparing(r -> r.text("activation", ""))
        .thenComparingDouble(r -> r.number("units")).thenComparing(StudyData.Run::id));
    for (StudyData.Run r : sorted) {
      row(h, r);
    }
    h.append("</table></div>\n");
    List<StudyData.Run> failed = new ArrayList<>();
    for (StudyData.Run r : runs) {
      if ("failed".equals(r.text("status", ""))) {
        failed.add(r);
      }
    }
    if (!failed.isEmpty()) {
      h.append("<h3>Failures</h3>\n<ul class=\"failures\">\n");
      for (StudyData.Run r : failed) {
        h.append("<li><code>").append(Html.esc(r.id())).append("</code>: ")
            .append(Html.esc(r.text("reason", "no reason recorded"))).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    return h.toString();
  }

  private static void row(StringBuilder h, StudyData.Run r) {
    String status = r.text("status", "unknown");
    boolean why = r.fixedPoints() != null && !r.fixedPoints().reason().isEmpty(); // wraps like a reason
    double seconds = Double.isFinite(r.number("wall_seconds")) ? r.number("wall_seconds") : r.number("run_seconds");
    h.append("<tr class=\"").append(Html.esc(status.replaceAll("[^a-z_]", ""))).append("\"><td><code>")
        .append(Html.esc(r.id())).append("</code></td><td>").append(Html.esc(r.text("task", "?"))).append("</td><td>")
        .append(Html.esc(r.text("architecture", "?"))).append("</td><td>").append(Html.esc(r.text("activation", "?")))
        .append("</td><td class=\"num\">").append(Html.esc(r.text("units", "?"))).append("</td><td>")
        .append(Html.esc(status)).append("</td><td class=\"num\">").append(Numbers.fixed(r.number("final_accuracy"), 3))
        .append("</td><td class=\"num\">").append(Numbers.orNa(r.number("iterations")))
        .append("</td><td class=\"num\">").append(Numbers.fixed(seconds, 1))
        .append("</td><td class=\"").append(why ? "reason" : "num").append("\">").append(Html.esc(fixedPoints(r)))
        .append("</td><td class=\"reason\">").append(Html.esc("completed".equals(status) ? "" : r.text("reason", "")))
        .append("</td></tr>\n");
  }

  /** The number of fixed and slow points of a run, "0 (reason)" when its search found none, or "not analysed". */
  static String fixedPoints(StudyData.Run r) {
    StudyData.FixedPoints fp = r.fixedPoints();
    if (fp == null) {
      return "not analysed";
    }
    if (fp.count() == 0) {
      return fp.reason().isEmpty() ? "0" : "0 (" + fp.reason() + ")";
    }
    return Integer.toString(fp.count());
  }
}
