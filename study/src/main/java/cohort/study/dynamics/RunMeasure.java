package cohort.study.dynamics;

import cohort.models.ReferenceNetwork;
import cohort.tasks.Task;
import java.util.List;

/**
 * A task-specific measure of a trained network's dynamics, computed from its analyses at the task's constant inputs
 * ({@link cohort.tasks.Task#analysisInputs()}): the structure a source work reports for networks that solve the
 * task (the flip-flop's cube of attractors, the sine generator's rotating foci, the integrator's line attractor).
 * {@link RunMeasures} says which measures a task gets.
 */
public interface RunMeasure {

  /** The group name under {@code /measures}. */
  String name();

  /**
   * Measures one network.
   *
   * @param network the trained network (double reference)
   * @param task the task it was trained on
   * @param analyses its analyses at the task's constant inputs, in the task's order
   */
  Measurement measure(ReferenceNetwork network, Task task, List<InputAnalysis> analyses);

  /**
   * Whether the measure reads the fixed points (then it runs only when the study searches them); one that does not
   * gets an empty list of analyses and runs whenever the run is analysed.
   */
  default boolean needsFixedPoints() {
    return true;
  }
}
