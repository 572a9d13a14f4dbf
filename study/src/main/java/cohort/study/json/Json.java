package cohort.study.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON text: object keys sorted, no whitespace, numbers in their shortest round-trip form.
 *
 * <p>Provenance attributes and run ids hash this text, so the same spec always gives the same bytes.
 * Accepts {@link Map}s with string keys, {@link Collection}s, arrays of double/int/String, numbers, booleans,
 * strings and null.
 */
public final class Json {

  private Json() {}

  /** The canonical JSON text of {@code value}. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      quote(out, s);
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      out.append(((Number) v).longValue());
    } else if (v instanceof Number n) {
      number(out, n.doubleValue());
    } else if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sorted.put(String.valueOf(e.getKey()), e.getValue());
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(out, e.getKey());
        out.append(':');
        append(out, e.getValue());
      }
      out.append('}');
    } else if (v instanceof Collection<?> c) {
      list(out, new ArrayList<>(c));
    } else if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (double d : a) {
        l.add(d);
      }
      list(out, l);
    } else if (v instanceof int[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (int d : a) {
        l.add(d);
      }
      list(out, l);
    } else if (v instanceof Object[] a) {
      list(out, List.of(a));
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }
  }

  private static void list(StringBuilder out, List<?> l) {
    out.append('[');
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      append(out, l.get(i));
    }
    out.append(']');
  }

  private static void number(StringBuilder out, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
