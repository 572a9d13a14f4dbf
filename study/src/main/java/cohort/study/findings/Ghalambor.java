package cohort.study.findings;

import cohort.analysis.separability.LinearSeparability;
import cohort.analysis.separability.SeparabilityOptions;
import cohort.analysis.separability.SeparabilityResult;
import cohort.study.findings.Evidence.Distances;
import cohort.study.findings.Evidence.RunEvidence;
import cohort.study.findings.Finding.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The findings of Ghalambor, Fakharian, Zeraati &amp; Safavi (Bernstein Conference 2024), "Identifying task-specific
 * dynamics in recurrent neural networks using Dynamical Similarity Analysis", with the criteria of Cohort's issue 16,
 * fixed before any replication ran.
 *
 * <p><b>Measure.</b> The separability of two tasks in one condition is computed on the study's DSA distances between
 * all networks ({@code /comparisons/dsa/all}): the rows and columns of the networks of the two tasks in that
 * condition (untrained networks {@code RUN:untrained} before training, trained networks after; one initialisation
 * or all), each network described by its DSA distances to the others of the pair ("distance rows"), a logistic
 * regression (L2, λ = 0.1, features standardised on each training split) with stratified {@code min(5, smaller
 * group)}-fold cross-validation, and the permutation p of its accuracy over {@value #PERMUTATIONS} label shuffles
 * ({@link LinearSeparability#onDistanceRows}). A pair is <em>separable</em> in a condition when that accuracy is at
 * least {@value #SEPARABLE_ACCURACY} and p &lt; {@value #SEPARABLE_P}; a condition with fewer than {@value
 * #MIN_PER_TASK} networks of either task is not assessed. Every trained network whose training did not fail enters
 * "after", whether it reached the study's success criterion or not, so that every task's population has the same
 * architectures and initialisations and a difference between tasks is the tasks' (the number solving is reported).
 * The ratio of the mean DSA distance between the two tasks to the mean within them is reported beside the accuracy as
 * a graded index.
 *
 * <ul>
 *   <li>G1 (asserted): before training, most task pairs are separable: separable (all initialisations pooled) in
 *       more than half of the pairs assessed.
 *   <li>G2 (reported): training changes separability pair by pair: it falls for DC–CDM (after − before accuracy,
 *       initialisations pooled, ≤ −0.10) and rises for CDM–ID (≥ +0.10).
 *   <li>G3 (asserted): tasks with no shared component, PDM–MSI, are separable after training under every
 *       initialisation.
 *   <li>G4 (reported): with shared components, PDM–CDM, separability after training depends on the initialisation:
 *       separable under some initialisations and not under others.
 * </ul>
 *
 * <p>Besides the findings, a table of every task pair: separability before and after training, pooled and per
 * initialisation, with permutation p and the number of networks behind each number.
 */
final class Ghalambor extends NamedReplication {

  static final String SOURCE = "Ghalambor et al. 2024";
  static final String METRIC = "dsa";
  static final String SCOPE = "all";
  static final double SEPARABLE_ACCURACY = 0.8;
  static final double SEPARABLE_P = 0.05;
  static final int PERMUTATIONS = 1000;
  static final int MIN_PER_TASK = 5;
  /** The change of separability accuracy G2 calls a fall or a rise. */
  static final double CHANGE = 0.10;

  /** The poster's abbreviations, by task name. */
  static final Map<String, String> ABBREVIATIONS = Map.of("perceptual-dm", "PDM", "context-dm", "CDM",
      "multisensory", "MSI", "delay-comparison", "DC", "interval-discrimination", "ID", "go-nogo", "GNG",
      "delay-match-sample", "DMS");

  private final int permutations;

  Ghalambor() {
    this(PERMUTATIONS);
  }

  /** With another size of the permutation null (tests). */
  Ghalambor(int permutations) {
    super("ghalambor", SOURCE);
    this.permutations = permutations;
  }

  @Override
  public List<Finding> findings(Evidence e) {
    return results(e).findings();
  }

  /** The separability of one pair in one condition (NaN accuracy when not assessed). */
  record Separation(double accuracy, double p, int countA, int countB, double ratio) {
    boolean assessed() {
      return Double.isFinite(accuracy);
    }

    boolean separable() {
      return assessed() && accuracy >= SEPARABLE_ACCURACY && p < SEPARABLE_P;
    }
  }

  /** A condition: before or after training, one initialisation or all ({@code init} empty). */
  record Condition(boolean trained, String init) {
    String id() {
      return (trained ? "after" : "before") + (init.isEmpty() ? "" : "_" + init);
    }

    String heading() {
      return (trained ? "after" : "before") + (init.isEmpty() ? "" : ", " + init);
    }
  }

  @Override
  public Results results(Evidence e) {
    Optional<Distances> found = e.comparison(METRIC, SCOPE);
    List<String> tasks = e.tasks();
    Map<String, String> abbreviation = new LinkedHashMap<>();
    for (String t : tasks) {
      RunEvidence r = e.runsOf(t).get(0);
      abbreviation.put(t, ABBREVIATIONS.getOrDefault(r.label("task_name"), t));
    }
    List<String> inits = e.runs().stream().map(r -> r.label("init")).distinct().toList();
    List<Condition> conditions = new ArrayList<>(List.of(new Condition(false, ""), new Condition(true, "")));
    for (String init : inits.size() > 1 ? inits : List.<String>of()) {
      conditions.add(new Condition(false, init));
      conditions.add(new Condition(true, init));
    }
    Map<String, RunEvidence> byId = new HashMap<>();
    for (RunEvidence r : e.runs()) {
      byId.put(r.id(), r);
    }
    // Every pair in every condition, once.
    Map<String, Map<String, Separation>> table = new LinkedHashMap<>();
    List<String[]> pairs = new ArrayList<>();
    for (int a = 0; a < tasks.size(); a++) {
      for (int b = a + 1; b < tasks.size(); b++) {
        String[] pair = {tasks.get(a), tasks.get(b)};
        pairs.add(pair);
        Map<String, Separation> row = new LinkedHashMap<>();
        for (Condition c : conditions) {
          row.put(c.id(), found.isEmpty() ? none()
              : separate(found.get(), byId, pair[0], pair[1], c, e.seed(), permutations));
        }
        table.put(key(pair), row);
      }
    }
    List<Finding> out = new ArrayList<>();
    String missing = found.isEmpty() ? "the study computed no DSA comparison over all networks (comparisons.metrics "
        + "must include dsa)" : "";
    out.add(g1(e, tasks, table, missing));
    out.add(g2(e, table, "delay-comparison", "context-dm", -1, missing));
    out.add(g2(e, table, "context-dm", "interval-discrimination", +1, missing));
    out.add(perInit(e, table, inits, "perceptual-dm", "multisensory", true, missing));
    out.add(perInit(e, table, inits, "perceptual-dm", "context-dm", false, missing));
    return new Results(out, List.of(pairTable(e, pairs, abbreviation, conditions, table)));
  }

  private static Separation none() {
    return new Separation(Double.NaN, Double.NaN, 0, 0, Double.NaN);
  }

  private static String key(String[] pair) {
    return pair[0] + "|" + pair[1];
  }

  /** The separability of tasks {@code a} and {@code b} in condition {@code c}. */
  static Separation separate(Distances d, Map<String, RunEvidence> byId, String a, String b, Condition c, long seed,
      int permutations) {
    List<Integer> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int countA = 0;
    int countB = 0;
    for (int i = 0; i < d.items().size(); i++) {
      String item = d.items().get(i);
      boolean untrained = item.endsWith(":untrained");
      RunEvidence r = byId.get(untrained ? item.substring(0, item.length() - ":untrained".length()) : item);
      if (r == null || r.failed() || untrained == c.trained() || !c.init().isEmpty() && !r.label("init")
          .equals(c.init())) {
        continue;
      }
      String task = r.label("task");
      if (task.equals(a) || task.equals(b)) {
        rows.add(i);
        labels.add(task.equals(a) ? 0 : 1);
        countA += task.equals(a) ? 1 : 0;
        countB += task.equals(b) ? 1 : 0;
      }
    }
    if (Math.min(countA, countB) < MIN_PER_TASK) {
      return new Separation(Double.NaN, Double.NaN, countA, countB, Double.NaN);
    }
    int n = rows.size();
    int m = d.items().size();
    double[] sub = new double[n * n];
    int[] y = new int[n];
    double between = 0;
    double within = 0;
    int nBetween = 0;
    int nWithin = 0;
    for (int i = 0; i < n; i++) {
      y[i] = labels.get(i);
      for (int j = 0; j < n; j++) {
        double v = d.distance()[rows.get(i) * m + rows.get(j)];
        sub[i * n + j] = v;
        if (j > i) {
          if (labels.get(i).equals(labels.get(j))) {
            within += v;
            nWithin++;
          } else {
            between += v;
            nBetween++;
          }
        }
      }
    }
    SeparabilityOptions o = new SeparabilityOptions(Math.min(5, Math.min(countA, countB)), permutations,
        SeparabilityOptions.Classifier.LOGISTIC, 0.1, seed ^ (a + "|" + b + "|" + c.id()).hashCode());
    SeparabilityResult r = LinearSeparability.onDistanceRows(sub, n, y, o);
    return new Separation(r.accuracy(), r.pValue(), countA, countB, (between / nBetween) / (within / nWithin));
  }

  /** The label of the first task in the study whose task name is {@code name}, if any. */
  private static Optional<String> label(Evidence e, String name) {
    return e.runs().stream().filter(r -> r.label("task_name").equals(name)).map(r -> r.label("task")).findFirst();
  }

  private static Separation lookup(Map<String, Map<String, Separation>> table, String a, String b, String condition) {
    Map<String, Separation> row = table.get(a + "|" + b);
    if (row == null) {
      row = table.get(b + "|" + a);
    }
    return row == null ? none() : row.getOrDefault(condition, none());
  }

  private static String describe(Separation s) {
    return s.assessed()
        ? String.format(Locale.ROOT, "accuracy %.2f, p = %.3f, %d+%d networks, between/within distance %.2f",
            s.accuracy(), s.p(), s.countA(), s.countB(), s.ratio())
        : String.format(Locale.ROOT, "not assessed (%d+%d networks, fewer than %d of a task)", s.countA(),
            s.countB(), MIN_PER_TASK);
  }

  private String statistic() {
    return "cross-validated accuracy of a logistic regression on DSA distance rows, permutation p over "
        + permutations + " label shuffles";
  }

  private static String separableCriterion() {
    return "accuracy >= " + SEPARABLE_ACCURACY + " and p < " + SEPARABLE_P;
  }

  private Finding g1(Evidence e, List<String> tasks, Map<String, Map<String, Separation>> table, String missing) {
    int assessed = 0;
    int separable = 0;
    int networks = 0;
    StringBuilder notSeparable = new StringBuilder();
    for (Map.Entry<String, Map<String, Separation>> row : table.entrySet()) {
      Separation s = row.getValue().get("before");
      if (s.assessed()) {
        assessed++;
        separable += s.separable() ? 1 : 0;
        if (!s.separable()) {
          notSeparable.append(notSeparable.length() > 0 ? ", " : "").append(row.getKey().replace("|", "–"));
        }
      }
    }
    for (String t : tasks) {
      networks += (int) e.runsOf(t).stream().filter(r -> !r.failed()).count();
    }
    double[] ci = Statistics.wilson(separable, assessed);
    double value = assessed == 0 ? Double.NaN : (double) separable / assessed;
    String notes = missing.isEmpty() ? separable + " of " + assessed + " pairs separable before training"
        + (notSeparable.length() > 0 ? "; not separable: " + notSeparable : "") : missing;
    return new Finding("G1-before-training", SOURCE,
        "Before training, most task pairs are linearly separable under DSA (the input structure alone separates "
            + "them)", "most pairs separable before training",
        "fraction of task pairs separable before training (" + separableCriterion() + "; " + statistic()
            + "), with its 95 % Wilson interval", value, ci[0], ci[1], Double.NaN,
        "more than half of the pairs separable",
        assessed == 0 ? Verdict.NOT_ASSESSED : Verdict.of(separable * 2 > assessed),
        assessed + " task pairs; the untrained networks of " + tasks.size() + " tasks (" + networks
            + " networks), all initialisations pooled", assessed, notes, true);
  }

  private Finding g2(Evidence e, Map<String, Map<String, Separation>> table, String nameA, String nameB, int sign, String missing) {
    Optional<String> a = label(e, nameA);
    Optional<String> b = label(e, nameB);
    String pair = ABBREVIATIONS.get(nameA) + "–" + ABBREVIATIONS.get(nameB);
    String claim = "Training changes separability pair by pair: it " + (sign < 0 ? "falls" : "rises") + " for "
        + pair;
    String criterion = String.format(Locale.ROOT, "after − before accuracy %s %+.2f", sign < 0 ? "<=" : ">=",
        sign * CHANGE);
    String statistic = "change of the cross-validated separability accuracy with training (initialisations pooled)";
    if (a.isEmpty() || b.isEmpty() || !missing.isEmpty()) {
      return new Finding("G2-" + pair, SOURCE, claim, sign < 0 ? "falls with training" : "rises with training",
          statistic, Double.NaN, Double.NaN, Double.NaN, Double.NaN, criterion, Verdict.NOT_ASSESSED,
          "the study lacks " + (a.isEmpty() ? nameA : nameB), 0, missing, false);
    }
    Separation before = lookup(table, a.get(), b.get(), "before");
    Separation after = lookup(table, a.get(), b.get(), "after");
    double delta = after.accuracy() - before.accuracy();
    boolean assessed = before.assessed() && after.assessed();
    return new Finding("G2-" + pair, SOURCE, claim, sign < 0 ? "falls with training" : "rises with training",
        statistic, delta, Double.NaN, Double.NaN, Double.NaN, criterion,
        assessed ? Verdict.of(sign < 0 ? delta <= -CHANGE : delta >= CHANGE) : Verdict.NOT_ASSESSED,
        (before.countA() + before.countB()) + " untrained and " + (after.countA() + after.countB())
            + " trained networks of " + pair + " (" + solving(e, a.get()) + "; " + solving(e, b.get()) + ")",
        after.countA() + after.countB(), "before: " + describe(before) + "; after: " + describe(after), false);
  }

  /** G3 ({@code allSeparable}) or G4: a pair after training, under each initialisation. */
  private Finding perInit(Evidence e, Map<String, Map<String, Separation>> table, List<String> inits, String nameA, String nameB, boolean allSeparable, String missing) {
    Optional<String> a = label(e, nameA);
    Optional<String> b = label(e, nameB);
    String pair = ABBREVIATIONS.get(nameA) + "–" + ABBREVIATIONS.get(nameB);
    String id = (allSeparable ? "G3-" : "G4-") + pair;
    String claim = allSeparable
        ? "Tasks with no shared component (" + pair + ") stay separable after training whatever the initialisation"
        : "With shared components (" + pair + "), separability after training depends on the initialisation";
    String sourceValue = allSeparable ? "separable under every initialisation" : "depends on the initialisation";
    String criterion = allSeparable ? separableCriterion() + " under every initialisation"
        : "separable (" + separableCriterion() + ") under some initialisations and not under others";
    String statistic = allSeparable
        ? "lowest separability accuracy after training over the initialisations (p: the largest)"
        : "range (largest − smallest) of the separability accuracy after training over the initialisations";
    if (a.isEmpty() || b.isEmpty() || !missing.isEmpty()) {
      return new Finding(id, SOURCE, claim, sourceValue, statistic, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          criterion, Verdict.NOT_ASSESSED, "the study lacks " + (a.isEmpty() ? nameA : nameB), 0, missing,
          allSeparable);
    }
    List<String> perInit = inits.size() > 1 ? inits : List.of("");
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    double worstP = 0;
    int separable = 0;
    int assessed = 0;
    int networks = 0;
    StringBuilder notes = new StringBuilder();
    for (String init : perInit) {
      Separation s = lookup(table, a.get(), b.get(), init.isEmpty() ? "after" : "after_" + init);
      notes.append(notes.length() > 0 ? "; " : "").append(init.isEmpty() ? "all" : init).append(": ")
          .append(describe(s));
      if (!s.assessed()) {
        continue;
      }
      assessed++;
      separable += s.separable() ? 1 : 0;
      low = Math.min(low, s.accuracy());
      high = Math.max(high, s.accuracy());
      worstP = Math.max(worstP, s.p());
      networks += s.countA() + s.countB();
    }
    boolean complete = assessed == perInit.size() && (allSeparable || assessed >= 2);
    double value = assessed == 0 ? Double.NaN : allSeparable ? low : high - low;
    Verdict verdict = !complete ? Verdict.NOT_ASSESSED
        : Verdict.of(allSeparable ? separable == assessed : separable > 0 && separable < assessed);
    return new Finding(id, SOURCE, claim, sourceValue, statistic, value, Double.NaN, Double.NaN,
        allSeparable && assessed > 0 ? worstP : Double.NaN, criterion, verdict,
        networks + " trained networks of " + pair + " over " + perInit.size() + " initialisation"
            + (perInit.size() == 1 ? "" : "s") + " (" + solving(e, a.get()) + "; " + solving(e, b.get()) + ")",
        networks, notes.toString(), allSeparable);
  }

  private static String solving(Evidence e, String task) {
    List<RunEvidence> runs = e.runsOf(task).stream().filter(r -> !r.failed()).toList();
    long solved = runs.stream().filter(RunEvidence::solved).count();
    String name = runs.isEmpty() ? task : ABBREVIATIONS.getOrDefault(runs.get(0).label("task_name"), task);
    return solved + " of " + runs.size() + " " + name + " solve it";
  }

  /** Every pair's separability in every condition. */
  private FindingsTable pairTable(Evidence e, List<String[]> pairs, Map<String, String> abbreviation,
      List<Condition> conditions, Map<String, Map<String, Separation>> table) {
    List<FindingsTable.Column> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String[] p : pairs) {
      names.add(abbreviation.get(p[0]) + "–" + abbreviation.get(p[1]));
    }
    columns.add(FindingsTable.Column.text("pair", "task pair", names));
    for (Condition c : conditions) {
      List<String> cells = new ArrayList<>();
      List<Double> accuracy = new ArrayList<>();
      List<Double> p = new ArrayList<>();
      List<Double> countA = new ArrayList<>();
      List<Double> countB = new ArrayList<>();
      List<Double> ratio = new ArrayList<>();
      for (String[] pair : pairs) {
        Separation s = table.get(key(pair)).get(c.id());
        cells.add(s.assessed() ? String.format(Locale.ROOT, "%.2f%s (p %s; %d+%d)", s.accuracy(),
            s.separable() ? " ✓" : "", p(s.p()), s.countA(), s.countB()) : "– (" + s.countA() + "+" + s.countB() + ")");
        accuracy.add(s.accuracy());
        p.add(s.p());
        countA.add((double) s.countA());
        countB.add((double) s.countB());
        ratio.add(s.ratio());
      }
      columns.add(FindingsTable.Column.text(c.id(), c.heading(), cells));
      columns.add(FindingsTable.Column.numbers(c.id() + "_accuracy", c.heading() + ": accuracy", accuracy, false));
      columns.add(FindingsTable.Column.numbers(c.id() + "_p", c.heading() + ": permutation p", p, false));
      columns.add(FindingsTable.Column.numbers(c.id() + "_n_a", c.heading() + ": networks of the first task",
          countA, false));
      columns.add(FindingsTable.Column.numbers(c.id() + "_n_b", c.heading() + ": networks of the second task",
          countB, false));
      columns.add(FindingsTable.Column.numbers(c.id() + "_ratio", c.heading() + ": mean DSA distance between the "
          + "tasks over the mean within them", ratio, false));
    }
    return new FindingsTable("ghalambor-task-pairs", "Separability of every task pair under DSA",
        "Each cell: the cross-validated accuracy of a logistic regression telling the two tasks' networks apart "
            + "from their DSA distances (" + statistic() + "), ✓ when separable (" + separableCriterion()
            + "), then the permutation p and the number of networks of each task behind it; – when fewer than "
            + MIN_PER_TASK + " networks of a task. Before: the untrained networks; after: every trained network "
            + "(solving or not); pooled over the initialisations, then per initialisation. The datasets beside "
            + "each column hold the numbers, and the ratio of the mean DSA distance between the tasks to that "
            + "within them.",
        columns);
  }

  private static String p(double p) {
    return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
  }
}
