package cohort.tasks.catalog;

import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import java.util.Map;
import java.util.SplittableRandom;

/** Small readers for tests: element access by (t, b, d) and a seeded batch. */
final class Trials {

  private Trials() {}

  static Task task(String name, Map<String, String> overrides) {
    return TaskRegistry.standard().create(name, overrides);
  }

  static TrialBatch sample(Task task, int batch, long seed) {
    return task.sample(batch, new SplittableRandom(seed));
  }

  static float in(TrialBatch b, int t, int trial, int d) {
    return b.inputs()[b.inputIndex(t, trial, d)];
  }

  static float target(TrialBatch b, int t, int trial, int d) {
    return b.targets()[b.outputIndex(t, trial, d)];
  }

  static float mask(TrialBatch b, int t, int trial, int d) {
    return b.mask()[b.outputIndex(t, trial, d)];
  }

  static int label(TrialBatch b, String name, int trial) {
    double v = b.conditions().value(name, trial);
    if (v != Math.rint(v)) {
      throw new AssertionError("label " + name + " is not whole: " + v);
    }
    return (int) v;
  }

  /** Mean of input d over [from, to). */
  static double meanIn(TrialBatch b, int trial, int d, int from, int to) {
    double s = 0;
    for (int t = from; t < to; t++) {
      s += in(b, t, trial, d);
    }
    return s / (to - from);
  }
}
