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

class ContinuousTasksTest {

  @Test
  void contextIntegrationTargetIsTheRunningSumOfTheCuedStream() {
    TrialBatch b = sample(task("context-integration", Map.of()), 64, 1);
    assertEquals(25, b.steps());
    assertEquals(40.0, b.dtMs());
    for (int k = 0; k < 64; k++) {
      int c = in(b, 0, k, 2) == 1f ? 0 : 1;
      assertEquals(1f, in(b, 0, k, 2 + c));
      assertEquals(0f, in(b, 0, k, 3 - c));
      assertEquals(c + 1, label(b, "context", k));
      double sum = 0;
      for (int t = 0; t < 25; t++) {
        sum += in(b, t, k, c);
        assertEquals(sum, target(b, t, k, 0), 1e-5);
      }
    }
  }

  @Test
  void contextIntegrationNoiseIsSvalOverSqrtDt() {
    TrialBatch b = sample(task("context-integration", Map.of("bias", "0")), 400, 2);
    double ss = 0;
    int n = 0;
    for (int k = 0; k < 400; k++) {
      for (int t = 0; t < 25; t++) {
        double x = in(b, t, k, 0);
        ss += x * x;
        n++;
      }
    }
    assertEquals(0.025 / Math.sqrt(0.04), Math.sqrt(ss / n), 0.004);
  }

  @Test
  void sineTargetIsTheSineOfTheCuedFrequency() {
    TrialBatch b = sample(task("sine", Map.of()), 32, 3);
    for (int k = 0; k < 32; k++) {
      double level = in(b, 0, k, 0);
      int j = (int) Math.round((level - 0.25) * 51);
      assertEquals(j, label(b, "frequency_index", k));
      double omega = 0.1 + 0.5 * (j - 1) / 50.0;
      for (int t = 0; t < b.steps(); t++) {
        assertEquals(level, in(b, t, k, 0), 0.0);
        assertEquals(Math.sin(omega * t), target(b, t, k, 0), 1e-6);
      }
    }
  }

  @Test
  void jarneFlipFlopHoldsTheLastPulseAfterTheGap() {
    TrialBatch b = sample(task("flipflop1", Map.of("noise", "0")), 16, 4);
    assertEquals(1010, b.steps());
    for (int k = 0; k < 16; k++) {
      int lastEnd = -1;
      int state = -1;
      int previous = -1;
      for (int t = 0; t < b.steps(); t++) {
        // a pulse ends at t when an input was on at t-1 and is off at t
        for (int ch = 0; ch < 2; ch++) {
          if (t > 0 && in(b, t - 1, k, ch) == 1f && in(b, t, k, ch) == 0f) {
            lastEnd = t;
            previous = state;
            state = ch;
          }
        }
        // the output switches mem-gap = 20 ms after a pulse ends; before the first switch it is the baseline
        int held = lastEnd >= 0 && t >= lastEnd + 20 ? state : previous;
        assertEquals(held < 0 ? 0.01f : held, target(b, t, k, 0), "trial " + k + " step " + t);
      }
      assertEquals(state, label(b, "final_state", k));
      assertEquals(90, label(b, "response_start", k));
      assertEquals(1f, in(b, 50, k, label(b, "pulse_1", k)));
      assertEquals(1f, in(b, 50 + 7 * 120, k, label(b, "pulse_8", k)));
    }
  }

  @Test
  void timeReproductionRepeatsTheInputPulseAfterTheGap() {
    TimeReproduction task = (TimeReproduction) task("time-reproduction", Map.of("noise", "0", "target-noise", "0"));
    TrialBatch b = sample(task, 32, 5);
    double[] pulse = task.pulse();
    assertEquals(20, pulse.length);
    // 0.04 * sum of the Gaussian window around the centre: the peak is near 0.67, the edges near 0.35
    assertEquals(0.67, pulse[9], 0.02);
    assertTrue(pulse[0] > 0.3 && pulse[0] < 0.4);
    for (int k = 0; k < 32; k++) {
      int kind = label(b, "pulse", k);
      for (int i = 0; i < 20; i++) {
        assertEquals(kind * pulse[i], in(b, 30 + i, k, 0), 1e-6);
        assertEquals(in(b, 30 + i, k, 0), target(b, 70 + i, k, 0), 1e-7);
      }
      assertEquals(0.01f, target(b, 69, k, 0));
      assertEquals(0.01f, target(b, 90, k, 0));
    }
  }

