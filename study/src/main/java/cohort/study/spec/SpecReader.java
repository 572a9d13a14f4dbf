package cohort.study.spec;

import cohort.analysis.MetricInfo;
import cohort.analysis.MetricRegistry;
import cohort.analysis.similarity.Metric;
import cohort.models.Activation;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.study.json.Json;
import cohort.study.spec.StudySpec.AnalysisSpec;
import cohort.study.spec.StudySpec.ComparisonSpec;
import cohort.study.spec.StudySpec.Exclusion;
import cohort.study.spec.StudySpec.GridSpec;
import cohort.study.spec.StudySpec.InitChoice;
import cohort.study.spec.StudySpec.MetricChoice;
import cohort.study.spec.StudySpec.TaskChoice;
import cohort.study.spec.StudySpec.TrainingGrid;
import cohort.tasks.TaskRegistry;
import cohort.training.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a study spec (YAML 1.2, so JSON too) and checks it whole: unknown keys, wrong types and impossible
 * values are all collected, each as one line naming the key path, the value and what is accepted, and thrown
 * together as a {@link SpecException} before any work starts.
 *
 * <p>Every value of the {@code grid} and {@code training} sections may be a list, which sweeps it. The format,
 * with every key and its default, is documented in {@code presets/README.md}.
 */
public final class SpecReader {

  /** Optimizers the trainer offers. */
  public static final List<String> OPTIMIZERS = List.of("adam", "sgd", "rmsprop");
  /** Losses the trainer offers. */
  public static final List<String> LOSSES = List.of("mse", "ce");
  /** Run attributes that name groups of networks. */
  public static final List<String> GROUPINGS =
      List.of("task", "architecture", "activation", "units", "init", "trained");

  /**
   * What {@code training.target_accuracy} accepts, the meaning it shares with {@code cohort train
   * --target-accuracy}: a run stops at the first validation whose accuracy is at least A; 0 (the default) never
   * stops it.
   */
  static final String TARGET_ACCURACY =
      "a number A in (0, 1] to stop at the first validation whose accuracy is >= A (1 = stop at 100 %), "
          + "or 0 to never stop early";

  private final TaskRegistry tasks;
  private final MetricRegistry metrics;

  /** A reader for the tasks of {@code tasks} and Cohort's standard metrics. */
  public SpecReader(TaskRegistry tasks) {
    this(tasks, MetricRegistry.standard());
  }

  /** A reader for the tasks of {@code tasks} and the metrics of {@code metrics}. */
  public SpecReader(TaskRegistry tasks, MetricRegistry metrics) {
    this.tasks = java.util.Objects.requireNonNull(tasks, "tasks");
    this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
  }

