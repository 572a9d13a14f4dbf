package cohort.tasks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The full, immutable set of parameters a task was built with: an ordered map from name to value, where a value is
 * a {@link Double} or a {@link String}. The order is the task's declaration order ({@link TaskInfo#parameters()}).
 *
 * <p>{@link #toString()} is the canonical provenance form, a one-line JSON object in declaration order, numbers
 * without a trailing {@code .0} when they are whole, e.g. {@code {"bits":3,"steps":64,"pulse-probability":0.5}}.
 * Two parameter sets are equal when they hold the same names, in the same order, with the same values.
 */
public final class TaskParameters {

  private final Map<String, Object> values;

  private TaskParameters(Map<String, Object> values) {
    this.values = values;
  }

  /** An empty parameter set (tasks without parameters). */
  public static TaskParameters empty() {
    return new TaskParameters(Map.of());
  }

  /**
   * A parameter set holding {@code values} in their iteration order (use a {@link LinkedHashMap}).
   *
   * @throws IllegalArgumentException if a value is not a {@code Double}/{@code Integer} or a {@code String}
   */
  public static TaskParameters of(Map<String, ?> values) {
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      Object v = Objects.requireNonNull(e.getValue(), e.getKey());
      if (v instanceof Integer i) {
        v = (double) i;
      } else if (v instanceof Double d) {
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException("parameter '" + e.getKey() + "' got " + d + "; accepted: a finite number");
        }
      } else if (!(v instanceof String)) {
        throw new IllegalArgumentException("parameter '" + e.getKey() + "' has a value of type "
            + v.getClass().getSimpleName() + "; accepted: a number or a string");
      }
      copy.put(Objects.requireNonNull(e.getKey(), "name"), v);
    }
    return new TaskParameters(Collections.unmodifiableMap(copy));
  }

  /** Parameter names in declaration order. */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  /** Whether a parameter of this name exists. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The raw value ({@code Double} or {@code String}). */
  public Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'; parameters are " + values.keySet());
    }
    return v;
  }

  /** A numeric parameter. */
  public double getDouble(String name) {
    Object v = get(name);
    if (v instanceof Double d) {
      return d;
    }
    throw new IllegalArgumentException("parameter '" + name + "' is the text '" + v + "', not a number");
  }

  /** A whole-number parameter. */
  public int getInt(String name) {
    double d = getDouble(name);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("parameter '" + name + "' is " + format(d) + ", not an integer");
    }
    return (int) d;
  }

  /** A text parameter (a choice, or the canonical text of a list). */
  public String getString(String name) {
    Object v = get(name);
    return v instanceof String s ? s : format(v);
  }

  /** A comma-separated list of numbers, parsed. */
  public double[] getDoubles(String name) {
    String[] parts = getString(name).split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter '" + name + "' = '" + getString(name) + "' is not a list of numbers");
      }
    }
    return out;
  }

  /** An unmodifiable view, in declaration order. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Canonical text of a value: whole numbers without a decimal point, other numbers as Java prints them. */
  public static String format(Object value) {
    if (value instanceof Integer i) {
      return Integer.toString(i);
    }
    if (value instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d.doubleValue());
      }
      return Double.toString(d);
    }
    return String.valueOf(value);
  }

  /** The canonical one-line JSON form, e.g. {@code {"bits":3,"noise":0}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(jsonString(e.getKey())).append(':');
      Object v = e.getValue();
      sb.append(v instanceof String s ? jsonString(s) : format(v));
    }
    return sb.append('}').toString();
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskParameters other
        && List.copyOf(values.entrySet()).equals(List.copyOf(other.values.entrySet()));
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
