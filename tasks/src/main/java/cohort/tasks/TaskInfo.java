package cohort.tasks;

import java.util.List;
import java.util.Objects;

/**
 * What the registry knows about a task before it is built: its name, a one-line description, the source it
 * follows (author, year, title, and the code it was checked against) and the declaration of every parameter.
 *
 * @param name the name users type, e.g. {@code flipflop}
 * @param description one line: what the network must do
 * @param source the citation the task's definition and defaults come from
 * @param parameters every parameter, in declaration order, with its default
 */
public record TaskInfo(String name, String description, String source, List<ParameterSpec> parameters) {

  public TaskInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    parameters = List.copyOf(parameters);
    for (int i = 0; i < parameters.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (parameters.get(i).name().equals(parameters.get(j).name())) {
          throw new IllegalArgumentException(
              "task '" + name + "' declares parameter '" + parameters.get(i).name() + "' twice");
        }
      }
    }
  }

  /** Names of the parameters in declaration order. */
  public List<String> parameterNames() {
    String[] names = new String[parameters.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = parameters.get(i).name();
    }
    return List.of(names);
  }

  /** The declaration of one parameter, or {@code null} if there is none of that name. */
  public ParameterSpec parameter(String parameterName) {
    for (ParameterSpec p : parameters) {
      if (p.name().equals(parameterName)) {
        return p;
      }
    }
    return null;
  }
}
