package cohort.study.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.fixedpoints.Stability;
import cohort.analysis.linearize.EigenOrder;
import cohort.analysis.linearize.EigenSystem;
import cohort.tasks.ConstantInput;
import cohort.tasks.TaskRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task measures on fixed points whose linearisation is known by construction: a focus rotating at a chosen
 * angle, points on a line with a chosen slow eigenvalue. (The flip-flop cube is checked on trained networks by
 * {@code FixedPointsMatchSimulationTest} and the replications.)
 */
class RunMeasuresTest {

  /** A fixed point at {@code state} whose 2×2 Jacobian block rotates by {@code angle} with modulus {@code r}. */
  private static FixedPoint focus(double[] state, double angle, double r) {
    int n = state.length;
    double[] j = new double[n * n];
    j[0] = r * Math.cos(angle);
    j[1] = -r * Math.sin(angle);
    j[n] = r * Math.sin(angle);
    j[n + 1] = r * Math.cos(angle);
    for (int i = 2; i < n; i++) {
      j[i * n + i] = 0.3;
    }
    return point(state, j);
  }

  private static FixedPoint point(double[] state, double[] j) {
    int n = state.length;
    EigenSystem e = EigenSystem.of(j, n, EigenOrder.MODULUS_DESCENDING);
    int unstable = 0;
    for (int k = 0; k < n; k++) {
      unstable += Math.hypot(e.real(k), e.imag(k)) > 1 ? 1 : 0;
    }
    return new FixedPoint(state, new double[1], 0, PointKind.FIXED, j, e, unstable, Stability.of(unstable, n));
  }

  private static FixedPointSet set(List<FixedPoint> points) {
    return new FixedPointSet(points.get(0).size(), false, 1.0, new double[1], FixedPointOptions.defaults(), points,
        points.size(), 0, 0, 0);
  }

  @Test
  void aFocusRotatingAtTheCuedFrequencyIsFoundAndOneRotatingTooFastIsNot() {
    double[] centre = {0.1, -0.2, 0.3};
    double[] driven = {0.2, -0.2, 0.3, 0.0, -0.2, 0.3, 0.1, -0.1, 0.3, 0.1, -0.3, 0.3};
    FixedPoint right = focus(centre, 0.30, 1.04);
    FixedPoint far = focus(new double[] {3, 3, 3}, 0.30, 1.04);
    InputAnalysis good = new InputAnalysis(new ConstantInput("a", new double[1], Map.of("omega", 0.3)),
        set(List.of(far, right)), null, driven);
    InputAnalysis fast = new InputAnalysis(new ConstantInput("b", new double[1], Map.of("omega", 0.2)),
        set(List.of(focus(centre, 0.30, 1.04))), null, driven);
    InputAnalysis stable = new InputAnalysis(new ConstantInput("c", new double[1], Map.of("omega", 0.3)),
        set(List.of(focus(centre, 0.30, 0.9))), null, driven);
    Measurement m = new InputRotation().measure(null, TaskRegistry.standard().create("sine"),
        List.of(good, fast, stable));
    assertEquals(0.30, m.datasets().get("rotation")[0], 1e-12, "the point nearest the driven mean is used");
    assertEquals(1.0, m.datasets().get("level_ok")[0]);
    assertEquals(0.5, m.datasets().get("relative_error")[1], 1e-12);
    assertEquals(0.0, m.datasets().get("level_ok")[1], "0.3 rad against a cued 0.2: off by 50 %");
    assertEquals(0.0, m.datasets().get("level_ok")[2], "a stable focus is not the unstable one a cycle surrounds");
    assertEquals(1, m.attributes().get("levels_ok"));
    assertFalse(m.ok());
  }

  @Test
  void pointsOnALineWithASlowModeAreALineAttractor() {
    List<FixedPoint> line = new ArrayList<>();
    List<FixedPoint> blob = new ArrayList<>();
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    for (int i = 0; i < 12; i++) {
      double t = i - 5.5;
      double[] j = {0.995, 0, 0, 0, 0.5, 0, 0, 0, 0.2};
      line.add(point(new double[] {t, 0.01 * rng.nextGaussian(), 0.01 * rng.nextGaussian()}, j));
      blob.add(point(new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()},
          new double[] {0.9, 0, 0, 0, 0.5, 0, 0, 0, 0.2}));
    }
    ConstantInput c1 = new ConstantInput("context-1", new double[1], Map.of("context", 1.0));
    ConstantInput c2 = new ConstantInput("context-2", new double[1], Map.of("context", 2.0));
    Measurement ok = new LineAttractor().measure(null, null, List.of(new InputAnalysis(c1, set(line), null,
        new double[0]), new InputAnalysis(c2, set(line), null, new double[0])));
    assertTrue(ok.ok());
    assertTrue(ok.datasets().get("pc1_fraction")[0] > 0.99);
    assertEquals(1.0, ok.datasets().get("slow_modes")[0], 1e-12);
    Measurement not = new LineAttractor().measure(null, null, List.of(new InputAnalysis(c1, set(line), null,
        new double[0]), new InputAnalysis(c2, set(blob), null, new double[0])));
    assertFalse(not.ok());
    assertEquals(0.0, not.datasets().get("context_ok")[1], "scattered points with a fast leading mode");
  }
}
