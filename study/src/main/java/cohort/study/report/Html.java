package cohort.study.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code index.html} of a report: one self-contained page (inline CSS, no scripts, images by relative link)
 * with the study's name and provenance, summary counts, the run table (failures with their reasons), the
 * fixed-point and separability tables, every figure with its caption, and the study spec pretty-printed. Every
 * table sits in a box that scrolls sideways, so a narrow window scrolls the table, not the page.
 */
final class Html {

  private Html() {}

  static String page(StudyData data, String name, List<StudyReport.Figure> figures, Map<String, String> notes) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Cohort report — ").append(esc(name)).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>Cohort study report: ").append(esc(name)).append("</h1>\n");
    Map<String, Object> a = data.attributes();
    h.append("<p class=\"meta\">");
    appendMeta(h, a, "created", "created");
    appendMeta(h, a, "cohort_version", "Cohort");
    appendMeta(h, a, "java_version", "Java");
    appendMeta(h, a, "os_arch", "platform");
    appendMeta(h, a, "format", "format");
    h.append("</p>\n");

    // contents
    List<String> sections = new ArrayList<>(List.of("Summary", "Runs"));
    for (String s : List.of(StudyReport.CURVES, StudyReport.MDS, StudyReport.DISTANCES, StudyReport.FIXED,
        StudyReport.SPECTRA, StudyReport.SEPARABILITY)) {
      sections.add(s);
    }
    sections.add("Study specification");
    h.append("<nav><strong>Contents:</strong> ");
    for (int i = 0; i < sections.size(); i++) {
      if (i > 0) {
        h.append(" · ");
      }
      h.append("<a href=\"#").append(anchor(sections.get(i))).append("\">").append(esc(sections.get(i)))
          .append("</a>");
    }
    h.append("</nav>\n");

    summary(h, data);
    runTable(h, data);
    for (String s : sections.subList(2, sections.size() - 1)) {
      h.append("<section id=\"").append(anchor(s)).append("\">\n<h2>").append(esc(s)).append("</h2>\n");
      if (s.equals(StudyReport.SEPARABILITY)) {
        separabilityTable(h, data);
      }
      if (s.equals(StudyReport.FIXED)) {
        fixedPointTable(h, data);
      }
      boolean any = false;
      for (StudyReport.Figure f : figures) {
        if (f.section().equals(s)) {
          any = true;
          h.append("<figure>\n<a href=\"").append(esc(f.file())).append("\"><img src=\"").append(esc(f.file()))
              .append("\" alt=\"").append(esc(f.title())).append("\"></a>\n<figcaption><strong>")
              .append(esc(f.title())).append(".</strong> ").append(esc(f.caption())).append("</figcaption>\n")
              .append("</figure>\n");
        }
      }
      if (!any) {
        h.append("<p class=\"none\">Not in this study: ")
            .append(esc(notes.getOrDefault(s, "nothing to show."))).append("</p>\n");
      }
      h.append("</section>\n");
    }
    h.append("<section id=\"").append(anchor("Study specification")).append("\">\n<h2>Study specification</h2>\n");
    Object spec = a.get("spec");
    if (spec == null) {
      h.append("<p class=\"none\">The file carries no spec attribute.</p>\n");
    } else {
      h.append("<pre>").append(esc(prettyJson(String.valueOf(spec)))).append("</pre>\n");
    }
    h.append("</section>\n<footer>Written by <code>cohort report</code> from study.h5.</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void appendMeta(StringBuilder h, Map<String, Object> a, String key, String label) {
    String v = StudyData.text(a, key, null);
    if (v != null) {
      h.append("<span>").append(esc(label)).append(": ").append(esc(v)).append("</span> ");
    }
  }

  private static void summary(StringBuilder h, StudyData data) {
    h.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
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
    Map<String, Object> a = data.attributes();
    h.append("<div class=\"scroll\"><table class=\"summary\">\n");
    row(h, "runs in the file", Integer.toString(data.runs().size()));
    double total = StudyData.number(a, "runs_total");
    if (Double.isFinite(total)) {
      row(h, "runs in the spec's grid", StudyReport.fmt(total));
    }
    StringBuilder st = new StringBuilder();
    status.forEach((k, v) -> st.append(st.length() > 0 ? ", " : "").append(v).append(' ').append(k));
    row(h, "status", st.length() == 0 ? "—" : st.toString());
    row(h, "with training curves", Integer.toString(withCurves));
    row(h, "with fixed points analysed", withFixed + (withNoPoint > 0 ? " (" + withNoPoint + " of them with no point "
        + "found)" : ""));
    row(h, "with a W_rec spectrum", Integer.toString(withSpectrum));
    row(h, "distance matrices", Integer.toString(data.comparisons().size()));
    row(h, "MDS embeddings", Integer.toString(data.embeddings().size()));
    row(h, "separability tests", Integer.toString(data.separability().size()));
    h.append("</table></div>\n");
    if (!cells.isEmpty()) {
      h.append("<h3>Runs per architecture and task</h3>\n<div class=\"scroll\"><table>\n<tr><th>architecture</th>");
      for (String t : taskTotals.keySet()) {
        h.append("<th>").append(esc(t)).append("</th>");
      }
      h.append("<th>total</th></tr>\n");
      for (Map.Entry<String, Map<String, Integer>> e : cells.entrySet()) {
        h.append("<tr><td>").append(esc(e.getKey())).append("</td>");
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
    h.append("</section>\n");
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
  }

  private static void runTable(StringBuilder h, StudyData data) {
    h.append("<section id=\"runs\">\n<h2>Runs</h2>\n");
    if (data.runs().isEmpty()) {
      h.append("<p class=\"none\">The file holds no runs.</p>\n</section>\n");
      return;
    }
    h.append("<div class=\"scroll\"><table class=\"runs\">\n")
        .append("<tr><th>run id</th><th>task</th><th>architecture</th><th>activation</th>")
        .append("<th>units</th><th>status</th><th>final accuracy</th><th>iterations</th><th>wall time (s)</th>")
        .append("<th>fixed points</th><th>reason</th></tr>\n");
    List<StudyData.Run> sorted = new ArrayList<>(data.runs());
    sorted.sort(java.util.Comparator.comparing((StudyData.Run r) -> r.text("task", ""))
        .thenComparing(r -> r.text("architecture", "")).thenComparing(r -> r.text("activation", ""))
        .thenComparingDouble(r -> r.number("units")).thenComparing(StudyData.Run::id));
    for (StudyData.Run r : sorted) {
      String status = r.text("status", "unknown");
      String points = fixedPointCell(r);
      boolean why = r.fixedPoints() != null && !r.fixedPoints().reason().isEmpty(); // wraps like a reason
      h.append("<tr class=\"").append(esc(status.replaceAll("[^a-z_]", ""))).append("\"><td><code>")
          .append(esc(r.id())).append("</code></td><td>").append(esc(r.text("task", "?"))).append("</td><td>")
          .append(esc(r.text("architecture", "?"))).append("</td><td>").append(esc(r.text("activation", "?")))
          .append("</td><td class=\"num\">").append(esc(r.text("units", "?"))).append("</td><td>")
          .append(esc(status)).append("</td><td class=\"num\">").append(fixed(r.number("final_accuracy"), 3))
          .append("</td><td class=\"num\">").append(StudyReport.fmt(r.number("iterations")))
          .append("</td><td class=\"num\">").append(fixed(Double.isFinite(r.number("wall_seconds")) ? r.number("wall_seconds")
              : r.number("run_seconds"), 1)).append("</td><td class=\"").append(why ? "reason" : "num").append("\">")
          .append(esc(points))
          .append("</td><td class=\"reason\">").append(esc("completed".equals(status) ? "" : r.text("reason", "")))
          .append("</td></tr>\n");
    }
    h.append("</table></div>\n");
    List<StudyData.Run> failed = new ArrayList<>();
    for (StudyData.Run r : data.runs()) {
      if ("failed".equals(r.text("status", ""))) {
        failed.add(r);
      }
    }
    if (!failed.isEmpty()) {
      h.append("<h3>Failures</h3>\n<ul class=\"failures\">\n");
      for (StudyData.Run r : failed) {
        h.append("<li><code>").append(esc(r.id())).append("</code>: ")
            .append(esc(r.text("reason", "no reason recorded"))).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("</section>\n");
  }

  /** The number of fixed and slow points of a run, "0 (reason)" when its search found none, or "not analysed". */
  static String fixedPointCell(StudyData.Run r) {
    StudyData.FixedPoints fp = r.fixedPoints();
    if (fp == null) {
      return "not analysed";
    }
    if (fp.count() == 0) {
      return fp.reason().isEmpty() ? "0" : "0 (" + fp.reason() + ")";
    }
    return Integer.toString(fp.count());
  }

  /**
   * Mean fixed-point counts per network for each task and architecture, over every network whose search ran
   * (one that found no point counts as 0).
   */
  private static void fixedPointTable(StringBuilder h, StudyData data) {
    Map<String, List<StudyData.FixedPoints>> cells = new TreeMap<>();
    for (StudyData.Run r : data.runs()) {
      if (r.fixedPoints() != null) {
        cells.computeIfAbsent(r.text("task", "?") + "\u0000" + r.text("architecture", "?"), k -> new ArrayList<>())
            .add(r.fixedPoints());
      }
    }
    if (cells.isEmpty()) {
      return;
    }
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
      h.append("<tr><td>").append(esc(key[0])).append("</td><td>").append(esc(key[1]))
          .append("</td><td class=\"num\">").append(sets.size()).append("</td><td class=\"num\">").append(none);
      for (double v : sum) {
        h.append("</td><td class=\"num\">").append(fixed(v / sets.size(), 2));
      }
      h.append("</td></tr>\n");
    }
    h.append("</table></div>\n");
  }

  private static void separabilityTable(StringBuilder h, StudyData data) {
    if (data.separability().isEmpty()) {
      return;
    }
    h.append("<p>Each row tests whether two groups of networks are linearly separable in a metric's space: the "
        + "cross-validated accuracy of a linear classifier on the networks' MDS coordinates and on the rows of "
        + "the distance matrix, and the fraction of label permutations that reach that accuracy (p).</p>\n");
    h.append("<div class=\"scroll\"><table class=\"runs\">\n")
        .append("<tr><th>metric</th><th>scope</th><th>grouping</th><th>groups</th>")
        .append("<th>n</th><th>accuracy (MDS)</th><th>p (MDS)</th><th>accuracy (rows)</th><th>p (rows)</th>")
        .append("<th>permutations</th><th>classifier</th></tr>\n");
    for (StudyData.SeparabilityTest t : data.separability()) {
      h.append("<tr><td>").append(esc(t.metric())).append("</td><td>").append(esc(t.scope())).append("</td><td>")
          .append(esc(t.grouping())).append("</td><td>").append(esc(t.pair().replace("_vs_", " vs ")))
          .append("</td><td class=\"num\">").append(StudyReport.fmt(t.number("n_a"))).append(" + ")
          .append(StudyReport.fmt(t.number("n_b"))).append("</td><td class=\"num\">")
          .append(fixed(t.number("accuracy_mds"), 3)).append("</td><td class=\"num\">")
          .append(StudyReport.fmt(t.number("p_value_mds"))).append("</td><td class=\"num\">")
          .append(fixed(t.number("accuracy_rows"), 3)).append("</td><td class=\"num\">")
          .append(StudyReport.fmt(t.number("p_value_rows"))).append("</td><td class=\"num\">")
          .append(StudyReport.fmt(t.number("permutations"))).append("</td><td>")
          .append(esc(StudyData.text(t.attributes(), "classifier", ""))).append("</td></tr>\n");
    }
    h.append("</table></div>\n");
  }

  private static String fixed(double v, int digits) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "—";
  }

  static String anchor(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * JSON text re-indented by two spaces per level (strings kept byte for byte; short arrays of scalars stay on
   * one line). Text that is not JSON comes back unchanged.
   */
  static String prettyJson(String json) {
    String s = json.trim();
    if (s.isEmpty() || (s.charAt(0) != '{' && s.charAt(0) != '[')) {
      return json;
    }
    StringBuilder out = new StringBuilder(s.length() * 2);
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < s.length()) {
          out.append(s.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          int close = c == '[' ? flatArrayEnd(s, i) : -1;
          if (i + 1 < s.length() && s.charAt(i + 1) == (c == '{' ? '}' : ']')) {
            out.append(c).append(s.charAt(++i)); // {} or []
          } else if (close > 0) {
            appendFlat(out, s, i, close);
            i = close;
          } else {
            depth++;
            out.append(c).append('\n').append("  ".repeat(depth));
          }
        }
        case '}', ']' -> {
          depth = Math.max(0, depth - 1);
          out.append('\n').append("  ".repeat(depth)).append(c);
        }
        case ',' -> out.append(",\n").append("  ".repeat(depth));
        case ':' -> out.append(": ");
        case ' ', '\n', '\r', '\t' -> {
          // canonical JSON has none; drop any
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Copies {@code s[from..to]} (a flat array) with a space after each separating comma. */
  private static void appendFlat(StringBuilder out, String s, int from, int to) {
    boolean inString = false;
    for (int i = from; i <= to; i++) {
      char c = s.charAt(i);
      out.append(c);
      if (inString) {
        if (c == '\\' && i < to) {
          out.append(s.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == ',') {
        out.append(' ');
      }
    }
  }

  /** The index of the ']' closing a short array of scalars starting at {@code open}, or -1. */
  private static int flatArrayEnd(String s, int open) {
    boolean inString = false;
    for (int i = open + 1; i < s.length() && i - open < 100; i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        return -1;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  private static final String CSS = String.join("\n",
      "body { font-family: -apple-system, 'Segoe UI', 'DejaVu Sans', Helvetica, Arial, sans-serif; color: #222;",
      "  max-width: 1240px; margin: 0 auto; padding: 16px 24px 48px; line-height: 1.45; overflow-wrap: break-word; }",
      "/* a wide table scrolls sideways in its own box instead of widening the page */",
      ".scroll { overflow-x: auto; max-width: 100%; margin: 8px 0 16px; }",
      ".scroll table { margin: 0; }",
      "h1 { font-size: 26px; margin-bottom: 4px; }",
      "h2 { font-size: 21px; border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 36px; }",
      "h3 { font-size: 16px; margin-top: 20px; }",
      ".meta span { color: #555; margin-right: 18px; font-size: 14px; }",
      "nav { background: #f4f6f8; padding: 8px 12px; border-radius: 6px; font-size: 14px; }",
      "nav a { color: #1f5fa8; text-decoration: none; }",
      "table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }",
      "th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }",
      "th { background: #f4f6f8; }",
      "table.runs th, table.runs td { white-space: nowrap; }",
      "table.runs td.reason { white-space: normal; }",
      "table.runs td.reason:not(:empty) { min-width: 18em; }",
      "td.num { text-align: right; font-variant-numeric: tabular-nums; }",
      "table.summary th { width: 240px; }",
      "tr.failed td { background: #fde8e8; }",
      "tr.stopped_early td { background: #fff6e0; }",
      "figure { margin: 20px 0 32px; }",
      "figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }",
      "figcaption { font-size: 14px; color: #333; max-width: 1100px; margin-top: 6px; }",
      "pre { background: #f7f7f7; border: 1px solid #e4e4e4; padding: 10px; font-size: 12px; overflow-x: auto; }",
      ".none { color: #777; font-style: italic; }",
      "ul.failures li { margin-bottom: 4px; }",
      "footer { margin-top: 40px; color: #888; font-size: 12px; }",
      "");
}
