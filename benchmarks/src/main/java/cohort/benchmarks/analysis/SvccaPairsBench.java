package cohort.benchmarks.analysis;

import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.PairwiseSvcca;
import cohort.analysis.similarity.Svcca;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Peer workload W3 "cka-pairs", SVCCA part (a) ({@code shared/peers/WORKLOADS.md}; Raghu et al. 2017, "SVCCA:
 * singular vector canonical correlation analysis"): the 100 × 100 matrix of mean canonical correlations after the
 * 99 % variance cut (≈ 46 of 128 directions kept), on the same 100 matrices of 2,000 × 128 as
 * {@link LinearCkaPairsBench}, by {@link PairwiseSvcca#matrix} at {@code threads} threads. The per-network SVD is
 * computed once per call and is included in the time, as in the NumPy peer's "cached" timing.
 *
 * <p>Score: seconds per matrix (4,950 pairs + 100 SVDs).
 */
public class SvccaPairsBench extends PairsBench {

  @Param({"1", "2"})
  public int threads;

  private List<Matrix> networks;
  private Svcca metric;

  @Setup(Level.Trial)
  public void setUp() {
    networks = Workloads.w3Activations(LinearCkaPairsBench.NETWORKS, LinearCkaPairsBench.SAMPLES,
        LinearCkaPairsBench.UNITS, new SplittableRandom(3));
    metric = new Svcca(0.99);
  }

  /** The 100 × 100 SVCCA matrix, row-major. */
  @Benchmark
  public double[] svccaMatrix(CpuTime cpu) {
    return cpu.measure(() -> PairwiseSvcca.matrix(networks, metric, threads));
  }
}