  @Test
  void oscillationFollowsTheBoxSineConvolutionInsideTheWindowOnly() {
    Task task = task("oscillation", Map.of("noise", "0"));
    TrialBatch b = sample(task, 16, 6);
    assertEquals(340, b.steps());
    int period = 0;
    for (int k = 0; k < 16; k++) {
      int kind = label(b, "pulse", k);
      for (int t = 0; t < 340; t++) {
        double want;
        if (t < 140 || t >= 320) {
          want = 0.3 * 0.01;
        } else {
          // full convolution of ones(180) with sin(2 pi 12 x / 340), sample n = (t - 140) + 169
          int n = t - 140 + 169;
          double s = 0;
          for (int m = 0; m < 180; m++) {
            int x = n - m;
            if (x >= 0 && x < 340) {
              s += Math.sin(2 * Math.PI * 12 * x / 340.0);
            }
          }
          want = 0.3 * kind * s;
        }
        assertEquals(want, target(b, t, k, 0), 1e-4, "trial " + k + " step " + t);
      }
      if (kind == 1) {
        int crossings = 0;
        for (int t = 141; t < 320; t++) {
          if (Math.signum(target(b, t, k, 0)) != Math.signum(target(b, t - 1, k, 0))) {
            crossings++;
          }
        }
        period = crossings;
        assertTrue(in(b, 110, k, 0) > 0.9, "trigger pulse");
      } else {
        assertEquals(0f, in(b, 110, k, 0));
      }
    }
    // 180 steps at a period of 340/12 = 28.3 steps: about 12.7 half-periods
    assertTrue(period >= 11 && period <= 14, "zero crossings " + period);
  }

  // ---- accuracy: per trial, the whole scored period ----

  /** Output {@code d} of every trial delayed by {@code lag} steps (the first value held before). */
  private static float[] delayed(TrialBatch b, float[] source, int lag) {
    float[] out = source.clone();
    for (int k = 0; k < b.batch(); k++) {
      for (int d = 0; d < b.outputSize(); d++) {
        for (int t = 0; t < b.steps(); t++) {
          int from = t - lag;
          out[b.outputIndex(t, k, d)] = source[b.outputIndex(Math.max(0, Math.min(b.steps() - 1, from)), k, d)];
        }
      }
    }
    return out;
  }

