package cohort.models;

import java.util.Locale;
import java.util.function.Function;

/** How the models module reads a name users type for one of a fixed list of values: trimmed, case-insensitive. */
final class UserNames {

  private UserNames() {
  }

  /**
   * The value whose name is {@code name} (trimmed, case-insensitive).
   *
   * @throws IllegalArgumentException one line naming the field, the value and the accepted names (in list order)
   */
  static <T> T parse(String field, String name, T[] values, Function<T, String> id) {
    if (name != null) {
      String key = name.trim().toLowerCase(Locale.ROOT);
      for (T v : values) {
        if (id.apply(v).equals(key)) {
          return v;
        }
      }
    }
    StringBuilder s = new StringBuilder();
    for (T v : values) {
      s.append(s.length() > 0 ? ", " : "").append(id.apply(v));
    }
    throw new IllegalArgumentException(field + ": unknown value '" + name + "'; accepted: " + s);
  }
}
