package cohort.benchmarks.analysis;

import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.PairwiseLinearCka;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Peer workload W3 "cka-pairs", linear CKA part ({@code shared/peers/WORKLOADS.md}): the 100 × 100 linear CKA
 * matrix (all 4,950 pairs) of 100 activation matrices of 2,000 samples × 128 units, {@code X_i = G_i diag(s) Q_i},
 * {@code s_j = exp(−j/20)} (Kornblith et al. 2019, {@code CKA = ‖ỸᵀX̃‖²_F / (‖X̃ᵀX̃‖_F ‖ỸᵀỸ‖_F)}), by
 * {@link PairwiseLinearCka#matrix} at {@code threads} OpenBLAS threads. Centring is included in the time.
 *
 * <p>Score: seconds per matrix. The NumPy peer ({@code w3_similarity.py bench}) takes the feature-space route,
 * {@code 4,950 · 2 · 2000 · 128² ≈ 324 GFLOP}; Cohort's Gram route executes {@link #EXECUTED_GFLOP} (52.8 GFLOP of
 * dgemm for the Gram bands plus 20.6 of dsyrk), so read the score both as "equivalent" GFLOP/s
 * ({@link #FEATURE_SPACE_GFLOP} / s, the peer's count) and as executed GFLOP/s against the ≈ 40–46 GFLOP/s
 * one-thread dgemm rate of this machine (W2).
 */
public class LinearCkaPairsBench extends PairsBench {

  /** W3's sizes. */
  static final int NETWORKS = 100;
  static final int SAMPLES = 2000;
  static final int UNITS = 128;

  /** The peer's FLOP count for the 4,950 pairs, feature-space form {@code pairs · 2 n p²}. */
  public static final double FEATURE_SPACE_GFLOP = 4950.0 * 2 * SAMPLES * UNITS * UNITS * 1e-9;

  /** FLOPs Cohort's Gram route executes for this shape (dgemm bands + dsyrk, 64-row bands). */
  public static final double EXECUTED_GFLOP = 73.46;

  @Param({"1", "2"})
  public int threads;

  private List<Matrix> networks;

  @Setup(Level.Trial)
  public void setUp() {
    networks = Workloads.w3Activations(NETWORKS, SAMPLES, UNITS, new SplittableRandom(3));
  }

  /** The 100 × 100 CKA matrix, row-major. */
  @Benchmark
  public double[] ckaMatrix(CpuTime cpu) {
    return cpu.measure(() -> PairwiseLinearCka.matrix(networks, threads));
  }
}
