package cohort.tasks;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one task parameter: its name, its default, what it means (with its unit) and the values it
 * accepts. {@link #parse} turns the text a user typed ({@code --param KEY=VALUE}) into a checked value, or throws
 * one line naming the parameter, the value found and what is accepted.
 *
 * <p>Values are a {@link Double} (kinds {@link Kind#INTEGER} and {@link Kind#REAL}) or a {@link String} (kinds
 * {@link Kind#CHOICE} and {@link Kind#REAL_LIST}, the latter a comma-separated list of numbers).
 *
 * @param name the key, e.g. {@code bits}
 * @param defaultValue the value used when the user gives none ({@code Double} or {@code String}, see above)
 * @param description one line: meaning and unit, and where the default comes from if not obvious
 * @param kind how the value is typed and checked
 * @param lower smallest accepted number (for INTEGER, REAL and every element of REAL_LIST)
 * @param lowerInclusive whether {@code lower} itself is accepted
 * @param upper largest accepted number (inclusive), {@code +inf} if unbounded
 * @param choices the accepted words (CHOICE only; empty otherwise)
 */
public record ParameterSpec(
    String name,
    Object defaultValue,
    String description,
    Kind kind,
    double lower,
    boolean lowerInclusive,
    double upper,
    List<String> choices) {

  /** How a parameter value is typed. */
  public enum Kind {
    /** A whole number, stored as a double. */
    INTEGER,
    /** A real number. */
    REAL,
    /** One word out of a fixed list. */
    CHOICE,
    /** A non-empty comma-separated list of real numbers, stored as its canonical text. */
    REAL_LIST
  }

  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(kind, "kind");
    choices = List.copyOf(choices);
    if (!name.matches("[a-z][a-z0-9_-]*")) {
      throw new IllegalArgumentException(
          "parameter name '" + name + "' is not accepted; names are lower-case words (a-z, 0-9, '-', '_')");
    }
    if (kind == Kind.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException("parameter '" + name + "' is a choice without choices");
    }
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': bounds [" + lower + ", " + upper + "] are not an interval");
    }
    // The default must itself be accepted: parse its canonical text.
    Object canonical = parseValue(name, kind, lower, lowerInclusive, upper, choices, TaskParameters.format(defaultValue));
    defaultValue = canonical;
  }

  /** An integer parameter accepting {@code min..max} (inclusive). */
  public static ParameterSpec integer(String name, int defaultValue, int min, int max, String description) {
    return new ParameterSpec(name, (double) defaultValue, description, Kind.INTEGER, min, true, max, List.of());
  }

  /** A real parameter accepting the closed interval {@code [min, max]}. */
  public static ParameterSpec real(String name, double defaultValue, double min, double max, String description) {
    return new ParameterSpec(name, defaultValue, description, Kind.REAL, min, true, max, List.of());
  }

  /** A real parameter accepting any value {@code > 0} (finite). */
  public static ParameterSpec positive(String name, double defaultValue, String description) {
    return new ParameterSpec(name, defaultValue, description, Kind.REAL, 0, false, Double.POSITIVE_INFINITY, List.of());
  }

  /** A real parameter accepting any value {@code >= 0} (finite). */
  public static ParameterSpec nonNegative(String name, double defaultValue, String description) {
    return new ParameterSpec(name, defaultValue, description, Kind.REAL, 0, true, Double.POSITIVE_INFINITY, List.of());
  }

  /** A parameter accepting one of {@code choices}. */
  public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
    return new ParameterSpec(name, defaultValue, description, Kind.CHOICE, 0, true, 0, choices);
  }

  /** A comma-separated list of reals, each in {@code [min, max]}. */
  public static ParameterSpec realList(String name, String defaultValue, double min, double max, String description) {
    return new ParameterSpec(name, defaultValue, description, Kind.REAL_LIST, min, true, max, List.of());
  }

  /** The accepted values in words, e.g. {@code integer in [1, 64]} or {@code one of: a, b}. */
  public String accepted() {
    switch (kind) {
      case CHOICE:
        return "one of: " + String.join(", ", choices);
      case INTEGER:
        return "integer " + range();
      case REAL:
        return "number " + range();
      case REAL_LIST:
        return "comma-separated numbers, each " + range();
      default:
        throw new AssertionError(kind);
    }
  }

  private String range() {
    return range(lower, lowerInclusive, upper);
  }

  private static String range(double lower, boolean lowerInclusive, double upper) {
    boolean noUpper = upper == Double.POSITIVE_INFINITY;
    if (noUpper) {
      return (lowerInclusive ? ">= " : "> ") + TaskParameters.format(lower);
    }
    return (lowerInclusive ? "in [" : "in (") + TaskParameters.format(lower) + ", " + TaskParameters.format(upper) + "]";
  }

  /**
   * Parses and checks what a user typed.
   *
   * @return a {@link Double} or a {@link String}, in canonical form
   * @throws IllegalArgumentException one line: {@code parameter 'bits' got 'x'; accepted: integer in [1, 64]}
   */
  public Object parse(String text) {
    return parseValue(name, kind, lower, lowerInclusive, upper, choices, text);
  }

  private static Object parseValue(String name, Kind kind, double lower, boolean lowerInclusive, double upper,
      List<String> choices, String text) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    switch (kind) {
      case CHOICE:
        if (choices.contains(t)) {
          return t;
        }
        throw bad(name, text, "one of: " + String.join(", ", choices));
      case INTEGER: {
        Double v = number(t);
        if (v == null || v != Math.rint(v) || !inRange(v, lower, lowerInclusive, upper)) {
          throw bad(name, text, "integer " + range(lower, lowerInclusive, upper));
        }
        return v;
      }
      case REAL: {
        Double v = number(t);
        if (v == null || !inRange(v, lower, lowerInclusive, upper)) {
          throw bad(name, text, "number " + range(lower, lowerInclusive, upper));
        }
        return v;
      }
      case REAL_LIST: {
        String[] parts = t.split(",", -1);
        StringBuilder canonical = new StringBuilder();
        for (String part : parts) {
          Double v = number(part.trim());
          if (v == null || !inRange(v, lower, lowerInclusive, upper)) {
            throw bad(name, text, "comma-separated numbers, each " + range(lower, lowerInclusive, upper));
          }
          if (canonical.length() > 0) {
            canonical.append(',');
          }
          canonical.append(TaskParameters.format(v));
        }
        return canonical.toString();
      }
      default:
        throw new AssertionError(kind);
    }
  }

  private static boolean inRange(double v, double lower, boolean lowerInclusive, double upper) {
    return Double.isFinite(v) && (lowerInclusive ? v >= lower : v > lower) && v <= upper;
  }

  private static Double number(String t) {
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static IllegalArgumentException bad(String name, String text, String accepted) {
    return new IllegalArgumentException("parameter '" + name + "' got '" + text + "'; accepted: " + accepted);
  }
}
