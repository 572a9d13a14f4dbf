package cohort.tasks.catalog;

import static cohort.tasks.catalog.Trials.label;
import static cohort.tasks.catalog.Trials.meanIn;
import static cohort.tasks.catalog.Trials.sample;
import static cohort.tasks.catalog.Trials.target;
import static cohort.tasks.catalog.Trials.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.tasks.Task;
import cohort.tasks.TrialBatch;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogicGateTest {

  /** The truth tables, written out independently of the task classes. */
  private static int expected(String gate, int a, int b) {
    switch (gate) {
      case "and":
        return a == 1 && b == 1 ? 1 : 0;
      case "or":
        return a == 1 || b == 1 ? 1 : 0;
      case "xor":
        return a != b ? 1 : 0;
      case "not":
        return a == 1 ? 0 : 1;
      default:
        throw new AssertionError(gate);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"and", "or", "xor", "not"})
  void targetsFollowTheTruthTableOfTheGeneratedPulses(String gate) {
    Task task = task(gate, Map.of());
    TrialBatch b = sample(task, 128, 5);
    assertEquals(200, b.steps());
    int[] seen = new int[4];
    for (int k = 0; k < 128; k++) {
      // pulse amplitudes read back from the noisy inputs over [30, 50) ms (1 ms steps)
      int a = meanIn(b, k, 0, 30, 50) > 0.5 ? 1 : 0;
      int bb = gate.equals("not") ? 0 : (meanIn(b, k, 1, 30, 50) > 0.5 ? 1 : 0);
      assertEquals(a, label(b, "input_a", k));
      seen[a + 2 * bb]++;
      int y = expected(gate, a, bb);
      assertEquals(y, label(b, "truth", k));
      for (int t = 0; t < 200; t++) {
        float want = t < 70 ? 0.01f : y;
        assertEquals(want, target(b, t, k, 0), gate + " trial " + k + " step " + t);
      }
      // no pulse outside [30, 50): the mean there is noise around 0
      assertEquals(0, meanIn(b, k, 0, 60, 200), 0.05);
    }
    for (int type = 0; type < (gate.equals("not") ? 2 : 4); type++) {
      assertTrue(seen[type] > 10, "every input combination occurs");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"xor"})
  void timingScalesWithDt(String gate) {
    Task task = task(gate, Map.of("dt", "2", "noise", "0"));
    TrialBatch b = sample(task, 16, 6);
    assertEquals(100, b.steps());
    for (int k = 0; k < 16; k++) {
      assertEquals(35, label(b, "response_start", k));
      int a = label(b, "input_a", k);
      assertEquals(a, Trials.in(b, 15, k, 0));
      assertEquals(a, Trials.in(b, 24, k, 0));
      assertEquals(0f, Trials.in(b, 25, k, 0));
      assertEquals(0f, Trials.in(b, 14, k, 0));
      assertEquals(0.01f, target(b, 34, k, 0));
    }
  }
}
