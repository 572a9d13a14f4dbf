package cohort.study.spec;

import java.util.List;

/** A study spec that cannot run: its message has one line per problem, each naming the key path. */
public final class SpecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public SpecException(String source, List<String> problems) {
    super(format(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each. */
  public List<String> problems() {
    return problems;
  }

  private static String format(String source, List<String> problems) {
    if (problems.size() == 1) {
      return source + ": " + problems.get(0);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": ").append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems");
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  ").append(p);
    }
    return sb.toString();
  }
}
