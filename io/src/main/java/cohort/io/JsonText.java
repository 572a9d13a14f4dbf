package cohort.io;

/**
 * JSON text as Cohort's files store it (run specs, safetensors headers, import records): the one encoder of string
 * literals, so that every writer escapes alike.
 */
public final class JsonText {

  private JsonText() {}

  /**
   * {@code s} as a JSON string literal: quotes and backslashes escaped with a backslash, control characters as
   * four-hex-digit escapes.
   */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
