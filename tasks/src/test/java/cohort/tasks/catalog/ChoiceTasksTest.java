package cohort.tasks.catalog;

import static cohort.tasks.catalog.Trials.in;
import static cohort.tasks.catalog.Trials.label;
import static cohort.tasks.catalog.Trials.mask;
import static cohort.tasks.catalog.Trials.meanIn;
import static cohort.tasks.catalog.Trials.sample;
import static cohort.tasks.catalog.Trials.target;
import static cohort.tasks.catalog.Trials.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.tasks.Task;
import cohort.tasks.TrialBatch;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceTasksTest {

  @ParameterizedTest
  @ValueSource(strings = {"perceptual-dm", "context-dm", "multisensory", "delay-comparison",
      "interval-discrimination", "delay-match-sample", "ready-set-go", "go-nogo"})
  void fixationIsOnUntilTheResponsePeriodAndOffFromItsFirstStep(String name) {
    Task task = task(name, Map.of());
    TrialBatch b = sample(task, 48, 21);
    String response = name.equals("ready-set-go") ? "production_start" : "decision_start";
    Set<Integer> lengths = new HashSet<>();
    for (int k = 0; k < 48; k++) {
      int start = label(b, response, k);
      int end = label(b, "trial_steps", k);
      lengths.add(end);
      assertTrue(start > 0 && start < end && end <= b.steps());
      for (int t = 0; t < b.steps(); t++) {
        assertEquals(t < start ? 1f : 0f, in(b, t, k, 0), name + ": fixation input, trial " + k + " step " + t);
        assertEquals(t < end ? 1f : 0f, mask(b, t, k, 0), name + ": mask, trial " + k + " step " + t);
        if (t < start) {
          assertEquals(1f, target(b, t, k, 0), "fixate before the response period");
        }
      }
      if (!name.equals("ready-set-go")) {
        int gt = label(b, "ground_truth", k);
        for (int t = start; t < end; t++) {
          assertEquals(1f, target(b, t, k, gt), "the correct action in the decision period");
        }
      }
    }
    if (name.equals("context-dm") || name.equals("interval-discrimination") || name.equals("ready-set-go")) {
      assertTrue(lengths.size() > 1, "variable trials are padded to steps() and masked");
      assertTrue(lengths.stream().allMatch(l -> l <= task.steps()));
    }
  }

  @Test
  void perceptualDmPeriodsInStepsFollowDt() {
    TrialBatch b = sample(task("perceptual-dm", Map.of()), 4, 1);
    assertEquals(22, b.steps());
    assertEquals(1, label(b, "stimulus_start", 0));
    assertEquals(21, label(b, "delay_start", 0));
    assertEquals(21, label(b, "decision_start", 0));
    assertEquals(22, label(b, "trial_steps", 0));
    TrialBatch half = sample(task("perceptual-dm", Map.of("dt", "50", "delay", "275")), 4, 1);
    // floor(ms/dt): fixation 2, stimulus 40, delay 5 (275/50 = 5.5), decision 2
    assertEquals(49, half.steps());
    assertEquals(2, label(half, "stimulus_start", 0));
    assertEquals(42, label(half, "delay_start", 0));
    assertEquals(47, label(half, "decision_start", 0));
    assertEquals(50.0, half.dtMs());
  }

  @Test
  void perceptualDmStimulusFavoursTheGroundTruthByCoherenceOver100() {
    TrialBatch b = sample(task("perceptual-dm", Map.of("noise", "0")), 64, 2);
    for (int k = 0; k < 64; k++) {
      int gt = label(b, "ground_truth", k);
      double coh = b.conditions().value("coherence", k);
      double s1 = in(b, 5, k, 1);
      double s2 = in(b, 5, k, 2);
      assertEquals(coh / 100, Math.abs(s1 - s2), 1e-6);
      assertEquals(1.0, s1 + s2, 1e-6);
      if (coh > 0) {
        assertEquals(gt, s1 > s2 ? 1 : 2);
      }
      assertEquals(0f, in(b, 0, k, 1), "no stimulus during fixation");
    }
  }

  @Test
  void perceptualDmNoiseHasStdSigmaOverSqrtDt() {
    TrialBatch b = sample(task("perceptual-dm", Map.of("coherences", "0")), 500, 3);
    double s = 0;
    double ss = 0;
    int n = 0;
    for (int k = 0; k < 500; k++) {
      for (int t = 1; t < 21; t++) {
        double x = in(b, t, k, 1) - 0.5;
        s += x;
        ss += x * x;
        n++;
      }
    }
    double sd = Math.sqrt(ss / n - (s / n) * (s / n));
    assertEquals(1 / Math.sqrt(100), sd, 0.003);
  }

  @Test
  void contextDmAnswerIsTheSignOfTheCuedModalitysCoherence() {
    TrialBatch b = sample(task("context-dm", Map.of("noise", "0")), 128, 4);
    int[] contexts = new int[2];
    for (int k = 0; k < 128; k++) {
      int context = label(b, "context", k);
      contexts[context]++;
      double cued = b.conditions().value(context == 0 ? "coherence_mod1" : "coherence_mod2", k);
      int gt = label(b, "ground_truth", k);
      assertEquals(cued > 0 ? 1 : 2, gt, "labels");
      // from the inputs: the cued modality's stim1 vs stim2 channel during the stimulus
      int stim = label(b, "stimulus_start", k);
      int delay = label(b, "delay_start", k);
      int ch = context == 0 ? 1 : 3;
      assertEquals(gt, meanIn(b, k, ch, stim, delay) > meanIn(b, k, ch + 1, stim, delay) ? 1 : 2, "inputs");
      // context one-hot for the whole trial, padding excluded
      int end = label(b, "trial_steps", k);
      for (int t = 0; t < b.steps(); t++) {
        assertEquals(t < end ? 1f : 0f, in(b, t, k, 5 + context));
        assertEquals(0f, in(b, t, k, 6 - context));
      }
      int delaySteps = label(b, "decision_start", k) - delay;
      assertTrue(delaySteps >= 3 && delaySteps <= 29, "TruncExp delay in [300, 3000) ms: " + delaySteps);
    }
    assertTrue(contexts[0] > 30 && contexts[1] > 30);
  }

  @Test
  void multisensoryBothModalitiesFavourTheAnswerAndShareTheCoherence() {
    TrialBatch b = sample(task("multisensory", Map.of("noise", "0")), 64, 5);
    for (int k = 0; k < 64; k++) {
      int gt = label(b, "ground_truth", k);
      double c1 = b.conditions().value("coherence_mod1", k);
      double c2 = b.conditions().value("coherence_mod2", k);
      assertEquals(b.conditions().value("coherence", k), c1 + c2, 1e-9);
      double d1 = in(b, 4, k, 1) - in(b, 4, k, 2);
      double d2 = in(b, 4, k, 3) - in(b, 4, k, 4);
      assertEquals(c1 / 100, Math.abs(d1), 1e-6);
      assertEquals(c2 / 100, Math.abs(d2), 1e-6);
      assertEquals(gt, d1 + d2 > 0 ? 1 : 2);
    }
  }

  @Test
  void delayComparisonAnswerIsF1GreaterThanF2FromLabelsAndInputs() {
    TrialBatch b = sample(task("delay-comparison", Map.of("noise", "0")), 64, 6);
    for (int k = 0; k < 64; k++) {
      double f1 = b.conditions().value("f1", k);
      double f2 = b.conditions().value("f2", k);
      int gt = label(b, "ground_truth", k);
      assertEquals(f1 > f2 ? 1 : 2, gt);
      assertEquals(8.0, Math.abs(f1 - f2), "the default pairs differ by 8 Hz");
      double x1 = meanIn(b, k, 1, label(b, "stimulus1_start", k), label(b, "delay_start", k));
      double x2 = meanIn(b, k, 1, label(b, "stimulus2_start", k), label(b, "decision_start", k));
      assertEquals(gt, x1 > x2 ? 1 : 2);
      // (1 + (f - 10)/(34 - 10)) / 2
      assertEquals((1 + (f1 - 10) / 24) / 2, x1, 1e-6);
      assertEquals(0.0, meanIn(b, k, 1, label(b, "delay_start", k), label(b, "stimulus2_start", k)));
    }
    assertEquals(26, b.steps());
  }

  @Test
  void intervalDiscriminationAnswerIsTheLongerInterval() {
    Task task = task("interval-discrimination", Map.of());
    TrialBatch b = sample(task, 128, 7);
    assertEquals(80.0, b.dtMs());
    int ones = 0;
    for (int k = 0; k < 128; k++) {
      int n1 = 0;
      int n2 = 0;
      for (int t = 0; t < b.steps(); t++) {
        n1 += in(b, t, k, 1) == 1f ? 1 : 0;
        n2 += in(b, t, k, 2) == 1f ? 1 : 0;
      }
      assertEquals(n1 * 80.0, b.conditions().value("interval1_ms", k));
      assertEquals(n2 * 80.0, b.conditions().value("interval2_ms", k));
      assertTrue(n1 >= 3 && n1 <= 7, "U(300, 600) ms at dt 80: 3..7 steps");
      int gt = label(b, "ground_truth", k);
      assertEquals(n1 > n2 ? 1 : 2, gt);
      ones += gt == 1 ? 1 : 0;
    }
    assertTrue(ones > 20 && ones < 108);
  }

  @Test
  void delayMatchSampleMatchesWhenTestEqualsSample() {
    TrialBatch b = sample(task("delay-match-sample", Map.of("noise", "0")), 64, 8);
    for (int k = 0; k < 64; k++) {
      int sampleCh = in(b, 3, k, 1) == 1f ? 1 : 2;
      int testCh = in(b, 18, k, 1) == 1f ? 1 : 2;
      assertEquals(1f, in(b, 3, k, sampleCh));
      assertEquals(0f, in(b, 3, k, 3 - sampleCh));
      assertEquals(sampleCh == testCh ? 1 : 2, label(b, "ground_truth", k));
    }
  }

  @Test
  void goNoGoRespondsOnlyToTheGoStimulus() {
    TrialBatch b = sample(task("go-nogo", Map.of()), 64, 9);
    for (int k = 0; k < 64; k++) {
      boolean go = in(b, 0, k, 2) == 1f;
      assertEquals(go ? 0f : 1f, in(b, 0, k, 1));
      assertEquals(go ? 1 : 0, label(b, "ground_truth", k));
      assertEquals(go ? 1f : 0f, target(b, 14, k, 1));
      assertEquals(go ? 0f : 1f, target(b, 14, k, 0));
      assertEquals(10, label(b, "decision_start", k));
    }
  }

  @Test
  void readySetGoTimesTheGoStepFromTheMeasuredInterval() {
    Task task = task("ready-set-go", Map.of());
    TrialBatch b = sample(task, 64, 10);
    for (int k = 0; k < 64; k++) {
      assertEquals(1f, in(b, 1, k, 1), "ready flash at step 1 (fixation 100 ms = 1 step of 80 ms)");
      assertEquals(0f, in(b, 2, k, 1));
      int set = -1;
      int go = -1;
      for (int t = 0; t < b.steps(); t++) {
        if (in(b, t, k, 2) == 1f) {
          set = t;
        }
        if (target(b, t, k, 1) == 1f) {
          assertEquals(-1, go, "one go step");
          go = t;
        }
      }
      int measureSteps = set - 1;
      assertEquals(measureSteps * 80.0, b.conditions().value("measure_ms", k));
      assertTrue(measureSteps >= 10 && measureSteps <= 18);
      assertEquals(set + 1, label(b, "production_start", k));
      assertEquals(set + 1 + measureSteps, go, "go = set end + measured interval (gain 1)");
      assertEquals(label(b, "production_start", k) + 2 * measureSteps, label(b, "trial_steps", k));
    }
    // accuracy: the first go within margin*production + 25 ms of the target counts
    float[] late = new float[b.targets().length];
    float[] early = new float[b.targets().length];
    for (int k = 0; k < 64; k++) {
      int go = label(b, "go_step", k);
      late[b.outputIndex(go + 2, k, 1)] = 1f;     // 160 ms late; 0.2 * 800 + 25 = 185 ms tolerance at least
      early[b.outputIndex(go - 4, k, 1)] = 1f;    // 320 ms early; at most 0.2 * 1440 + 25 = 313 ms tolerance
    }
    assertEquals(1.0, task.accuracy(b, late));
    assertEquals(0.0, task.accuracy(b, early));
  }

  @Test
  void choiceAccuracyAveragesTheDecisionPeriod() {
    Task task = task("perceptual-dm", Map.of());
    TrialBatch b = sample(task, 20, 11);
    float[] wrong = new float[b.targets().length];
    for (int k = 0; k < 20; k++) {
      int gt = label(b, "ground_truth", k);
      wrong[b.outputIndex(21, k, 3 - gt)] = 1f;
      wrong[b.outputIndex(5, k, gt)] = 5f; // before the decision period: ignored
    }
    assertEquals(0.0, task.accuracy(b, wrong));
  }
}
