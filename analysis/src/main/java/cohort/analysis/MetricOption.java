package cohort.analysis;

import cohort.analysis.similarity.Help;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One option of a metric, derived from one component of its options record: the spec key ({@code keep_variance},
 * the component's name in snake_case), the command-line flag ({@code --keep-variance}), the help (the component's
 * {@link Help}), the type and the default (the component's value in the default options). Values travel as text
 * (what a user typed, or a spec value written out) and are turned into the component's type by {@link #parse};
 * {@link #describe} gives the value back in its JSON form for provenance.
 *
 * <p>Accepted component types: {@code double}, {@code int}, {@code long}, {@code boolean}, an enum (written in lower
 * case, {@code _} as {@code -}), or a type with a public static {@code parse(String)} whose {@code toString()} writes
 * what it parses (e.g. DSA's rank selection).
 *
 * @param name the spec key, snake_case
 * @param flag the command-line flag, {@code --} and kebab-case
 * @param help one line: meaning, unit, accepted values
 * @param type the component's type
 * @param defaultValue the component's value in the default options (in {@link MetricInfo#describe}: in the
 *     options described)
 */
public record MetricOption(String name, String flag, String help, Class<?> type, Object defaultValue) {

  /** Every option of an options record, in component order, with the values of {@code defaults}. */
  static List<MetricOption> of(String metric, Record defaults) {
    List<MetricOption> out = new ArrayList<>();
    for (RecordComponent c : defaults.getClass().getRecordComponents()) {
      Help help = c.getAnnotation(Help.class);
      if (help == null) {
        throw new IllegalArgumentException("metric '" + metric + "' option " + c.getName() + ": no @Help; accepted: "
            + "every component of an options record described by @Help");
      }
      Class<?> type = c.getType();
      if (!(type == double.class || type == int.class || type == long.class || type == boolean.class
          || type.isEnum() || parser(type) != null)) {
        throw new IllegalArgumentException("metric '" + metric + "' option " + c.getName() + ": type "
            + type.getSimpleName() + "; accepted: double, int, long, boolean, an enum, or a type with a public "
            + "static parse(String)");
      }
      out.add(new MetricOption(snake(c.getName()), "--" + snake(c.getName()).replace('_', '-'), help.value(), type,
          read(c, defaults)));
    }
    return List.copyOf(out);
  }

  /**
   * The value of {@code text} for this option.
   *
   * @throws IllegalArgumentException one line naming the option, the text and what is accepted
   */
  public Object parse(String metric, String text) {
    String t = text.trim();
    try {
      if (type == double.class) {
        return Double.parseDouble(t);
      }
      if (type == int.class) {
        return Integer.parseInt(t);
      }
      if (type == long.class) {
        return Long.parseLong(t);
      }
    } catch (NumberFormatException e) {
      throw bad(metric, text, type == double.class ? "a number" : "an integer");
    }
    if (type == boolean.class) {
      if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(t);
      }
      throw bad(metric, text, "true or false");
    }
    if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        if (word((Enum<?>) constant).equalsIgnoreCase(t)) {
          return constant;
        }
      }
      throw bad(metric, text, accepted());
    }
    try {
      return parser(type).invoke(null, t);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        String m = String.valueOf(iae.getMessage());
        throw new IllegalArgumentException("metric '" + metric + "' option " + name + ": "
            + (m.startsWith(name + ": ") ? m.substring(name.length() + 2) : m), iae);
      }
      throw new IllegalStateException("metric '" + metric + "' option " + name + ": parse failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("metric '" + metric + "' option " + name + ": parse is not accessible", e);
    }
  }

  /** The accepted values in words, for help: the enum's words, else the type. */
  public String accepted() {
    if (type.isEnum()) {
      List<String> words = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        words.add(word((Enum<?>) constant));
      }
      return String.join(", ", words);
    }
    return type == double.class ? "a number" : type == boolean.class ? "true or false"
        : type == int.class || type == long.class ? "an integer" : "see the help";
  }

  /** The default in its text form, as {@link #parse} reads it. */
  public String defaultText() {
    return text(defaultValue);
  }

  /** A value of this option in its JSON form: numbers and booleans as they are, anything else as text. */
  public Object describe(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return text(value);
  }

  /** A value in the text form {@link #parse} reads: whole numbers without {@code .0}, enums as lower-case words. */
  public static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (value instanceof Enum<?> e) {
      return word(e);
    }
    return String.valueOf(value);
  }

  private IllegalArgumentException bad(String metric, String text, String accepted) {
    return new IllegalArgumentException("metric '" + metric + "' option " + name + ": got '" + text + "'; accepted: "
        + accepted);
  }

  static Object read(RecordComponent c, Record r) {
    try {
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
    }
  }

  private static Method parser(Class<?> type) {
    try {
      Method m = type.getMethod("parse", String.class);
      return Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType()) ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
