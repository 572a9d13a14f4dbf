package cohort.benchmarks.analysis;

import cohort.analysis.dsa.DmdFit;
import cohort.analysis.dsa.Dsa;
import cohort.analysis.dsa.DsaOptions;
import cohort.analysis.dsa.DsaResult;
import cohort.analysis.dsa.DsaScore;
import cohort.analysis.dsa.HankelDmd;
import cohort.analysis.dsa.RankSelection;
import cohort.analysis.dsa.Trajectories;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Peer workload W5 "dsa-pair" ({@code shared/peers/WORKLOADS.md}; Ostrow et al. 2023, "Beyond geometry: comparing
 * the temporal structure of computation in neural circuits with dynamical similarity analysis"): 10 linear
 * systems of 128 units (5 "A-like", then 5 "C-like" rotation systems), 50 trials × 100 steps each, compared with
 * n_delays 10, rank 30, ridge λ = 1e−8 and the angular score.
 *
 * <ul>
 *   <li>{@link #pair}: one comparison of systems 0 and 1 (two Hankel DMD fits + one similarity-transform
 *       distance), the peer's "one DSA comparison, angular";</li>
 *   <li>{@link #dmdFit}: one Hankel DMD fit alone (Hankel 4,550 × 1,280, rank 30);</li>
 *   <li>{@link #distance}: the angular distance alone between the two fitted 30 × 30 operators;</li>
 *   <li>{@link #pairwise10}: the 10 × 10 self-pairwise matrix (10 fits + 45 distances) by {@link Dsa#pairwise}
 *       at {@code threads} Java threads.</li>
 * </ul>
 * The single-comparison methods run on one thread (OpenBLAS always does, see {@code cohort.models.linalg.Linalg});
 * {@code threads} is the Java threads of {@link #pairwise10}. The optimiser differs by design from
 * the reference's 2 × 1,000 Adam steps (see {@link DsaOptions}): Cohort's Riemannian L-BFGS runs to convergence
 * from 3 + 8 starts, so its time is not a fixed step count. Score: seconds per call.
 */
public class DsaPairBench extends PairsBench {

  /** W5's sizes. */
  static final int TRIALS = 50;
  static final int STEPS = 100;
  static final int UNITS = 128;
  static final int SYSTEMS = 10;

  @Param({"1"})
  public int threads;

  private List<Trajectories> systems;
  private Trajectories x;
  private Trajectories y;
  private DmdFit fitX;
  private DmdFit fitY;
  private DsaOptions options;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(7);
    systems = new ArrayList<>(SYSTEMS);
    for (int i = 0; i < SYSTEMS; i++) {
      systems.add(Workloads.simulate(i < SYSTEMS / 2 ? Workloads.aLike(UNITS, rng) : Workloads.cLike(UNITS, rng),
          TRIALS, STEPS, rng));
    }
    x = systems.get(0);
    y = systems.get(1);
    options = new DsaOptions().withDelays(10, 1).withRank(RankSelection.fixed(30)).withLamb(1e-8)
        .withScore(DsaScore.ANGULAR);
    fitX = HankelDmd.fit(x, options);
    fitY = HankelDmd.fit(y, options);
  }

  /** One DSA comparison: two DMD fits and one angular distance. */
  @Benchmark
  public DsaResult pair(CpuTime cpu) {
    return cpu.measure(() -> Dsa.compare(x, y, options));
  }

  /** One Hankel DMD fit. */
  @Benchmark
  public DmdFit dmdFit(CpuTime cpu) {
    return cpu.measure(() -> HankelDmd.fit(x, options));
  }

  /** The angular similarity-transform distance between two fitted operators. */
  @Benchmark
  public DsaResult distance(CpuTime cpu) {
    return cpu.measure(() -> Dsa.compare(fitX, fitY, options));
  }

  /** The 10 × 10 self-pairwise DSA matrix, row-major. */
  @Benchmark
  public double[] pairwise10(CpuTime cpu) {
    return cpu.measure(() -> Dsa.pairwise(systems, options, threads));
  }
}
