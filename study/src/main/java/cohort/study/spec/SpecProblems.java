package cohort.study.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem found in a study spec, each as one line {@code path: got VALUE; accepted: WHAT}.
 *
 * <p>A spec is checked whole before any work starts, so a user sees all of its mistakes at once.
 */
public final class SpecProblems {

  private final List<String> lines = new ArrayList<>();

  /** Records that {@code path} holds {@code value} where {@code accepted} was expected. */
  public void add(String path, Object value, String accepted) {
    lines.add(path + ": got " + show(value) + "; accepted: " + accepted);
  }

  /** Records a problem that is not about one value. */
  public void add(String line) {
    lines.add(line);
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Throws a {@link SpecException} listing every problem, if there is any. */
  public void throwIfAny(String source) {
    if (!lines.isEmpty()) {
      throw new SpecException(source, lines);
    }
  }

  static String show(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    return String.valueOf(value);
  }
}
