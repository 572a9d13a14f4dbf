package cohort.study.store;

import cohort.study.cli.CohortVersion;
import cohort.study.population.PopulationAnalysis;
import cohort.study.population.PopulationItem;
import cohort.study.population.PopulationResults;
import cohort.study.population.PopulationResults.Comparison;
import cohort.study.population.PopulationResults.EmbeddingResult;
import cohort.study.population.PopulationResults.SeparabilityTest;
import cohort.study.spec.StudySpec;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consolidates a study directory into {@code DIR/study.h5}: every run file under {@code /runs/<run-id>/}, and the
 * population results (computed by {@link PopulationAnalysis} from the runs' probe activations) under
 * {@code /comparisons}, {@code /embeddings} and {@code /separability}. The file is rewritten whole each time (and
 * replaced atomically), so it always reflects the run files present.
 */
public final class StudyMerger {

  /** The value of the root {@code format} attribute of {@code study.h5}. */
  public static final String FORMAT = "cohort-study/1";

  private final StudyDirectory directory;
  private final int threads;

  public StudyMerger(StudyDirectory directory, int threads) {
    this.directory = directory;
    this.threads = threads;
  }

  /** What a merge found and computed. */
  public record Summary(int runs, int completed, int failed, int comparisons) {}

  /** Reads every run file, computes the population results and writes {@code study.h5}. */
  public Summary merge(StudySpec spec) {
    List<String> ids = directory.finishedRunIds();
    List<PopulationItem> items = new ArrayList<>();
    int failed = 0;
    for (String id : ids) {
      try (HdfFile run = new HdfFile(directory.runFile(id))) {
        if ("failed".equals(text(run, "status"))) {
          failed++;
          continue;
        }
        items.addAll(items(id, run));
      }
    }
    PopulationResults population = new PopulationAnalysis(spec.comparisons(), spec.seed(), threads).compute(items);
    final int failedRuns = failed;
    final int completed = ids.size() - failed;
    Hdf5Files.writeAtomically(directory.studyFile(), h5 -> {
      h5.putAttribute("format", FORMAT);
      h5.putAttribute("study", spec.name());
      h5.putAttribute("spec", spec.canonicalJson());
      h5.putAttribute("cohort_version", CohortVersion.version());
      h5.putAttribute("java_version", System.getProperty("java.version"));
      h5.putAttribute("os_arch", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      h5.putAttribute("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      h5.putAttribute("runs_total", ids.size());
      h5.putAttribute("runs_completed", completed);
      h5.putAttribute("runs_failed", failedRuns);
      WritableGroup runs = h5.putGroup("runs");
      for (String id : ids) {
        try (HdfFile run = new HdfFile(directory.runFile(id))) {
          Hdf5Files.copyGroup(run, runs.putGroup(id));
        }
      }
      writePopulation(h5, population);
    });
    return new Summary(ids.size(), completed, failed, population.comparisons().size());
  }

  /** The trained (and, if stored, untrained) probe activations of one run file. */
  static List<PopulationItem> items(String id, HdfFile run) {
    List<PopulationItem> out = new ArrayList<>();
    Node a = run.getChild("activations");
    if (!(a instanceof Group g)) {
      return out;
    }
    int steps = integer(g, "steps");
    int trials = integer(g, "trials");
    int units = integer(g, "units");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("task", text(run, "task"));
    labels.put("architecture", text(run, "architecture"));
    labels.put("activation", text(run, "activation"));
    labels.put("units", String.valueOf(integer(run, "units")));
    labels.put("init", text(run, "init"));
    Map<String, String> trained = new LinkedHashMap<>(labels);
    trained.put("trained", "trained");
    out.add(new PopulationItem(id, trained, steps, trials, units, flatten((Dataset) g.getChild("trained"))));
    if (g.getChild("untrained") instanceof Dataset d) {
      Map<String, String> untrained = new LinkedHashMap<>(labels);
      untrained.put("trained", "untrained");
      out.add(new PopulationItem(id + ":untrained", untrained, steps, trials, units, flatten(d)));
    }
    return out;
  }

  private static float[] flatten(Dataset d) {
    float[][] m = (float[][]) d.getData();
    int cols = m.length == 0 ? 0 : m[0].length;
    float[] out = new float[m.length * cols];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, out, r * cols, cols);
    }
    return out;
  }

  /** Writes the population groups; each only when it has content (jhdf 0.9.4 cannot write empty groups safely). */
  private static void writePopulation(WritableGroup h5, PopulationResults p) {
    if (p.comparisons().isEmpty()) {
      return;
    }
    WritableGroup comparisons = h5.putGroup("comparisons");
    Map<String, WritableGroup> metricGroups = new LinkedHashMap<>();
    for (Comparison c : p.comparisons()) {
      WritableGroup g = metricGroups.computeIfAbsent(c.metric(), comparisons::putGroup).putGroup(c.scope());
      g.putAttribute("metric", c.metric());
      g.putAttribute("scope", c.scope());
      g.putAttribute("options", c.optionsJson());
      g.putAttribute("kind", "distance");
      g.putAttribute("excluded", String.join(",", c.excluded()));
      g.putAttribute("excluded_reason", "probe activity that does not vary across samples (no metric is defined)");
      g.putDataset("distance", rect(c.distance(), c.items().size(), c.items().size()));
      g.putDataset("items", c.items().toArray(new String[0]));
    }
    WritableGroup embeddings = p.embeddings().isEmpty() ? null : h5.putGroup("embeddings");
    Map<String, WritableGroup> embeddingGroups = new LinkedHashMap<>();
    for (EmbeddingResult e : p.embeddings()) {
      WritableGroup g = embeddingGroups.computeIfAbsent(e.metric(), embeddings::putGroup).putGroup(e.scope());
      g.putAttribute("method", "classical-mds");
      g.putAttribute("dimensions", e.dimensions());
      g.putAttribute("stress", e.stress());
      g.putDataset("coordinates", rect(e.coordinates(), e.items().size(), e.dimensions()));
      g.putDataset("items", e.items().toArray(new String[0]));
    }
    WritableGroup separability = p.separability().isEmpty() ? null : h5.putGroup("separability");
    Map<String, WritableGroup> groups = new LinkedHashMap<>();
    for (SeparabilityTest t : p.separability()) {
      String key = t.metric() + "/" + t.scope() + "/" + t.grouping();
      WritableGroup parent = groups.computeIfAbsent(key, k -> {
        WritableGroup m = child(separability, t.metric());
        WritableGroup s = child(m, t.scope());
        return child(s, t.grouping());
      });
      WritableGroup g = parent.putGroup(t.levelA() + "_vs_" + t.levelB());
      g.putAttribute("level_a", t.levelA());
      g.putAttribute("level_b", t.levelB());
      g.putAttribute("n_a", t.countA());
      g.putAttribute("n_b", t.countB());
      g.putAttribute("folds", t.folds());
      g.putAttribute("permutations", t.permutations());
      g.putAttribute("classifier", t.classifier());
      g.putAttribute("accuracy_mds", t.accuracyMds());
      g.putAttribute("p_value_mds", t.pValueMds());
      g.putAttribute("accuracy_rows", t.accuracyRows());
      g.putAttribute("p_value_rows", t.pValueRows());
      if (t.permutations() > 0) {
        g.putDataset("null_mds", t.nullMds());
        g.putDataset("null_rows", t.nullRows());
      }
    }
  }

  private static WritableGroup child(WritableGroup parent, String name) {
    Node n = parent.getChild(name);
    return n instanceof WritableGroup w ? w : parent.putGroup(name);
  }

  private static double[][] rect(double[] flat, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, m[r], 0, cols);
    }
    return m;
  }

  private static String text(Node n, String name) {
    Attribute a = n.getAttribute(name);
    return a == null ? "" : String.valueOf(a.getData());
  }

  private static int integer(Node n, String name) {
    Attribute a = n.getAttribute(name);
    if (a == null) {
      throw new IllegalArgumentException("attribute '" + name + "' missing on " + n.getPath());
    }
    return ((Number) a.getData()).intValue();
  }
}
