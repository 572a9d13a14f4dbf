package cohort.study.report;

import cohort.study.report.figure.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study's findings, at the top of the report: one row per replicated claim ({@code /findings/NAME}), in the
 * study's order, giving the claim, the source and its value, what Cohort measured (the value with its 95 %
 * interval and p-value where they apply, the statistic, n and the population), the criterion fixed before the
 * study ran, and the verdict, marked by sign, word and colour, with whether the replication tests assert it or
 * only report it. The findings' notes follow the table, numbered from their rows. A study that states no findings
 * has no such section. Registered as a headline: it stands above the contents.
 */
final class FindingsSection implements Section {

  static final String TITLE = "Findings";

  @Override
  public boolean appliesTo(StudyData data) {
    return !data.findings().isEmpty();
  }

  @Override
  public Content write(ReportContext report) {
    List<StudyData.Finding> findings = report.data().findings();
    StringBuilder h = new StringBuilder();
    h.append("<p>What this study finds for each claim it replicates, against the source's own value. The verdict "
        + "applies the criterion, which was fixed before the study ran; a claim <em>asserted by the replication "
        + "tests</em> fails them when it disagrees, a <em>reported</em> one is stated for the reader.</p>\n");
    h.append("<div class=\"scroll\"><table class=\"findings\">\n")
        .append("<tr><th>claim</th><th>source</th><th>Cohort</th><th>criterion</th><th>agrees?</th></tr>\n");
    List<String> notes = new ArrayList<>();
    for (StudyData.Finding f : findings) {
      String mark = "";
      if (!f.notes().isEmpty()) {
        notes.add(f.notes());
        mark = "<sup class=\"note\"><a href=\"#finding-note-" + notes.size() + "\">" + notes.size() + "</a></sup>";
      }
      h.append("<tr class=\"").append(verdictClass(f.verdict())).append("\"><td class=\"claim\">")
          .append(Html.esc(f.claim().isEmpty() ? f.name() : f.claim())).append(mark).append("</td><td>")
          .append(Html.esc(f.source()));
      if (!f.sourceValue().isEmpty()) {
        h.append("<br><span class=\"source-value\">").append(Html.esc(f.sourceValue())).append("</span>");
      }
      h.append("</td><td>").append(cohort(f)).append("</td><td>").append(Html.esc(f.criterion()))
          .append("</td><td class=\"verdict\">").append(verdict(f)).append("</td></tr>\n");
    }
    h.append("</table></div>\n");
    if (!notes.isEmpty()) {
      h.append("<ol class=\"findings-notes\">\n");
      for (int i = 0; i < notes.size(); i++) {
        h.append("<li id=\"finding-note-").append(i + 1).append("\">").append(Html.esc(notes.get(i)))
            .append("</li>\n");
      }
      h.append("</ol>\n");
    }
    return Content.of(h.toString());
  }

  /**
   * What Cohort measured: the value in bold, its 95 % interval and p-value where they apply, then the statistic,
   * and n with the population.
   */
  static String cohort(StudyData.Finding f) {
    StringBuilder h = new StringBuilder("<strong>").append(Html.esc(Numbers.orNa(f.value()))).append("</strong>");
    List<String> uncertainty = new ArrayList<>();
    if (Double.isFinite(f.ciLow()) && Double.isFinite(f.ciHigh())) {
      uncertainty.add("95 % CI [" + Numbers.compact(f.ciLow()) + ", " + Numbers.compact(f.ciHigh()) + "]");
    }
    if (Double.isFinite(f.pValue())) {
      uncertainty.add("p = " + Numbers.compact(f.pValue()));
    }
    if (!uncertainty.isEmpty()) {
      h.append(" (").append(Html.esc(String.join("; ", uncertainty))).append(")");
    }
    if (!f.statistic().isEmpty()) {
      h.append("<br>").append(Html.esc(f.statistic()));
    }
    String n = Double.isFinite(f.n()) ? "n = " + Numbers.compact(f.n()) : "";
    String of = n.isEmpty() || f.population().isEmpty() ? n + f.population() : n + ", " + f.population();
    if (!of.isEmpty()) {
      h.append("<br><span class=\"how\">").append(Html.esc(of)).append("</span>");
    }
    return h.toString();
  }

  /** The verdict as a marked word (✓ agrees, ✗ disagrees, – not assessed), and how the claim is held to it. */
  static String verdict(StudyData.Finding f) {
    String cls = verdictClass(f.verdict());
    String sign = switch (cls) {
      case "agrees" -> "✓ ";
      case "disagrees" -> "✗ ";
      default -> "– ";
    };
    return "<span class=\"verdict " + cls + "\">" + sign + Html.esc(f.verdict()) + "</span><br><span class=\"how\">"
        + (f.asserted() ? "asserted by the replication tests" : "reported") + "</span>";
  }

  /** The CSS class of a verdict: {@code agrees}, {@code disagrees}, or {@code not-assessed} for anything else. */
  private static String verdictClass(String verdict) {
    String v = verdict.trim().toLowerCase(Locale.ROOT);
    return v.equals("agrees") || v.equals("disagrees") ? v : "not-assessed";
  }
}
