package cohort.analysis.fixedpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.topology.FixedPointTopology;
import cohort.analysis.topology.TopologyGraph;
import cohort.analysis.topology.TopologyOptions;
import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceCell;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The finder on the concrete cells of {@code models}: small random networks of every architecture. */
class ModelCellsTest {

  private static ReferenceCell cell(Cell arch, double gain, int hidden, long seed) {
    NetworkSpec spec = NetworkSpec.of(arch, Activation.TANH, 2, hidden, 1).withInit(InitKind.NORMAL, gain);
    return Network.initialize(spec, new SplittableRandom(seed)).reference().cell();
  }

  private static double[] uniform(int count, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] out = new double[count * n];
    for (int i = 0; i < out.length; i++) {
      out[i] = rng.nextDouble(-1, 1);
    }
    return out;
  }

  private static double speed(ReferenceCell cell, double[] h, double[] x) {
    double[] next = new double[h.length];
    cell.step(h, x, next);
    double q = 0;
    for (int i = 0; i < h.length; i++) {
      q += 0.5 * (next[i] - h[i]) * (next[i] - h[i]);
    }
    return q;
  }

  /** Distance from {@code p} after iterating the map {@code steps} times from {@code p + δ}. */
  private static double evolve(ReferenceCell cell, FixedPoint p, double[] delta, int steps) {
    int n = p.size();
    double[] h = p.state();
    for (int i = 0; i < n; i++) {
      h[i] += delta[i];
    }
    double[] next = new double[n];
    for (int t = 0; t < steps; t++) {
      cell.step(h, p.input(), next);
      double[] tmp = h;
      h = next;
      next = tmp;
    }
    return p.distanceTo(h);
  }

  @ParameterizedTest
  @ValueSource(strings = {"vanilla", "ctrnn", "ugrnn", "gru", "lstm"})
  void everyArchitectureYieldsVerifiedFixedPoints(String name) {
    Cell arch = CellRegistry.standard().parse(name);
    ReferenceCell cell = cell(arch, 1.0, 6, 3);
    int n = cell.stateSize();
    double[] x = {0.3, -0.2};
    FixedPointSet set = new FixedPointFinder(cell, FixedPointOptions.defaults()).find(uniform(40, n, 5), x);
    assertEquals(arch.continuousTime(), set.continuousTime());
    assertTrue(set.count(PointKind.FIXED) >= 1, arch + ": no fixed point");
    double[] jac = new double[n * n];
    for (FixedPoint p : set.points()) {
      assertEquals(p.q(), speed(cell, p.state(), x), 1e-18);
      if (p.kind() == PointKind.FIXED) {
        assertTrue(p.q() < 1e-20, arch + ": polished q = " + p.q());
      }
      cell.jacobian(p.state(), x, jac);
      assertArrayEquals(jac, p.jacobian(), 0.0);
      assertEquals(Stability.unstableDimensions(p.eigen(), set.continuousTime(), 0.0), p.unstableDimensions());
    }
  }

  @Test
  void stabilityClassesPredictTheDynamicsOfACtrnn() {
    // A strongly coupled CTRNN (g = 3) has several fixed points; check the classification by simulation.
    ReferenceCell cell = cell(LeakyRnn.CTRNN, 3.0, 8, 3);
    double[] x = new double[2];
    FixedPointSet set = new FixedPointFinder(cell, FixedPointOptions.defaults()).find(uniform(100, 8, 5), x);
    assertTrue(set.count(Stability.STABLE) >= 1);
    assertTrue(set.count(Stability.SADDLE) >= 1);
    SplittableRandom rng = new SplittableRandom(1);
    for (FixedPoint p : set.points()) {
      if (p.kind() != PointKind.FIXED) {
        continue;
      }
      if (p.stability() == Stability.STABLE) {
        double[] delta = new double[8];
        for (int i = 0; i < 8; i++) {
          delta[i] = 1e-6 * rng.nextGaussian();
        }
        assertTrue(evolve(cell, p, delta, 3000) < 1e-7, "a stable point attracts");
      } else {
        double[] v = p.eigen().vectorReal(0); // leading mode: largest Re λ for a continuous-time cell
        assertTrue(p.eigen().real(0) > 1);
        for (int i = 0; i < 8; i++) {
          v[i] *= 1e-7;
        }
        assertTrue(evolve(cell, p, v, 3000) > 1e-3, "a saddle repels along its unstable mode");
      }
    }
    TopologyGraph g = new FixedPointTopology(cell, TopologyOptions.defaults()).build(set);
    assertTrue(g.edges().size() >= set.count(Stability.SADDLE), "every saddle reaches an attractor");
    assertEquals(0, g.unresolved());
  }

  @Test
  void gruResultsDoNotDependOnTheOrderOfInitialStates() {
    ReferenceCell cell = cell(Gru.CELL, 2.0, 6, 9);
    double[] inits = uniform(30, 6, 2);
    double[] reversed = new double[inits.length];
    for (int k = 0; k < 30; k++) {
      System.arraycopy(inits, k * 6, reversed, (29 - k) * 6, 6);
    }
    FixedPointOptions opts = FixedPointOptions.defaults().withMaxIterations(1000).withInitialNoise(0.05);
    FixedPointSet a = new FixedPointFinder(cell, opts).find(inits, new double[2], new SplittableRandom(4));
    FixedPointSet b = new FixedPointFinder(cell, opts.withThreads(2).withBlockSize(5))
        .find(reversed, new double[2], new SplittableRandom(4));
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).state(), b.get(i).state(), 0.0);
      assertEquals(a.get(i).q(), b.get(i).q(), 0.0);
    }
  }
}
