package cohort.study.report;

import cohort.io.Hdf5Schema;
import cohort.study.findings.Finding;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Writes a realistic synthetic {@code study.h5} in the layout "cohort-study/1": 2 architectures (gru, ctrnn) ×
 * 2 tasks (flipflop, sine) × 3 seeds = 12 runs, one of which failed and one of which found no fixed point, with
 * training curves, fixed points and their Jacobian eigenvalues, W_rec spectra, geometry comparisons per task and
 * DSA over all networks (trained and untrained), their MDS embeddings and separability tests, and two findings
 * (one that agrees, one that disagrees) with a table beside them; every run's spectrum before training (a ring) and
 * after. The distances are
 * Euclidean distances between generated 2-D positions that cluster by architecture (and by task for DSA), so the
 * figures have structure.
 */
final class SyntheticStudy {

  static final String[] ARCHS = {"gru", "ctrnn"};
  static final String[] TASKS = {"flipflop", "sine"};
  static final int SEEDS = 3;
  static final int UNITS = 24;
  static final String FAILED = "sine-ctrnn-tanh-n24-s2";
  static final String FAILED_REASON = "loss became NaN at iteration 350 (gradient explosion); lower lr or clip";
  /** A run whose fixed-point search ran and found nothing: {@code fixed_point_count = 0}, no fixed_points group. */
  static final String NO_POINTS = "sine-gru-tanh-n24-s2";

  private SyntheticStudy() {}

  static String runId(String task, String arch, int seed) {
    return task + "-" + arch + "-tanh-n" + UNITS + "-s" + seed;
  }

  static List<String> runIds() {
    List<String> ids = new ArrayList<>();
    for (String t : TASKS) {
      for (String a : ARCHS) {
        for (int s = 0; s < SEEDS; s++) {
          ids.add(runId(t, a, s));
        }
      }
    }
    return ids;
  }

