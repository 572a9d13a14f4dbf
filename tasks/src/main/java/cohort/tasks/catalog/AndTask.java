package cohort.tasks.catalog;

import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;

/**
 * Jarne's AND task: two noisy input pulses of amplitude 0 or 1; after a memory gap the output must hold
 * a AND b (1 or 0) until the trial ends.
 *
 * <p>Source: katejarne/RNN_study_with_keras {@code generate_data_set_and.py} (Jarne &amp; Laje 2019,
 * arXiv:1906.01094). Definition, defaults, accuracy and labels: see the package documentation.
 */
public final class AndTask extends LogicGateTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("and",
      "after a memory gap, output a AND b of two noisy 0/1 input pulses",
      "Jarne & Laje 2019, arXiv:1906.01094; katejarne/RNN_study_with_keras generate_data_set_and.py",
      specs());

  public AndTask(TaskParameters p) {
    super(INFO.name(), p, 2);
  }

  @Override
  int truth(int a, int b) {
    return a & b;
  }
}
