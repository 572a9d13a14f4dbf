package cohort.tasks.catalog;

import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;

/**
 * Jarne's XOR task: two noisy input pulses of amplitude 0 or 1; after a memory gap the output must hold
 * a XOR b (1 or 0) until the trial ends.
 *
 * <p>Source: katejarne/RNN_study_with_keras {@code generate_data_set_xor.py} (Jarne &amp; Laje 2019,
 * arXiv:1906.01094). Definition, defaults, accuracy and labels: see the package documentation.
 */
public final class XorTask extends LogicGateTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("xor",
      "after a memory gap, output a XOR b of two noisy 0/1 input pulses",
      "Jarne & Laje 2019, arXiv:1906.01094; katejarne/RNN_study_with_keras generate_data_set_xor.py",
      specs());

  public XorTask(TaskParameters p) {
    super(INFO.name(), p, 2);
  }

  @Override
  int truth(int a, int b) {
    return a ^ b;
  }
}
