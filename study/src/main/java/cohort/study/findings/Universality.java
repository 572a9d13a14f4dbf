package cohort.study.findings;

import cohort.study.findings.Evidence.Measure;
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
 * The findings of Maheswaranathan, Williams, Golub, Ganguli &amp; Sussillo (NeurIPS 2019), "Universality and
 * individuality in neural dynamics across large populations of recurrent networks", with the criteria of Cohort's
 * issue 15 (fixed before any replication ran). Only networks that solve their task enter (as in the paper); the
 * population line of each finding says how many did.
 *
 * <ul>
 *   <li>U1, individuality of geometry: leave-one-out 1-nearest-neighbour accuracy of the architecture label from
 *       SVCCA and from CKA distances ≥ 0.75 (chance 1/#architectures) with permutation p &lt; 0.01, on each task;
 *       of the activation label from SVCCA ≥ 0.9.
 *   <li>U2, universality of topology: the same classifier on the fixed-point topology distances is not predictive of
 *       architecture: accuracy ≤ 0.45 or p &gt; 0.05.
 *   <li>U3, flip-flop: in ≥ 90 % of solving networks of every architecture, 2ⁿ stable fixed points (one per output
 *       pattern) and every pair of corners one bit apart joined through an index-1 saddle.
 *   <li>U4, sine: in ≥ 90 % of solving networks, at every analysed frequency cue, the fixed point the oscillation
 *       turns around is an unstable focus rotating within 10 % of the cued frequency.
 *   <li>U5, context integration: in ≥ 80 % of solving networks of every architecture, in each context the fixed and
 *       slow points lie along a line (first principal component ≥ 90 % of their variance) and each has a leading
 *       eigenvalue within 0.02 of 1; the number of modes with |λ| ≥ 0.98 per architecture is reported.
 *   <li>U6, trained vs untrained (reported, not asserted): per task and architecture, the SVCCA distance between a
 *       trained network and the untrained networks of its activation against that between trained networks of
 *       different activations; the fraction of pairs of pairs where the first is smaller (the paper: they "can be"
 *       closer; agrees when at least half are).
 * </ul>
 */
final class Universality extends NamedReplication {

  static final String SOURCE = "Maheswaranathan et al. 2019";
  static final int PERMUTATIONS = 1000;

  Universality() {
    super("universality", SOURCE);
  }

  @Override
  public List<Finding> findings(Evidence e) {
    List<Finding> out = new ArrayList<>();
    for (String task : e.tasks()) {
      List<RunEvidence> solved = e.runsOf(task).stream().filter(RunEvidence::solved).toList();
      int all = e.runsOf(task).size();
      String population = solved.size() + " of " + all + " " + task + " networks solve the task (trained)";
      for (String metric : List.of("svcca", "cka")) {
        classify(e, metric, task, solved, "architecture", population).ifPresent(c -> out.add(finding(
            "U1-" + metric + "-" + task + "-architecture",
            "Representational geometry is architecture-specific: networks cluster by architecture (" + task + ", "
                + metric.toUpperCase(Locale.ROOT) + ")",
            "MDS of SVCCA distances clusters by architecture (Fig. 1d, 3c)", c,
            "accuracy >= 0.75 and p < 0.01", c.accuracy >= 0.75 && c.p < 0.01, true)));
      }
      classify(e, "svcca", task, solved, "activation", population).ifPresent(c -> out.add(finding(
          "U1-svcca-" + task + "-activation",
          "Representational geometry separates activations (tanh vs ReLU) (" + task + ")",
          "MDS coloured by activation separates tanh from ReLU (Fig. 1d)", c, "accuracy >= 0.9",
          c.accuracy >= 0.9, true)));
      classify(e, "topology", task, solved, "architecture", population).ifPresent(c -> out.add(finding(
          "U2-topology-" + task + "-architecture",
          "The topology of the fixed points is shared across architectures: topology distances do not cluster by "
              + "architecture (" + task + ")",
          "MDS of topology distances mixes architectures (Fig. 1f)", c, "accuracy <= 0.45 or p > 0.05",
          c.accuracy <= 0.45 || c.p > 0.05, true)));
    }
    out.addAll(structure(e, "flipflop_cube", "U3", 0.90, "The 3-bit flip-flop is solved by 8 stable fixed points at "
        + "the corners of a cube, adjacent corners joined through index-1 saddles",
        "8 stable points, cube of index-1 saddles (Fig. 1e)", true));
    out.addAll(structure(e, "input_rotation", "U4", 0.90, "Sine generation: at each input, an unstable focus whose "
        + "rotation is the target frequency", "one unstable focus per cue, rotating at the cued frequency (Fig. 2)",
        false));
    out.addAll(structure(e, "line_attractor", "U5", 0.80, "Context integration uses an approximate line attractor per "
        + "context (a slow mode with eigenvalue near 1)", "approximate line attractor in every architecture (Fig. "
        + "3b, e)", true));
    for (String task : e.tasks()) {
      untrained(e, task).forEach(out::add);
    }
    return out;
  }

  /** A classification of one label from one distance matrix, over the solving trained networks of a task. */
  record Classification(double accuracy, double p, double chance, int n, int classes, String population) {}

  private Optional<Classification> classify(Evidence e, String metric, String task, List<RunEvidence> solved,
      String label, String population) {
    Optional<Evidence.Distances> found = e.comparison(metric, task);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Evidence.Distances c = found.get();
    Map<String, RunEvidence> byId = new HashMap<>();
    for (RunEvidence r : solved) {
      byId.put(r.id(), r);
    }
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < c.items().size(); i++) {
      if (byId.containsKey(c.items().get(i))) {
        rows.add(i);
      }
    }
    int n = rows.size();
    int m = c.items().size();
    double[] d = new double[n * n];
    int[] labels = new int[n];
    Map<String, Integer> codes = new LinkedHashMap<>();
    for (int a = 0; a < n; a++) {
      labels[a] = codes.computeIfAbsent(byId.get(c.items().get(rows.get(a))).label(label), k -> codes.size());
      for (int b = 0; b < n; b++) {
        d[a * n + b] = c.distance()[rows.get(a) * m + rows.get(b)];
      }
    }
    if (n < 4 || codes.size() < 2) {
      return Optional.of(new Classification(Double.NaN, Double.NaN, Double.NaN, n, codes.size(), population));
    }
    int[] counts = new int[codes.size()];
    for (int l : labels) {
      counts[l]++;
    }
    double chance = 0;
    for (int k : counts) {
      chance += (double) k / n * (k - 1) / Math.max(1, n - 1);
    }
    double accuracy = Statistics.nearestNeighbourAccuracy(d, n, labels);
    double p = Statistics.permutationP(d, n, labels, PERMUTATIONS, e.seed() ^ (metric + task + label).hashCode());
    return Optional.of(new Classification(accuracy, p, chance, n, codes.size(), population));
  }

  private Finding finding(String name, String claim, String sourceValue, Classification c, String criterion,
      boolean ok, boolean asserted) {
    boolean assessable = Double.isFinite(c.accuracy);
    return new Finding(name, SOURCE, claim, sourceValue,
        "leave-one-out 1-nearest-neighbour accuracy (" + c.classes + " classes, chance "
            + String.format(Locale.ROOT, "%.2f", c.chance) + "), permutation p over " + PERMUTATIONS + " shuffles",
        c.accuracy, Double.NaN, Double.NaN, c.p, criterion, assessable ? Verdict.of(ok) : Verdict.NOT_ASSESSED,
        c.population, c.n, assessable ? "" : "fewer than 4 solving networks or a single class", asserted);
  }

  /** U3–U5: the fraction of solving networks whose task measure shows the structure, per architecture. */
  private List<Finding> structure(Evidence e, String measure, String id, double threshold, String claim,
      String sourceValue, boolean perArchitecture) {
    List<Finding> out = new ArrayList<>();
    Map<String, List<RunEvidence>> byTask = new LinkedHashMap<>();
    for (RunEvidence r : e.runs()) {
      if (r.measures().containsKey(measure)) {
        byTask.computeIfAbsent(r.label("task"), k -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<String, List<RunEvidence>> t : byTask.entrySet()) {
      Map<String, List<RunEvidence>> groups = new LinkedHashMap<>();
      for (RunEvidence r : t.getValue()) {
        groups.computeIfAbsent(perArchitecture ? r.label("architecture") : "all", k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<RunEvidence>> g : groups.entrySet()) {
        List<RunEvidence> solved = g.getValue().stream().filter(RunEvidence::solved).toList();
        int ok = 0;
        double slowModes = 0;
        Map<String, int[]> perArch = new LinkedHashMap<>();
        for (RunEvidence r : solved) {
          Measure m = r.measures().get(measure);
          ok += m.ok() ? 1 : 0;
          slowModes += m.number("slow_modes_mean");
          int[] c = perArch.computeIfAbsent(r.label("architecture"), k -> new int[2]);
          c[0] += m.ok() ? 1 : 0;
          c[1]++;
        }
        int n = solved.size();
        double[] ci = Statistics.wilson(ok, n);
        double fraction = n == 0 ? Double.NaN : (double) ok / n;
        StringBuilder notes = new StringBuilder();
        if (measure.equals("line_attractor") && n > 0) {
          notes.append(String.format(Locale.ROOT, "mean number of modes with |lambda| >= 0.98 per point: %.2f",
              slowModes / n));
        }
        if (!perArchitecture) {
          perArch.forEach((arch, c) -> notes.append(notes.length() > 0 ? "; " : "").append(arch).append(' ')
              .append(c[0]).append('/').append(c[1]));
        }
        String scope = perArchitecture ? g.getKey() : "all architectures";
        out.add(new Finding(id + "-" + t.getKey() + (perArchitecture ? "-" + g.getKey() : ""), SOURCE,
            claim + " (" + scope + ")", sourceValue,
            "fraction of solving networks whose " + measure.replace('_', ' ') + " measure holds, with its 95 % Wilson "
                + "interval", fraction, ci[0], ci[1], Double.NaN,
            String.format(Locale.ROOT, "fraction >= %.2f", threshold),
            n == 0 ? Verdict.NOT_ASSESSED : Verdict.of(fraction >= threshold),
            n + " of " + g.getValue().size() + " " + t.getKey() + " networks (" + scope + ") solve the task", n,
            notes.toString(), true));
      }
    }
    return out;
  }

  /** U6 for one task: trained-vs-untrained (same activation) against trained-vs-trained (other activation). */
  private List<Finding> untrained(Evidence e, String task) {
    Optional<Evidence.Distances> found = e.comparison("svcca", task);
    if (found.isEmpty()) {
      return List.of();
    }
    Evidence.Distances c = found.get();
    Map<String, RunEvidence> byId = new HashMap<>();
    for (RunEvidence r : e.runsOf(task)) {
      byId.put(r.id(), r);
    }
    List<Finding> out = new ArrayList<>();
    Map<String, List<Integer>> trainedByArch = new LinkedHashMap<>();
    Map<String, List<Integer>> untrainedByArch = new LinkedHashMap<>();
    for (int i = 0; i < c.items().size(); i++) {
      String item = c.items().get(i);
      boolean untrained = item.endsWith(":untrained");
      RunEvidence r = byId.get(untrained ? item.substring(0, item.length() - ":untrained".length()) : item);
      if (r == null || (!untrained && !r.solved())) {
        continue;
      }
      (untrained ? untrainedByArch : trainedByArch).computeIfAbsent(r.label("architecture"), k -> new ArrayList<>())
          .add(i);
    }
    int m = c.items().size();
    for (String arch : trainedByArch.keySet()) {
      List<Integer> trained = trainedByArch.get(arch);
      List<Integer> untrained = untrainedByArch.getOrDefault(arch, List.of());
      List<Double> sameActivation = new ArrayList<>();
      List<Double> otherActivation = new ArrayList<>();
      for (int i : trained) {
        RunEvidence ri = byId.get(c.items().get(i));
        for (int j : untrained) {
          String base = c.items().get(j).replace(":untrained", "");
          if (!base.equals(ri.id()) && byId.get(base).label("activation").equals(ri.label("activation"))) {
            sameActivation.add(c.distance()[i * m + j]);
          }
        }
        for (int j : trained) {
          if (j > i && !byId.get(c.items().get(j)).label("activation").equals(ri.label("activation"))) {
            otherActivation.add(c.distance()[i * m + j]);
          }
        }
      }
      if (sameActivation.isEmpty() || otherActivation.isEmpty()) {
        continue;
      }
      long smaller = 0;
      for (double a : sameActivation) {
        for (double b : otherActivation) {
          smaller += a < b ? 1 : 0;
        }
      }
      double fraction = (double) smaller / ((long) sameActivation.size() * otherActivation.size());
      out.add(new Finding("U6-" + task + "-" + arch, SOURCE,
          "Trained and untrained networks of the same activation can be closer under SVCCA than trained networks "
              + "of different activations (" + task + ", " + arch + ")",
          "SVCCA groups by activation even across training (Fig. 1d)",
          "fraction of (trained-untrained same activation, trained-trained other activation) distance pairs where "
              + "the first is smaller",
          fraction, Double.NaN, Double.NaN, Double.NaN, "fraction >= 0.5", Verdict.of(fraction >= 0.5),
          sameActivation.size() + " trained-untrained and " + otherActivation.size() + " trained-trained distances ("
              + arch + ", solving networks)", sameActivation.size() + otherActivation.size(),
          String.format(Locale.ROOT, "median trained-untrained (same activation) %.3f; median trained-trained "
              + "(other activation) %.3f", median(sameActivation), median(otherActivation)), false));
    }
    return out;
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
