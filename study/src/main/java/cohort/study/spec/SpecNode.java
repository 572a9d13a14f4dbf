package cohort.study.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping read from YAML/JSON, with its key path, that hands out typed values and records every problem
 * (wrong type, impossible value, unknown key) in a shared {@link SpecProblems} instead of stopping at the first.
 *
 * <p>Values that may be swept are read with the {@code ...List} methods: a scalar or a list of scalars.
 */
final class SpecNode {

  private final String path;
  private final Map<String, Object> map;
  private final SpecProblems problems;
  private final Set<String> read = new LinkedHashSet<>();

  SpecNode(String path, Map<String, Object> map, SpecProblems problems) {
    this.path = path;
    this.map = map;
    this.problems = problems;
  }

  /** Wraps a parsed document or sub-document; anything but a mapping is a problem and gives an empty node. */
  static SpecNode of(String path, Object value, SpecProblems problems) {
    if (value == null) {
      return new SpecNode(path, Map.of(), problems);
    }
    if (!(value instanceof Map<?, ?> m)) {
      problems.add(path.isEmpty() ? "(document)" : path, value, "a mapping of keys to values");
      return new SpecNode(path, Map.of(), problems);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      copy.put(String.valueOf(e.getKey()), e.getValue());
    }
    return new SpecNode(path, copy, problems);
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  SpecProblems problems() {
    return problems;
  }

  boolean has(String key) {
    return map.containsKey(key);
  }

  Object raw(String key) {
    read.add(key);
    return map.get(key);
  }

  SpecNode child(String key) {
    return of(path(key), raw(key), problems);
  }

  /** Reports every key that no reader asked for. Call after reading all known keys. */
  void rejectUnknownKeys() {
    for (String k : map.keySet()) {
      if (!read.contains(k)) {
        problems.add(path(k) + ": unknown key; accepted keys here: " + String.join(", ", read));
      }
    }
  }

  String string(String key, String dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    problems.add(path(key), v, "a non-empty string");
    return dflt;
  }

  long integer(String key, long dflt, long min, long max) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    Long l = asLong(v);
    if (l == null || l < min || l > max) {
      problems.add(path(key), v, "an integer in [" + min + ", " + max + "]");
      return dflt;
    }
    return l;
  }

  boolean bool(String key, boolean dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    problems.add(path(key), v, "true or false");
    return dflt;
  }

  double number(String key, double dflt, double min, double max) {
    return number(key, dflt, min, max, "a number in [" + min + ", " + max + "]");
  }

  /** A number in {@code [min, max]}; a problem names {@code accepted} as what the key takes. */
  double number(String key, double dflt, double min, double max, String accepted) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max && !Double.isNaN(n.doubleValue())) {
      return n.doubleValue();
    }
    problems.add(path(key), v, accepted);
    return dflt;
  }

  /** A scalar or a list of scalars, each an integer in range; the default when absent. */
  List<Integer> intList(String key, int dflt, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (Object v : items(key, dflt)) {
      Long l = asLong(v);
      if (l == null || l < min || l > max) {
        problems.add(path(key), v, "an integer in [" + min + ", " + max + "], or a list of them");
      } else {
        out.add(l.intValue());
      }
    }
    return out;
  }

  /** A scalar or a list of scalars, each a number in range; the default when absent. */
  List<Double> numberList(String key, double dflt, double min, double max) {
    List<Double> out = new ArrayList<>();
    for (Object v : items(key, dflt)) {
      if (v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) {
        out.add(n.doubleValue());
      } else {
        problems.add(path(key), v, "a number in [" + min + ", " + max + "], or a list of them");
      }
    }
    return out;
  }

  /** A scalar or a list of strings, each one of {@code accepted} (null = any non-empty string). */
  List<String> stringList(String key, String dflt, List<String> accepted) {
    List<String> out = new ArrayList<>();
    for (Object v : items(key, dflt)) {
      if (v instanceof String s && !s.isBlank() && (accepted == null || accepted.contains(s))) {
        out.add(s);
      } else {
        problems.add(path(key), v,
            (accepted == null ? "a string" : "one of " + String.join(", ", accepted)) + ", or a list of them");
      }
    }
    return out;
  }

  /** The items of a value that may be a scalar or a list; empty lists are a problem. */
  List<Object> items(String key, Object dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt == null ? List.of() : List.of(dflt);
    }
    if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        problems.add(path(key), "[]", "a value or a non-empty list");
      }
      Set<Object> seen = new LinkedHashSet<>();
      for (Object o : l) {
        if (!seen.add(o)) {
          problems.add(path(key), l, "a list without repeated values");
          break;
        }
      }
      return new ArrayList<>(l);
    }
    return List.of(v);
  }

  private static Long asLong(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
      return d.longValue();
    }
    return null;
  }
}
