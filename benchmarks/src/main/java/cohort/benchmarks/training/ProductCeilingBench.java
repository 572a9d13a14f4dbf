package cohort.benchmarks.training;

import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.Layout;
import cohort.models.NetworkSpec;
import cohort.models.linalg.OffHeapMatrix;
import cohort.models.linalg.OpenBlas;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The ceiling of W1 ({@link TrainingIterationBench}) on OpenBLAS: the matrix products of one training iteration
 * alone, the same {@code cblas_sgemm} calls on the same shapes, leading dimensions and offsets as the training
 * fast path ({@code cohort.models.ColumnPath}), with every element-wise gate, the loss, the copies and Adam left
 * out. Its iterations/s is what W1 would reach if everything but the products cost nothing, so
 * {@code ceiling ÷ PyTorch} bounds the ratio any element-wise work can give on this CPU and library.
 *
 * <p>One call, with {@code G·N} gate rows ({@code G} = 1, 3, 4), {@code R = G·N + O} rows of
 * {@code W_aug = [W_rec | W_in | b; W_outᵀ | 0 | b_out]}, {@code K = N + I + 1} and {@code L = (T + 1)·B}:
 * <ul>
 *   <li>forward, every step: {@code [A_t; o_{t−1}] = W_aug S_t} (R × B × K), and for the GRU the candidate's
 *       input product (N × B × (I + 1)); then the last readout ({@code O × B × K});</li>
 *   <li>backward: the readout-only start ({@code N × B × O}, {@code W_outᵀ}), then at every step t &gt; 0
 *       {@code δh_{t−1} = W_augᵀ D_t} (N × B × R);</li>
 *   <li>the weight gradient as one product over all steps, {@code ∂W_aug = D Sᵀ} (R × K × L), and the GRU
 *       candidate's (N × (I + 1) × L).</li>
 * </ul>
 * Operands hold N(0, 0.1²) values (no denormals); OpenBLAS runs on one thread, as in training. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar ProductCeilingBench -t 1}.
 */
public class ProductCeilingBench extends W1Bench {

  private boolean gru;
  private int rows;
  private int total;
  private int width;
  private int lead;
  private OffHeapMatrix wAug;
  private OffHeapMatrix s;
  private OffHeapMatrix d;
  private OffHeapMatrix step;
  private OffHeapMatrix back;
  private OffHeapMatrix gradient;
  private OffHeapMatrix candidateWeights;
  private OffHeapMatrix candidateStep;
  private OffHeapMatrix candidateDelta;
  private OffHeapMatrix candidateGradient;

  @Setup
  public void setUp() {
    if (!OpenBlas.available()) {
      throw new IllegalStateException("ProductCeilingBench measures OpenBLAS, which is off: "
          + OpenBlas.unavailableReason());
    }
    Cell architecture = CellRegistry.standard().parse(arch);
    int n = hidden;
    int in = TrainingIterationBench.BITS;
    int batch = TrainingIterationBench.BATCH;
    Cell.Kernels kernels = architecture.kernels(new Layout(NetworkSpec.of(architecture, Activation.TANH, in, n,
        TrainingIterationBench.BITS)));
    gru = kernels.inputBlocks() > 0;
    rows = kernels.blocks() * n;
    total = rows + TrainingIterationBench.BITS;
    width = n + in + 1;
    lead = (TrainingIterationBench.STEPS + 1) * batch;
    SplittableRandom random = new SplittableRandom(0);
    wAug = filled(total * width, random);
    s = filled(width * lead, random);
    d = filled(total * lead, random);
    step = filled(total * batch, random);
    back = filled(n * batch, random);
    gradient = filled(total * width, random);
    if (gru) {
      candidateWeights = filled(n * (in + 1), random);
      candidateStep = filled(n * batch, random);
      candidateDelta = filled(n * lead, random);
      candidateGradient = filled(n * (in + 1), random);
    }
  }

  /** The products of one W1 iteration, in the training path's order. */
  @Benchmark
  public void products() {
    int n = hidden;
    int in = TrainingIterationBench.BITS;
    int o = TrainingIterationBench.BITS;
    int batch = TrainingIterationBench.BATCH;
    int steps = TrainingIterationBench.STEPS;
    int tb = steps * batch;
    for (int t = 0; t < steps; t++) {
      OpenBlas.gemm(false, false, total, batch, width, 1f, wAug, 0, width, s, t * batch, lead, 0f, step, 0, batch);
      if (gru) {
        OpenBlas.gemm(false, false, n, batch, in + 1, 1f, candidateWeights, 0, in + 1, s, n * lead + t * batch,
            lead, 0f, candidateStep, 0, batch);
      }
    }
    OpenBlas.gemm(false, false, o, batch, width, 1f, wAug, rows * width, width, s, tb, lead, 0f, step, rows * batch,
        batch);
    OpenBlas.gemm(true, false, n, batch, o, 1f, wAug, rows * width, width, d, rows * lead + tb, lead, 0f, back, 0,
        batch);
    for (int t = steps - 1; t > 0; t--) {
      OpenBlas.gemm(true, false, n, batch, total, 1f, wAug, 0, width, d, t * batch, lead, 0f, back, 0, batch);
    }
    OpenBlas.gemm(false, true, total, width, lead, 1f, d, 0, lead, s, 0, lead, 0f, gradient, 0, width);
    if (gru) {
      OpenBlas.gemm(false, true, n, in + 1, lead, 1f, candidateDelta, 0, lead, s, n * lead, lead, 0f,
          candidateGradient, 0, in + 1);
    }
  }

  private static OffHeapMatrix filled(int length, SplittableRandom random) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) (0.1 * random.nextGaussian());
    }
    OffHeapMatrix matrix = new OffHeapMatrix(length);
    matrix.put(0, values, 0, length);
    return matrix;
  }
}
