package cohort.benchmarks.training;

import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.Layout;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.Workspace;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import cohort.training.loss.MaskedMse;
import cohort.training.optim.Adam;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Peer workload W1 ("flipflop-train", {@code shared/peers/WORKLOADS.md}): one training iteration of one network
 * on the 3-bit flip-flop, T = 100 steps, a batch of B = 64 trials, full BPTT, masked MSE over every step, Adam
 * lr 1e-3 (PyTorch's defaults), PyTorch-default initialisation ({@code uniform}: every weight and bias
 * {@code U(−1/√N, 1/√N)}). One {@code @Benchmark} call = forward over 100 steps + loss + backward + one Adam step,
 * on the next of 8 pre-generated batches (data generation is excluded, as in the PyTorch peer
 * {@code w1_flipflop.py bench}). The flip-flop is Cohort's {@code flipflop} task with W1's settings: a pulse with
 * probability 0.05 per step and channel, no forced first pulse.
 *
 * <p>The primary score is iterations/s; the secondary score {@code gflop} (an {@link AuxCounters} counter) is
 * GFLOP/s counted with W1's analytic matmul formula {@link #flopsPerIteration}, to be read against the
 * ≈ 120 GFLOP/s one-core limit. Run at one thread:
 * {@code java -jar benchmarks/target/benchmarks.jar TrainingIterationBench -t 1}; add {@code -prof gc} to see
 * {@code gc.alloc.rate.norm} ≈ 0 B/op (an iteration allocates nothing).
 */
public class TrainingIterationBench extends W1Bench {

  /** W1's sizes: time steps, trials per batch, flip-flop channels (inputs = outputs), pre-generated batches. */
  static final int STEPS = 100;
  static final int BATCH = 64;
  static final int BITS = 3;
  static final int BATCHES = 8;

  private Network network;
  private Workspace workspace;
  private float[] gradient;
  private float[] dOutputs;
  private Adam adam;
  private MaskedMse loss;
  private TrialBatch[] batches;
  private int next;
  private double flops;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Secondary results. In throughput mode JMH divides each by the wall time: {@code gflop} then reads as GFLOP/s,
   * and {@code cpu} (seconds of this thread's CPU time) as the share of a core the benchmark thread actually got,
   * 1.0 on an idle machine; {@code it/s ÷ cpu} is the rate per CPU-second, less sensitive to other load.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public double gflop;
    public double cpu;
  }

  @Setup(Level.Trial)
  public void setUp() {
    Task task = TaskRegistry.standard().create("flipflop", Map.of("bits", String.valueOf(BITS),
        "steps", String.valueOf(STEPS), "pulse-probability", "0.05", "force-first-pulse", "no"));
    SplittableRandom data = new SplittableRandom(1);
    batches = new TrialBatch[BATCHES];
    for (int i = 0; i < BATCHES; i++) {
      batches[i] = task.sample(BATCH, data);
    }
    NetworkSpec spec = NetworkSpec.of(CellRegistry.standard().parse(arch), Activation.TANH, BITS, hidden, BITS);
    network = Network.initialize(spec, new SplittableRandom(0));
    workspace = network.workspace(STEPS, BATCH);
    gradient = new float[network.parameters().length];
    dOutputs = new float[STEPS * BATCH * BITS];
    adam = new Adam(gradient.length);
    loss = new MaskedMse();
    flops = flopsPerIteration(spec);
    next = 0;
  }

  /** One training iteration; returns its loss (so nothing is dead code). */
  @Benchmark
  public double iteration(Counters counter) {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    TrialBatch b = batches[next];
    next = (next + 1) % BATCHES;
    network.forward(b.inputs(), STEPS, BATCH, workspace);
    double l = loss.evaluate(workspace.outputs(), b.targets(), b.mask(), STEPS, BATCH, BITS, dOutputs);
    network.backward(b.inputs(), dOutputs, null, workspace, gradient);
    adam.step(network.parameters(), gradient, 1e-3);
    counter.gflop += flops * 1e-9;
    counter.cpu += (THREADS.getCurrentThreadCpuTime() - cpu0) * 1e-9;
    return l;
  }

  /**
   * W1's matmul FLOPs per iteration, {@code B·T·[3·2·G·N² + 2·2·G·N·I + 3·2·N·O]} with G the cell's fused product
   * blocks (1 / 3 / 4 for vanilla / GRU / LSTM) and I = O = 3 (forward 2GN² + 2GNI + 2NO per step and trial; backward twice the recurrent
   * and readout terms and once the input term). Element-wise gate arithmetic and Adam are not counted.
   */
  public static double flopsPerIteration(NetworkSpec spec) {
    int n = spec.hidden();
    int g = spec.architecture().kernels(new Layout(spec)).blocks();
    return (double) BATCH * STEPS * (3.0 * 2 * g * n * n + 2.0 * 2 * g * n * BITS + 3.0 * 2 * n * BITS);
  }
}
