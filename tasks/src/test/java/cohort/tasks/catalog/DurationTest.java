package cohort.tasks.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationTest {

  @Test
  void stepsAreFlooredAsInNeuroGym() {
    assertEquals(3, Duration.floorSteps(300, 100));
    assertEquals(7, Duration.floorSteps(750, 100));
    assertEquals(1, Duration.floorSteps(83, 80));
    assertEquals(3, Duration.floorSteps(0.3, 0.1));
    assertEquals(14, Duration.floorStepsBelow(1500, 100));
    assertEquals(18, Duration.floorStepsBelow(1500, 80));
  }

  @Test
  void randomDurationsStayWithinTheirBounds() {
    SplittableRandom r = new SplittableRandom(1);
    Duration u = new Duration.Uniform(800, 1500);
    Duration e = new Duration.TruncatedExponential(600, 300, 3000);
    assertEquals(18, u.maxSteps(80));
    assertEquals(29, e.maxSteps(100));
    int maxSeen = 0;
    double mean = 0;
    for (int i = 0; i < 5000; i++) {
      int s = u.sampleSteps(80, r);
      assertTrue(s >= 10 && s <= 18);
      maxSeen = Math.max(maxSeen, s);
      int d = e.sampleSteps(100, r);
      assertTrue(d >= 3 && d <= 29);
      mean += d;
    }
    assertEquals(18, maxSeen);
    // E[x | 300 <= x < 3000] for mean 600 is about 900 ms; floored to 100 ms, about 8.5 steps
    assertEquals(8.5, mean / 5000, 0.3);
    assertEquals(5, new Duration.Uniform(500, 500).sampleSteps(100, r));
  }
}
