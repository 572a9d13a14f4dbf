package cohort.study.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointFinder;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.linearize.EigenSystem;
import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Gru;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import cohort.training.Trainer;
import cohort.training.TrainingResult;
import cohort.training.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replication of Sussillo &amp; Barak (2013), sine-wave generator (issue 4): in a network trained to output
 * {@code sin(ω_j t)} for a static input level {@code j/K + 0.25}, each input level has a fixed point whose leading
 * complex-conjugate eigenvalue pair rotates by {@code ω_j} radians per step, within 10 %.
 *
 * <p>Recipe: GRU, N = 64, tanh; {@code sine} with K = 5 frequencies from 0.2 to 0.6 rad per step (Sussillo &amp;
 * Barak span 0.1–0.6 with 51; at 0.1 rad per step a 100-step trial holds 1.6 periods, which a network fits with a
 * transient rather than an oscillator, so the range starts at 0.2, 3 periods), T = 100, batch 64, Adam lr 3e-3,
 * clipping at 1, 3,000 iterations. For each input level the fixed point is searched from the network's own states
 * in the second half of the trials at that level; the point nearest their mean is the one the oscillation turns
 * around, and its leading complex pair (largest modulus) gives the rotation {@code arg λ}.
 *
 * <p>About 3 minutes per seed on one core; run with the flip-flop replication ({@code -Preplication}). Writes
 * {@code target/replication/sine-rotation-seedS.md}.
 */
@Tag("replication")
class SineFixedPointRotationReplicationTest {

  static final int UNITS = 64;
  static final int ITERATIONS = 3000;
  static final int FREQUENCIES = 5;

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void everyInputHasAFixedPointRotatingAtItsFrequency(int seed) throws Exception {
    Task task = TaskRegistry.standard().create("sine",
        Map.of("frequencies", Integer.toString(FREQUENCIES), "omega-min", "0.2", "omega-max", "0.6", "steps", "100"));
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, 1, UNITS, 1);
    Network net = Trainer.initialize(spec, seed);
    TrainingSpec training = TrainingSpec.defaults().withIterations(ITERATIONS).withBatch(64).withLearningRate(0.003)
        .withClipNorm(1.0).withTargetAccuracy(0).withValidation(300, 4).withSeed(seed);
    TrainingResult result = new Trainer(training).train(net, task);
    ReferenceNetwork ref = net.reference();
    TrialBatch probe = task.sample(256, new SplittableRandom(99));
    ReferenceNetwork.Trajectory tr = ref.forward(probe.inputs(), probe.steps(), probe.batch());
    int s = ref.stateSize();
    int steps = probe.steps();
    int batch = probe.batch();
    double[] omega = probe.conditions().column("omega");
    double[] level = probe.conditions().column("input_level");
    TreeMap<Double, List<Integer>> byOmega = new TreeMap<>();
    for (int b = 0; b < batch; b++) {
      byOmega.computeIfAbsent(omega[b], k -> new ArrayList<>()).add(b);
    }
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "# sine, GRU N=%d, seed %d: %s, validation loss %.4f%n%n| ω (rad/step) | input | fixed points | |λ| | "
            + "rotation arg λ | error |%n|---|---|---|---|---|---|%n", UNITS, seed, result.status().id(),
        result.finalValidationLoss()));
    int within = 0;
    for (var e : byOmega.entrySet()) {
      double w = e.getKey();
      List<Integer> trials = e.getValue();
      List<double[]> states = new ArrayList<>();
      for (int b : trials) {
        for (int t = steps / 2; t < steps; t += 2) {
          double[] h = new double[s];
          System.arraycopy(tr.states(), (t * batch + b) * s, h, 0, s);
          states.add(h);
        }
      }
      double[] starts = new double[states.size() * s];
      double[] mean = new double[s];
      for (int i = 0; i < states.size(); i++) {
        System.arraycopy(states.get(i), 0, starts, i * s, s);
        for (int k = 0; k < s; k++) {
          mean[k] += states.get(i)[k] / states.size();
        }
      }
      FixedPointSet set = new FixedPointFinder(ref.cell(), FixedPointOptions.defaults())
          .find(starts, new double[] {level[trials.get(0)]});
      FixedPoint centre = null;
      double best = Double.POSITIVE_INFINITY;
      for (FixedPoint p : set.points()) {
        double d = p.distanceTo(mean);
        if (p.kind() == PointKind.FIXED && d < best) {
          best = d;
          centre = p;
        }
      }
      double rotation = Double.NaN;
      double modulus = 0;
      if (centre != null) {
        EigenSystem eig = centre.eigen();
        for (int k = 0; k < s; k++) {
          double m = Math.hypot(eig.real(k), eig.imag(k));
          if (eig.imag(k) > 0 && m > modulus) {
            modulus = m;
            rotation = Math.atan2(eig.imag(k), eig.real(k));
          }
        }
      }
      double error = (rotation - w) / w;
      within += Math.abs(error) <= 0.1 ? 1 : 0;
      table.append(String.format(Locale.ROOT, "| %.3f | %.3f | %d | %.4f | %.4f | %+.1f %% |%n", w,
          level[trials.get(0)], set.count(PointKind.FIXED), modulus, rotation, 100 * error));
    }
    table.append(String.format(Locale.ROOT, "%nWithin 10 %%: %d of %d input levels%n", within, byOmega.size()));
    FlipFlopFixedPointsReplicationTest.write(Path.of("target", "replication", "sine-rotation-seed" + seed + ".md"),
        table.toString());
    System.out.println(table);
    assertTrue(within == byOmega.size(), "seed " + seed + ": only " + within + " of " + byOmega.size()
        + " input levels have a fixed point rotating within 10 % of their frequency\n" + table);
  }
}
