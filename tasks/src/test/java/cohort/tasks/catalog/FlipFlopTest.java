package cohort.tasks.catalog;

import static cohort.tasks.catalog.Trials.in;
import static cohort.tasks.catalog.Trials.label;
import static cohort.tasks.catalog.Trials.sample;
import static cohort.tasks.catalog.Trials.target;
import static cohort.tasks.catalog.Trials.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.tasks.Task;
import cohort.tasks.TrialBatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlipFlopTest {

  @Test
  void targetIsTheSignOfTheLastPulseOnEachChannel() {
    Task task = task("flipflop", Map.of());
    TrialBatch b = sample(task, 32, 1);
    assertEquals(3, b.inputSize());
    assertEquals(64, b.steps());
    for (int k = 0; k < 32; k++) {
      for (int bit = 0; bit < 3; bit++) {
        assertTrue(in(b, 0, k, bit) != 0, "FlipFlopData forces a pulse at t = 0");
        float state = 0;
        int flips = 0;
        for (int t = 0; t < 64; t++) {
          float x = in(b, t, k, bit);
          assertTrue(x == 0 || x == 1 || x == -1, "pulses are +-1");
          if (x != 0) {
            if (x != state) {
              flips++;
            }
            state = x;
          }
          assertEquals(state, target(b, t, k, bit), "trial " + k + " bit " + bit + " step " + t);
        }
        assertEquals((int) state, label(b, "final_" + (bit + 1), k));
        assertEquals(flips, label(b, "flips_" + (bit + 1), k));
      }
    }
  }

  @Test
  void withoutTheForcedFirstPulseTheTargetIsZeroUntilTheFirstPulse() {
    Task task = task("flipflop", Map.of("force-first-pulse", "no", "pulse-probability", "0.05", "bits", "2"));
    TrialBatch b = sample(task, 64, 2);
    int zeros = 0;
    for (int k = 0; k < 64; k++) {
      for (int bit = 0; bit < 2; bit++) {
        boolean seen = false;
        for (int t = 0; t < task.steps(); t++) {
          seen |= in(b, t, k, bit) != 0;
          if (!seen) {
            assertEquals(0f, target(b, t, k, bit));
            zeros++;
          }
        }
      }
    }
    assertTrue(zeros > 0);
  }

  @Test
  void pulseRateMatchesTheProbability() {
    TrialBatch b = sample(task("flipflop", Map.of()), 200, 3);
    int pulses = 0;
    int cells = 0;
    for (int t = 1; t < b.steps(); t++) {
      for (int k = 0; k < 200; k++) {
        for (int bit = 0; bit < 3; bit++) {
          pulses += in(b, t, k, bit) != 0 ? 1 : 0;
          cells++;
        }
      }
    }
    assertEquals(0.5, pulses / (double) cells, 0.01);
  }

  @Test
  void accuracyCountsSignAgreement() {
    Task task = task("flipflop", Map.of());
    TrialBatch b = sample(task, 8, 4);
    float[] out = b.targets().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= 0.3f;
    }
    assertEquals(1.0, task.accuracy(b, out));
    for (int i = 0; i < out.length; i += 2) {
      out[i] = -out[i];
    }
    assertEquals(0.5, task.accuracy(b, out), 1e-12);
  }
}
