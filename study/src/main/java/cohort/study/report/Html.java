package cohort.study.report;

import java.util.Locale;

/**
 * The small pieces of HTML and text that sections share: escaped text, anchors, rows of a two-column table, file
 * names, and the phrases of captions.
 */
final class Html {

  private Html() {}

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

  /** The id of a heading: its words in lower case joined by hyphens ("Fixed points" → "fixed-points"). */
  static String anchor(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  /** A row of a two-column table: a heading cell and a value cell. */
  static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  /** A file-name-safe form of a name. */
  static String slug(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-+", "-");
    t = t.replaceAll("^[-.]+", "").replaceAll("-+$", "");
    return t.isEmpty() ? "x" : t;
  }

  /** "all networks" for the scope {@code all}, else "task SCOPE". */
  static String scope(String scope) {
    return "all".equals(scope) ? "all networks" : "task " + scope;
  }

  /** "1 run", "3 runs". */
  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
