package cohort.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClippingAndScheduleTest {

  @Test
  void clipsToTheGlobalNorm() {
    float[] g = {3f, 4f};
    double norm = GradientClipping.clip(g, 1.0);
    assertEquals(5.0, norm, 1e-12);
    assertEquals(1.0, GradientClipping.norm(g), 1e-5);
    assertEquals(0.6f, g[0], 1e-5);
    assertEquals(0.8f, g[1], 1e-5);
  }

  @Test
  void leavesSmallGradientsAloneAndZeroDisables() {
    float[] g = {0.3f, 0.4f};
    assertEquals(0.5, GradientClipping.clip(g, 1.0), 1e-6);
    assertArrayEquals(new float[] {0.3f, 0.4f}, g);
    float[] h = {30f, 40f};
    assertEquals(50, GradientClipping.clip(h, 0), 1e-9);
    assertArrayEquals(new float[] {30f, 40f}, h);
  }

  @Test
  void reportsNonFiniteNormsWithoutTouchingTheGradient() {
    float[] g = {Float.NaN, 1f};
    assertTrue(Double.isNaN(GradientClipping.clip(g, 1.0)));
    assertEquals(1f, g[1]);
    float[] h = {Float.POSITIVE_INFINITY, 1f};
    assertEquals(Double.POSITIVE_INFINITY, GradientClipping.clip(h, 1.0));
  }

  @Test
  void schedules() {
    assertEquals(0.01, Schedule.constant().rate(0.01, 12345), 0);
    Schedule exp = Schedule.exponential(0.5);
    assertEquals(0.01, exp.rate(0.01, 0), 0);
    assertEquals(0.0025, exp.rate(0.01, 2), 1e-15);
    Schedule step = Schedule.step(0.1, 100);
    assertEquals(1.0, step.rate(1.0, 0), 0);
    assertEquals(1.0, step.rate(1.0, 99), 0);
    assertEquals(0.1, step.rate(1.0, 100), 1e-15);
    assertEquals(0.01, step.rate(1.0, 250), 1e-15);
  }

  @Test
  void badSchedulesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(1.5));
    assertEquals("schedule factor must be in (0, 1]; got 1.5 for exponential", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Schedule.step(0.5, 0));
  }
}
