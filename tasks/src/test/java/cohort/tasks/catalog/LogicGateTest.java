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
import org.junit.jupiter.api.Test;
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

  /** Silence and the sign-flipped target (-1 or -0.01) both hold the low level: they solve the truth-0 trials only. */
  @ParameterizedTest
  @ValueSource(strings = {"and", "or", "xor", "not"})
  void zeroAndFlippedOutputsSolveExactlyTheTruthZeroTrials(String gate) {
    Task task = task(gate, Map.of());
    TrialBatch b = sample(task, 128, 8);
    int low = 0;
    for (int k = 0; k < 128; k++) {
      low += label(b, "truth", k) == 0 ? 1 : 0;
    }
    float[] flipped = b.targets().clone();
    for (int i = 0; i < flipped.length; i++) {
      flipped[i] = -flipped[i];
    }
    assertEquals(low / 128.0, task.accuracy(b, new float[flipped.length]), 1e-12);
    assertEquals(low / 128.0, task.accuracy(b, flipped), 1e-12);
  }

  /**
   * The answer must be held with the margin over the whole response window (from 70 ms, 1 ms steps); a switch
   * up to 10 ms early or late is not scored. The former mean-over-the-window score passed the weak and the late
   * answers below.
   */
  @Test
  void aTrialIsSolvedOnlyWhenTheAnswerIsHeldWithTheMarginThroughTheWindow() {
    Task task = task("and", Map.of());
    TrialBatch b = sample(task, 64, 9);
    int high = -1;
    int low = -1;
    for (int k = 0; k < 64; k++) {
      if (label(b, "truth", k) == 1 && high < 0) {
        high = k;
      } else if (label(b, "truth", k) == 0 && low < 0) {
        low = k;
      }
    }
    assertEquals(1.0, task.accuracy(b, b.targets().clone()));
    double oneWrong = 63 / 64.0;
    assertEquals(oneWrong, task.accuracy(b, fill(b, high, 70, 200, 0.7f)), 1e-12, "0.7 < 0.5 + margin");
    assertEquals(1.0, task.accuracy(b, fill(b, high, 70, 200, 0.75f)), 1e-12, "0.5 + margin is enough");
    float[] late = fill(fill(b, high, 70, 120, 0.01f), high, 120, 200, 1.3f, b);
    assertEquals(oneWrong, task.accuracy(b, late), 1e-12, "answers only after 50 ms of the window (mean 0.8)");
    assertEquals(oneWrong, task.accuracy(b, fill(b, high, 50, 70, 1f)), 1e-12, "answers during the memory gap");
    assertEquals(1.0, task.accuracy(b, fill(b, high, 70, 75, 0.01f)), 1e-12, "switches 5 ms late");
    assertEquals(1.0, task.accuracy(b, fill(b, high, 62, 70, 1f)), 1e-12, "switches 8 ms early");
    assertEquals(oneWrong, task.accuracy(b, fill(b, high, 70, 85, 0.01f)), 1e-12, "switches 15 ms late");
    assertEquals(oneWrong, task.accuracy(b, fill(b, low, 150, 151, 0.3f)), 1e-12, "one step above 0.5 - margin");
    assertEquals(oneWrong, task.accuracy(b, fill(b, low, 10, 11, 0.3f)), 1e-12, "the baseline is scored too");
  }

  private static float[] fill(TrialBatch b, int trial, int from, int to, float v) {
    return fill(b.targets().clone(), trial, from, to, v, b);
  }

  private static float[] fill(float[] out, int trial, int from, int to, float v, TrialBatch b) {
    for (int t = from; t < to; t++) {
      out[b.outputIndex(t, trial, 0)] = v;
    }
    return out;
  }
}
