package cohort.analysis.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointFinder;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.fixedpoints.Stability;
import cohort.analysis.fixedpoints.TestCells;
import cohort.analysis.linearize.EigenOrder;
import cohort.analysis.linearize.EigenSystem;
import cohort.models.Initializers;
import cohort.models.ReferenceCell;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedPointTopologyTest {

  private static final double W = 2.5;
  private static final double[] X = new double[1];

  private static TopologyGraph graphOf(ReferenceCell cell, double[] inits) {
    FixedPointSet set = new FixedPointFinder(cell, FixedPointOptions.defaults()).find(inits, X);
    return new FixedPointTopology(cell, TopologyOptions.defaults()).build(set);
  }

  /**
   * Starts near the 8 corners only (as a trained flip-flop's own trajectories give): the plain search finds the 8
   * attractors and nothing else; the saddle search's second pass, from the corners' midpoints, finds the other 19
   * points and the graph joins every pair of adjacent corners.
   */
  @Test
  void saddleSearchFromAttractorMidpointsCompletesTheCube() {
    TestCells.Tanh cell = TestCells.Tanh.diagonal(W, W, W);
    double[] corners = TestCells.grid(3, -0.9, 0.9);
    FixedPointFinder finder = new FixedPointFinder(cell, FixedPointOptions.defaults());
    FixedPointSet plain = finder.find(corners, X);
    assertEquals(8, plain.size());
    assertEquals(8, plain.count(Stability.STABLE));
    FixedPointSet full = finder.findWithSaddleSearch(corners, X, null);
    assertEquals(27, full.size());
    assertEquals(8, full.count(Stability.STABLE));
    assertEquals(12, full.countWithUnstableDimensions(1));
    assertEquals(6, full.countWithUnstableDimensions(2));
    assertEquals(1, full.countWithUnstableDimensions(3));
    TopologyGraph g = new FixedPointTopology(cell, TopologyOptions.defaults()).build(full);
    assertEquals(24, g.edges().size(), "12 saddles × 2 corners");
    assertEquals(6 * 4 + 6, g.unresolved(), "the index-2 and index-3 points' launches settle on saddles");
  }

  @Test
  void idealCubeJoinsAdjacentCornersThroughEdgeSaddles() {
    TestCells.Tanh cell = TestCells.Tanh.diagonal(W, W, W);
    FixedPointSet set = new FixedPointFinder(cell, FixedPointOptions.defaults())
        .find(TestCells.grid(3, -1.0, 0.0, 1.0), X);
    TopologyGraph g = new FixedPointTopology(cell, TopologyOptions.defaults()).build(set);
    assertEquals(27, g.nodes().size());
    assertEquals(24, g.edges().size(), "12 saddles × 2 corners");
    int[] incoming = new int[27];
    for (int idx = 0; idx < g.nodes().size(); idx++) {
      TopologyGraph.Node node = g.nodes().get(idx);
      List<TopologyGraph.Edge> out = g.edgesFrom(idx);
      if (node.unstableDimensions() != 1) {
        assertEquals(0, out.size(), "only index-1 saddles reach corners in the ideal cube");
        continue;
      }
      assertEquals(Stability.SADDLE, node.stability());
      assertEquals(2, out.size());
      FixedPoint saddle = set.get(node.point());
      FixedPoint c1 = set.get(g.nodes().get(out.get(0).target()).point());
      FixedPoint c2 = set.get(g.nodes().get(out.get(1).target()).point());
      assertEquals(0, c1.unstableDimensions());
      assertEquals(0, c2.unstableDimensions());
      assertEquals(1, out.get(0).count());
      int differing = 0;
      for (int i = 0; i < 3; i++) {
        if (Math.abs(saddle.state(i)) > 0.5) {
          // the saddle's two non-zero coordinates are shared by both corners
          assertEquals(saddle.state(i), c1.state(i), 1e-9);
          assertEquals(saddle.state(i), c2.state(i), 1e-9);
        } else {
          differing++;
          assertEquals(-c1.state(i), c2.state(i), 1e-9, "the corners differ in the saddle's zero coordinate");
        }
      }
      assertEquals(1, differing);
      incoming[out.get(0).target()]++;
      incoming[out.get(1).target()]++;
    }
    for (int idx = 0; idx < g.nodes().size(); idx++) {
      assertEquals(g.nodes().get(idx).unstableDimensions() == 0 ? 3 : 0, incoming[idx], "each corner has 3 edges");
    }
    // face saddles (2 unstable directions × 2 signs) and the centre (3 × 2) launch trajectories that settle on
    // other saddles' stable manifolds (exactly invariant coordinate planes): unresolved.
    assertEquals(12 * 2 + 6 * 4 + 6, g.perturbations());
    assertEquals(6 * 4 + 6, g.unresolved());
    TopologySignature s = g.signature();
    assertArrayEquals(new int[] {8, 12, 6, 1}, s.census());
    // the subdivided cube graph: 20 vertices, 24 edges; Σ Laplacian eigenvalues = 2|E|
    double sum = 0;
    for (double v : s.laplacianSpectrum()) {
      sum += v;
    }
    assertEquals(48.0, sum, 1e-9);
    assertEquals(19, s.laplacianSpectrum().length, "connected: one zero eigenvalue");
  }

  @Test
  void signatureIgnoresStateBasisAndNetworkSize() {
    double[] grid = TestCells.grid(3, -1.0, 0.0, 1.0);
    TopologySignature ref = graphOf(TestCells.Tanh.diagonal(W, W, W), grid).signature();

    // permutation with sign flips of the state basis, applied to the dynamics and to the initial states
    double[] p = {0, 0, -1, 1, 0, 0, 0, -1, 0};
    TopologySignature permuted = graphOf(new TestCells.Rotated(TestCells.Tanh.diagonal(W, W, W), p),
        transform(p, grid, 3)).signature();
    assertEquals(0.0, ref.distance(permuted), 1e-9);

    // a generic rotation of the state basis of a generic (coupled) network: W = 2.5 I + 0.25 G. (The ideal cube is
    // too symmetric for this: its coordinate planes are exactly invariant in its own basis, but a rotation adds
    // round-off across them, after which face saddles do reach corners.)
    SplittableRandom g = new SplittableRandom(11);
    double[] w = new double[9];
    for (int i = 0; i < 9; i++) {
      w[i] = (i % 4 == 0 ? W : 0) + 0.25 * g.nextGaussian();
    }
    TestCells.Tanh coupled = new TestCells.Tanh(3, 1, w, new double[3], new double[3], 1.0, false);
    double[] inits = new double[600 * 3];
    for (int i = 0; i < inits.length; i++) {
      inits[i] = g.nextDouble(-1.1, 1.1);
    }
    TopologyGraph plain = graphOf(coupled, inits);
    double[] q = Initializers.orthogonal(3, 3, new SplittableRandom(17));
    TopologyGraph rotated = graphOf(new TestCells.Rotated(coupled, q), transform(q, inits, 3));
    assertArrayEquals(new int[] {8, 12, 6, 1}, plain.signature().census());
    assertEquals(0, plain.unresolved());
    assertEquals(plain.edges().size(), rotated.edges().size());
    assertArrayEquals(plain.signature().census(), rotated.signature().census());
    assertEquals(0.0, plain.signature().distance(rotated.signature()), 1e-9);
    assertTrue(plain.signature().distance(ref) > 1, "coupling changed the heteroclinic graph");

    // the same cube embedded in a 4-unit network with one extra contracting unit
    TopologySignature bigger = graphOf(TestCells.Tanh.diagonal(W, W, W, 0.3),
        TestCells.grid(4, -1.0, 0.0, 1.0)).signature();
    assertEquals(0.0, ref.distance(bigger), 1e-9);
  }

  @Test
  void distanceIsZeroOnIdenticalGraphsSymmetricAndSeparatesDifferentTopologies() {
    TopologyGraph cube = graphOf(TestCells.Tanh.diagonal(W, W, W), TestCells.grid(3, -1.0, 0.0, 1.0));
    TopologyGraph square = graphOf(TestCells.Tanh.diagonal(W, W), TestCells.grid(2, -1.0, 0.0, 1.0));
    TopologyGraph line = graphOf(TestCells.Tanh.diagonal(W), TestCells.grid(1, -1.0, 0.0, 1.0));
    assertEquals(0.0, TopologySignature.distance(cube, cube), 0.0);
    double cs = TopologySignature.distance(cube, square);
    assertEquals(cs, TopologySignature.distance(square, cube), 0.0);
    assertTrue(cs > 1);
    double sl = TopologySignature.distance(square, line);
    double cl = TopologySignature.distance(cube, line);
    assertTrue(cl <= cs + sl + 1e-12, "triangle inequality");
    assertNotEquals(0.0, sl);
    // square: 4 corners, 4 edge saddles (index 1) → a cycle of 8 vertices; 1 repeller at the origin
    assertArrayEquals(new int[] {4, 4, 1}, square.signature().census());
    assertEquals(8, square.edges().size());
    // line: 0 is a repeller joined to both stable points
    assertArrayEquals(new int[] {2, 1}, line.signature().census());
    assertEquals(2, line.edges().size());
    assertEquals(Stability.UNSTABLE, line.nodes().get(line.edges().get(0).source()).stability());
  }

  @Test
  void continuousTimeCubeHasTheSameGraphAsTheDiscreteOne() {
    double[] w = {W, 0, 0, 0, W, 0, 0, 0, W};
    TestCells.Tanh ctrnn = new TestCells.Tanh(3, 1, w, new double[3], new double[3], 0.2, true);
    TopologyGraph ct = graphOf(ctrnn, TestCells.grid(3, -1.0, 0.0, 1.0));
    TopologyGraph dt = graphOf(TestCells.Tanh.diagonal(W, W, W), TestCells.grid(3, -1.0, 0.0, 1.0));
    assertArrayEquals(new int[] {8, 12, 6, 1}, ct.signature().census());
    assertEquals(24, ct.edges().size());
    assertEquals(0.0, TopologySignature.distance(ct, dt), 1e-9);
  }

  @Test
  void slowPointsAreNodesUnlessExcluded() {
    TestCells.SaddleNode ghost = new TestCells.SaddleNode(0.5, -0.004);
    FixedPointSet set = new FixedPointFinder(ghost, FixedPointOptions.defaults())
        .find(TestCells.grid(2, -0.3, 0.0, 0.3), new double[0]);
    assertEquals(1, set.size());
    TopologyGraph all = new FixedPointTopology(ghost, TopologyOptions.defaults()).build(set);
    assertEquals(1, all.nodes().size());
    assertEquals(0, all.nodes().get(0).point());
    TopologyGraph fixedOnly = new FixedPointTopology(ghost, TopologyOptions.defaults().withIncludeSlowPoints(false))
        .build(set);
    assertEquals(0, fixedOnly.nodes().size());
    assertEquals(0, fixedOnly.signature().census().length);
  }

  /**
   * The finder keeps eigenvalues only at slow points ({@link EigenSystem#valuesOf}); the graph with slow points is the
   * same as when every point carries its full eigen-decomposition (the topology recomputes the slow points' vectors
   * from their Jacobians). Adam stopped early and no polish leave the cube's points slow, saddles among them.
   */
  @Test
  void slowPointsWithoutEigenvectorsGiveTheSameGraphAsFullDecompositions() {
    TestCells.Tanh cell = TestCells.Tanh.diagonal(W, W, W);
    FixedPointOptions early = FixedPointOptions.defaults().withMaxIterations(25).withPolish(false).withSlowQ(1e-2);
    FixedPointSet set = new FixedPointFinder(cell, early).find(TestCells.grid(3, -0.95, 0.05, 0.95), X);
    int slowUnstable = 0;
    List<FixedPoint> full = new ArrayList<>();
    for (FixedPoint p : set.points()) {
      assertEquals(p.kind() == PointKind.FIXED, p.eigen().hasVectors(), "vectors exactly at fixed points");
      slowUnstable += p.kind() == PointKind.SLOW && p.unstableDimensions() > 0 ? 1 : 0;
      EigenSystem e = EigenSystem.of(p.jacobian(), 3, EigenOrder.MODULUS_DESCENDING);
      full.add(new FixedPoint(p.state(), p.input(), p.q(), p.kind(), p.jacobian(), e, p.unstableDimensions(),
          p.stability()));
    }
    assertTrue(slowUnstable > 0, "some slow points are saddles, whose eigenvectors the graph needs");
    FixedPointSet withVectors = new FixedPointSet(set.stateSize(), set.continuousTime(), set.alpha(), set.input(),
        set.options(), full, set.candidates(), set.rejectedSlow(), set.outliers(), set.duplicates());
    TopologyGraph a = new FixedPointTopology(cell, TopologyOptions.defaults()).build(set);
    TopologyGraph b = new FixedPointTopology(cell, TopologyOptions.defaults()).build(withVectors);
    assertTrue(a.edges().size() > 0);
    assertEquals(b.nodes(), a.nodes());
    assertEquals(b.edges(), a.edges());
    assertEquals(b.unresolved(), a.unresolved());
  }

  private static double[] transform(double[] q, double[] rows, int n) {
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length / n; k++) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += q[i * n + j] * rows[k * n + j];
        }
        out[k * n + i] = s;
      }
    }
    return out;
  }

}