  /** Reads and checks the spec file at {@code file}. */
  public StudySpec read(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("study spec " + file + ": no such file; accepted: a YAML or JSON spec such "
          + "as presets/smoke.yaml");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("study spec " + file + ": is a directory; accepted: a YAML or JSON spec "
          + "file such as presets/smoke.yaml");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IllegalArgumentException("study spec " + file + ": not a text file (not UTF-8); accepted: a YAML or "
          + "JSON spec");
    } catch (IOException e) {
      throw new IllegalArgumentException("study spec " + file + ": cannot be read ("
          + cohort.io.OutputPaths.reason(e) + ")");
    }
    return parse(text, file.toString());
  }

  /** Reads and checks a spec given as text; {@code source} names it in messages. */
  public StudySpec parse(String text, String source) {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false).build())
          .loadFromString(text);
    } catch (YamlEngineException e) {
      throw new SpecException(source, List.of("not valid YAML or JSON: " + describe(e)));
    }
    if (doc == null) {
      throw new SpecException(source, List.of("empty; accepted: a YAML or JSON mapping with at least 'study' and "
          + "'grid' (see presets/README.md)"));
    }
    if (!(doc instanceof Map<?, ?>)) {
      throw new SpecException(source, List.of("a " + (doc instanceof List<?> ? "list" : "single value")
          + " at the top level; accepted: a mapping with at least 'study' and 'grid' (see presets/README.md)"));
    }
    SpecProblems problems = new SpecProblems();
    SpecNode root = SpecNode.of("", doc, problems);
    String name = root.string("study", null);
    if (name == null && !root.has("study")) {
      problems.add("study: missing; accepted: a short name for the study, e.g. 'smoke'");
    } else if (name != null && !name.matches("[A-Za-z0-9_.-]+")) {
      problems.add("study", name, "letters, digits, '_', '-' and '.'");
    }
    long seed = root.integer("seed", 0, 0, Long.MAX_VALUE);
    String replication = root.string("replication", "");
    if (!replication.isEmpty() && !cohort.study.findings.Replications.names().contains(replication)) {
      problems.add("replication", replication, "one of " + String.join(", ",
          cohort.study.findings.Replications.names()) + " (the source work whose findings the study computes), or "
          + "none");
    }
    GridSpec grid = grid(root.child("grid"));
    TrainingGrid training = training(root.child("training"), grid);
    AnalysisSpec analysis = analysis(root.child("analysis"));
    ComparisonSpec comparisons = comparisons(root.child("comparisons"), seed);
    root.rejectUnknownKeys();
    problems.throwIfAny(source);

    StudySpec partial = new StudySpec(name, seed, grid, training, analysis, comparisons, replication, "");
    return new StudySpec(name, seed, grid, training, analysis, comparisons, replication,
        Json.write(toMap(partial)));
  }

  private GridSpec grid(SpecNode g) {
    List<TaskChoice> taskChoices = taskChoices(g);
    List<String> archs = g.stringList("architecture", null, CellRegistry.standard().names());
    if (!g.has("architecture")) {
      g.problems().add(g.path("architecture") + ": missing; accepted: one of "
          + String.join(", ", CellRegistry.standard().names()) + ", or a list of them");
    }
    List<String> acts = g.stringList("activation", "tanh", ids(Activation.values()));
    List<Integer> units = g.intList("units", 64, 1, cohort.models.NetworkSpec.MAX_HIDDEN);
    List<InitChoice> inits = inits(g);
    List<Double> dale = g.numberList("dale", 0.0, 0.0, 1.0);
    List<Integer> ranks = g.intList("rank", 0, 0, cohort.models.NetworkSpec.MAX_HIDDEN);
    List<Double> alphas = g.numberList("alpha", cohort.models.NetworkSpec.DEFAULT_ALPHA, 1e-6, 1.0);
    List<Double> noises = g.numberList("recurrent_noise", 0.0, 0.0, 10.0);
    int seeds = (int) g.integer("seeds", 1, 1, 100_000);
    List<Exclusion> exclude = exclusions(g, axisValues(new GridSpec(taskChoices, archs, acts, units, inits, dale,
        ranks, alphas, noises, seeds)));
    g.rejectUnknownKeys();
    for (int i = 0; i < dale.size(); i++) {
      if (dale.get(i) > 0 && dale.get(i) >= 1) {
        g.problems().add(g.path("dale"), dale.get(i),
            "0 (no Dale constraint) or the fraction of excitatory units, in (0, 1)");
      }
    }
    List<String> ranked = new ArrayList<>();
    for (String a : archs) {
      if (CellRegistry.standard().has(a) && CellRegistry.standard().parse(a).hasRank()) {
        ranked.add(a);
      }
    }
    if (!ranked.isEmpty() && ranks.contains(0)) {
      g.problems().add(g.path("rank"), 0, "a rank of at least 1 when the grid has " + String.join(", ", ranked)
          + " networks");
    }
    for (int u : units) {
      for (int r : ranks) {
        if (r > u) {
          g.problems().add(g.path("rank"), r, "at most the number of units (" + u + ")");
        }
      }
    }
    GridSpec spec = new GridSpec(taskChoices, archs, acts, units, inits, dale, ranks, alphas, noises, seeds,
        exclude);
    if (!exclude.isEmpty() && Grid.cells(spec) == 0) {
      g.problems().add(g.path("exclude") + ": leaves out every run of the grid; accepted: exclusions that keep at "
          + "least one");
    }
    return spec;
  }

  /**
   * The values each axis an {@link Exclusion} may name takes in {@code g}, spelled as run ids spell them (an init
   * both by its kind and by its label).
   */
  private static Map<String, List<String>> axisValues(GridSpec g) {
    List<String> taskLabels = new ArrayList<>();
    g.tasks().forEach(t -> taskLabels.add(t.label()));
    List<String> unitValues = new ArrayList<>();
    g.units().forEach(u -> unitValues.add(Integer.toString(u)));
    List<String> initValues = new ArrayList<>();
    g.inits().forEach(i -> {
      for (String v : List.of(i.kind(), Grid.initLabel(i))) {
        if (!initValues.contains(v)) {
          initValues.add(v);
        }
      }
    });
    List<String> daleValues = new ArrayList<>();
    g.excitatoryFractions().forEach(d -> daleValues.add(Grid.num(d)));
    return Map.of("task", taskLabels, "architecture", g.architectures(), "activation", g.activations(), "units",
        unitValues, "init", initValues, "dale", daleValues);
  }

  /** What a set of cells is written as, in {@code grid.exclude} and in {@code training.overrides[i].when}. */
  private static final String CELLS = "a mapping {AXIS: value or [values]}, AXIS one of "
      + String.join(", ", Exclusion.AXES) + ", e.g. {architecture: lstm, activation: relu}";

  /**
   * {@code grid.exclude}: a list of mappings from grid axes ({@link Exclusion#AXES}) to a value or a list of values
   * of that axis, as the grid lists them; a run matching every axis of one mapping is left out.
   */
  private static List<Exclusion> exclusions(SpecNode g, Map<String, List<String>> axisValues) {
    List<Exclusion> out = new ArrayList<>();
    if (!g.has("exclude")) {
      return out;
    }
    List<Object> items = g.items("exclude", null);
    for (int i = 0; i < items.size(); i++) {
      Exclusion cells = cells(g.problems(), g.path("exclude") + "[" + i + "]", items.get(i), axisValues);
      if (cells != null) {
        out.add(cells);
      }
    }
    return out;
  }

  /**
   * A set of cells written as {@link #CELLS} at {@code at}: each axis one of {@link Exclusion#AXES}, each value one
   * the grid lists; null (with the problems recorded) when it is not such a mapping, so that no check of what the
   * cells match adds a second message about the same mistake.
   */
  private static Exclusion cells(SpecProblems problems, String at, Object item, Map<String, List<String>> axisValues) {
    if (!(item instanceof Map<?, ?> m) || m.isEmpty()) {
      problems.add(at, item, CELLS);
      return null;
    }
    int known = problems.lines().size();
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String axis = String.valueOf(e.getKey());
      if (!Exclusion.AXES.contains(axis)) {
        problems.add(at + "." + axis + ": unknown axis; accepted: " + String.join(", ", Exclusion.AXES));
        continue;
      }
      List<String> listed = new ArrayList<>();
      for (Object v : e.getValue() instanceof List<?> l ? l : List.of(e.getValue() == null ? "" : e.getValue())) {
        String text = v instanceof Number n ? (axis.equals("units") && n.doubleValue() == Math.rint(n.doubleValue())
            ? Long.toString(n.longValue()) : Grid.num(n.doubleValue())) : String.valueOf(v);
        if (!axisValues.get(axis).contains(text)) {
          problems.add(at + "." + axis, v, "a value of grid." + axis + " ("
              + String.join(", ", axisValues.get(axis)) + ")");
        } else {
          listed.add(text);
        }
      }
      values.put(axis, listed);
    }
    return problems.lines().size() > known ? null : new Exclusion(values);
  }

  private List<TaskChoice> taskChoices(SpecNode g) {
    String path = g.path("task");
    List<Object> items = g.items("task", null);
    if (items.isEmpty() && !g.has("task")) {
      g.problems().add(path + ": missing; accepted: a task name (" + String.join(", ", tasks.names())
          + "), a mapping {NAME: {param: value}}, or a list of them");
    }
    List<TaskChoice> out = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Object item : items) {
      Named named = Named.of(item);
      if (named == null) {
        g.problems().add(path, item, "a task name or a mapping {NAME: {param: value}}");
        continue;
      }
      String name = named.name();
      Map<String, String> params = new LinkedHashMap<>();
      if (named.settings() instanceof Map<?, ?> pm) {
        pm.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
      } else if (named.settings() != null) {
        g.problems().add(path + "." + name, named.settings(), "a mapping of task parameters, e.g. {bits: 3}");
      }
      Map<String, Object> typed = new LinkedHashMap<>();
      try {
        cohort.tasks.TaskParameters all = tasks.create(name, params).parameters();
        for (String key : params.keySet()) {
          typed.put(key, all.get(key));
        }
      } catch (IllegalArgumentException e) {
        g.problems().add(path + "." + name + ": " + e.getMessage());
        continue;
      }
      counts.merge(name, 1, Integer::sum);
      out.add(new TaskChoice(name, name, params, typed));
    }
    // A task listed twice (with different parameters) gets numbered labels so run ids stay unique.
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<TaskChoice> labelled = new ArrayList<>();
    for (TaskChoice t : out) {
      if (counts.get(t.name()) > 1) {
        int k = seen.merge(t.name(), 1, Integer::sum);
        labelled.add(new TaskChoice(t.name() + k, t.name(), t.params(), t.typedParams()));
      } else {
        labelled.add(t);
      }
    }
    return labelled;
  }

  private List<InitChoice> inits(SpecNode g) {
    List<Object> items = g.items("init", "normal");
    List<InitChoice> out = new ArrayList<>();
    List<String> kinds = ids(InitKind.values());
    for (Object item : items) {
      if (item instanceof String s) {
        if (kinds.contains(s)) {
          out.add(new InitChoice(s, 1.0));
        } else {
          g.problems().add(g.path("init"), s, "one of " + String.join(", ", kinds));
        }
      } else if (item instanceof Map<?, ?>) {
        SpecNode n = SpecNode.of(g.path("init"), item, g.problems());
        String kind = n.string("kind", null);
        double gain = n.number("gain", 1.0, 0.0, 100.0);
        boolean balance = n.bool("dale_balance", true);
        String input = n.string("input", null);
        n.rejectUnknownKeys();
        boolean inputKnown = input == null || kinds.contains(input);
        if (!inputKnown) {
          g.problems().add(g.path("init.input"), input, "one of " + String.join(", ", kinds)
              + " (the input weights' initialiser; leave it out for the default)");
        }
        if (kind == null || !kinds.contains(kind)) {
          g.problems().add(g.path("init.kind"), kind, "one of " + String.join(", ", kinds));
        } else if (inputKnown) {
          out.add(new InitChoice(kind, gain, balance, input));
        }
      } else {
        g.problems().add(g.path("init"), item,
            "an initialiser name or {kind: NAME, gain: G, dale_balance: B, input: NAME}");
      }
    }
    return out;
  }

  /** The bounds of the training keys, for the section's values and its overrides' alike. */
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int MAX_BATCH = 65_536;
  private static final double MIN_LR = 1e-12;
  private static final double MAX_LR = 10.0;
  private static final double MAX_CLIP = 1e6;
  private static final double MAX_L2 = 10.0;
  private static final int MAX_VALIDATE_EVERY = 10_000_000;
  private static final int MAX_VALIDATION_BATCHES = 1000;
  private static final double MIN_LR_DECAY = 1e-6;
  private static final int MAX_ROLLBACKS = 1000;

  /** What {@code lr_decay} accepts. */
  private static final String LR_DECAY =
      "the learning rate at the last iteration as a fraction of lr, in (0, 1] (an exponential decay; 1 = constant)";

  /**
   * Every training default comes from {@link TrainingSpec#defaults()}, as on {@code cohort train}; {@code
   * overrides} ({@link StudySpec.TrainingOverride}) are checked against the cells of {@code grid}.
   */
  private TrainingGrid training(SpecNode t, GridSpec grid) {
    TrainingSpec d = TrainingSpec.defaults();
    TrainingGrid section = new TrainingGrid(
        t.intList("iterations", d.iterations(), 1, MAX_ITERATIONS),
        t.intList("batch", d.batch(), 1, MAX_BATCH),
        t.numberList("lr", d.learningRate(), MIN_LR, MAX_LR),
        t.stringList("optimizer", d.optimizer().id(), OPTIMIZERS),
        t.numberList("clip", d.clipNorm(), 0.0, MAX_CLIP),
        t.numberList("weight_l2", d.weightL2(), 0.0, MAX_L2),
        t.numberList("rate_l2", d.rateL2(), 0.0, MAX_L2),
        t.stringList("loss", d.loss().id(), LOSSES),
        t.number("target_accuracy", d.targetAccuracy(), 0.0, 1.0, TARGET_ACCURACY),
        (int) t.integer("validate_every", d.validateEvery(), 1, MAX_VALIDATE_EVERY),
        (int) t.integer("validation_batches", d.validationBatches(), 1, MAX_VALIDATION_BATCHES),
        t.number("lr_decay", 1.0, MIN_LR_DECAY, 1.0, LR_DECAY),
        (int) t.integer("rollbacks", 0, 0, MAX_ROLLBACKS),
        List.of());
    List<StudySpec.TrainingOverride> overrides = overrides(t, section, grid);
    t.rejectUnknownKeys();
    return section.withOverrides(overrides);
  }

  /**
   * {@code training.overrides}: a list of mappings, each {@code when} (the cells, as {@link #CELLS}) and one or more
   * training keys with a single value, within the same bounds as the section's. A key the section sweeps (a list)
   * cannot be overridden, since the sweep's cells would then train alike under different ids; an entry whose cells
   * the grid does not have (all excluded) is a problem too.
   */
  private static List<StudySpec.TrainingOverride> overrides(SpecNode t, TrainingGrid section, GridSpec grid) {
    List<StudySpec.TrainingOverride> out = new ArrayList<>();
    if (!t.has("overrides")) {
      return out;
    }
    Map<String, List<?>> swept = Map.of("iterations", section.iterations(), "batch", section.batch(), "lr",
        section.learningRate(), "optimizer", section.optimizer(), "clip", section.clip(), "weight_l2",
        section.weightL2(), "rate_l2", section.rateL2(), "loss", section.loss());
    Map<String, List<String>> axisValues = axisValues(grid);
    List<Object> items = t.items("overrides", null);
    for (int i = 0; i < items.size(); i++) {
      String at = t.path("overrides") + "[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?>)) {
        t.problems().add(at, items.get(i), "a mapping {when: {AXIS: value}, KEY: value, ...}, KEY a training key, "
            + "e.g. {when: {architecture: vanilla, activation: relu}, lr: 0.001}");
        continue;
      }
      SpecNode n = SpecNode.of(at, items.get(i), t.problems());
      Exclusion when = n.has("when") ? cells(t.problems(), n.path("when"), n.raw("when"), axisValues) : null;
      if (!n.has("when")) {
        t.problems().add(n.path("when") + ": missing; accepted: " + CELLS);
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (String key : TRAINING_KEYS) {
        if (!n.has(key)) {
          n.raw(key); // known here, so that an unknown key's message lists it among the accepted ones
          continue;
        }
        Object value = switch (key) {
          case "iterations" -> (int) n.integer(key, 1, 1, MAX_ITERATIONS);
          case "batch" -> (int) n.integer(key, 1, 1, MAX_BATCH);
          case "lr" -> n.number(key, 1, MIN_LR, MAX_LR);
          case "optimizer" -> oneOf(n, key, OPTIMIZERS);
          case "clip" -> n.number(key, 0, 0.0, MAX_CLIP);
          case "weight_l2", "rate_l2" -> n.number(key, 0, 0.0, MAX_L2);
          case "loss" -> oneOf(n, key, LOSSES);
          case "target_accuracy" -> n.number(key, 0, 0.0, 1.0, TARGET_ACCURACY);
          case "validate_every" -> (int) n.integer(key, 1, 1, MAX_VALIDATE_EVERY);
          case "validation_batches" -> (int) n.integer(key, 1, 1, MAX_VALIDATION_BATCHES);
          case "lr_decay" -> n.number(key, 1, MIN_LR_DECAY, 1.0, LR_DECAY);
          case "rollbacks" -> (int) n.integer(key, 0, 0, MAX_ROLLBACKS);
          default -> throw new IllegalStateException(key);
        };
        if (swept.containsKey(key) && swept.get(key).size() > 1) {
          t.problems().add(n.path(key) + ": training." + key + " is swept (a list), so an override cannot set it; "
              + "accepted: keys the section gives one value");
        }
        values.put(key, value);
      }
      n.rejectUnknownKeys();
      if (values.isEmpty()) {
        t.problems().add(at + ": sets no training key; accepted: one or more of " + String.join(", ", TRAINING_KEYS)
            + " beside 'when'");
      }
      if (when != null) {
        if (!Grid.matchesSomeCell(grid, when)) {
          t.problems().add(n.path("when") + ": matches no cell the grid trains (every match is excluded); accepted: "
              + "axis values of cells the grid keeps");
        }
        out.add(new StudySpec.TrainingOverride(when, values));
      }
    }
    return out;
  }

  /** A single text of {@code accepted} at {@code key} (a list, or another text, is a problem). */
  private static String oneOf(SpecNode n, String key, List<String> accepted) {
    String v = n.string(key, accepted.get(0));
    if (!accepted.contains(v)) {
      n.problems().add(n.path(key), v, "one of " + String.join(", ", accepted));
      return accepted.get(0);
    }
    return v;
  }

  private AnalysisSpec analysis(SpecNode a) {
    AnalysisSpec spec = new AnalysisSpec(
        a.bool("untrained", false),
        a.bool("fixed_points", true),
        (int) a.integer("initial_states", AnalysisSpec.DEFAULT_INITIAL_STATES, 1, 1_000_000),
        a.number("start_noise", AnalysisSpec.DEFAULT_START_NOISE, 0.0, 100.0),
        a.bool("spectrum", true),
        a.bool("topology", true),
        (int) a.integer("probe_trials", 32, 0, 100_000),
        (int) a.integer("input_levels", 0, 0, 100_000),
        success(a));
    a.rejectUnknownKeys();
    return spec;
  }

  /**
   * {@code analysis.success}: one number in (0, 1] for every task, or a mapping from task labels to numbers (with
   * an optional {@code default}).
   */
  private static Map<String, Double> success(SpecNode a) {
    Map<String, Double> out = new LinkedHashMap<>();
    Object raw = a.raw("success");
    String accepted = "a validation accuracy in (0, 1] (the fraction of trials solved at which a network counts as "
        + "solving its task), or a mapping {TASK-LABEL: accuracy, default: accuracy}";
    if (raw == null) {
      return out;
    }
    if (raw instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
      out.put("", n.doubleValue());
    } else if (raw instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
          out.put("default".equals(String.valueOf(e.getKey())) ? "" : String.valueOf(e.getKey()), n.doubleValue());
        } else {
          a.problems().add(a.path("success") + "." + e.getKey(), e.getValue(), accepted);
        }
      }
    } else {
      a.problems().add(a.path("success"), raw, accepted);
    }
    return out;
  }

  private ComparisonSpec comparisons(SpecNode c, long seed) {
    ComparisonSpec spec = new ComparisonSpec(
        metricChoices(c, seed),
        (int) c.integer("mds_dimensions", 2, 1, 10),
        c.has("separability") ? c.stringList("separability", null, GROUPINGS) : List.of(),
        (int) c.integer("permutations", 200, 0, 1_000_000));
    c.rejectUnknownKeys();
    return spec;
  }

  /**
   * {@code comparisons.metrics}: names of the metric registry, or {@code {NAME: {option: value}}} mappings, each
   * metric once; an option named {@code seed} that the spec leaves out takes the study seed.
   */
  private List<MetricChoice> metricChoices(SpecNode c, long seed) {
    String path = c.path("metrics");
    String accepted = "one of " + String.join(", ", metrics.names()) + ", or {NAME: {option: value}}";
    List<MetricChoice> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Object item : c.items("metrics", "cka")) {
      Named named = Named.of(item);
      if (named == null) {
        c.problems().add(path, item, accepted);
        continue;
      }
      String name = named.name();
      Map<String, Object> given = new LinkedHashMap<>();
      if (named.settings() instanceof Map<?, ?> options) {
        options.forEach((k, v) -> given.put(String.valueOf(k), v));
      } else if (named.settings() != null) {
        c.problems().add(path + "." + name, named.settings(),
            "a mapping of metric options, e.g. {keep_variance: 0.95}");
        continue;
      }
      if (!metrics.has(name)) {
        c.problems().add(path, name, accepted);
        continue;
      }
      if (!seen.add(name)) {
        c.problems().add(path, name, "each metric once (its options in one {NAME: {option: value}})");
        continue;
      }
      MetricInfo info = metrics.info(name);
      Map<String, Object> withSeed = new LinkedHashMap<>(given);
      if (info.option("seed") != null && !given.containsKey("seed")) {
        withSeed.put("seed", seed);
      }
      try {
        Metric<?, ?> metric = info.create(withSeed);
        Map<String, Object> described = MetricInfo.describe(metric);
        Map<String, Object> canonical = new LinkedHashMap<>();
        for (String key : given.keySet()) {
          canonical.put(key, described.get(key));
        }
        out.add(new MetricChoice(name, canonical, metric));
      } catch (IllegalArgumentException e) {
        c.problems().add(path + "." + name + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * An item of a list of tasks or metrics: {@code NAME}, or {@code {NAME: SETTINGS}} with its parameters or options.
   *
   * @param settings what the one-key mapping gives the name (a mapping when well formed), or null for a bare name
   */
  private record Named(String name, Object settings) {

    /** The item read as a name with its settings, or null when it is neither a text nor a one-key mapping. */
    static Named of(Object item) {
      if (item instanceof String text) {
        return new Named(text, null);
      }
      if (item instanceof Map<?, ?> m && m.size() == 1) {
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        return new Named(String.valueOf(e.getKey()), e.getValue());
      }
      return null;
    }
  }

  private static List<String> ids(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) {
      out.add(v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    return out;
  }

  /**
   * A parser error in one line: the problem and where it is (1-based line and column), e.g. {@code found duplicate
   * key seed (line 3, column 1)}.
   */
  static String describe(YamlEngineException e) {
    if (e instanceof org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException m && m.getProblem() != null) {
      String where = m.getProblemMark().map(k -> " (line " + (k.getLine() + 1) + ", column " + (k.getColumn() + 1)
          + ")").orElse("");
      String context = m.getContext() == null ? "" : ", " + m.getContext();
      return firstLine(m.getProblem()) + where + context;
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /**
   * An init choice as its canonical JSON shows it ({@code dale_balance} and {@code input} only when they are not the
   * default).
   */
  static Map<String, Object> initMap(InitChoice i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", i.kind());
    m.put("gain", i.gain());
    if (!i.daleBalance()) {
      m.put("dale_balance", false);
    }
    if (i.input() != null) {
      m.put("input", i.input());
    }
    return m;
  }

  /** The keys of a {@code training} section, in the order of {@link #trainingMap}'s parameters. */
  private static final List<String> TRAINING_KEYS = List.of("iterations", "batch", "lr", "optimizer", "clip",
      "weight_l2", "rate_l2", "loss", "target_accuracy", "validate_every", "validation_batches", "lr_decay",
      "rollbacks");

  /**
   * A training section as nested maps for canonical JSON, in its keys' order: a study's lists
   * ({@link StudySpec.TrainingGrid}) or one run's values ({@link RunSpec.TrainingChoice}), which have the same fields.
   */
  static Map<String, Object> trainingMap(Object iterations, Object batch, Object lr, Object optimizer, Object clip,
      Object weightL2, Object rateL2, Object loss, Object targetAccuracy, Object validateEvery,
      Object validationBatches, Object lrDecay, int rollbacks) {
    Object[] values = {iterations, batch, lr, optimizer, clip, weightL2, rateL2, loss, targetAccuracy, validateEvery,
        validationBatches, lrDecay, rollbacks};
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(TRAINING_KEYS.get(i), values[i]);
    }
    if (rollbacks == 0) {
      // named only when allowed, so that every other spec and run keeps its canonical JSON
      m.remove("rollbacks");
    }
    return m;
  }

  /** The spec as nested maps and lists, for canonical JSON. */
  static Map<String, Object> toMap(StudySpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("study", s.name());
    m.put("seed", s.seed());
    if (!s.replication().isEmpty()) {
      m.put("replication", s.replication());
    }
    GridSpec g = s.grid();
    List<Object> taskList = new ArrayList<>();
    for (TaskChoice t : g.tasks()) {
      taskList.add(Map.of("label", t.label(), "name", t.name(), "params", t.typedParams()));
    }
    List<Object> initList = new ArrayList<>();
    for (InitChoice i : g.inits()) {
      initList.add(initMap(i));
    }
    Map<String, Object> grid = new LinkedHashMap<>();
    grid.put("task", taskList);
    grid.put("architecture", g.architectures());
    grid.put("activation", g.activations());
    grid.put("units", g.units());
    grid.put("init", initList);
    grid.put("dale", g.excitatoryFractions());
    grid.put("rank", g.ranks());
    grid.put("alpha", g.alphas());
    grid.put("recurrent_noise", g.recurrentNoises());
    grid.put("seeds", g.seeds());
    if (!g.exclude().isEmpty()) {
      List<Object> exclude = new ArrayList<>();
      g.exclude().forEach(e -> exclude.add(e.values()));
      grid.put("exclude", exclude);
    }
    m.put("grid", grid);
    StudySpec.TrainingGrid t = s.training();
    Map<String, Object> training = trainingMap(t.iterations(), t.batch(), t.learningRate(), t.optimizer(), t.clip(),
        t.weightL2(), t.rateL2(), t.loss(), t.targetAccuracy(), t.validateEvery(), t.validationBatches(),
        t.lrDecay(), t.rollbacks());
    if (!t.overrides().isEmpty()) {
      List<Object> overrides = new ArrayList<>();
      for (StudySpec.TrainingOverride o : t.overrides()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("when", o.when().values());
        entry.putAll(o.values());
        overrides.add(entry);
      }
      training.put("overrides", overrides);
    }
    m.put("training", training);
    AnalysisSpec a = s.analysis();
    Map<String, Object> an = new LinkedHashMap<>();
    an.put("untrained", a.untrained());
    an.put("fixed_points", a.fixedPoints());
    an.put("initial_states", a.initialStates());
    an.put("start_noise", a.startNoise());
    an.put("spectrum", a.spectrum());
    an.put("topology", a.topology());
    an.put("probe_trials", a.probeTrials());
    an.put("input_levels", a.inputLevels());
    Map<String, Object> success = new java.util.TreeMap<>();
    success.put("default", a.successFor(""));
    a.success().forEach((task, v) -> {
      if (!task.isEmpty()) {
        success.put(task, v);
      }
    });
    an.put("success", success);
    m.put("analysis", an);
    ComparisonSpec c = s.comparisons();
    Map<String, Object> co = new LinkedHashMap<>();
    List<Object> metricList = new ArrayList<>();
    for (MetricChoice choice : c.metrics()) {
      metricList.add(choice.options().isEmpty() ? choice.name() : Map.of(choice.name(), choice.options()));
    }
    co.put("metrics", metricList);
    co.put("mds_dimensions", c.mdsDimensions());
    co.put("separability", c.separabilityBy());
    co.put("permutations", c.permutations());
    m.put("comparisons", co);
    return m;
  }
}