  private static float[] scaled(float[] source, float factor) {
    float[] out = source.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  private static double fractionWithLabel(TrialBatch b, String label, int value) {
    int n = 0;
    for (int k = 0; k < b.batch(); k++) {
      n += label(b, label, k) == value ? 1 : 0;
    }
    return n / (double) b.batch();
  }

  @Test
  void jarneFlipFlopIsSolvedOnlyWhenEveryStateIsHeldWithTheMargin() {
    Task task = task("flipflop1", Map.of());
    TrialBatch b = sample(task, 16, 10);
    assertEquals(1.0, task.accuracy(b, b.targets().clone()));
    assertEquals(1.0, task.accuracy(b, delayed(b, b.targets(), 9)), "a switch 9 ms late is within settle");
    assertEquals(1.0, task.accuracy(b, delayed(b, b.targets(), -9)), "and 9 ms early");
    int switching = 0;
    int setting = 0;
    for (int k = 0; k < 16; k++) {
      boolean change = false;
      boolean set = false;
      for (int t = 1; t < b.steps(); t++) {
        change |= (target(b, t, k, 0) > 0.5f) != (target(b, t - 1, k, 0) > 0.5f);
        set |= target(b, t, k, 0) == 1f;
      }
      switching += change ? 1 : 0;
      setting += set ? 1 : 0;
    }
    assertEquals((16 - switching) / 16.0, task.accuracy(b, delayed(b, b.targets(), 15)), 1e-12, "15 ms late");
    float[] weak = b.targets().clone();
    for (int i = 0; i < weak.length; i++) {
      weak[i] = weak[i] == 1f ? 0.7f : weak[i];
    }
    assertEquals((16 - setting) / 16.0, task.accuracy(b, weak), 1e-12, "a set state held at 0.7 < 0.75");
    // trial 3 forgets its state for 30 ms in the middle of the 5th turn's hold (turn i holds from 90 + 120 i)
    float[] lost = b.targets().clone();
    for (int t = 90 + 4 * 120 + 40; t < 90 + 4 * 120 + 70; t++) {
      lost[b.outputIndex(t, 3, 0)] = 1 - Math.round(lost[b.outputIndex(t, 3, 0)]);
    }
    assertEquals(15 / 16.0, task.accuracy(b, lost), 1e-12);
  }

  @Test
  void sineTrialsAreSolvedOnlyNearTheCuedFrequency() {
    Task task = task("sine", Map.of());
    TrialBatch b = sample(task, 32, 11);
    assertEquals(1.0, task.accuracy(b, sines(b, 0, 0.1, 1)), "a phase lag of 0.1 rad");
    assertEquals(1.0, task.accuracy(b, sines(b, 0, 0, 0.85)), "85 % of the amplitude");
    assertEquals(0.0, task.accuracy(b, sines(b, 0, 0, 0.75)), "75 % of the amplitude");
    assertEquals(0.0, task.accuracy(b, sines(b, 0.01, 0, 1)), "the neighbouring cue's frequency");
    assertEquals(0.0, task.accuracy(b, sines(b, 0.005, 0, 1)), "half-way to the neighbouring frequency");
    assertEquals(0.0, task.accuracy(b, sines(b, 0, 0.3, 1)), "a phase lag of 0.3 rad");
  }

  /** sin((omega ± dOmega) t − lag) times amplitude, towards the inside of [0.1, 0.6]. */
  private static float[] sines(TrialBatch b, double dOmega, double lag, double amplitude) {
    float[] out = new float[b.targets().length];
    for (int k = 0; k < b.batch(); k++) {
      double omega = b.conditions().value("omega", k);
      double w = omega + (omega + dOmega <= 0.6 ? dOmega : -dOmega);
      for (int t = 0; t < b.steps(); t++) {
        out[b.outputIndex(t, k, 0)] = (float) (amplitude * Math.sin(w * t - lag));
      }
    }
    return out;
  }

  /**
   * Context integration needs the cued stream integrated: the sign-only score credited a context-blind
   * integrator (the sum of both streams) with most trials.
   */
  @Test
  void contextIntegrationIsSolvedByIntegratingTheCuedStreamOnly() {
    Task task = task("context-integration", Map.of());
    TrialBatch b = sample(task, 400, 12);
    float[] blind = new float[b.targets().length];
    int signRight = 0;
    for (int k = 0; k < 400; k++) {
      double sum = 0;
      for (int t = 0; t < 25; t++) {
        sum += in(b, t, k, 0) + in(b, t, k, 1);
        blind[b.outputIndex(t, k, 0)] = (float) sum;
      }
      signRight += Math.signum(sum) == Math.signum(target(b, 24, k, 0)) ? 1 : 0;
    }
    assertTrue(signRight / 400.0 > 0.65, "the context-blind integrator gets the sign of " + signRight + " trials");
    double blindScore = task.accuracy(b, blind);
    assertTrue(blindScore < 0.15, "the context-blind integrator solves " + blindScore);
    float[] noisy = b.targets().clone();
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += (float) (0.05 * random.nextGaussian());
    }
    assertTrue(task.accuracy(b, noisy) >= 0.99, "output noise 0.05 on a perfect integral");
    double zero = task.accuracy(b, new float[noisy.length]);
    assertTrue(zero < 0.1, "silence solves " + zero);
  }

