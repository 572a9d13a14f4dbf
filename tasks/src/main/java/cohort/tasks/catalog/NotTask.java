package cohort.tasks.catalog;

import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;

/**
 * Jarne's NOT task: one noisy input pulse of amplitude 0 or 1; after a memory gap the output must hold its
 * negation (1 or 0) until the trial ends.
 *
 * <p>Source: katejarne/RNN_study_with_keras {@code generate_data_set_not.py} (Jarne &amp; Laje 2019,
 * arXiv:1906.01094). Definition, defaults, accuracy and labels: see the package documentation.
 */
public final class NotTask extends LogicGateTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("not",
      "after a memory gap, output NOT of one noisy 0/1 input pulse",
      "Jarne & Laje 2019, arXiv:1906.01094; katejarne/RNN_study_with_keras generate_data_set_not.py",
      specs());

  public NotTask(TaskParameters p) {
    super(INFO.name(), p, 1);
  }

  @Override
  int truth(int a, int b) {
    return 1 - a;
  }
}
