package cohort.study.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.fixedpoints.Stability;
import cohort.analysis.topology.TopologyGraph;
import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceNetwork;
import cohort.study.run.NetworkAnalysis;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import cohort.training.Trainer;
import cohort.training.TrainingResult;
import cohort.training.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replication of Sussillo &amp; Barak (2013) on the 3-bit flip-flop, for GRU, LSTM and vanilla tanh networks
 * (issue 4): every trained network should have 8 stable fixed points, one per output pattern, and the topology
 * graph (Maheswaranathan et al. 2019) should join each of the cube's 12 pairs of adjacent corners through an index-1
 * saddle — in at least 9 of 10 seeds for LSTM and vanilla, 8 of 10 for the GRU (see below).
 *
 * <p>Recipe: N = 64, the flip-flop with Sussillo &amp; Barak's sparse pulses (probability 0.05 per step and channel,
 * W1's task; with the dense default of FixedPointFinder's generator, 0.5, the memory need only last a few steps and
 * trained networks hold it in slow transients that decay to a single attractor), T = 100, batch 64, Adam lr 0.01
 * with clipping at 1, 1,500 iterations; fixed points at input 0 from 512 states of the network's own trajectories,
 * continued from the stable slow points toward their attractors, plus Newton from points on the segments between
 * the stable points found ({@link NetworkAnalysis#fixedPoints}). A seed counts when its stable fixed points read out
 * (sign of each output, |output| &gt; 0.5) as all 8 patterns, exactly one point each.
 *
 * <p>Measured (2026-11-23, fourth session): GRU 8/10, LSTM 10/10, vanilla 9/10 on both counts. The misses are the
 * networks', not the finder's: vanilla seed 5 trains to 0.80 accuracy only (per time step, the definition then;
 * its last update is a loss spike, validation loss 0.60, and by today's per-trial accuracy it solves no trial, as
 * {@code cohort train} with this recipe showed on 2026-12-04); GRU seeds 5 and 7 hold memories in
 * ghosts, not attractors (running the map from the slow points of seed 5's pattern 1 and seed 7's patterns 4 and 7
 * keeps the pattern for about 10⁴ steps, slows to q ≈ 3–9·10⁻¹⁰, then leaves for the attractor of pattern 0, 0 and
 * 3; a 100-step trial never sees the difference; seed 7's pattern 5 was not followed). Before the continuation the finder also missed GRU seed 3's memories 0 and 4, true attractors
 * contracting by about 1 − 10⁻⁴ a step on whose slow manifold Adam stops (q ≈ 10⁻⁶), and the saddle between them
 * (found from the ⅓ / ⅔ points of their segment, not from its midpoint): GRU was 7/10.
 *
 * <p>About 15 minutes on 2 cores; run with
 * {@code mvn -B -ntp -Preplication verify -pl study -am -Dgroups=replication}. Writes a per-seed table to
 * {@code target/replication/flipflop-fixed-points-ARCH.md}.
 */
@Tag("replication")
class FlipFlopFixedPointsReplicationTest {

  static final int SEEDS = 10;
  static final int UNITS = 64;
  static final int ITERATIONS = 1500;

  /** What one seed showed. */
  record Outcome(int seed, String training, int fixed, int slow, int stable, int patterns, boolean onePerPattern,
      int saddles, int cubeEdges, int unresolved, double seconds) {

    boolean attractorsOk() {
      return stable == 8 && patterns == 8 && onePerPattern;
    }

    String row() {
      return String.format(Locale.ROOT, "| %d | %s | %d | %d | %d | %d | %d | %d/12 | %d | %s | %.0f |", seed, training,
          fixed, stable, patterns, saddles, slow, cubeEdges, unresolved,
          attractorsOk() && cubeEdges == 12 ? "yes" : "no", seconds);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gru", "lstm", "vanilla"})
  void eightAttractorsJoinedThroughSaddles(String arch) throws Exception {
    Task task = TaskRegistry.standard().create("flipflop",
        Map.of("pulse-probability", "0.05", "steps", "100", "force-first-pulse", "yes"));
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      int s = seed;
      futures.add(pool.submit(() -> run(CellRegistry.standard().parse(arch), task, s)));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : futures) {
      outcomes.add(f.get());
    }
    pool.shutdown();
    StringBuilder table = new StringBuilder();
    table.append("# 3-bit flip-flop, ").append(arch).append(" N=").append(UNITS).append(", ").append(ITERATIONS)
        .append(" iterations\n\n| seed | training | fixed points | stable | patterns | index-1 saddles | slow points "
            + "| cube edges joined | unresolved | replicates | seconds |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    int attractors = 0;
    int full = 0;
    for (Outcome o : outcomes) {
      table.append(o.row()).append('\n');
      attractors += o.attractorsOk() ? 1 : 0;
      full += o.attractorsOk() && o.cubeEdges() == 12 ? 1 : 0;
    }
    table.append("\n8 stable points, one per pattern: ").append(attractors).append("/").append(SEEDS)
        .append("; and all 12 cube edges joined through a saddle: ").append(full).append("/").append(SEEDS)
        .append('\n');
    Path out = Path.of("target", "replication", "flipflop-fixed-points-" + arch + ".md");
    write(out, table.toString());
    System.out.println(table);
    int required = arch.equals("gru") ? 8 : 9;
    assertTrue(attractors >= required, arch + ": 8 stable fixed points, one per output pattern, in only "
        + attractors + " of " + SEEDS + " seeds (at least " + required + " required)\n" + table);
    assertTrue(full >= required, arch + ": all 12 adjacent corners joined through a saddle in only " + full + " of "
        + SEEDS + " seeds (at least " + required + " required)\n" + table);
  }

  static Outcome run(Cell arch, Task task, int seed) {
    long t0 = System.nanoTime();
    NetworkSpec spec = NetworkSpec.of(arch, Activation.TANH, 3, UNITS, 3);
    Network net = Trainer.initialize(spec, seed);
    TrainingSpec training = TrainingSpec.defaults().withIterations(ITERATIONS).withBatch(64).withLearningRate(0.01)
        .withClipNorm(1.0).withTargetAccuracy(0).withValidation(100, 4).withSeed(seed);
    TrainingResult result = new Trainer(training).train(net, task);
    ReferenceNetwork ref = net.reference();
    TrialBatch probe = task.sample(16, new SplittableRandom(seed * 7L + 1));
    FixedPointSet points = NetworkAnalysis.fixedPoints(ref, probe, new double[3], 512, 0.0,
        new SplittableRandom(seed));
    TopologyGraph graph = NetworkAnalysis.topology(ref, points);
    int[] pattern = new int[points.size()];
    int stable = 0;
    int saddles = 0;
    int[] perPattern = new int[8];
    for (int i = 0; i < points.size(); i++) {
      FixedPoint p = points.get(i);
      pattern[i] = pattern(ref.readout(p.state()));
      if (p.kind() != PointKind.FIXED) {
        continue;
      }
      if (p.unstableDimensions() == 1) {
        saddles++;
      }
      if (p.stability() == Stability.STABLE) {
        stable++;
        if (pattern[i] >= 0) {
          perPattern[pattern[i]]++;
        }
      }
    }
    int patterns = 0;
    boolean onePerPattern = true;
    for (int c : perPattern) {
      patterns += c > 0 ? 1 : 0;
      onePerPattern &= c == 1;
    }
    TreeSet<Integer> joined = new TreeSet<>();
    List<TopologyGraph.Node> nodes = graph.nodes();
    for (int s = 0; s < nodes.size(); s++) {
      if (nodes.get(s).unstableDimensions() != 1) {
        continue;
      }
      TreeSet<Integer> reached = new TreeSet<>();
      for (TopologyGraph.Edge e : graph.edgesFrom(s)) {
        reached.add(pattern[nodes.get(e.target()).point()]);
      }
      if (reached.size() == 2 && reached.first() >= 0 && Integer.bitCount(reached.first() ^ reached.last()) == 1) {
        joined.add(Math.min(reached.first(), reached.last()) * 8 + Math.max(reached.first(), reached.last()));
      }
    }
    String trained = String.format(Locale.ROOT, "%s, accuracy %.4f", result.status().id(),
        result.finalValidationAccuracy());
    return new Outcome(seed, trained, points.count(PointKind.FIXED), points.count(PointKind.SLOW), stable,
        patterns, onePerPattern, saddles, joined.size(), graph.unresolved(), (System.nanoTime() - t0) / 1e9);
  }

  /** The output pattern (bit k set when output k is positive), or −1 when some output is within 0.5 of zero. */
  static int pattern(double[] out) {
    int p = 0;
    for (int k = 0; k < 3; k++) {
      if (Math.abs(out[k]) <= 0.5) {
        return -1;
      }
      p |= out[k] > 0 ? 1 << k : 0;
    }
    return p;
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