  /** Tolerance 0.2 x S, S = sqrt(25 (0.025/0.2)^2 + 5 x 625 x 0.01^2) = 0.8385: the final sign counts above it. */
  @Test
  void contextIntegrationScoresTheFinalSignWhereTheEvidenceIsClear() {
    Task task = task("context-integration", Map.of());
    TrialBatch b = sample(task, 400, 13);
    double tolerance = 0.2 * Math.sqrt(25 * 0.125 * 0.125 + 5 * 625 * 1e-4);
    int clear = -1;
    int faint = -1;
    for (int k = 0; k < 400; k++) {
      double last = Math.abs(target(b, 24, k, 0));
      if (last > tolerance + 0.01 && last < tolerance + 0.1 && clear < 0) {
        clear = k;
      } else if (last < tolerance - 0.05 && last > 0.02 && faint < 0) {
        faint = k;
      }
    }
    assertTrue(clear >= 0 && faint >= 0);
    float[] out = b.targets().clone();
    out[b.outputIndex(24, clear, 0)] = -0.01f * Math.signum(target(b, 24, clear, 0));
    assertEquals(399 / 400.0, task.accuracy(b, out), 1e-12, "a clear integral ends on the wrong side");
    out = b.targets().clone();
    out[b.outputIndex(24, faint, 0)] = -0.01f * Math.signum(target(b, 24, faint, 0));
    assertEquals(1.0, task.accuracy(b, out), "a faint integral may end on either side within the tolerance");
  }

  @Test
  void oscillationMustFollowTheWaveformOrStaySilent() {
    Task task = task("oscillation", Map.of());
    TrialBatch b = sample(task, 32, 14);
    double silent = fractionWithLabel(b, "pulse", 0);
    assertTrue(silent > 0 && silent < 1);
    assertEquals(1.0, task.accuracy(b, delayed(b, b.targets(), 1)), "a lag of 1 ms (13 degrees)");
    assertEquals(silent, task.accuracy(b, delayed(b, b.targets(), 2)), 1e-12, "a lag of 2 ms");
    assertEquals(1.0, task.accuracy(b, scaled(b.targets(), 0.8f)), "80 % of the amplitude");
    assertEquals(silent, task.accuracy(b, scaled(b.targets(), 0.6f)), 1e-12, "60 % of the amplitude");
    assertEquals(silent, task.accuracy(b, new float[b.targets().length]), 1e-12, "silence");
    float[] spurious = b.targets().clone();
    for (int k = 0; k < 32; k++) {
      if (label(b, "pulse", k) == 0) {
        int other = label(b, "pulse", (k + 1) % 32) == 1 ? (k + 1) % 32 : -1;
        for (int t = 0; t < b.steps() && other >= 0; t++) {
          spurious[b.outputIndex(t, k, 0)] = target(b, t, other, 0);
        }
      }
    }
    assertTrue(task.accuracy(b, spurious) < 1.0, "oscillating without a trigger");
  }

  @Test
  void timeReproductionIsScoredAgainstTheNoiseFreePulse() {
    TimeReproduction task = (TimeReproduction) task("time-reproduction", Map.of());
    TrialBatch b = sample(task, 64, 15);
    double silent = fractionWithLabel(b, "pulse", 0);
    assertTrue(silent > 0 && silent < 1);
    float[] clean = new float[b.targets().length];
    double[] pulse = task.pulse();
    for (int k = 0; k < 64; k++) {
      for (int t = 0; t < 100; t++) {
        clean[b.outputIndex(t, k, 0)] = 0.01f;
      }
      for (int i = 0; i < 20; i++) {
        clean[b.outputIndex(70 + i, k, 0)] = (float) (label(b, "pulse", k) * pulse[i]);
      }
    }
    assertEquals(1.0, task.accuracy(b, clean), "the noise-free pulse");
    assertEquals(1.0, task.accuracy(b, b.targets().clone()), "the noisy target");
    assertEquals(1.0, task.accuracy(b, delayed(b, clean, 2)), "2 ms late");
    assertEquals(silent, task.accuracy(b, delayed(b, clean, 3)), 1e-12, "3 ms late");
    assertEquals(silent, task.accuracy(b, delayed(b, clean, -10)), 1e-12, "10 ms early");
    assertEquals(silent, task.accuracy(b, scaled(clean, 0.6f)), 1e-12, "a pulse 40 % too small");
    assertEquals(silent, task.accuracy(b, new float[clean.length]), 1e-12, "silence");
  }
}
