package cohort.study.cli;

import cohort.analysis.dsa.Dsa;
import cohort.analysis.dsa.DsaOptions;
import cohort.analysis.dsa.DsaResult;
import cohort.analysis.dsa.DsaScore;
import cohort.analysis.dsa.RankSelection;
import cohort.analysis.dsa.Trajectories;
import cohort.analysis.similarity.DebiasedCka;
import cohort.analysis.similarity.LinearCka;
import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.Procrustes;
import cohort.analysis.similarity.RbfCka;
import cohort.analysis.similarity.Svcca;
import cohort.io.ArraySource;
import cohort.io.Npy;
import cohort.study.json.Json;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohort compare}: one similarity score between two of the user's own arrays (.npy files or
 * HDF5 datasets), with Cohort's metrics: CKA (linear, RBF, debiased), SVCCA, the Procrustes shape
 * metric and DSA. Prints the score as a number on the last line, or one JSON object with the metric,
 * its options and the score.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two activity arrays with a similarity metric.",
      "A and B are .npy files or FILE.h5:/path/to/dataset, shaped samples x units (DSA: trials x time x units "
          + "or time x units). The score is printed on the last line."
    })
public final class CompareCommand implements Callable<Integer> {

  static final String METRICS = "cka, cka-rbf, cka-debiased, svcca, procrustes, dsa";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--metric", required = true, paramLabel = "NAME",
      description = "One of: " + METRICS + ".")
  String metric;

  @Option(names = "--keep-variance", defaultValue = "0.99", paramLabel = "P",
      description = "SVCCA: variance fraction the kept SVD directions explain (default ${DEFAULT-VALUE}).")
  double keepVariance;

  @Option(names = "--alpha", defaultValue = "1", paramLabel = "A",
      description = "Procrustes: partial whitening, 1 = Procrustes ... 0 = CCA (default ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--unit-norm", description = "Procrustes: scale each centred input to unit Frobenius norm.")
  boolean unitNorm;

  @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "T",
      description = "RBF CKA: bandwidth as a fraction of the median distance (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--n-delays", defaultValue = "1", paramLabel = "D", description = "DSA: delay blocks (default ${DEFAULT-VALUE}).")
  int nDelays;

  @Option(names = "--delay-interval", defaultValue = "1", paramLabel = "TAU",
      description = "DSA: steps between delays (default ${DEFAULT-VALUE}).")
  int delayInterval;

  @Option(names = "--rank", paramLabel = "R", description = "DSA: keep R Hankel singular directions.")
  Integer rank;

  @Option(names = "--rank-thresh", paramLabel = "S", description = "DSA: keep singular values above S.")
  Double rankThresh;

  @Option(names = "--rank-explained-variance", paramLabel = "P",
      description = "DSA: keep the fewest directions explaining fraction P of the variance.")
  Double rankExplainedVariance;

  @Option(names = "--lamb", defaultValue = "1e-8", paramLabel = "L", description = "DSA: ridge (default ${DEFAULT-VALUE}).")
  double lamb;

  @Option(names = "--score", paramLabel = "S",
      description = "angular | euclidean | wasserstein (DSA; default wasserstein) or angular | euclidean "
          + "(procrustes; default angular).")
  String score;

  @Option(names = "--iters", defaultValue = "1500", paramLabel = "N",
      description = "DSA: maximum optimiser steps per start (default ${DEFAULT-VALUE}).")
  int iters;

  @Option(names = "--restarts", defaultValue = "8", paramLabel = "N",
      description = "DSA: random starts besides identity and reflection (default ${DEFAULT-VALUE}).")
  int restarts;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "DSA: seed of the random starts.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object with the metric, its options and the score.")
  boolean json;

  @Parameters(index = "0", paramLabel = "A", description = "First array: FILE.npy or FILE.h5:/dataset.")
  String first;

  @Parameters(index = "1", paramLabel = "B", description = "Second array: FILE.npy or FILE.h5:/dataset.")
  String second;

  @Override
  public Integer call() {
    String m = metric.toLowerCase(Locale.ROOT);
    if (!Arrays.asList(METRICS.split(", ")).contains(m)) {
      throw new IllegalArgumentException("compare --metric: got '" + metric + "'; accepted: " + METRICS);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    double value;
    String what;
    if (m.equals("dsa")) {
      DsaOptions o = dsaOptions(options);
      Trajectories a = trajectories(first, ArraySource.load(first));
      Trajectories b = trajectories(second, ArraySource.load(second));
      if (a.units() != b.units()) {
        extra.put("note", "different numbers of units; DSA compares operators, so this is allowed");
      }
      DsaResult r = Dsa.compare(a, b, o);
      value = r.score();
      extra.put("score_used", r.scoreUsed().name().toLowerCase(Locale.ROOT));
      extra.put("rank", new int[] {r.rankX(), r.rankY()});
      what = "dsa " + r.scoreUsed().name().toLowerCase(Locale.ROOT) + " (ranks " + r.rankX() + ", " + r.rankY() + ")";
    } else {
      rejectDsaOnly(m);
      Matrix a = matrix(first, ArraySource.load(first));
      Matrix b = matrix(second, ArraySource.load(second));
      if (a.rows() != b.rows()) {
        throw new IllegalArgumentException("compare: " + first + " has " + a.rows() + " rows and " + second + " has "
            + b.rows() + "; accepted: the same samples (rows) in both arrays");
      }
      switch (m) {
        case "cka" -> {
          value = new LinearCka().score(a, b);
          what = "linear CKA";
        }
        case "cka-debiased" -> {
          value = new DebiasedCka().score(a, b);
          what = "debiased linear CKA";
        }
        case "cka-rbf" -> {
          options.put("threshold", threshold);
          value = new RbfCka(threshold).score(a, b);
          what = "RBF CKA (threshold " + threshold + ")";
        }
        case "svcca" -> {
          options.put("keep_variance", keepVariance);
          Svcca.Result r = new Svcca(keepVariance).result(a, b);
          value = r.mean();
          extra.put("kept_dims", new int[] {r.keptX(), r.keptY()});
          extra.put("correlations", r.correlations());
          what = "SVCCA mean canonical correlation (kept " + r.keptX() + ", " + r.keptY() + " directions)";
        }
        default -> {
          Procrustes.Method method = procrustesMethod();
          options.put("alpha", alpha);
          options.put("score", method.name().toLowerCase(Locale.ROOT));
          options.put("unit_norm", unitNorm);
          value = new Procrustes(alpha, method, unitNorm).score(a, b);
          what = "procrustes " + method.name().toLowerCase(Locale.ROOT) + " (alpha " + alpha + ")";
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("metric", m);
      o.put("options", options);
      o.put("a", first);
      o.put("b", second);
      o.put("score", value);
      o.putAll(extra);
      out.println(Json.write(o));
    } else {
      out.println(what + ": " + first + " vs " + second);
      out.println(value);
    }
    out.flush();
    return 0;
  }

  private DsaOptions dsaOptions(Map<String, Object> options) {
    int set = (rank != null ? 1 : 0) + (rankThresh != null ? 1 : 0) + (rankExplainedVariance != null ? 1 : 0);
    if (set > 1) {
      throw new IllegalArgumentException("compare --rank/--rank-thresh/--rank-explained-variance: got " + set
          + " of them; accepted: at most one");
    }
    RankSelection r = rank != null ? RankSelection.fixed(rank)
        : rankThresh != null ? RankSelection.threshold(rankThresh)
        : rankExplainedVariance != null ? RankSelection.explainedVariance(rankExplainedVariance)
        : RankSelection.full();
    DsaScore s = DsaScore.WASSERSTEIN;
    if (score != null) {
      try {
        s = DsaScore.valueOf(score.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("compare --score: got '" + score
            + "'; accepted for dsa: angular, euclidean, wasserstein");
      }
    }
    DsaOptions o = new DsaOptions(nDelays, delayInterval, r, lamb, s, iters, restarts, seed);
    options.put("n_delays", o.nDelays());
    options.put("delay_interval", o.delayInterval());
    options.put("rank", r.toString());
    options.put("lamb", o.lamb());
    options.put("score", s.name().toLowerCase(Locale.ROOT));
    options.put("iters", o.iterations());
    options.put("restarts", o.restarts());
    options.put("seed", o.seed());
    options.put("optimizer", "riemannian-lbfgs");
    return o;
  }

  private Procrustes.Method procrustesMethod() {
    if (score == null || score.equalsIgnoreCase("angular")) {
      return Procrustes.Method.ANGULAR;
    }
    if (score.equalsIgnoreCase("euclidean")) {
      return Procrustes.Method.EUCLIDEAN;
    }
    throw new IllegalArgumentException("compare --score: got '" + score + "'; accepted for procrustes: angular, euclidean");
  }

  private void rejectDsaOnly(String m) {
    if (rank != null || rankThresh != null || rankExplainedVariance != null) {
      throw new IllegalArgumentException("compare --rank options: only for --metric dsa, got --metric " + m);
    }
    if (score != null && !m.equals("procrustes")) {
      throw new IllegalArgumentException("compare --score: only for --metric dsa or procrustes, got --metric " + m);
    }
  }

  private static Matrix matrix(String name, Npy.Array a) {
    if (a.shape().length != 2) {
      throw new IllegalArgumentException("input " + name + ": shape " + Arrays.toString(a.shape())
          + "; accepted: 2 dimensions (samples x units)");
    }
    if (a.shape()[0] < 2 || a.shape()[1] < 1) {
      throw new IllegalArgumentException("input " + name + ": shape " + Arrays.toString(a.shape())
          + "; accepted: at least 2 samples and 1 unit");
    }
    cohort.analysis.similarity.Checks.usable("input " + name, a.data(), a.shape());
    return new Matrix(a.shape()[0], a.shape()[1], a.data());
  }

  private static Trajectories trajectories(String name, Npy.Array a) {
    int[] s = a.shape();
    if ((s.length == 2 || s.length == 3) && a.data().length > 0) {
      cohort.analysis.similarity.Checks.usable("input " + name, a.data(), s);
    }
    if (s.length == 2 && s[0] >= 2 && s[1] >= 1) {
      return new Trajectories(1, s[0], s[1], a.data());
    }
    if (s.length == 3 && s[0] >= 1 && s[1] >= 2 && s[2] >= 1) {
      return new Trajectories(s[0], s[1], s[2], a.data());
    }
    throw new IllegalArgumentException("input " + name + ": shape " + Arrays.toString(s)
        + "; accepted for dsa: trials x time x units or time x units (at least 2 time steps)");
  }
}
