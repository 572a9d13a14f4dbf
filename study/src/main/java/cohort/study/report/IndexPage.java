package cohort.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code index.html} of a report: one self-contained page (inline CSS, no scripts, images by relative link)
 * with the study's name and provenance, the headline sections, the contents, and every other section under its
 * heading, in the order of the {@link Sections}; a section with nothing to show says why. Every table sits in a box
 * that scrolls sideways, so a narrow window scrolls the table, not the page.
 */
final class IndexPage {

  private IndexPage() {}

  /** A section under its heading, and what it wrote. */
  record Part(Sections.Entry entry, Section.Content content) {}

  static String render(StudyData data, String name, List<Part> parts) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Cohort report — ").append(Html.esc(name)).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>Cohort study report: ").append(Html.esc(name)).append("</h1>\n");
    Map<String, Object> a = data.attributes();
    h.append("<p class=\"meta\">");
    meta(h, a, "created", "created");
    meta(h, a, "cohort_version", "Cohort");
    meta(h, a, "java_version", "Java");
    meta(h, a, "os_arch", "platform");
    meta(h, a, "format", "format");
    h.append("</p>\n");
    List<Part> listed = new ArrayList<>();
    for (Part p : parts) {
      if (p.entry().headline()) {
        section(h, p);
      } else {
        listed.add(p);
      }
    }
    h.append("<nav><strong>Contents:</strong> ");
    for (int i = 0; i < listed.size(); i++) {
      String title = listed.get(i).entry().title();
      h.append(i > 0 ? " · " : "").append("<a href=\"#").append(Html.anchor(title)).append("\">")
          .append(Html.esc(title)).append("</a>");
    }
    h.append("</nav>\n");
    for (Part p : listed) {
      section(h, p);
    }
    h.append("<footer>Written by <code>cohort report</code> from study.h5.</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void section(StringBuilder h, Part p) {
    String title = p.entry().title();
    h.append("<section id=\"").append(Html.anchor(title)).append("\">\n<h2>").append(Html.esc(title))
        .append("</h2>\n");
    Section.Content c = p.content();
    if (c.html().isEmpty()) {
      h.append("<p class=\"none\">Not in this study: ")
          .append(Html.esc(c.leftOut() == null ? "nothing to show." : c.leftOut())).append("</p>\n");
    } else {
      h.append(c.html());
    }
    h.append("</section>\n");
  }

  private static void meta(StringBuilder h, Map<String, Object> a, String key, String label) {
    String v = StudyData.text(a, key, null);
    if (v != null) {
      h.append("<span>").append(Html.esc(label)).append(": ").append(Html.esc(v)).append("</span> ");
    }
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
      "/* findings: the verdict is marked by a sign and a word as well as by colour */",
      "table.findings td { min-width: 9em; }",
      "table.findings td.claim { min-width: 16em; }",
      "table.findings td.verdict { white-space: nowrap; }",
      "span.verdict { font-weight: bold; padding: 1px 6px; border-radius: 4px; }",
      "span.verdict.agrees { background: #e3f4e1; color: #1d6b27; }",
      "span.verdict.disagrees { background: #fde8e8; color: #a11d1d; }",
      "span.verdict.not-assessed { background: #eeeeee; color: #555; }",
      ".how { color: #555; font-size: 12px; }",
      ".source-value { font-style: italic; }",
      "sup.note { color: #1f5fa8; }",
      "ol.findings-notes { font-size: 13px; color: #333; }",
      "");
}
