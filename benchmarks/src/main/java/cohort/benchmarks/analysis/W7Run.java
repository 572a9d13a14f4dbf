package cohort.benchmarks.analysis;

import cohort.analysis.dsa.DmdFit;
import cohort.analysis.dsa.Dsa;
import cohort.analysis.dsa.DsaOptions;
import cohort.analysis.dsa.DsaScore;
import cohort.analysis.dsa.HankelDmd;
import cohort.analysis.dsa.RankSelection;
import cohort.analysis.dsa.Trajectories;
import cohort.analysis.similarity.LinearCka;
import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.PairProgress;
import cohort.analysis.similarity.Pairwise;
import cohort.analysis.similarity.PairwiseLinearCka;
import cohort.analysis.similarity.PairwiseSvcca;
import cohort.analysis.similarity.Svcca;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Workload W7 (issue 19), all pairs at population scale, without JMH (one shot each: the population runs take
 * minutes):
 *
 * <ul>
 *   <li>{@code cka N THREADS}: the N × N linear CKA matrix of N W3 activation matrices (2,000 samples × 128 units,
 *       {@link Workloads#w3Activations}) by {@link PairwiseLinearCka} (the samples' Gram route), then {@code CHECK}
 *       random pairs recomputed one by one by {@link LinearCka} (the definition, feature-space) to show the
 *       population route gives the same values;</li>
 *   <li>{@code svcca N THREADS}: the same for SVCCA (99 % variance) by {@link PairwiseSvcca} (blocked cross
 *       products of the kept bases), checked against {@link Svcca#score} pair by pair;</li>
 *   <li>{@code dsa N THREADS PAIRS}: N W5 rotation systems (50 trials × 100 steps × 128 units, half "A-like", half
 *       "C-like"), every Hankel DMD fit (10 delays, rank 30) timed for all N, then {@code PAIRS} random pairs of the
 *       N(N−1)/2 compared with the angular score, timed one by one: the cost per pair and the extrapolated cost of
 *       all pairs, and the whole N × N matrix of the Wasserstein score (no optimiser), timed ({@code -Dw7.distances=FILE} writes every sampled pair's distance, to compare two builds). With {@code -Dw7.reference=true} each sampled pair is also run with the options of
 *       {@code -Dw7.referenceIterations} (default 1500) to compare the two distances.</li>
 * </ul>
 * Every line of output starts with {@code [W7Run]} and ends in a JSON object.
 */
public final class W7Run {

  private W7Run() {}

  static final int SAMPLES = 2000;
  static final int UNITS = 128;
  static final int CHECK = 200;

  public static void main(String[] args) throws Exception {
    String what = args[0];
    int nets = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    switch (what) {
      case "cka", "svcca" -> geometry(what, nets, threads);
      case "dsa" -> dsa(nets, threads, Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("W7Run: got '" + what + "'; accepted: cka, svcca, dsa");
    }
  }

  private static void geometry(String what, int nets, int threads) {
    long g0 = System.nanoTime();
    List<Matrix> xs = Workloads.w3Activations(nets, SAMPLES, UNITS, new SplittableRandom(3));
    double genS = (System.nanoTime() - g0) * 1e-9;
    Svcca svcca = new Svcca(0.99);
    long w0 = System.nanoTime();
    long c0 = processCpu();
    double[] m = what.equals("cka") ? PairwiseLinearCka.matrix(xs, threads) : PairwiseSvcca.matrix(xs, svcca, threads);
    double wall = (System.nanoTime() - w0) * 1e-9;
    double cpu = (processCpu() - c0) * 1e-9;
    long pairs = (long) nets * (nets - 1) / 2;
    // the definition, pair by pair, on random pairs
    SplittableRandom rng = new SplittableRandom(11);
    LinearCka cka = new LinearCka();
    double maxDiff = 0;
    long d0 = System.nanoTime();
    for (int t = 0; t < CHECK; t++) {
      int i = rng.nextInt(nets);
      int j = rng.nextInt(nets - 1);
      if (j >= i) {
        j++;
      }
      double direct = what.equals("cka") ? cka.score(xs.get(i), xs.get(j))
          : svcca.score(svcca.prepare(xs.get(i)), svcca.prepare(xs.get(j)));
      maxDiff = Math.max(maxDiff, Math.abs(direct - m[i * nets + j]));
    }
    double directPerPair = (System.nanoTime() - d0) * 1e-9 / CHECK;
    System.out.printf(Locale.ROOT, "[W7Run] {\"metric\": \"%s\", \"networks\": %d, \"samples\": %d, \"units\": %d, "
            + "\"threads\": %d, \"pairs\": %d, \"wall_s\": %.3f, \"cpu_s\": %.3f, \"us_per_pair_wall\": %.3f, "
            + "\"us_per_pair_cpu\": %.3f, \"checked_pairs\": %d, \"max_abs_diff_vs_definition\": %.3e, "
            + "\"definition_ms_per_pair_one_thread\": %.3f, \"definition_all_pairs_extrapolated_s\": %.1f, "
            + "\"data_generation_s\": %.1f, \"java\": \"%s\"}%n",
        what, nets, SAMPLES, UNITS, threads, pairs, wall, cpu, wall / pairs * 1e6, cpu / pairs * 1e6, CHECK, maxDiff,
        directPerPair * 1e3, directPerPair * pairs, genS, System.getProperty("java.version"));
  }

  private static void dsa(int nets, int threads, int samplePairs) throws Exception {
    int trials = 50;
    int steps = 100;
    SplittableRandom rng = new SplittableRandom(7);
    List<Trajectories> systems = new ArrayList<>(nets);
    long g0 = System.nanoTime();
    for (int i = 0; i < nets; i++) {
      Matrix a = i < nets / 2 ? Workloads.aLike(UNITS, rng) : Workloads.cLike(UNITS, rng);
      systems.add(Workloads.simulate(a, trials, steps, rng));
    }
    double genS = (System.nanoTime() - g0) * 1e-9;
    DsaOptions options = new DsaOptions().withDelays(10, 1).withRank(RankSelection.fixed(30)).withLamb(1e-8)
        .withScore(DsaScore.ANGULAR);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long w0 = System.nanoTime();
      long c0 = processCpu();
      List<Future<DmdFit>> fs = new ArrayList<>();
      for (Trajectories t : systems) {
        fs.add(pool.submit(() -> HankelDmd.fit(t, options)));
      }
      List<DmdFit> fits = new ArrayList<>();
      for (Future<DmdFit> f : fs) {
        fits.add(f.get());
      }
      double fitWall = (System.nanoTime() - w0) * 1e-9;
      double fitCpu = (processCpu() - c0) * 1e-9;
      systems.clear();
      SplittableRandom pr = new SplittableRandom(13);
      int[][] pairs = new int[samplePairs][];
      for (int p = 0; p < samplePairs; p++) {
        int i = pr.nextInt(nets);
        int j = pr.nextInt(nets - 1);
        if (j >= i) {
          j++;
        }
        pairs[p] = new int[] {Math.min(i, j), Math.max(i, j)};
      }
      boolean reference = Boolean.getBoolean("w7.reference");
      DsaOptions refOptions = options.withOptimizer(Integer.getInteger("w7.referenceIterations", 1500),
          options.restarts(), options.seed());
      double[] secs = new double[samplePairs];
      double[] dist = new double[samplePairs];
      double[] refDist = new double[samplePairs];
      long s0 = System.nanoTime();
      long sc0 = processCpu();
      List<Future<?>> tasks = new ArrayList<>();
      for (int p = 0; p < samplePairs; p++) {
        int q = p;
        tasks.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          dist[q] = Dsa.compare(fits.get(pairs[q][0]), fits.get(pairs[q][1]), options).score();
          secs[q] = (System.nanoTime() - t0) * 1e-9;
          if (reference) {
            refDist[q] = Dsa.compare(fits.get(pairs[q][0]), fits.get(pairs[q][1]), refOptions).score();
          }
        }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      double pairWall = (System.nanoTime() - s0) * 1e-9;
      double pairCpu = (processCpu() - sc0) * 1e-9;
      double maxDiff = 0;
      double minDiff = 0;
      if (reference) {
        for (int p = 0; p < samplePairs; p++) {
          maxDiff = Math.max(maxDiff, dist[p] - refDist[p]);
          minDiff = Math.min(minDiff, dist[p] - refDist[p]);
        }
      }
      String distances = System.getProperty("w7.distances");
      if (distances != null) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < samplePairs; p++) {
          sb.append(pairs[p][0]).append(' ').append(pairs[p][1]).append(' ')
              .append(String.format(Locale.ROOT, "%.17g", dist[p])).append('\n');
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(distances), sb);
      }
      // the Wasserstein score (no optimiser) on every pair: the whole matrix, timed
      DsaOptions wasserstein = options.withScore(DsaScore.WASSERSTEIN);
      long ww0 = System.nanoTime();
      long wc0 = processCpu();
      double[] wm = Pairwise.matrix("dsa-wasserstein", fits, f -> f,
          (x, y) -> Dsa.compare(x, y, wasserstein).score(), false, threads, PairProgress.NONE);
      double wWall = (System.nanoTime() - ww0) * 1e-9;
      double wCpu = (processCpu() - wc0) * 1e-9;
      double[] sorted = secs.clone();
      Arrays.sort(sorted);
      long all = (long) nets * (nets - 1) / 2;
      double perPairCpu = pairCpu / samplePairs;
      if (reference) {
        perPairCpu = Arrays.stream(secs).sum() / samplePairs;
      }
      System.out.printf(Locale.ROOT, "[W7Run] {\"metric\": \"dsa-angular\", \"networks\": %d, \"trials\": %d, "
              + "\"steps\": %d, \"units\": %d, \"n_delays\": 10, \"rank\": 30, \"threads\": %d, "
              + "\"fits_wall_s\": %.3f, \"fits_cpu_s\": %.3f, \"sampled_pairs\": %d, \"sample_wall_s\": %.3f, "
              + "\"sample_cpu_s\": %.3f, \"s_per_pair_median\": %.4f, \"s_per_pair_mean\": %.4f, "
              + "\"s_per_pair_max\": %.4f, \"all_pairs\": %d, \"all_pairs_extrapolated_core_hours\": %.2f, "
              + "\"reference_run\": %s, \"max_dist_minus_reference\": %.3e, \"min_dist_minus_reference\": %.3e, "
              + "\"wasserstein_all_pairs_wall_s\": %.2f, \"wasserstein_all_pairs_cpu_s\": %.2f, "
              + "\"wasserstein_mean\": %.4f, \"data_generation_s\": %.1f, \"java\": \"%s\"}%n",
          nets, trials, steps, UNITS, threads, fitWall, fitCpu, samplePairs, pairWall, pairCpu,
          sorted[samplePairs / 2], Arrays.stream(secs).sum() / samplePairs, sorted[samplePairs - 1], all,
          (fitCpu + perPairCpu * all) / 3600, reference, maxDiff, minDiff, wWall, wCpu, Arrays.stream(wm).sum() / ((double) nets * (nets - 1)), genS,
          System.getProperty("java.version"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
