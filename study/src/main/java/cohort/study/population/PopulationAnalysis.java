package cohort.study.population;

import cohort.analysis.MetricInfo;
import cohort.analysis.dsa.DynamicalMetric;
import cohort.analysis.dsa.Trajectories;
import cohort.analysis.embed.ClassicalMds;
import cohort.analysis.embed.Embedding;
import cohort.analysis.separability.LinearSeparability;
import cohort.analysis.separability.SeparabilityOptions;
import cohort.analysis.separability.SeparabilityResult;
import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.MetricKind;
import cohort.analysis.similarity.RepresentationalMetric;
import cohort.analysis.topology.TopologySignature;
import cohort.study.json.Json;
import cohort.study.population.PopulationResults.Comparison;
import cohort.study.population.PopulationResults.EmbeddingResult;
import cohort.study.population.PopulationResults.SeparabilityTest;
import cohort.study.spec.StudySpec.ComparisonSpec;
import cohort.study.timing.PhaseTimes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a study's population comparisons from the probe activations of its networks.
 *
 * <p>Geometry metrics (CKA, SVCCA, Procrustes, ...) compare networks row by row, so they are computed within each
 * task (whose networks all saw the same probe trials). Dynamics metrics (DSA) need no shared rows, so they are
 * computed across all networks at once, as Ghalambor et al. 2024 compare networks of two tasks. Topology metrics
 * compare the fixed-point topologies of the trained networks of each task. The metrics and
 * their options come built from the spec ({@link cohort.study.spec.StudySpec.MetricChoice}); nothing here depends on which metric it is, only
 * on its kind, and its provenance is derived from its options record ({@link
 * cohort.analysis.MetricInfo#describe}). Every
 * comparison is embedded by classical MDS, and for each grouping the spec names, every pair of its levels is
 * tested for linear separability. Work is parallel over pairs with results independent of the thread count.
 */
public final class PopulationAnalysis {

  private final ComparisonSpec spec;
  private final long seed;
  private final PairwiseEngine engine;
  private final ComparisonProgress progress;
  private final Map<String, double[]> earlier;

  /**
   * @param spec what to compute
   * @param seed seed of the separability folds and permutations
   * @param threads worker threads for the pairwise matrices
   */
  public PopulationAnalysis(ComparisonSpec spec, long seed, int threads) {
    this(spec, seed, PairwiseEngine.local(threads), ComparisonProgress.NONE, Map.of());
  }

  /**
   * @param progress told of every matrix and its pairs
   * @param earlier distance matrices of an earlier consolidation, by {@link Comparison#fingerprint()}: a
   *     comparison whose fingerprint (metric, options and every input activation, bit for bit) is found here is
   *     taken as it is instead of being computed again
   */
  public PopulationAnalysis(ComparisonSpec spec, long seed, int threads, ComparisonProgress progress,
      Map<String, double[]> earlier) {
    this(spec, seed, PairwiseEngine.local(threads), progress, earlier);
  }

  /**
   * @param engine where the distance matrices are computed (this machine's threads, or a cluster); the
   *     embeddings and separability tests, which need whole matrices, are computed here
   * @param progress told of every matrix and its pairs
   * @param earlier distance matrices of an earlier consolidation, by {@link Comparison#fingerprint()}
   */
  public PopulationAnalysis(ComparisonSpec spec, long seed, PairwiseEngine engine, ComparisonProgress progress,
      Map<String, double[]> earlier) {
    this.spec = spec;
    this.seed = seed;
    this.engine = java.util.Objects.requireNonNull(engine, "engine");
    this.progress = progress;
    this.earlier = Map.copyOf(earlier);
  }

  /**
   * All comparisons, embeddings and separability tests over {@code items}. Parallelism is over pairs, in Java;
   * OpenBLAS always runs on one thread ({@link cohort.models.linalg.Linalg}), so the LAPACK eigensolvers behind
   * MDS give the same bits whatever the number of workers.
   */
  public PopulationResults compute(List<PopulationItem> all) {
    List<PopulationItem> items = new ArrayList<>();
    List<PopulationItem> silent = new ArrayList<>();
    for (PopulationItem it : all) {
      (varies(it) ? items : silent).add(it);
    }
    List<Comparison> comparisons = new ArrayList<>();
    PhaseTimes.Span distances = PhaseTimes.GLOBAL.process("consolidation > distance matrices");
    for (int index = 0; index < spec.metrics().size(); index++) {
      Metric<?, ?> metric = spec.metrics().get(index).metric();
      if (metric.kind() == MetricKind.TOPOLOGY) {
        Map<String, List<PopulationItem>> byTask = new LinkedHashMap<>();
        for (PopulationItem it : all) {
          if (!it.topology().isEmpty()) {
            byTask.computeIfAbsent(it.label("task"), k -> new ArrayList<>()).add(it);
          }
        }
        for (Map.Entry<String, List<PopulationItem>> e : byTask.entrySet()) {
          if (e.getValue().size() >= 2) {
            comparisons.add(compare(metric, index, e.getKey(), e.getValue(), List.of()));
          }
        }
        continue;
      }
      if (metric instanceof DynamicalMetric<?> dynamics) {
        if (items.size() >= 2) {
          comparisons.add(compare(dynamics, index, "all", items, ids(silent)));
        }
        continue;
      }
      RepresentationalMetric<?> geometry = (RepresentationalMetric<?>) metric;
      Map<String, List<PopulationItem>> byTask = new LinkedHashMap<>();
      for (PopulationItem it : items) {
        byTask.computeIfAbsent(it.label("task"), k -> new ArrayList<>()).add(it);
      }
      for (Map.Entry<String, List<PopulationItem>> e : byTask.entrySet()) {
        if (e.getValue().size() >= 2) {
          List<String> excluded = new ArrayList<>();
          for (PopulationItem it : silent) {
            if (it.label("task").equals(e.getKey())) {
              excluded.add(it.id());
            }
          }
          comparisons.add(compare(geometry, index, e.getKey(), e.getValue(), excluded));
        }
      }
    }
    distances.close();
    PhaseTimes.Span embedding = PhaseTimes.GLOBAL.process("consolidation > MDS and separability");
    Map<String, PopulationItem> byId = new LinkedHashMap<>();
    for (PopulationItem it : all) {
      byId.put(it.id(), it);
    }
    List<EmbeddingResult> embeddings = new ArrayList<>();
    List<SeparabilityTest> tests = new ArrayList<>();
    for (Comparison c : comparisons) {
      int m = c.items().size();
      int k = Math.min(spec.mdsDimensions(), m - 1);
      if (k >= 1) {
        Embedding e = ClassicalMds.fit(c.distance(), m, k);
        embeddings.add(new EmbeddingResult(c.metric(), c.scope(), c.items(), k, e.coordinates().data(),
            e.stress(), e.keptFraction(), e.negativeMass(), e.eigenvalues()));
      }
      for (String grouping : spec.separabilityBy()) {
        tests.addAll(separability(c, grouping, byId, k));
      }
    }
    embedding.close();
    return new PopulationResults(comparisons, embeddings, tests);
  }

  /** Whether an item's probe activity varies at all across samples (otherwise no metric is defined). */
  static boolean varies(PopulationItem it) {
    int rows = it.steps() * it.trials();
    int units = it.units();
    float[] a = it.activations();
    for (int u = 0; u < units; u++) {
      float first = a[u];
      for (int r = 1; r < rows; r++) {
        if (a[r * units + u] != first) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The input {@code metric} compares for one item: its probe activations as a matrix
   * {@code [steps x trials][units]} (geometry), its trajectories {@code [trials][steps][units]} (dynamics), or the
   * topology signatures of its fixed points (topology). Public so that an engine that computes matrices elsewhere
   * builds its inputs with this very code.
   */
  @SuppressWarnings("unchecked")
  public static <I> I input(Metric<I, ?> metric, PopulationItem it) {
    if (metric.kind() == MetricKind.TOPOLOGY) {
      return (I) it.topology();
    }
    float[] a = it.activations();
    if (metric instanceof DynamicalMetric<?>) {
      // [steps][trials][units] -> [trials][steps][units]
      double[] d = new double[it.steps() * it.trials() * it.units()];
      for (int t = 0; t < it.steps(); t++) {
        for (int b = 0; b < it.trials(); b++) {
          int src = (t * it.trials() + b) * it.units();
          int dst = (b * it.steps() + t) * it.units();
          for (int u = 0; u < it.units(); u++) {
            d[dst + u] = a[src + u];
          }
        }
      }
      return (I) new Trajectories(it.trials(), it.steps(), it.units(), d);
    }
    int rows = it.steps() * it.trials();
    double[] d = new double[rows * it.units()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i];
    }
    return (I) new Matrix(rows, it.units(), d);
  }

  /** The distance matrix of one metric over one scope's items, or the earlier one with the same fingerprint. */
  private <I, P> Comparison compare(Metric<I, P> metric, int index, String scope, List<PopulationItem> items,
      List<String> excluded) {
    String name = metric.name();
    String options = Json.write(options(metric));
    String fingerprint = fingerprint(name, options, items);
    String what = name + " " + scope + " (" + items.size() + " networks)";
    double[] distance = earlier.get(fingerprint);
    if (distance != null) {
      progress.reused(what);
      return new Comparison(name, scope, options, metric.units(), ids(items), distance, excluded, fingerprint, true);
    }
    // converted when the engine asks for each (once, to prepare it), not all at once: the double copies of a
    // scope's activations would otherwise sit beside the float originals and the prepared forms
    List<I> inputs = new java.util.AbstractList<>() {
      @Override
      public I get(int i) {
        return input(metric, items.get(i));
      }

      @Override
      public int size() {
        return items.size();
      }
    };
    long pairs = (long) items.size() * (items.size() - 1) / 2;
    distance = engine.distances(new PairwiseEngine.Request<>(metric, index, scope, items, inputs),
        progress.started(what, pairs));
    progress.finished(what);
    return new Comparison(name, scope, options, metric.units(), ids(items), distance, excluded, fingerprint, false);
  }

  /**
   * SHA-256 over the metric, its options and every item's id, shape and activations (bit for bit): two
   * consolidations with the same fingerprint compute the same matrix, so the second can take the first's.
   */
  static String fingerprint(String metric, String options, List<PopulationItem> items) {
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    sha.update((metric + "\n" + options + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (PopulationItem it : items) {
      sha.update((it.id() + "\n" + it.steps() + "x" + it.trials() + "x" + it.units() + "\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (TopologySignature t : it.topology()) {
        sha.update((java.util.Arrays.toString(t.census()) + java.util.Arrays.toString(t.laplacianSpectrum()))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      float[] a = it.activations();
      for (int i = 0; i < a.length; ) {
        buffer.clear();
        while (i < a.length && buffer.remaining() >= 4) {
          buffer.putInt(Float.floatToRawIntBits(a[i++]));
        }
        buffer.flip();
        sha.update(buffer);
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : sha.digest()) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  /**
   * The provenance of a comparison, derived from the metric itself: its name, what the distance is and in which
   * units, what its input was, and every option of its options record (SVCCA's kept variance, Procrustes' α and
   * score, DSA's delays, rank and seed, ...), in the form the registry reads back.
   */
  static Map<String, Object> options(Metric<?, ?> m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("metric", m.name());
    o.put("distance", m.isSimilarity() ? "1 - score" : "score");
    o.put("units", m.units());
    o.put("input", m.kind() == MetricKind.GEOMETRY
        ? "probe activations [steps x trials][units], rows matched across networks of one task"
        : m.kind() == MetricKind.DYNAMICS ? "probe trajectories [trials][steps][units]"
        : "the fixed-point topology signatures of trained networks of one task, one per analysed input");
    o.putAll(MetricInfo.describe(m));
    return o;
  }

  private List<SeparabilityTest> separability(Comparison c, String grouping, Map<String, PopulationItem> byId,
      int k) {
    List<SeparabilityTest> out = new ArrayList<>();
    int m = c.items().size();
    String[] level = new String[m];
    Set<String> levels = new LinkedHashSet<>();
    for (int i = 0; i < m; i++) {
      level[i] = byId.get(c.items().get(i)).label(grouping);
      levels.add(level[i]);
    }
    List<String> ls = new ArrayList<>(levels);
    for (int a = 0; a < ls.size(); a++) {
      for (int b = a + 1; b < ls.size(); b++) {
        List<Integer> members = new ArrayList<>();
        int countA = 0;
        int countB = 0;
        for (int i = 0; i < m; i++) {
          if (level[i].equals(ls.get(a))) {
            members.add(i);
            countA++;
          } else if (level[i].equals(ls.get(b))) {
            members.add(i);
            countB++;
          }
        }
        int folds = Math.min(5, Math.min(countA, countB));
        if (folds < 2) {
          continue; // fewer than two networks in a group: nothing to cross-validate
        }
        int n = members.size();
        double[] sub = new double[n * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
          labels[i] = level[members.get(i)].equals(ls.get(b)) ? 1 : 0;
          for (int j = 0; j < n; j++) {
            sub[i * n + j] = c.distance()[members.get(i) * m + members.get(j)];
          }
        }
        SeparabilityOptions o = new SeparabilityOptions(folds, spec.permutations(),
            SeparabilityOptions.Classifier.LOGISTIC, 0.1, seed);
        int dims = Math.max(1, Math.min(k, n - 1));
        SeparabilityResult onMds = LinearSeparability.onEmbedding(sub, n, dims, labels, o);
        SeparabilityResult onRows = LinearSeparability.onDistanceRows(sub, n, labels, o);
        out.add(new SeparabilityTest(c.metric(), c.scope(), grouping, ls.get(a), ls.get(b), countA, countB, folds,
            spec.permutations(), o.classifier().name().toLowerCase(java.util.Locale.ROOT), onMds.accuracy(),
            onMds.pValue(), onMds.nullAccuracies(), onRows.accuracy(), onRows.pValue(), onRows.nullAccuracies(),
            Json.write(Json.describe(o))));
      }
    }
    return out;
  }

  private static List<String> ids(List<PopulationItem> items) {
    List<String> out = new ArrayList<>();
    for (PopulationItem it : items) {
      out.add(it.id());
    }
    return out;
  }
}
