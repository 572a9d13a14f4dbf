package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.fixedpoints.Stability;
import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceCell;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.LeakyRnn;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import cohort.training.Trainer;
import cohort.training.TrainingSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stable fixed points that {@link NetworkAnalysis#fixedPoints} reports include every attractor a long simulation
 * of the network reaches (issue 13, item 2): for every registered cell and a Dale-constrained CTRNN, a small
 * 2-bit flip-flop network is trained (a few hundred iterations), run at zero input for {@value #SIMULATION_STEPS}
 * steps from the state after each pulse pattern and from states of fresh trials, and every distinct end state
 * where {@code q = ½‖F(h) − h‖² < 1e-20} must lie within {@value #MATCH} of a stable fixed point found (Sussillo
 * &amp; Barak 2013: fixed points are what the network settles into when its input is held).
 *
 * <p>Before the search settled its starts, the LSTM of this test held its 4 memories at cell-state norms up to 60,
 * which its 40-step trials never reach, and the search found none of them.
 */
class FixedPointsMatchSimulationTest {

  static final int BITS = 2;
  static final int UNITS = 16;
  static final int STEPS = 40;
  static final int ITERATIONS = 300;
  static final long SEED = 2;
  static final int SIMULATION_STEPS = 5000;
  /** End states with a smaller q are fixed points of the simulation. */
  static final double FIXED_Q = 1e-20;
  /** Distance within which a simulated attractor and a stable fixed point found are the same point. */
  static final double MATCH = 1e-4;

  static Stream<Arguments> networks() {
    List<Arguments> cases = new ArrayList<>();
    for (Cell arch : CellRegistry.standard().cells()) {
      cases.add(Arguments.of(arch.id(), spec(arch)));
    }
    cases.add(Arguments.of("ctrnn with Dale's law", spec(LeakyRnn.CTRNN).withInit(InitKind.NORMAL, 1.0)
        .withExcitatoryFraction(0.8)));
    return cases.stream();
  }

  /** Orthogonal init; the continuous-time cells at α = 0.5 and low-rank at rank 2 (so that they hold 2–4 memories). */
  static NetworkSpec spec(Cell arch) {
    NetworkSpec spec = NetworkSpec.of(arch, Activation.TANH, BITS, UNITS, BITS).withInit(InitKind.ORTHOGONAL, 1.0);
    if (arch.continuousTime()) {
      spec = spec.withAlpha(0.5);
    }
    return arch.hasRank() ? spec.withRank(2) : spec;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void stableFixedPointsIncludeEveryAttractorOfALongSimulation(String name, NetworkSpec spec) {
    Task task = TaskRegistry.standard().create("flipflop", Map.of("bits", Integer.toString(BITS), "steps",
        Integer.toString(STEPS)));
    Network net = Trainer.initialize(spec, SEED);
    new Trainer(TrainingSpec.defaults().withIterations(ITERATIONS).withBatch(32).withLearningRate(0.01)
        .withClipNorm(1.0).withTargetAccuracy(0).withValidation(ITERATIONS, 1).withSeed(SEED)).train(net, task);
    ReferenceNetwork ref = net.reference();
    double[] x = new double[BITS];
    List<double[]> attractors = simulatedAttractors(ref, task, x);
    assertTrue(attractors.size() >= 2, name + ": the premise, a network holding memories as attractors; the "
        + "simulation reached " + attractors.size());

    TrialBatch probe = task.sample(16, new SplittableRandom(SEED * 7 + 1));
    FixedPointSet found = NetworkAnalysis.fixedPoints(ref, probe, x, 128, 0.05, new SplittableRandom(SEED));
    List<double[]> stable = new ArrayList<>();
    for (FixedPoint p : found.points()) {
      if (p.kind() == PointKind.FIXED && p.stability() == Stability.STABLE) {
        stable.add(p.state());
      }
    }
    StringBuilder missed = new StringBuilder();
    for (double[] a : attractors) {
      double nearest = Double.POSITIVE_INFINITY;
      for (double[] p : stable) {
        nearest = Math.min(nearest, distance(a, p));
      }
      if (nearest > MATCH) {
        missed.append(String.format(Locale.ROOT, "%n  attractor of norm %.1f: nearest stable point found at %.3g",
            norm(a), nearest));
      }
    }
    assertTrue(missed.length() == 0, name + ": the simulation settles on " + attractors.size()
        + " attractors; the search found " + stable.size() + " stable fixed points and missed" + missed);
  }

  /**
   * The distinct states where the network, run at {@code x} for {@value #SIMULATION_STEPS} steps, comes to rest
   * ({@code q < FIXED_Q}): from rest after a one-step pulse of each of the {@code 2^BITS} sign patterns, and from
   * every fifth state of 8 trials unlike the probe's.
   */
  static List<double[]> simulatedAttractors(ReferenceNetwork ref, Task task, double[] x) {
    ReferenceCell cell = ref.cell();
    int s = ref.stateSize();
    int patterns = 1 << BITS;
    TrialBatch fresh = task.sample(8, new SplittableRandom(SEED * 13 + 5));
    ReferenceNetwork.Trajectory tr = ref.forward(fresh.inputs(), fresh.steps(), fresh.batch());
    int perTrial = STEPS / 5;
    int count = patterns + perTrial * fresh.batch();
    double[] h = new double[count * s];
    double[] pulse = new double[BITS];
    for (int p = 0; p < patterns; p++) {
      for (int k = 0; k < BITS; k++) {
        pulse[k] = (p >> k & 1) == 1 ? 1 : -1;
      }
      double[] next = new double[s];
      cell.step(new double[s], pulse, next);
      System.arraycopy(next, 0, h, p * s, s);
    }
    for (int t = 0; t < perTrial; t++) {
      System.arraycopy(tr.states(), (5 * t + 4) * fresh.batch() * s, h, (patterns + t * fresh.batch()) * s,
          fresh.batch() * s);
    }
    double[] next = new double[count * s];
    for (int t = 0; t < SIMULATION_STEPS; t++) {
      cell.stepBatch(count, h, x, next);
      double[] tmp = h;
      h = next;
      next = tmp;
    }
    cell.stepBatch(count, h, x, next);
    List<double[]> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      double q = 0;
      for (int i = 0; i < s; i++) {
        double d = next[b * s + i] - h[b * s + i];
        q += 0.5 * d * d;
      }
      double[] end = Arrays.copyOfRange(h, b * s, (b + 1) * s);
      if (q < FIXED_Q && out.stream().noneMatch(o -> distance(o, end) <= MATCH)) {
        out.add(end);
      }
    }
    return out;
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  static double norm(double[] a) {
    return distance(a, new double[a.length]);
  }
}
