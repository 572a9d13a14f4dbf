package cohort.study.report;

/**
 * Canonical JSON (a study's spec) made readable: re-indented by two spaces per level, strings kept byte for byte,
 * short arrays of scalars on one line. Text that is not JSON comes back unchanged.
 */
final class PrettyJson {

  private PrettyJson() {}

  /**
   * JSON text re-indented by two spaces per level (strings kept byte for byte; short arrays of scalars stay on
   * one line). Text that is not JSON comes back unchanged.
   */
  static String of(String json) {
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
}
