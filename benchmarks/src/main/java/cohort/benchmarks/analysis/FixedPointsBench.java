package cohort.benchmarks.analysis;

import cohort.analysis.fixedpoints.Candidates;
import cohort.analysis.fixedpoints.FixedPointFinder;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.io.interop.ImportOptions;
import cohort.io.interop.NetworkImport;
import cohort.io.interop.TorchImport;
import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ReferenceCell;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Gru;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import cohort.training.Trainer;
import cohort.training.TrainingResult;
import cohort.training.TrainingSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Peer workload W4 "fixed-points" ({@code shared/peers/WORKLOADS.md}; Sussillo &amp; Barak 2013, "Opening the black
 * box"; Golub &amp; Sussillo 2018, FixedPointFinder): the whole {@link FixedPointFinder#find} pipeline (Adam on
 * {@code q(h) = ½‖F(h, 0) − h‖²} for at most 5,000 iterations per state, Newton polish, selection, deduplication,
 * Jacobians and eigenvalues) from 1,024 initial states of a GRU with N = 128 on the 3-bit flip-flop, input held at
 * 0, with FixedPointFinder's defaults ({@link FixedPointOptions#defaults()}) and {@code threads} worker threads.
 *
 * <p>Weights ({@code weights}): {@code trainer} trains the GRU in the trial setup with Cohort's {@link Trainer} on
 * W1's flip-flop (PyTorch-default init, Adam lr 1e-3, batch 64, no clipping, seed 0) for {@code trainIterations}
 * iterations and caches the parameters under {@code java.io.tmpdir}; a path ending in {@code .npz} loads the
 * PyTorch peer's trained GRU ({@code w1_flipflop.py train --save …}: {@code rnn_weight_ih_l0} 384×3,
 * {@code rnn_weight_hh_l0} 384×128, {@code rnn_bias_ih_l0}, {@code rnn_bias_hh_l0}, {@code out_weight},
 * {@code out_bias}, gate rows r, z, n), so that both sides search the same network. Initial states as W4: the
 * network's states on 16 flip-flop batches of 64 trials (T = 100) pooled, 1,024 drawn without replacement, plus
 * N(0, 0.05²) per coordinate (drawn in the setup, so {@code initialNoise} stays 0).
 *
 * <p>Score: seconds per search (single shot; one search is tens of seconds). The trial teardown prints the last
 * search's iteration counts, q quantiles and point counts, which the peer comparison needs because Cohort's
 * per-state stopping rules make the iteration count data-dependent (the peers run exactly 5,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(1)
public class FixedPointsBench {

  /** W4's sizes. */
  static final int HIDDEN = 128;
  static final int BITS = 3;
  static final int STEPS = 100;
  static final int BATCH = 64;
  static final int PROBE_BATCHES = 16;
  static final int STARTS = 1024;
  static final double START_NOISE = 0.05;

  @Param({"1", "2"})
  public int threads;

  @Param({"trainer"})
  public String weights;

  @Param({"300"})
  public int trainIterations;

  /**
   * Adam iterations per state at most: W4's 5,000; fewer (e.g. 200) give a quick per-state-iteration cost, since
   * nearly every state of the trained GRU runs to the limit (its memory states are slow points).
   */
  @Param({"5000"})
  public int maxIterations;

  /**
   * Precision of the Adam phase ({@link FixedPointOptions#singlePrecision()}): {@code single} (the default, float32
   * products and activations as in FixedPointFinder) or {@code double}. The polish and everything reported is double.
   */
  @Param({"single"})
  public String precision;

  private FixedPointFinder finder;
  private double[] starts;
  private double[] input;
  private Candidates last;
  private FixedPointSet lastSet;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, BITS, HIDDEN, BITS);
    Task task = flipflop();
    float[] params = weights.endsWith(".npz") ? loadPeerNpz(spec, Path.of(weights)) : trained(spec, task);
    ReferenceNetwork reference = Network.of(spec, params).reference();
    ReferenceCell cell = reference.cell();
    starts = initialStates(reference, task, new SplittableRandom(3));
    input = new double[BITS];
    if (!precision.equals("single") && !precision.equals("double")) {
      throw new IllegalArgumentException("precision: " + precision + " is not accepted; single or double");
    }
    FixedPointOptions options = FixedPointOptions.defaults().withMaxIterations(maxIterations).withThreads(threads)
        .withSinglePrecision(precision.equals("single"));
    finder = new FixedPointFinder(cell, options);
  }

  /** One fixed-point search: optimisation, polish, selection, Jacobians, eigenvalues. */
  @Benchmark
  public FixedPointSet find(CpuTime cpu) {
    long t0 = CpuTime.now();
    Candidates c = finder.optimize(starts, input, null);
    FixedPointSet set = finder.select(c);
    last = c;
    lastSet = set;
    cpu.add(t0);
    return set;
  }

  @TearDown(Level.Trial)
  public void report() {
    if (last == null) {
      return;
    }
    int[] it = last.iterations();
    long total = 0;
    int max = 0;
    for (int v : it) {
      total += v;
      max = Math.max(max, v);
    }
    double[] q = last.q().clone();
    Arrays.sort(q);
    System.out.printf(Locale.ROOT, "%n[W4 summary] weights=%s precision=%s maxIterations=%d threads=%d: Adam iterations per state mean %.0f, max %d "
            + "(total %d state-iterations = %.1f full 1,024-state iterations); q min/median/max %.2e / %.2e / %.2e; "
            + "points kept %d (fixed %d, slow %d)%n", weights.endsWith(".npz") ? weights : "trainer-" + trainIterations,
        precision, maxIterations, threads, total / (double) it.length, max, total, total / (double) STARTS, q[0], q[q.length / 2],
        q[q.length - 1], lastSet.size(), lastSet.count(PointKind.FIXED), lastSet.count(PointKind.SLOW));
  }

  /** W1's flip-flop: 3 bits, T = 100, pulse probability 0.05 per step and channel, no forced first pulse. */
  static Task flipflop() {
    return TaskRegistry.standard().create("flipflop", Map.of("bits", String.valueOf(BITS),
        "steps", String.valueOf(STEPS), "pulse-probability", "0.05", "force-first-pulse", "no"));
  }

  /** Trains (or reads from the cache) the GRU with Cohort's Trainer; prints the final validation figures. */
  private float[] trained(NetworkSpec spec, Task task) throws IOException {
    Path cache = Path.of(System.getProperty("java.io.tmpdir"),
        "cohort-bench-w4-gru" + HIDDEN + "-flipflop-" + trainIterations + "it-seed0.f32");
    int count = Network.parameterCount(spec);
    if (Files.isRegularFile(cache) && Files.size(cache) == 4L * count) {
      float[] p = new float[count];
      ByteBuffer.wrap(Files.readAllBytes(cache)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(p);
      System.out.println("[W4 weights] read " + cache);
      return p;
    }
    TrainingSpec ts = TrainingSpec.defaults().withIterations(trainIterations).withClipNorm(0)
        .withValidation(100, 8).withSeed(0);
    Network network = Trainer.initialize(spec, 0);
    TrainingResult r = new Trainer(ts).train(network, task);
    float[] p = network.parameters().clone();
    ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(p);
    Files.write(cache, b.array());
    System.out.printf(Locale.ROOT, "[W4 weights] trained %d iterations in %.1f s: validation loss %.4f, accuracy %.4f;"
        + " cached in %s%n", r.iterations(), r.wallSeconds(), r.finalValidationLoss(), r.finalValidationAccuracy(),
        cache);
    return p;
  }

  /** W4's initial states: 1,024 of the 102,400 states on 16 batches, without replacement, plus noise. */
  static double[] initialStates(ReferenceNetwork reference, Task task, SplittableRandom rng) {
    double[][] pooled = new double[PROBE_BATCHES][];
    for (int i = 0; i < PROBE_BATCHES; i++) {
      TrialBatch b = task.sample(BATCH, rng);
      pooled[i] = reference.forward(b.inputs(), STEPS, BATCH).states();
    }
    int perBatch = STEPS * BATCH;
    int total = PROBE_BATCHES * perBatch;
    int[] index = new int[total];
    for (int i = 0; i < total; i++) {
      index[i] = i;
    }
    double[] out = new double[STARTS * HIDDEN];
    for (int k = 0; k < STARTS; k++) {
      int j = k + rng.nextInt(total - k);
      int t = index[k];
      index[k] = index[j];
      index[j] = t;
      int src = index[k];
      System.arraycopy(pooled[src / perBatch], (src % perBatch) * HIDDEN, out, k * HIDDEN, HIDDEN);
      for (int i = 0; i < HIDDEN; i++) {
        out[k * HIDDEN + i] += START_NOISE * rng.nextGaussian();
      }
    }
    return out;
  }

  /**
   * The PyTorch peer's GRU from its {@code .npz} ({@code w1_flipflop.py train --save}: keys {@code rnn_weight_ih_l0},
   * ..., {@code out_weight}, {@code out_bias}), read by {@code cohort import}'s reader ({@link TorchImport}, whose
   * exactness against PyTorch is tested), checked to be the GRU this workload needs.
   */
  static float[] loadPeerNpz(NetworkSpec spec, Path file) {
    Network imported = NetworkImport.read(file, ImportOptions.none()).network();
    if (!imported.spec().equals(spec)) {
      throw new IllegalArgumentException("weights " + file + ": a " + imported.spec().architecture().id() + " with "
          + imported.spec().inputs() + " inputs, " + imported.spec().hidden() + " units and "
          + imported.spec().outputs() + " outputs; W4 needs a gru with " + spec.inputs() + ", " + spec.hidden()
          + " and " + spec.outputs());
    }
    return imported.parameters().clone();
  }
}
