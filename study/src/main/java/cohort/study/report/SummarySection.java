package cohort.study.report;

import cohort.study.report.figure.Numbers;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of a study: how many runs the file holds and the grid has, their status, how many have each part of
 * the analysis (curves, fixed points, spectra) and how many comparisons, embeddings and separability tests there
 * are; then the runs per architecture and task.
 */
final class SummarySection implements Section {

  @Override
  public Content write(ReportContext report) {
    StudyData data = report.data();
    Map<String, Integer> status = new TreeMap<>();
    Map<String, Map<String, Integer>> cells = new TreeMap<>();
    TreeMap<String, Integer> taskTotals = new TreeMap<>();
    int withCurves = 0;
    int withFixed = 0;
    int withNoPoint = 0;
    int withSpectrum = 0;
    for (StudyData.Run r : data.runs()) {
      status.merge(r.text("status", "unknown"), 1, Integer::sum);
      cells.computeIfAbsent(r.text("architecture", "?"), k -> new TreeMap<>()).merge(r.text("task", "?"), 1,
          Integer::sum);
      taskTotals.merge(r.text("task", "?"), 1, Integer::sum);
      withCurves += r.curves() != null ? 1 : 0;
      withFixed += r.fixedPoints() != null ? 1 : 0;
      withNoPoint += r.fixedPoints() != null && r.fixedPoints().count() == 0 ? 1 : 0;
      withSpectrum += r.wRecRe() != null ? 1 : 0;
    }
    StringBuilder h = new StringBuilder();
    h.append("<div class=\"scroll\"><table class=\"summary\">\n");
    Html.row(h, "runs in the file", Integer.toString(data.runs().size()));
    double total = StudyData.number(data.attributes(), "runs_total");
    if (Double.isFinite(total)) {
      Html.row(h, "runs in the spec's grid", Numbers.orNa(total));
    }
    StringBuilder st = new StringBuilder();
    status.forEach((k, v) -> st.append(st.length() > 0 ? ", " : "").append(v).append(' ').append(k));
    Html.row(h, "status", st.length() == 0 ? "—" : st.toString());
    Html.row(h, "with training curves", Integer.toString(withCurves));
    Html.row(h, "with fixed points analysed", withFixed + (withNoPoint > 0 ? " (" + withNoPoint + " of them with no "
        + "point found)" : ""));
    Html.row(h, "with a W_rec spectrum", Integer.toString(withSpectrum));
    Html.row(h, "distance matrices", Integer.toString(data.comparisons().size()));
    Html.row(h, "MDS embeddings", Integer.toString(data.embeddings().size()));
    Html.row(h, "separability tests", Integer.toString(data.separability().size()));
    h.append("</table></div>\n");
    if (!cells.isEmpty()) {
      perArchitectureAndTask(h, cells, taskTotals);
    }
    return Content.of(h.toString());
  }

  private static void perArchitectureAndTask(StringBuilder h, Map<String, Map<String, Integer>> cells,
      Map<String, Integer> taskTotals) {
    h.append("<h3>Runs per architecture and task</h3>\n<div class=\"scroll\"><table>\n<tr><th>architecture</th>");
    for (String t : taskTotals.keySet()) {
      h.append("<th>").append(Html.esc(t)).append("</th>");
    }
    h.append("<th>total</th></tr>\n");
    for (Map.Entry<String, Map<String, Integer>> e : cells.entrySet()) {
      h.append("<tr><td>").append(Html.esc(e.getKey())).append("</td>");
      int sum = 0;
      for (String t : taskTotals.keySet()) {
        int v = e.getValue().getOrDefault(t, 0);
        sum += v;
        h.append("<td class=\"num\">").append(v).append("</td>");
      }
      h.append("<td class=\"num\">").append(sum).append("</td></tr>\n");
    }
    h.append("</table></div>\n");
  }
}