  /**
   * Writes the file.
   *
   * @param full false writes /runs only (with training curves), as a study that was run but never analysed
   */
  static void write(Path file, boolean full, RandomGenerator rng) {
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("format", "cohort-study/1");
      h5.putAttribute("study", "synthetic-smoke");
      h5.putAttribute("spec", "{\"comparisons\":{\"metrics\":[\"cka\",\"dsa\"],\"permutations\":100},\"grid\":"
          + "{\"activation\":\"tanh\",\"architecture\":[\"gru\",\"ctrnn\"],\"seeds\":3,\"task\":[{\"flipflop\":"
          + "{\"bits\":3}},{\"sine\":{}}],\"units\":24},\"seed\":1,\"study\":\"synthetic-smoke\",\"training\":"
          + "{\"iterations\":600,\"lr\":0.01}}");
      h5.putAttribute("cohort_version", "0.1.0-SNAPSHOT");
      h5.putAttribute("java_version", "17");
      h5.putAttribute("os_arch", "Linux amd64");
      h5.putAttribute("created", "2026-11-23T01:00:00Z");
      h5.putAttribute("runs_total", 12);
      h5.putAttribute("runs_completed", 11);
      h5.putAttribute("runs_failed", 1);
      WritableGroup runs = h5.putGroup("runs");
      for (String task : TASKS) {
        for (int ai = 0; ai < ARCHS.length; ai++) {
          for (int s = 0; s < SEEDS; s++) {
            writeRun(runs, task, ARCHS[ai], ai, s, full, rng);
          }
        }
      }
      if (!full) {
        return;
      }
      WritableGroup comparisons = h5.putGroup("comparisons");
      WritableGroup embeddings = h5.putGroup("embeddings");
      WritableGroup separability = h5.putGroup("separability");
      WritableGroup cka = comparisons.putGroup("cka");
      WritableGroup ckaE = embeddings.putGroup("cka");
      WritableGroup ckaS = separability.putGroup("cka");
      for (String task : TASKS) {
        List<String> items = new ArrayList<>();
        for (String a : ARCHS) {
          for (int s = 0; s < SEEDS; s++) {
            items.add(runId(task, a, s));
          }
        }
        for (String a : ARCHS) {
          for (int s = 0; s < SEEDS; s++) {
            items.add(runId(task, a, s) + ":untrained");
          }
        }
        items.remove(FAILED);
        items.remove(FAILED + ":untrained");
        writeComparison(cka.putGroup(task), ckaE.putGroup(task), "cka", task, items, rng);
        WritableGroup arch = ckaS.putGroup(task).putGroup("architecture");
        writeTest(arch.putGroup("ctrnn_vs_gru"), 0.95, 0.01, 0.9, 0.02, 6, 5, rng);
      }
      List<String> all = new ArrayList<>();
      for (String id : runIds()) {
        if (!id.equals(FAILED)) {
          all.add(id);
          all.add(id + ":untrained");
        }
      }
      writeComparison(comparisons.putGroup("dsa").putGroup("all"), embeddings.putGroup("dsa").putGroup("all"), "dsa",
          "all", all, rng);
      WritableGroup dsaS = separability.putGroup("dsa").putGroup("all");
      writeTest(dsaS.putGroup("task").putGroup("flipflop_vs_sine"), 0.86, 0.03, 0.91, 0.01, 11, 11, rng);
      writeTest(dsaS.putGroup("architecture").putGroup("ctrnn_vs_gru"), 0.55, 0.41, 0.6, 0.3, 11, 11, rng);
      writeTest(dsaS.putGroup("trained").putGroup("trained_vs_untrained"), 1.0, 0.0099, 1.0, 0.0099, 11, 11, rng);
      WritableGroup findings = h5.putGroup(Hdf5Schema.Findings.GROUP);
      writeFinding(findings, AGREES);
      writeFinding(findings, DISAGREES);
      writeTable(h5);
    }
  }

  /** A finding that agrees, asserted by the replication tests, with a 95 % interval and a p-value; shown first. */
  static final StudyData.Finding AGREES = new StudyData.Finding("zz-architecture-clusters",
      "Maheswaranathan et al. 2019", "Representational geometry clusters networks by architecture",
      "separates architectures (Fig. 2)", "leave-one-out 1-NN accuracy of architecture from CKA", 0.93, 0.88, 0.97,
      0.001, ">= 0.75 and p < 0.01", "agrees", "trained networks, both tasks", 11, "", true, 1);

  /** A finding that disagrees, only reported, with a p-value and a note; shown second though its name sorts first. */
  static final StudyData.Finding DISAGREES = new StudyData.Finding("aa-topology-shared",
      "Maheswaranathan et al. 2019", "Fixed-point topology is shared across architectures",
      "8 of 8 stable points on the 3-bit flip-flop", "fraction of flip-flop networks with 8 stable points", 0.4,
      Double.NaN, Double.NaN, 0.21, ">= 0.8 of the networks", "disagrees", "trained flip-flop networks", 5,
      "The source counts only stable points; Cohort counts saddles as well.", false, 2);

  /** Writes a finding as a study does ({@link Finding#attributes}): an attribute-only group {@code /findings/NAME}. */
  private static void writeFinding(WritableGroup findings, StudyData.Finding f) {
    Finding.Verdict verdict = Arrays.stream(Finding.Verdict.values()).filter(v -> v.text().equals(f.verdict()))
        .findFirst().orElseThrow();
    Finding finding = new Finding(f.name(), f.source(), f.claim(), f.sourceValue(), f.statistic(), f.value(),
        f.ciLow(), f.ciHigh(), f.pValue(), f.criterion(), verdict, f.population(), (int) f.n(), f.notes(),
        f.asserted());
    WritableGroup g = findings.putGroup(f.name());
    finding.attributes((int) f.order()).forEach(g::putAttribute);
  }

  /** Writes the study (full or runs only) into {@code dir/name/study.h5} and its report into {@code dir/name/report}. */
  static StudyReport.Result report(Path dir, String name, boolean full, long seed) {
    Path study = dir.resolve(name);
    try {
      Files.createDirectories(study);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(study.resolve("study.h5"), full, new SplittableRandom(seed));
    return StudyReport.write(study, study.resolve("report"));
  }

  private static void writeRun(WritableGroup runs, String task, String arch, int ai, int seed, boolean full,
      RandomGenerator rng) {
    String id = runId(task, arch, seed);
    boolean failed = id.equals(FAILED);
    WritableGroup g = runs.putGroup(id);
    g.putAttribute("spec", "{\"architecture\":\"" + arch + "\",\"id\":\"" + id + "\"}");
    g.putAttribute("status", failed ? "failed" : seed == 1 && ai == 0 ? "stopped_early" : "completed");
    g.putAttribute("reason", failed ? FAILED_REASON : seed == 1 && ai == 0 ? "target accuracy 0.98 reached" : "");
    g.putAttribute("seed", 1000L + seed);
    g.putAttribute("wall_seconds", 12.5 + 3 * seed + 10 * ai);
    g.putAttribute("host", "test");
    g.putAttribute("task", task);
    g.putAttribute("task_name", task);
    g.putAttribute("architecture", arch);
    g.putAttribute("activation", ai == 1 && seed == 2 ? "relu" : "tanh");
    g.putAttribute("units", UNITS);
    g.putAttribute("init", "orthogonal");
    g.putAttribute("gain", 1.0);
    g.putAttribute("replicate", seed);
    int k = failed ? 8 : 13;
    g.putAttribute("iterations", failed ? 350 : 600);
    // training curves: accuracy rises (faster for gru), loss falls by two decades
    WritableGroup t = g.putGroup("training");
    int[] it = new int[k];
    double[] train = new double[k];
    double[] val = new double[k];
    double[] acc = new double[k];
    double rate = (ai == 0 ? 0.012 : 0.006) * (task.equals("sine") ? 0.7 : 1.0) * (1 + 0.15 * seed);
    for (int i = 0; i < k; i++) {
      it[i] = i * 50;
      double decay = Math.exp(-rate * it[i]);
      acc[i] = Math.min(1, 0.2 + 0.78 * (1 - decay) + 0.01 * rng.nextGaussian());
      val[i] = 0.5 * decay + 0.004 + 0.0005 * Math.abs(rng.nextGaussian());
      train[i] = val[i] * (0.95 + 0.05 * rng.nextDouble());
    }
    if (failed) {
      val[k - 1] = Double.NaN;
      acc[k - 1] = Double.NaN;
    }
    t.putAttribute("points", k);
    t.putDataset("iteration", it);
    t.putDataset("train_loss", train);
    t.putDataset("val_loss", val);
    t.putDataset("val_accuracy", acc);
    g.putAttribute("final_accuracy", failed ? Double.NaN : acc[k - 1]);
    g.putAttribute("final_loss", failed ? Double.NaN : val[k - 1]);
    if (!full || failed) {
      return;
    }
    if (id.equals(NO_POINTS)) {
      g.putAttribute("fixed_point_count", 0);
    } else {
      writeFixedPoints(g, task, ai, seed, rng);
    }
    writeSpectrum(g, ai, seed, rng);
  }

  private static void writeFixedPoints(WritableGroup g, String task, int ai, int seed, RandomGenerator rng) {
    // fixed points: flip-flop has 2^3 stable states and saddles between them; sine a few unstable points
    int stable = task.equals("flipflop") ? 8 - (seed == 2 ? 1 : 0) : 1;
    int index1 = task.equals("flipflop") ? 12 + ai : 2;
    int index2 = task.equals("flipflop") ? 4 + seed : 1;
    int index3 = ai;
    int slow = 2;
    int kk = stable + index1 + index2 + index3 + slow;
    int[] unstable = new int[kk];
    int[] slowFlag = new int[kk];
    double[][] re = new double[kk][UNITS];
    double[][] im = new double[kk][UNITS];
    double[][] states = new double[kk][UNITS];
    double[] q = new double[kk];
    int p = 0;
    int[][] classes = {{stable, 0}, {index1, 1}, {index2, 2}, {index3, 3}};
    for (int[] c : classes) {
      for (int j = 0; j < c[0]; j++, p++) {
        unstable[p] = c[1];
        fillEigen(re[p], im[p], c[1], ai == 1, rng);
        q[p] = 1e-10 * rng.nextDouble();
      }
    }
    for (int j = 0; j < slow; j++, p++) {
      slowFlag[p] = 1;
      unstable[p] = j;
      fillEigen(re[p], im[p], j, ai == 1, rng);
      q[p] = 1e-4;
    }
    for (double[] row : states) {
      for (int u = 0; u < UNITS; u++) {
        row[u] = rng.nextGaussian() * 0.5;
      }
    }
    g.putAttribute("fixed_point_count", kk);
    WritableGroup f = g.putGroup("fixed_points");
    f.putAttribute("count", kk);
    f.putAttribute("stable", stable);
    f.putAttribute("saddles", index1);
    f.putAttribute("unstable", index2 + index3);
    f.putAttribute("slow", slow);
    f.putAttribute("input", new double[] {0, 0, 0});
    f.putAttribute("continuous_time", ai == 1 ? 1 : 0);
    f.putAttribute("alpha", ai == 1 ? 0.2 : 1.0);
    f.putDataset("states", states);
    f.putDataset("q", q);
    f.putDataset("slow", slowFlag);
    f.putDataset("unstable_dims", unstable);
    f.putDataset("eigenvalues_re", re);
    f.putDataset("eigenvalues_im", im);
  }

  private static void writeSpectrum(WritableGroup g, int ai, int seed, RandomGenerator rng) {
    // W_rec spectrum: a disk of radius ~0.9 (gru) or ~1.1 (ctrnn) with a few outliers
    double[] wre = new double[UNITS];
    double[] wim = new double[UNITS];
    double radius = ai == 0 ? 0.9 : 1.1;
    for (int u = 0; u < UNITS; u += 2) {
      double r = radius * Math.sqrt(rng.nextDouble());
      double th = Math.PI * rng.nextDouble();
      wre[u] = r * Math.cos(th);
      wim[u] = r * Math.sin(th);
      if (u + 1 < UNITS) {
        wre[u + 1] = wre[u];
        wim[u + 1] = -wim[u];
      }
    }
    wre[0] = 1.25 + 0.05 * seed;
    wim[0] = 0;
    WritableGroup sp = g.putGroup("spectrum");
    double rho = 0;
    for (int u = 0; u < UNITS; u++) {
      rho = Math.max(rho, Math.hypot(wre[u], wim[u]));
    }
    sp.putAttribute("spectral_radius", rho);
    sp.putDataset("w_rec_re", wre);
    sp.putDataset("w_rec_im", wim);
    // before training: a ring on the unit circle (an orthogonal start)
    double[] ure = new double[UNITS];
    double[] uim = new double[UNITS];
    for (int u = 0; u < UNITS; u++) {
      double th = 2 * Math.PI * (u + 0.5) / UNITS;
      ure[u] = Math.cos(th);
      uim[u] = Math.sin(th);
    }
    sp.putDataset(Hdf5Schema.Spectrum.UNTRAINED_REAL, ure);
    sp.putDataset(Hdf5Schema.Spectrum.UNTRAINED_IMAG, uim);
  }

  /** The table beside the findings: two pairs, a shown text column and a hidden numeric one. */
  static final String[] TABLE_PAIRS = {"flipflop–sine", "flipflop–flipflop"};

  private static void writeTable(WritableGroup h5) {
    WritableGroup t = h5.putGroup(Hdf5Schema.FindingsTables.GROUP).putGroup("task-pairs");
    t.putAttribute(Hdf5Schema.FindingsTables.TITLE, "Separability of every task pair");
    t.putAttribute(Hdf5Schema.FindingsTables.CAPTION, "Accuracy (p; networks) per condition.");
    t.putAttribute(Hdf5Schema.FindingsTables.COLUMNS, new String[] {"pair", "after", "after_accuracy"});
    t.putAttribute(Hdf5Schema.FindingsTables.HEADINGS, new String[] {"task pair", "after", "after: accuracy"});
    t.putAttribute(Hdf5Schema.FindingsTables.SHOWN, new int[] {1, 1, 0});
    t.putAttribute(Hdf5Schema.FindingsTables.ORDER, 0);
    t.putDataset("pair", TABLE_PAIRS);
    t.putDataset("after", new String[] {"0.95 ✓ (p < 0.001; 10+10)", "– (3+3)"});
    t.putDataset("after_accuracy", new double[] {0.95, Double.NaN});
  }

  /**
   * Eigenvalues of a Jacobian with {@code unstable} unstable directions: of a discrete-time map (outside / inside
   * the unit circle), or of the Euler map {@code λ = 1 + α μ} (α = 0.2) of a continuous-time cell (Re λ above /
   * below 1).
   */
  private static void fillEigen(double[] re, double[] im, int unstable, boolean continuous, RandomGenerator rng) {
    for (int u = 0; u < re.length; u++) {
      if (continuous) {
        double mr = u < unstable ? 0.2 + 0.5 * rng.nextDouble() : -0.05 - 1.5 * rng.nextDouble();
        double mi = u < unstable ? 0 : 0.8 * rng.nextGaussian();
        re[u] = 1 + 0.2 * mr;
        im[u] = 0.2 * mi;
      } else if (u < unstable) {
        re[u] = 1.05 + 0.3 * rng.nextDouble();
        im[u] = 0;
      } else {
        double r = 0.95 * Math.sqrt(rng.nextDouble());
        double th = 2 * Math.PI * rng.nextDouble();
        re[u] = r * Math.cos(th);
        im[u] = r * Math.sin(th);
      }
    }
  }

  private static void writeComparison(WritableGroup cg, WritableGroup eg, String metric, String scope,
      List<String> items, RandomGenerator rng) {
    int m = items.size();
    double[][] pos = new double[m][2];
    for (int i = 0; i < m; i++) {
      String item = items.get(i);
      boolean untrained = item.endsWith(":untrained");
      boolean gru = item.contains("-gru-");
      boolean sine = item.startsWith("sine");
      pos[i][0] = (gru ? -1 : 1) * (untrained ? 0.2 : 1) + 0.15 * rng.nextGaussian();
      pos[i][1] = (untrained ? -1.2 : 0.3) + (metric.equals("dsa") && sine ? 0.8 : 0) + 0.15 * rng.nextGaussian();
    }
    double[][] d = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        d[i][j] = i == j ? 0 : 0.3 * Math.hypot(pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]);
      }
    }
    String[] names = items.toArray(new String[0]);
    cg.putAttribute("metric", metric);
    cg.putAttribute("options", "{}");
    cg.putAttribute("scope", scope);
    cg.putAttribute("kind", "distance");
    cg.putDataset("distance", d);
    cg.putDataset("items", names);
    double[][] coords = new double[m][2];
    for (int i = 0; i < m; i++) {
      coords[i][0] = 0.3 * pos[i][0];
      coords[i][1] = 0.3 * pos[i][1];
    }
    eg.putAttribute("method", "classical-mds");
    eg.putAttribute("dimensions", 2);
    eg.putAttribute("stress", 0.0421);
    eg.putDataset("coordinates", coords);
    eg.putDataset("items", names);
  }

  private static void writeTest(WritableGroup g, double accMds, double pMds, double accRows, double pRows, int na,
      int nb, RandomGenerator rng) {
    g.putAttribute("accuracy_mds", accMds);
    g.putAttribute("accuracy_rows", accRows);
    g.putAttribute("p_value_mds", pMds);
    g.putAttribute("p_value_rows", pRows);
    g.putAttribute("permutations", 100);
    g.putAttribute("folds", 5);
    g.putAttribute("n_a", na);
    g.putAttribute("n_b", nb);
    g.putAttribute("classifier", "logistic regression (L2), 5-fold CV");
    double[] a = new double[100];
    double[] b = new double[100];
    for (int i = 0; i < 100; i++) {
      a[i] = Math.max(0, Math.min(1, 0.5 + 0.12 * rng.nextGaussian()));
      b[i] = Math.max(0, Math.min(1, 0.5 + 0.12 * rng.nextGaussian()));
    }
    g.putDataset("null_mds", a);
    g.putDataset("null_rows", b);
  }
}
