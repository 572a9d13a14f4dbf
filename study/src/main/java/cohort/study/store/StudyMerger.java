package cohort.study.store;

import cohort.study.timing.PhaseTimes;
import cohort.io.Hdf5Schema;

import cohort.io.DeferredCopy;
import cohort.io.Hdf5Files;

import cohort.io.CohortVersion;
import cohort.analysis.topology.TopologySignature;
import cohort.study.population.PairwiseEngine;
import cohort.study.population.PopulationAnalysis;
import cohort.study.population.PopulationItem;
import cohort.study.population.PopulationResults;
import cohort.study.population.PopulationResults.Comparison;
import cohort.study.population.PopulationResults.EmbeddingResult;
import cohort.study.population.PopulationResults.SeparabilityTest;
import cohort.study.findings.Evidence;
import cohort.study.findings.Finding;
import cohort.study.findings.FindingsTable;
import cohort.study.findings.Replication;
import cohort.study.findings.Replications;
import cohort.study.json.Json;
import cohort.study.progress.Notices;
import cohort.study.progress.PhaseProgress;
import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.StudySpec;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consolidates a study directory into {@code DIR/study.h5}: every run file under {@code /runs/<run-id>/}, and the
 * population results (computed by {@link PopulationAnalysis} from the runs' probe activations) under
 * {@code /comparisons}, {@code /embeddings} and {@code /separability}, each group with its provenance (the spec,
 * Cohort's version, the options that produced it). The file is rewritten whole each time (and replaced
 * atomically), so it always reflects the run files present.
 *
 * <p>Every run file is read whole before anything is written, so a damaged one is named in one line (and either
 * refused or, when asked, left out with a warning) instead of failing halfway. A study with runs still missing
 * (a shard, a study still running elsewhere) is marked incomplete ({@code complete = 0}, {@code runs_missing}) and
 * gets no population comparisons unless they are asked for: comparisons over part of a population would be
 * mistaken for the study's. Comparisons whose inputs and options have not changed since the last consolidation are
 * taken from the old {@code study.h5} instead of being computed again, and a consolidation whose inputs have not
 * changed at all leaves {@code study.h5} as it is.
 *
 * <p>Consolidations of one study take turns (an OS file lock on {@link StudyDirectory#mergeLock()}, and one at a
 * time within a process), and each lists the run files once it holds the lock: two processes that finish the last
 * runs of a study at the same moment both consolidate, and the later one, which sees every run, writes last, so an
 * earlier consolidation that saw fewer runs never replaces a complete {@code study.h5}.
 */
public final class StudyMerger {

  /** The value of the root {@code format} attribute of {@code study.h5}. */
  public static final String FORMAT = Hdf5Schema.STUDY_FORMAT;

  private final StudyDirectory directory;
  private final PairwiseEngine pairs;
  private final PhaseProgress progress;
  private final Notices notices;

  /** A merger that reports nothing (tests, library use). */
  public StudyMerger(StudyDirectory directory, int threads) {
    this(directory, threads, new PhaseProgress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
        false, System::nanoTime), Notices.NONE);
  }

  /**
   * @param progress where the phases report (reading run files, each distance matrix)
   * @param notices one-line warnings (damaged files left out, an incomplete study)
   */
  public StudyMerger(StudyDirectory directory, int threads, PhaseProgress progress, Notices notices) {
    this(directory, PairwiseEngine.local(threads), progress, notices);
  }

  /**
   * @param pairs where the distance matrices are computed (this machine's threads, or a cluster's executors)
   * @param progress where the phases report (reading run files, each distance matrix)
   * @param notices one-line warnings (damaged files left out, an incomplete study)
   */
  public StudyMerger(StudyDirectory directory, PairwiseEngine pairs, PhaseProgress progress, Notices notices) {
    this.directory = directory;
    this.pairs = java.util.Objects.requireNonNull(pairs, "pairs");
    this.progress = progress;
    this.notices = notices;
  }

  /** When to compute the population comparisons. */
  public enum Comparisons {
    /** Only when every run of the spec has a sound run file ({@code cohort run}, {@code cohort merge}). */
    WHEN_COMPLETE,
    /** Always, over the runs present, marking the file when they are not all ({@code cohort analyze}). */
    ALWAYS
  }

  /**
   * How to consolidate.
   *
   * @param comparisons when to compute the population comparisons
   * @param skipDamaged leave damaged run files out (with a warning) instead of refusing to merge
   */
  public record Options(Comparisons comparisons, boolean skipDamaged) {
    /** What {@code cohort run} and {@code cohort merge} do by default. */
    public static Options defaults() {
      return new Options(Comparisons.WHEN_COMPLETE, false);
    }
  }

  /**
   * What a merge found and computed.
   *
   * @param runs run files merged
   * @param expected runs the spec has
   * @param missing runs of the spec with no sound run file
   * @param damaged run files left out because they are damaged
   * @param comparisons distance matrices in the file ({@code reused} of them taken from the old file)
   * @param upToDate whether {@code study.h5} was already up to date and left as it was
   */
  public record Summary(int runs, int completed, int failed, int expected, List<String> missing,
      List<String> damaged, int comparisons, int reused, boolean comparisonsSkipped, boolean upToDate) {
    public Summary {
      missing = List.copyOf(missing);
      damaged = List.copyOf(damaged);
    }

    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /** Consolidates with {@link Options#defaults()}. */
  public Summary merge(StudySpec spec) {
    return merge(spec, Options.defaults());
  }

  /** One consolidation at a time in this process (an OS file lock is held per process, not per thread). */
  private static final Object MERGING = new Object();

  /**
   * Reads every run file, computes the population results and writes {@code study.h5}, holding the study's merge
   * lock throughout (see the class comment).
   */
  public Summary merge(StudySpec spec, Options options) {
    synchronized (MERGING) {
      try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(directory.mergeLock(),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock lock = channel.lock()) {
        return mergeHoldingTheLock(spec, options);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot consolidate " + directory.root() + ": its merge lock "
            + directory.mergeLock() + " cannot be taken (" + cohort.io.OutputPaths.reason(e) + ")");
      }
    }
  }

  private Summary mergeHoldingTheLock(StudySpec spec, Options options) {
    List<String> ids = directory.finishedRunIds();
    List<String> expected = new ArrayList<>();
    for (RunSpec r : Grid.expand(spec)) {
      expected.add(r.id());
    }
    // 1. Read every run file whole: a damaged one is named before anything is written.
    List<String> sound = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    List<PopulationItem> items = new ArrayList<>();
    List<Evidence.RunEvidence> evidence = new ArrayList<>();
    int failed = 0;
    PhaseTimes.Span readingTime = PhaseTimes.GLOBAL.process("consolidation > reading run files");
    PhaseProgress.Counter reading = progress.counter("reading run files", ids.size(), "files");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      Path file = directory.runFile(id);
      try {
        Hdf5Files.verify(file, "run file");
        try (HdfFile run = new HdfFile(file)) {
          if (!RunFile.FORMAT.equals(text(run, "format"))) {
            throw new IllegalArgumentException("run file " + file + " is not a Cohort run file (format '"
                + text(run, "format") + "')");
          }
          if ("failed".equals(text(run, "status"))) {
            failed++;
          } else {
            items.addAll(items(id, run));
          }
          evidence.add(evidence(id, run));
        }
        sound.add(id);
      } catch (RuntimeException e) {
        IllegalArgumentException named = Hdf5Files.damaged(file, "run file", e);
        if (!options.skipDamaged()) {
          throw new IllegalArgumentException(named.getMessage() + "; 'cohort run SPEC --out " + directory.root()
              + "' moves it aside and trains the run again, or 'cohort merge --skip-damaged' leaves it out");
        }
        notices.say("left out: " + named.getMessage());
        damaged.add(id);
      }
      reading.step(i + 1);
    }
    List<String> missing = new ArrayList<>();
    java.util.Set<String> present = new java.util.HashSet<>(sound);
    for (String id : expected) {
      if (!present.contains(id)) {
        missing.add(id);
      }
    }
    readingTime.close();
    boolean complete = missing.isEmpty();
    boolean compute = complete || options.comparisons() == Comparisons.ALWAYS;
    String digest = digest(spec, sound, compute);
    Path studyFile = directory.studyFile();
    Map<String, double[]> earlier = new LinkedHashMap<>();
    if (Files.isRegularFile(studyFile)) {
      try (HdfFile old = Hdf5Files.open(studyFile, "study file")) {
        if (digest.equals(text(old, "inputs_digest"))) {
          return summary(old, sound.size(), sound.size() - failed, failed, expected.size(), missing, damaged,
              !compute, true);
        }
        earlier = earlierComparisons(old);
      } catch (RuntimeException e) {
        notices.say("the old " + studyFile + " cannot be read (" + e.getMessage() + "); it is rebuilt whole");
      }
    }
    // 2. The population comparisons, only over a complete study unless asked.
    PopulationResults population;
    if (compute) {
      population = new PopulationAnalysis(spec.comparisons(), spec.seed(), pairs, progress, earlier)
          .compute(items);
    } else {
      population = new PopulationResults(List.of(), List.of(), List.of());
    }
    Replication.Results results = new Replication.Results(List.of(), List.of());
    if (compute && !spec.replication().isEmpty()) {
      List<Evidence.Distances> distances = new ArrayList<>();
      for (Comparison c : population.comparisons()) {
        distances.add(new Evidence.Distances(c.metric(), c.scope(), c.items(), c.distance()));
      }
      // the findings' statistics (permutation nulls, cross-validated classifiers) can take a minute: say so
      PhaseProgress.Counter findings = progress.counter("findings of " + spec.replication(), 1, "replications");
      results = Replications.get(spec.replication()).results(new Evidence(evidence, distances, spec.seed()));
      findings.step(1);
    }
    final Replication.Results computedFindings = results;
    // The activations (the bulk of the heap until now) and the runs' evidence have served: let them go before
    // study.h5 is built.
    items.clear();
    evidence.clear();
    earlier = null;
    int reused = 0;
    for (Comparison c : population.comparisons()) {
      reused += c.reused() ? 1 : 0;
    }
    // 3. Write study.h5 whole.
    final int failedRuns = failed;
    final int completed = sound.size() - failed;
    String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Provenance provenance = new Provenance(spec.canonicalJson(), CohortVersion.version(), created);
    PhaseTimes.Span writingTime = PhaseTimes.GLOBAL.process("consolidation > writing " + studyFile.getFileName());
    PhaseProgress.Counter writing = progress.counter("writing " + studyFile.getFileName(), sound.size(), "runs");
    // The runs' datasets are not held in the tree jhdf builds: each is read from its run file when study.h5 is
    // written (at close), one run file at a time, so the heap holds one run's arrays instead of the whole file's.
    try (DeferredCopy copies = new DeferredCopy(opened -> writing.step(opened - 1))) {
      Hdf5Files.writeAtomically(studyFile, h5 -> {
        h5.putAttribute("format", FORMAT);
        h5.putAttribute("study", spec.name());
        h5.putAttribute("spec", spec.canonicalJson());
        h5.putAttribute("cohort_version", CohortVersion.version());
        h5.putAttribute("java_version", System.getProperty("java.version"));
        h5.putAttribute("os_arch", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        h5.putAttribute("created", created);
        h5.putAttribute("runs_total", sound.size());
        h5.putAttribute("runs_completed", completed);
        h5.putAttribute("runs_failed", failedRuns);
        h5.putAttribute("runs_expected", expected.size());
        h5.putAttribute("runs_missing", missing.size());
        h5.putAttribute("complete", complete ? 1 : 0);
        if (!complete) {
          h5.putAttribute("incomplete", missing.size() + " of the spec's " + expected.size() + " runs have no run file"
              + (compute ? "; the population comparisons were computed over the runs present, as asked"
                  : "; no population comparisons (they are computed once every run is done, or by 'cohort analyze')"));
        }
        if (!damaged.isEmpty()) {
          h5.putAttribute("runs_damaged", String.join(",", damaged));
        }
        h5.putAttribute("comparisons_computed", compute ? 1 : 0);
        h5.putAttribute("inputs_digest", digest);
        WritableGroup runs = h5.putGroup(Hdf5Schema.Study.RUNS);
        for (String id : sound) {
          Path file = directory.runFile(id);
          try (HdfFile run = new HdfFile(file)) {
            copies.copyGroup(file, run, runs.putGroup(id));
          }
        }
        writePopulation(h5, population, provenance);
        writeFindings(h5, computedFindings.findings(), provenance);
        writeTables(h5, computedFindings.tables(), provenance);
      });
    }
    writing.step(sound.size());
    writingTime.close();
    return new Summary(sound.size(), completed, failedRuns, expected.size(), missing, damaged,
        population.comparisons().size(), reused, !compute, false);
  }

  private static Summary summary(HdfFile old, int runs, int completed, int failed, int expected,
      List<String> missing, List<String> damaged, boolean skipped, boolean upToDate) {
    int comparisons = 0;
    if (old.getChild(Hdf5Schema.Study.COMPARISONS) instanceof Group c) {
      for (Node metric : c.getChildren().values()) {
        if (metric instanceof Group m) {
          comparisons += m.getChildren().size();
        }
      }
    }
    return new Summary(runs, completed, failed, expected, missing, damaged, comparisons, comparisons, skipped,
        upToDate);
  }

  /**
   * A digest of everything a consolidation depends on: the spec, the format, whether comparisons are computed, and
   * each run file's name, size and modification time (run files are written once and never changed in place).
   */
  private String digest(StudySpec spec, List<String> ids, boolean compute) {
    StringBuilder sb = new StringBuilder(FORMAT).append('\n').append(CohortVersion.version()).append('\n')
        .append(spec.canonicalJson()).append('\n').append(compute).append('\n');
    for (String id : ids) {
      Path f = directory.runFile(id);
      try {
        sb.append(id).append(' ').append(Files.size(f)).append(' ')
            .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : h) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The distance matrices of an earlier {@code study.h5}, by fingerprint. */
  private static Map<String, double[]> earlierComparisons(HdfFile old) {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (!(old.getChild(Hdf5Schema.Study.COMPARISONS) instanceof Group comparisons)) {
      return out;
    }
    for (Node metric : comparisons.getChildren().values()) {
      if (!(metric instanceof Group m)) {
        continue;
      }
      for (Node scope : m.getChildren().values()) {
        if (scope instanceof Group g && g.getAttribute("fingerprint") != null
            && g.getChild(Hdf5Schema.Study.DISTANCE) instanceof Dataset d && d.getData() instanceof double[][] rows) {
          double[] flat = new double[rows.length * rows.length];
          for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows.length, rows.length);
          }
          out.put(text(g, "fingerprint"), flat);
        }
      }
    }
    return out;
  }

  /** The provenance every population group carries. */
  private record Provenance(String spec, String version, String created) {
    void on(WritableGroup g, String options) {
      g.putAttribute("spec", spec);
      g.putAttribute("cohort_version", version);
      g.putAttribute("created", created);
      g.putAttribute("options", options);
    }
  }

  /** {@code /findings/NAME}: the replicated claims (see {@link Finding} and {@code Hdf5Schema.Findings}). */
  private static void writeFindings(WritableGroup h5, List<Finding> findings, Provenance provenance) {
    if (findings.isEmpty()) {
      return;
    }
    WritableGroup group = h5.putGroup(Hdf5Schema.Findings.GROUP);
    int order = 0;
    for (Finding f : findings) {
      WritableGroup g = group.putGroup(f.name());
      provenance.on(g, Json.write(Map.of("replication", f.source())));
      f.attributes(order++).forEach(g::putAttribute);
      g.putDataset("value", new double[] {f.value()}); // a group never without children (jhdf 0.9.4)
    }
  }

  /** {@code /findings_tables/NAME}: the tables the findings are checked on (see {@link FindingsTable}). */
  private static void writeTables(WritableGroup h5, List<FindingsTable> tables, Provenance provenance) {
    List<FindingsTable> kept = tables.stream().filter(t -> t.rows() > 0).toList();
    if (kept.isEmpty()) {
      return; // jhdf 0.9.4 writes neither an empty group nor a zero-length dataset
    }
    WritableGroup group = h5.putGroup(Hdf5Schema.FindingsTables.GROUP);
    int order = 0;
    for (FindingsTable t : kept) {
      WritableGroup g = group.putGroup(t.name());
      provenance.on(g, Json.write(Map.of("table", t.name())));
      g.putAttribute(Hdf5Schema.FindingsTables.TITLE, t.title());
      g.putAttribute(Hdf5Schema.FindingsTables.CAPTION, t.caption());
      g.putAttribute(Hdf5Schema.FindingsTables.COLUMNS,
          t.columns().stream().map(FindingsTable.Column::name).toArray(String[]::new));
      g.putAttribute(Hdf5Schema.FindingsTables.HEADINGS,
          t.columns().stream().map(FindingsTable.Column::heading).toArray(String[]::new));
      g.putAttribute(Hdf5Schema.FindingsTables.SHOWN,
          t.columns().stream().mapToInt(c -> c.shown() ? 1 : 0).toArray());
      g.putAttribute(Hdf5Schema.FindingsTables.ORDER, order++);
      for (FindingsTable.Column c : t.columns()) {
        if (c.text() != null) {
          g.putDataset(c.name(), c.text());
        } else {
          g.putDataset(c.name(), c.numbers());
        }
      }
    }
  }

  /** What a replication needs of one run file: its labels, verdict on its task, and its task measures. */
  static Evidence.RunEvidence evidence(String id, HdfFile run) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("task", text(run, "task"));
    labels.put("task_name", text(run, "task_name"));
    labels.put("architecture", text(run, "architecture"));
    labels.put("activation", text(run, "activation"));
    labels.put("units", run.getAttribute("units") == null ? "" : String.valueOf(integer(run, "units")));
    labels.put("init", text(run, "init"));
    Node weights = run.getChild(Hdf5Schema.Weights.GROUP);
    labels.put("dale", weights == null ? "" : compact(weights, Hdf5Schema.Weights.EXCITATORY_FRACTION));
    labels.put("alpha", weights == null ? "" : compact(weights, Hdf5Schema.Weights.ALPHA));
    labels.put("dale_balance", text(run, "study_run").contains("\"dale_balance\":false") ? "false" : "true");
    boolean solved = run.getAttribute("solved") != null && ((Number) run.getAttribute("solved").getData()).intValue() == 1;
    double accuracy = run.getAttribute("final_accuracy") == null ? Double.NaN
        : ((Number) run.getAttribute("final_accuracy").getData()).doubleValue();
    Map<String, Evidence.Measure> measures = new LinkedHashMap<>();
    if (run.getChild(RunFile.MEASURES) instanceof Group g) {
      for (Node m : g.getChildren().values()) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        m.getAttributes().forEach((k, a) -> attributes.put(k, a.getData()));
        Map<String, double[]> datasets = new LinkedHashMap<>();
        if (m instanceof Group mg) {
          for (Node d : mg.getChildren().values()) {
            if (d instanceof Dataset ds && ds.getData() instanceof double[] values) {
              datasets.put(d.getName(), values);
            }
          }
        }
        measures.put(m.getName(), new Evidence.Measure(attributes, datasets));
      }
    }
    Evidence.Spectrum spectrum = null;
    if (run.getChild(Hdf5Schema.Spectrum.GROUP) instanceof Group sg
        && sg.getChild(Hdf5Schema.Spectrum.REAL) instanceof Dataset re
        && sg.getChild(Hdf5Schema.Spectrum.IMAG) instanceof Dataset im) {
      boolean before = sg.getChild(Hdf5Schema.Spectrum.UNTRAINED_REAL) instanceof Dataset
          && sg.getChild(Hdf5Schema.Spectrum.UNTRAINED_IMAG) instanceof Dataset;
      spectrum = new Evidence.Spectrum((double[]) re.getData(), (double[]) im.getData(),
          before ? (double[]) ((Dataset) sg.getChild(Hdf5Schema.Spectrum.UNTRAINED_REAL)).getData() : null,
          before ? (double[]) ((Dataset) sg.getChild(Hdf5Schema.Spectrum.UNTRAINED_IMAG)).getData() : null);
    }
    return new Evidence.RunEvidence(id, labels, text(run, "status"), solved, accuracy, measures, spectrum);
  }

  /** A numeric attribute as a label: integers without a decimal point ("0", "50"), others as Java prints them. */
  private static String compact(Node n, String name) {
    Attribute a = n.getAttribute(name);
    if (a == null || !(a.getData() instanceof Number v)) {
      return "";
    }
    double d = v.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * The trained (and, if stored, untrained) probe activations of one run file: the items that population
   * comparisons place, with ids {@code id} and {@code id:untrained}. Public so that an engine computing distance
   * matrices elsewhere reads its inputs with this very code.
   */
  public static List<PopulationItem> items(String id, HdfFile run) {
    List<PopulationItem> out = new ArrayList<>();
    Node a = run.getChild(Hdf5Schema.Activations.GROUP);
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
    out.add(new PopulationItem(id, trained, steps, trials, units,
        flatten((Dataset) g.getChild(Hdf5Schema.Activations.TRAINED)), topology(run)));
    if (g.getChild(Hdf5Schema.Activations.UNTRAINED) instanceof Dataset d) {
      Map<String, String> untrained = new LinkedHashMap<>(labels);
      untrained.put("trained", "untrained");
      out.add(new PopulationItem(id + ":untrained", untrained, steps, trials, units, flatten(d)));
    }
    return out;
  }

  /**
   * The topology signatures of a run's fixed points: one per analysed input ({@code /inputs/NAME/topology}, in the
   * order of the {@code names} attribute) or the single {@code /topology}; empty when there is none.
   */
  static List<TopologySignature> topology(HdfFile run) {
    List<TopologySignature> out = new ArrayList<>();
    if (run.getChild(RunFile.INPUTS) instanceof Group inputs && inputs.getAttribute("names") != null) {
      for (String name : (String[]) inputs.getAttribute("names").getData()) {
        if (inputs.getChild(name) instanceof Group g && g.getChild(Hdf5Schema.Topology.GROUP) instanceof Group t) {
          out.add(signature(t));
        }
      }
    } else if (run.getChild(Hdf5Schema.Topology.GROUP) instanceof Group t) {
      out.add(signature(t));
    }
    return out;
  }

  private static TopologySignature signature(Group t) {
    int[] census = (int[]) ((Dataset) t.getChild(Hdf5Schema.Topology.CLASS_COUNTS)).getData();
    double[] spectrum = t.getChild(Hdf5Schema.Topology.LAPLACIAN_SPECTRUM) instanceof Dataset d
        ? (double[]) d.getData() : new double[0];
    return new TopologySignature(census, spectrum);
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
  private static void writePopulation(WritableGroup h5, PopulationResults p, Provenance provenance) {
    if (p.comparisons().isEmpty()) {
      return;
    }
    WritableGroup comparisons = h5.putGroup(Hdf5Schema.Study.COMPARISONS);
    Map<String, WritableGroup> metricGroups = new LinkedHashMap<>();
    for (Comparison c : p.comparisons()) {
      WritableGroup g = metricGroups.computeIfAbsent(c.metric(), comparisons::putGroup).putGroup(c.scope());
      provenance.on(g, c.optionsJson());
      g.putAttribute("metric", c.metric());
      g.putAttribute("units", c.units());
      g.putAttribute("scope", c.scope());
      g.putAttribute("fingerprint", c.fingerprint());
      g.putAttribute("reused", c.reused() ? 1 : 0);
      g.putAttribute("kind", "distance");
      g.putAttribute("excluded", String.join(",", c.excluded()));
      g.putAttribute("excluded_reason", "probe activity that does not vary across samples (no metric is defined)");
      g.putDataset(Hdf5Schema.Study.DISTANCE, rect(c.distance(), c.items().size(), c.items().size()));
      g.putDataset(Hdf5Schema.Study.ITEMS, c.items().toArray(new String[0]));
    }
    WritableGroup embeddings = p.embeddings().isEmpty() ? null : h5.putGroup(Hdf5Schema.Study.EMBEDDINGS);
    Map<String, WritableGroup> embeddingGroups = new LinkedHashMap<>();
    for (EmbeddingResult e : p.embeddings()) {
      WritableGroup g = embeddingGroups.computeIfAbsent(e.metric(), embeddings::putGroup).putGroup(e.scope());
      provenance.on(g, Json.write(Map.of("method", "classical-mds", "dimensions", e.dimensions(),
          "source", "/comparisons/" + e.metric() + "/" + e.scope() + "/distance")));
      g.putAttribute("method", "classical-mds");
      g.putAttribute("dimensions", e.dimensions());
      g.putAttribute("stress", e.stress());
      g.putAttribute("kept_fraction", e.keptFraction());
      g.putAttribute("negative_mass", e.negativeMass());
      g.putAttribute("description", "coordinates: the eigenvectors of B = -1/2 J D^2 J of the k largest positive "
          + "eigenvalues, scaled by their square roots; kept_fraction = their sum over the sum of all positive "
          + "eigenvalues; negative_mass = sum |negative eigenvalues| / sum positive ones (0 for Euclidean "
          + "distances); eigenvalues: all of B's, descending");
      g.putDataset(Hdf5Schema.Study.EIGENVALUES, e.eigenvalues());
      g.putDataset(Hdf5Schema.Study.COORDINATES, rect(e.coordinates(), e.items().size(), e.dimensions()));
      g.putDataset(Hdf5Schema.Study.ITEMS, e.items().toArray(new String[0]));
    }
    WritableGroup separability = p.separability().isEmpty() ? null : h5.putGroup(Hdf5Schema.Study.SEPARABILITY);
    Map<String, WritableGroup> groups = new LinkedHashMap<>();
    for (SeparabilityTest t : p.separability()) {
      String key = t.metric() + "/" + t.scope() + "/" + t.grouping();
      WritableGroup parent = groups.computeIfAbsent(key, k -> {
        WritableGroup m = child(separability, t.metric());
        WritableGroup s = child(m, t.scope());
        return child(s, t.grouping());
      });
      WritableGroup g = parent.putGroup(t.levelA() + "_vs_" + t.levelB());
      provenance.on(g, t.optionsJson());
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
        g.putDataset(Hdf5Schema.Study.NULL_MDS, t.nullMds());
        g.putDataset(Hdf5Schema.Study.NULL_ROWS, t.nullRows());
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
