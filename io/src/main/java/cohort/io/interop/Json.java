package cohort.io.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON reader the interchange formats need (a safetensors header, a Keras {@code model_config}): objects
 * as insertion-ordered maps, arrays as lists, numbers as {@link Double} (or {@link Long} when whole and without an
 * exponent), strings, booleans and {@code null} (RFC 8259). Bad text raises {@link IllegalArgumentException} with the
 * character offset.
 */
final class Json {
  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** The value {@code text} holds. */
  static Object parse(String text) {
    Json j = new Json(text);
    j.space();
    Object v = j.value();
    j.space();
    if (j.at != text.length()) {
      throw j.bad("text after the value");
    }
    return v;
  }

  private Object value() {
    if (at >= text.length()) {
      throw bad("the text ends where a value was expected");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    at++;
    space();
    if (peek() == '}') {
      at++;
      return m;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw bad("a key (a string) expected");
      }
      String key = string();
      space();
      expect(':');
      space();
      m.put(key, value());
      space();
      char c = next();
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw bad("',' or '}' expected");
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    at++;
    space();
    if (peek() == ']') {
      at++;
      return l;
    }
    while (true) {
      space();
      l.add(value());
      space();
      char c = next();
      if (c == ']') {
        return l;
      }
      if (c != ',') {
        throw bad("',' or ']' expected");
      }
    }
  }

  private String string() {
    at++;
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> s.append('\n');
        case 't' -> s.append('\t');
        case 'r' -> s.append('\r');
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw bad("a \\u escape needs four hex digits");
          }
          s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> s.append(e);
      }
    }
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String n = text.substring(start, at);
    if (n.isEmpty()) {
      throw bad("unexpected character '" + text.charAt(start) + "'");
    }
    try {
      if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
        return Long.parseLong(n);
      }
      return Double.parseDouble(n);
    } catch (NumberFormatException e) {
      at = start;
      throw bad("'" + n + "' is not a number");
    }
  }

  private Object literal(String word, Object v) {
    if (!text.startsWith(word, at)) {
      throw bad("unexpected character '" + text.charAt(at) + "'");
    }
    at += word.length();
    return v;
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw bad("the text ends too early");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      at--;
      throw bad("'" + c + "' expected");
    }
  }

  private IllegalArgumentException bad(String what) {
    return new IllegalArgumentException("JSON: " + what + " at character " + at);
  }
}
