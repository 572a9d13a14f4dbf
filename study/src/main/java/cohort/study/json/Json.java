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

  /**
   * The components of a record as a map with snake_case keys, for provenance derived from the option objects
   * themselves rather than written out by hand: nested records become maps, enums their lower-case names, other
   * non-JSON values their {@code toString()}.
   */
  public static Map<String, Object> describe(Record r) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
      Object v;
      try {
        java.lang.reflect.Method accessor = c.getAccessor();
        accessor.setAccessible(true);
        v = accessor.invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
      }
      m.put(snake(c.getName()), value(v));
    }
    return m;
  }

  private static Object value(Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Map<?, ?>
        || v instanceof Collection<?> || v instanceof double[] || v instanceof int[]) {
      return v;
    }
    if (v instanceof Record r) {
      return describe(r);
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
    return v.toString();
  }

  private static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
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
