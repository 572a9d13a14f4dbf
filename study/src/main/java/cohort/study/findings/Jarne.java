package cohort.study.findings;

import cohort.study.findings.Evidence.Measure;
import cohort.study.findings.Evidence.RunEvidence;
import cohort.study.findings.Finding.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings of Jarne's trained-RNN studies (Jarne &amp; Laje 2019, arXiv:1906.01094; Jarne 2023, "Effect in the
 * spectra of eigenvalues and dynamics of RNNs trained with excitatory-inhibitory constraint", Cogn. Neurodyn.) on
 * the eigenvalues of the trained recurrent matrix, with the criteria of Cohort's issue 16, fixed before any
 * replication ran.
 *
 * <p><b>Measure.</b> For every network that solves its task and has a recurrent matrix (the eigenvalues of W_eff in
 * {@code /spectrum}): the bulk radius R is the {@value #DOMINANT_PLUS_ONE}th largest modulus, Jarne's own measure
 * ({@code radio_int_max}, the seventh-largest |λ| of the sorted moduli in katejarne/Excitatory-inhibitory
 * {@code generate_figures.py}): the six largest are the dominant eigenvalues that may leave the bulk, the rest is the
 * bulk. Its radial distribution is the fraction of bulk eigenvalues with |λ| &lt; R/2: about 1/4 for a uniform disk
 * of radius R (the circular law), 0 for a ring. The dominant eigenvalue is the one of largest modulus, real when its
 * imaginary part is below 1e-9.
 *
 * <ul>
 *   <li>J1 (asserted): the bulk of the trained matrix lies in a disk of radius &lt; 1 for random-normal
 *       initialisation and in a ring for random-orthogonal: over the unconstrained (no Dale) networks of each
 *       initialisation, the median fraction inside R/2 is in [{@value #DISK_LOW}, {@value #DISK_HIGH}] with a median
 *       R &lt; 1 (normal), and at most {@value #RING_HIGH} (orthogonal).
 *   <li>J2 (asserted): that radius depends neither on the network size (unconstrained networks, per
 *       initialisation) nor on the excitatory fraction (Dale networks of one size, per initialisation): the 95 %
 *       interval of the least-squares change of R across the tested range (slope × range) lies within ±{@value
 *       #EQUIVALENCE}.
 *   <li>J3 (asserted): with the excitatory-inhibitory constraint the bulk radius is smaller: per initialisation, at
 *       the sizes both exist, mean R with Dale − mean R without has a 95 % Welch interval below 0.
 *   <li>J4 (reported): a few dominant eigenvalues leave the bulk and carry the task: for the oscillation, the
 *       median relative error between the dominant complex pair's rotation and the output's frequency
 *       ({@code /measures/oscillation_frequency}) is at most {@value #FREQUENCY_TOLERANCE}; per task, how often the
 *       dominant eigenvalue is real or complex (Jarne: different realisations of a task find different dynamics;
 *       agrees when both occur).
 * </ul>
 *
 * <p>Besides the findings, two tables: the bulk per group of networks (initialisation, Dale fraction, size), before
 * and after training, and the dominant eigenvalue per task.
 */
final class Jarne extends NamedReplication {

  static final String SOURCE = "Jarne 2023 (Jarne & Laje)";
  /** The number of dominant eigenvalues Jarne's radius leaves out. */
  static final int DOMINANT = 6;
  static final int DOMINANT_PLUS_ONE = DOMINANT + 1;
  static final double DISK_LOW = 0.15;
  static final double DISK_HIGH = 0.40;
  static final double RING_HIGH = 0.05;
  static final double EQUIVALENCE = 0.10;
  static final double FREQUENCY_TOLERANCE = 0.10;
  /** The fewest networks a median or a slope is stated on. */
  static final int MIN_NETWORKS = 3;

  Jarne() {
    super("jarne", SOURCE);
  }

  @Override
  public List<Finding> findings(Evidence e) {
    return results(e).findings();
  }

  /**
   * The bulk of one spectrum.
   *
   * @param radius the {@value #DOMINANT_PLUS_ONE}th largest modulus
   * @param insideHalf the fraction of the bulk (all but the {@value #DOMINANT} largest) with |λ| &lt; R/2
   * @param inner the smallest modulus over R (a ring's inner edge)
   * @param dominantReal whether the largest-modulus eigenvalue is real
   */
  record Bulk(double radius, double insideHalf, double inner, boolean dominantReal) {}

  /** The bulk of the eigenvalues {@code re + i im}; NaN radius when there are no more than {@value #DOMINANT}. */
  static Bulk bulk(double[] re, double[] im) {
    int n = re.length;
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    Arrays.sort(order, Comparator.comparingDouble(k -> -Math.hypot(re[k], im[k])));
    boolean real = n > 0 && Math.abs(im[order[0]]) <= 1e-9;
    if (n <= DOMINANT) {
      return new Bulk(Double.NaN, Double.NaN, Double.NaN, real);
    }
    double radius = Math.hypot(re[order[DOMINANT]], im[order[DOMINANT]]);
    int inside = 0;
    double smallest = Double.POSITIVE_INFINITY;
    for (int i = DOMINANT; i < n; i++) {
      double m = Math.hypot(re[order[i]], im[order[i]]);
      inside += m < radius / 2 ? 1 : 0;
      smallest = Math.min(smallest, m);
    }
    return new Bulk(radius, (double) inside / (n - DOMINANT), smallest / radius, real);
  }

  /** A solving network's bulk after training (and before, when stored). */
  record Network(RunEvidence run, Bulk after, Bulk before) {
    String init() {
      return run.label("init");
    }

    double dale() {
      double d = run.number("dale");
      return Double.isNaN(d) ? 0 : d;
    }

    int units() {
      return (int) run.number("units");
    }
  }

  @Override
  public Results results(Evidence e) {
    List<Network> networks = new ArrayList<>();
    for (RunEvidence r : e.runs()) {
      if (!r.failed() && r.solved() && r.spectrum() != null) {
        Evidence.Spectrum s = r.spectrum();
        networks.add(new Network(r, bulk(s.re(), s.im()),
            s.untrainedRe() == null ? null : bulk(s.untrainedRe(), s.untrainedIm())));
      }
    }
    int runs = (int) e.runs().stream().filter(r -> !r.failed()).count();
    List<String> inits = networks.stream().map(Network::init).distinct().toList();
    List<Finding> out = new ArrayList<>();
    out.add(j1(networks, "normal", true, runs));
    out.add(j1(networks, "orthogonal", false, runs));
    List<Finding> sizes = new ArrayList<>();
    List<Finding> fractions = new ArrayList<>();
    for (String init : inits) {
      j2(networks, init, false).ifPresent(sizes::add);
      j2(networks, init, true).ifPresent(fractions::add);
    }
    out.addAll(sizes.isEmpty() ? List.of(notAssessed("J2-size", "The bulk radius does not depend on the network "
        + "size", "no initialisation has solving unconstrained networks of two sizes or more")) : sizes);
    out.addAll(fractions.isEmpty() ? List.of(notAssessed("J2-fraction", "The bulk radius does not depend on the "
        + "excitatory fraction", "no initialisation has solving Dale networks of two excitatory fractions or more"))
        : fractions);
    List<Finding> constrained = new ArrayList<>();
    for (String init : inits) {
      j3(networks, init).ifPresent(constrained::add);
    }
    out.addAll(constrained.isEmpty() ? List.of(notAssessed("J3", "With the E/I constraint the bulk radius is smaller "
        + "than without it", "no initialisation has solving networks both with and without Dale's law at one size"))
        : constrained);
    out.add(j4Oscillation(e));
    out.addAll(j4Dominant(e, networks));
    return new Results(out, List.of(bulkTable(e, networks), dominantTable(e, networks)));
  }

  private static Finding notAssessed(String name, String claim, String why) {
    return new Finding(name, SOURCE, claim, "", "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, "",
        Verdict.NOT_ASSESSED, "", 0, why, name.startsWith("J2") || name.startsWith("J3"));
  }

  private static double[] values(List<Network> ns, java.util.function.ToDoubleFunction<Network> f) {
    return ns.stream().mapToDouble(f).filter(Double::isFinite).toArray();
  }

  private Finding j1(List<Network> all, String init, boolean disk, int runs) {
    List<Network> ns = all.stream().filter(n -> n.dale() == 0 && n.init().equals(init)
        && Double.isFinite(n.after().radius())).toList();
    double[] inside = values(ns, n -> n.after().insideHalf());
    double[] radius = values(ns, n -> n.after().radius());
    double median = Statistics.median(inside);
    double[] ci = Statistics.medianInterval(inside);
    double medianRadius = Statistics.median(radius);
    double[] radiusCi = Statistics.medianInterval(radius);
    boolean ok = disk ? median >= DISK_LOW && median <= DISK_HIGH && medianRadius < 1 : median <= RING_HIGH;
    String claim = disk
        ? "The non-dominant eigenvalues of the trained recurrent matrix lie in a disk of radius < 1 (random-normal "
            + "initialisation)"
        : "The non-dominant eigenvalues of the trained recurrent matrix lie in a ring (random-orthogonal "
            + "initialisation)";
    String criterion = disk ? String.format(Locale.ROOT, "median fraction in [%.2f, %.2f] (uniform disk: 0.25) and "
        + "median radius < 1", DISK_LOW, DISK_HIGH) : String.format(Locale.ROOT, "median fraction <= %.2f (ring: 0)",
        RING_HIGH);
    String notes = ns.isEmpty() ? "no solving unconstrained network with this initialisation" : String.format(
        Locale.ROOT, "median bulk radius R %.3f (95 %% interval [%.3f, %.3f]); median smallest |λ|/R %.2f; "
            + "sizes %s", medianRadius, radiusCi[0], radiusCi[1],
        Statistics.median(values(ns, n -> n.after().inner())), sizes(ns));
    return new Finding("J1-" + init, SOURCE, claim, disk ? "disk, radius < 1" : "ring",
        "median over networks of the fraction of bulk eigenvalues (all but the " + DOMINANT + " largest) with |λ| "
            + "< R/2, R the " + DOMINANT_PLUS_ONE + "th largest |λ| (Jarne's radius), with a 95 % interval of the "
            + "median", median, ci[0], ci[1], Double.NaN, criterion,
        ns.size() < MIN_NETWORKS ? Verdict.NOT_ASSESSED : Verdict.of(ok),
        ns.size() + " solving unconstrained (no Dale) " + init + "-initialised networks, all tasks ("
            + runs + " trained networks in the study)", ns.size(), notes, true);
  }

  private static String sizes(List<Network> ns) {
    return ns.stream().map(Network::units).distinct().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b)
        .orElse("none");
  }

  /** J2 for one initialisation: R against the size (unconstrained networks) or the excitatory fraction (Dale). */
  private java.util.Optional<Finding> j2(List<Network> all, String init, boolean byFraction) {
    List<Network> ns = all.stream().filter(n -> n.init().equals(init) && (byFraction ? n.dale() > 0 : n.dale() == 0)
        && Double.isFinite(n.after().radius())).toList();
    if (byFraction && !ns.isEmpty()) {
      // one size: the one with the most Dale networks (the smallest of a tie)
      Map<Integer, Integer> counts = new TreeMap<>();
      ns.forEach(n -> counts.merge(n.units(), 1, Integer::sum));
      int size = counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
          .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).get().getKey();
      ns = ns.stream().filter(n -> n.units() == size).toList();
    }
    double[] x = ns.stream().mapToDouble(n -> byFraction ? n.dale() : n.units()).toArray();
    double[] y = ns.stream().mapToDouble(n -> n.after().radius()).toArray();
    long levels = Arrays.stream(x).distinct().count();
    if (levels < 2) {
      return java.util.Optional.empty();
    }
    double lo = Arrays.stream(x).min().orElse(0);
    double hi = Arrays.stream(x).max().orElse(0);
    double range = hi - lo;
    double[] slope = Statistics.slope(x, y);
    double change = slope[0] * range;
    double changeLow = slope[1] * range;
    double changeHigh = slope[2] * range;
    boolean assessed = ns.size() >= MIN_NETWORKS && Double.isFinite(slope[0]);
    boolean ok = assessed && Math.max(Math.abs(changeLow), Math.abs(changeHigh)) <= EQUIVALENCE;
    String what = byFraction ? "excitatory fraction" : "network size";
    StringBuilder perLevel = new StringBuilder();
    Map<Double, List<Double>> byLevel = new TreeMap<>();
    for (int i = 0; i < x.length; i++) {
      byLevel.computeIfAbsent(x[i], k -> new ArrayList<>()).add(y[i]);
    }
    byLevel.forEach((level, rs) -> perLevel.append(perLevel.length() > 0 ? "; " : "").append(byFraction
        ? String.format(Locale.ROOT, "f = %.2f", level) : String.format(Locale.ROOT, "N = %d", (int) (double) level))
        .append(String.format(Locale.ROOT, ": median R %.3f (%d)", Statistics.median(rs.stream()
            .mapToDouble(Double::doubleValue).toArray()), rs.size())));
    String notes = String.format(Locale.ROOT, "slope %.3g per %s (95 %% interval [%.3g, %.3g]) over %s %s–%s; %s",
        slope[0], byFraction ? "unit of fraction" : "unit", slope[1], slope[2], what, num(lo), num(hi), perLevel)
        + beforeTraining(ns, byFraction, range);
    String population = ns.size() + " solving " + (byFraction ? "Dale networks of " + (ns.isEmpty() ? 0
        : ns.get(0).units()) + " units" : "unconstrained (no Dale) networks") + ", " + init
        + " initialisation, all tasks" + (byFraction ? balance(ns) : "");
    return java.util.Optional.of(new Finding("J2-" + (byFraction ? "fraction" : "size") + "-" + init, SOURCE,
        "The bulk radius does not depend on the " + what + " (" + init + " initialisation)",
        "radius independent of " + what,
        "least-squares change of the bulk radius R across the tested " + what + " range (slope × range), with "
            + "its 95 % interval", change, changeLow, changeHigh, Double.NaN,
        String.format(Locale.ROOT, "95 %% interval of the change within ±%.2f", EQUIVALENCE),
        assessed ? Verdict.of(ok) : Verdict.NOT_ASSESSED, population, ns.size(), notes, true));
  }

  /**
   * The same change measured on the same networks' spectra before training, when stored: a control that tells a
   * dependence training creates from one the statistic has at the start (the k-th largest modulus of N eigenvalues
   * spread uniformly on a disk of radius r is about r·sqrt(1 − k/N), so Jarne's R grows with N at a fixed k even
   * for untrained random-normal matrices).
   */
  private static String beforeTraining(List<Network> ns, boolean byFraction, double range) {
    List<Network> with = ns.stream().filter(n -> n.before() != null && Double.isFinite(n.before().radius())).toList();
    if (with.size() < 3) {
      return "";
    }
    double[] x = with.stream().mapToDouble(n -> byFraction ? n.dale() : n.units()).toArray();
    double[] y = with.stream().mapToDouble(n -> n.before().radius()).toArray();
    double[] slope = Statistics.slope(x, y);
    return String.format(Locale.ROOT, "; before training, the same networks' change is %.3f (95 %% interval "
        + "[%.3f, %.3f])", slope[0] * range, slope[1] * range, slope[2] * range);
  }

  private static String balance(List<Network> ns) {
    long balanced = ns.stream().filter(n -> !n.run().label("dale_balance").equals("false")).count();
    return balanced == 0 ? " (inhibitory weights started unbalanced, as Jarne's)"
        : balanced == ns.size() ? " (inhibitory weights started balanced by N_E/N_I, PsychRNN's convention)"
        : " (" + balanced + " of them started balanced by N_E/N_I)";
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  /** J3 for one initialisation: R with Dale − R without, at the sizes both exist. */
  private java.util.Optional<Finding> j3(List<Network> all, String init) {
    List<Network> ns = all.stream().filter(n -> n.init().equals(init) && Double.isFinite(n.after().radius()))
        .toList();
    List<Integer> both = ns.stream().map(Network::units).distinct().filter(u -> ns.stream()
        .anyMatch(n -> n.units() == u && n.dale() > 0) && ns.stream().anyMatch(n -> n.units() == u && n.dale() == 0))
        .sorted().toList();
    if (both.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<Network> dale = ns.stream().filter(n -> n.dale() > 0 && both.contains(n.units())).toList();
    List<Network> free = ns.stream().filter(n -> n.dale() == 0 && both.contains(n.units())).toList();
    double[] d = Statistics.meanDifference(values(dale, n -> n.after().radius()),
        values(free, n -> n.after().radius()));
    boolean assessed = Double.isFinite(d[0]);
    String notes = String.format(Locale.ROOT, "median R with Dale %.3f (fractions %s), without %.3f; sizes %s",
        Statistics.median(values(dale, n -> n.after().radius())), dale.stream().map(n -> num(n.dale())).distinct()
            .sorted().reduce((a, b) -> a + ", " + b).orElse(""),
        Statistics.median(values(free, n -> n.after().radius())), both);
    return java.util.Optional.of(new Finding("J3-" + init, SOURCE,
        "With the E/I constraint the bulk radius is smaller than without it (" + init + " initialisation)",
        "smaller with the E/I constraint", "mean bulk radius R with Dale's law − without, with its 95 % Welch interval",
        d[0], d[1], d[2], Double.NaN, "95 % interval below 0",
        assessed ? Verdict.of(d[2] < 0) : Verdict.NOT_ASSESSED,
        dale.size() + " solving Dale and " + free.size() + " solving unconstrained " + init
            + "-initialised networks of the same sizes, all tasks" + balance(dale), dale.size() + free.size(), notes,
        true));
  }

  private Finding j4Oscillation(Evidence e) {
    List<Double> errors = new ArrayList<>();
    int ok = 0;
    int measured = 0;
    for (RunEvidence r : e.runs()) {
      Measure m = r.measures().get("oscillation_frequency");
      if (m == null || r.failed() || !r.solved()) {
        continue;
      }
      measured++;
      double err = m.number("relative_error");
      if (Double.isFinite(err)) {
        errors.add(err);
        ok += err <= FREQUENCY_TOLERANCE ? 1 : 0;
      }
    }
    double[] v = errors.stream().mapToDouble(Double::doubleValue).toArray();
    double median = Statistics.median(v);
    double[] ci = Statistics.medianInterval(v);
    double[] wilson = Statistics.wilson(ok, v.length);
    long trained = e.runs().stream().filter(r -> !r.failed() && r.measures().containsKey("oscillation_frequency"))
        .count();
    return new Finding("J4-oscillation", SOURCE,
        "For the oscillation task the dominant complex eigenvalue pair of the trained recurrent matrix rotates at the "
            + "frequency of the trained oscillation", "dominant pair's frequency matches the oscillation",
        "median relative error |rotation of the largest-modulus complex pair / frequency of the output| − 1, with a "
            + "95 % interval of the median", median, ci[0], ci[1], Double.NaN,
        String.format(Locale.ROOT, "median <= %.2f", FREQUENCY_TOLERANCE),
        v.length < MIN_NETWORKS ? Verdict.NOT_ASSESSED : Verdict.of(median <= FREQUENCY_TOLERANCE),
        measured + " of " + trained + " trained oscillation networks solve the task", v.length,
        v.length == 0 ? "no solving oscillation network" : String.format(Locale.ROOT, "%d of %d within %.0f %% "
            + "(95 %% Wilson interval [%.2f, %.2f])", ok, v.length, 100 * FREQUENCY_TOLERANCE, wilson[0], wilson[1]),
        false);
  }

  private List<Finding> j4Dominant(Evidence e, List<Network> networks) {
    List<Finding> out = new ArrayList<>();
    for (String task : e.tasks()) {
      List<Network> ns = networks.stream().filter(n -> n.run().label("task").equals(task)).toList();
      int real = (int) ns.stream().filter(n -> n.after().dominantReal()).count();
      double[] ci = Statistics.wilson(real, ns.size());
      double value = ns.isEmpty() ? Double.NaN : (double) real / ns.size();
      out.add(new Finding("J4-dominant-" + task, SOURCE,
          "Different realisations of the same task find different dynamics: the dominant eigenvalue is real in some "
              + "networks and complex in others (" + task + ")", "real in some realisations, complex in others",
          "fraction of solving networks whose largest-modulus eigenvalue is real, with its 95 % Wilson interval",
          value, ci[0], ci[1], Double.NaN, "both real and complex occur (0 < fraction < 1)",
          ns.size() < MIN_NETWORKS ? Verdict.NOT_ASSESSED : Verdict.of(real > 0 && real < ns.size()),
          ns.size() + " solving " + task + " networks (every initialisation, size and Dale fraction)", ns.size(),
          real + " real, " + (ns.size() - real) + " complex", false));
    }
    return out;
  }

  /** The bulk per group of solving networks: initialisation, Dale fraction (and balance), size. */
  private static FindingsTable bulkTable(Evidence e, List<Network> networks) {
    Map<String, List<Network>> groups = new LinkedHashMap<>();
    List<Network> sorted = new ArrayList<>(networks);
    sorted.sort(Comparator.comparing(Network::init).thenComparingDouble(Network::dale)
        .thenComparingInt(Network::units));
    for (Network n : sorted) {
      String balance = n.dale() > 0 && n.run().label("dale_balance").equals("true") ? " balanced" : "";
      groups.computeIfAbsent(n.init() + "|" + num(n.dale()) + balance + "|" + n.units(), k -> new ArrayList<>())
          .add(n);
    }
    List<String> init = new ArrayList<>();
    List<String> dale = new ArrayList<>();
    List<String> units = new ArrayList<>();
    List<String> count = new ArrayList<>();
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    List<Double> radiusBefore = new ArrayList<>();
    List<Double> radiusAfter = new ArrayList<>();
    List<Double> insideBefore = new ArrayList<>();
    List<Double> insideAfter = new ArrayList<>();
    List<Double> real = new ArrayList<>();
    for (Map.Entry<String, List<Network>> g : groups.entrySet()) {
      String[] k = g.getKey().split("\\|");
      List<Network> ns = g.getValue();
      init.add(k[0]);
      dale.add(k[1]);
      units.add(k[2]);
      long all = e.runs().stream().filter(r -> !r.failed() && r.label("init").equals(k[0])
          && r.label("units").equals(k[2]) && num(r.number("dale")).equals(k[1].replace(" balanced", ""))).count();
      count.add(ns.size() + " of " + all);
      List<Network> withBefore = ns.stream().filter(n -> n.before() != null).toList();
      double rb = Statistics.median(values(withBefore, n -> n.before().radius()));
      double ib = Statistics.median(values(withBefore, n -> n.before().insideHalf()));
      double ra = Statistics.median(values(ns, n -> n.after().radius()));
      double ia = Statistics.median(values(ns, n -> n.after().insideHalf()));
      double rf = (double) ns.stream().filter(n -> n.after().dominantReal()).count() / ns.size();
      before.add(withBefore.isEmpty() ? "–" : String.format(Locale.ROOT, "R %.3f, inside R/2 %.2f", rb, ib));
      after.add(String.format(Locale.ROOT, "R %.3f, inside R/2 %.2f", ra, ia));
      radiusBefore.add(rb);
      radiusAfter.add(ra);
      insideBefore.add(ib);
      insideAfter.add(ia);
      real.add(rf);
    }
    return new FindingsTable("jarne-bulk", "The bulk of the recurrent spectrum, before and after training",
        "Per group of solving networks (initialisation, excitatory fraction — 0 without Dale's law, 'balanced' when "
            + "the inhibitory weights started scaled by N_E/N_I — and size), all tasks pooled: the median bulk radius R "
            + "(the " + DOMINANT_PLUS_ONE + "th largest |λ| of W_eff, Jarne's measure) and the median fraction of the "
            + "bulk (all but the " + DOMINANT + " largest) inside R/2 (uniform disk ≈ 0.25, ring 0), before and "
            + "after training; and the fraction whose dominant eigenvalue is real.",
        List.of(FindingsTable.Column.text("init", "initialisation", init),
            FindingsTable.Column.text("dale", "excitatory fraction", dale),
            FindingsTable.Column.text("units", "units", units),
            FindingsTable.Column.text("solving", "solving / trained", count),
            FindingsTable.Column.text("before", "before training", before),
            FindingsTable.Column.text("after", "after training", after),
            FindingsTable.Column.numbers("dominant_real", "dominant eigenvalue real (fraction)", real, true),
            FindingsTable.Column.numbers("radius_before", "median R before", radiusBefore, false),
            FindingsTable.Column.numbers("radius_after", "median R after", radiusAfter, false),
            FindingsTable.Column.numbers("inside_half_before", "median fraction inside R/2 before", insideBefore,
                false),
            FindingsTable.Column.numbers("inside_half_after", "median fraction inside R/2 after", insideAfter,
                false)));
  }

  /** Per task: how often the dominant eigenvalue is real, and the oscillation's frequencies. */
  private static FindingsTable dominantTable(Evidence e, List<Network> networks) {
    List<String> task = new ArrayList<>();
    List<String> solving = new ArrayList<>();
    List<Double> real = new ArrayList<>();
    List<Double> complex = new ArrayList<>();
    List<String> frequency = new ArrayList<>();
    for (String t : e.tasks()) {
      List<Network> ns = networks.stream().filter(n -> n.run().label("task").equals(t)).toList();
      long trained = e.runsOf(t).stream().filter(r -> !r.failed()).count();
      task.add(t);
      solving.add(ns.size() + " of " + trained);
      long r = ns.stream().filter(n -> n.after().dominantReal()).count();
      real.add((double) r);
      complex.add((double) (ns.size() - r));
      double[] errors = ns.stream().map(n -> n.run().measures().get("oscillation_frequency")).filter(m -> m != null)
          .mapToDouble(m -> m.number("relative_error")).filter(Double::isFinite).toArray();
      frequency.add(errors.length == 0 ? "–" : String.format(Locale.ROOT, "median %.3f; %d of %d within %.0f %%",
          Statistics.median(errors), Arrays.stream(errors).filter(x -> x <= FREQUENCY_TOLERANCE).count(),
          errors.length, 100 * FREQUENCY_TOLERANCE));
    }
    return new FindingsTable("jarne-dominant", "The dominant eigenvalue per task",
        "Per task, over its solving networks: how many have a real and how many a complex dominant (largest-modulus) "
            + "eigenvalue of W_eff; for the oscillation, the relative error between the dominant complex pair's "
            + "rotation and the output's frequency.",
        List.of(FindingsTable.Column.text("task", "task", task),
            FindingsTable.Column.text("solving", "solving / trained", solving),
            FindingsTable.Column.numbers("real", "dominant real", real, true),
            FindingsTable.Column.numbers("complex", "dominant complex", complex, true),
            FindingsTable.Column.text("frequency", "dominant pair vs output frequency", frequency)));
  }
}
