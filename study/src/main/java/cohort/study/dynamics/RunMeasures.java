package cohort.study.dynamics;

import java.util.List;
import java.util.Map;

/**
 * The registry of {@link RunMeasure}s by task name: the one place that says which measures a task's networks get.
 * A task with no entry gets none.
 */
public final class RunMeasures {

  private static final Map<String, List<RunMeasure>> BY_TASK = Map.of(
      "flipflop", List.of(new FlipFlopCube()),
      "sine", List.of(new InputRotation()),
      "context-integration", List.of(new LineAttractor()),
      "oscillation", List.of(new OscillationFrequency()));

  private RunMeasures() {}

  /** The measures of networks trained on the task named {@code task}. */
  public static List<RunMeasure> forTask(String task) {
    return BY_TASK.getOrDefault(task, List.of());
  }
}
