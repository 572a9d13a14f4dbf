package cohort.study.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.findings.Evidence.Distances;
import cohort.study.findings.Evidence.RunEvidence;
import cohort.study.findings.Finding.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ghalambor et al.'s findings on synthetic DSA distances whose answer is known: networks are points whose distances
 * are Euclidean, each task a cluster, and training moves the clusters as the poster says (DC and CDM merge, CDM and
 * ID part, PDM and CDM part under one initialisation only).
 */
class GhalamborTest {

  static final List<String> TASKS = List.of("perceptual-dm", "context-dm", "multisensory", "delay-comparison",
      "interval-discrimination", "go-nogo");
  static final List<String> INITS = List.of("normal", "orthogonal");
  static final int PER_CELL = 10;

  /** The centre of a task's cluster (6 dimensions) before or after training under an initialisation. */
  static double[] centre(String task, boolean trained, String init) {
    double[] c = new double[7];
    int k = TASKS.indexOf(task);
    if (!trained) {
      // before: every task its own corner, except CDM and ID, which coincide
      c[task.equals("interval-discrimination") ? TASKS.indexOf("context-dm") : k] = 4;
      return c;
    }
    // after: DC joins CDM; ID leaves it; PDM joins CDM under the orthogonal initialisation only
    String where = task.equals("delay-comparison") ? "context-dm"
        : task.equals("perceptual-dm") && init.equals("orthogonal") ? "context-dm" : task;
    c[TASKS.indexOf(where)] = 4;
    return c;
  }

  static Evidence evidence(boolean withDsa) {
    SplittableRandom random = new SplittableRandom(3);
    List<RunEvidence> runs = new ArrayList<>();
    List<String> items = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (String task : TASKS) {
      for (String init : INITS) {
        for (int s = 0; s < PER_CELL; s++) {
          String id = task + "-" + init + "-s" + s;
          Map<String, String> labels = Map.of("task", task, "task_name", task, "architecture", "ctrnn",
              "activation", "tanh", "units", "16", "init", init);
          runs.add(new RunEvidence(id, labels, "completed", s % 2 == 0, 0.9, Map.of()));
          for (boolean trained : new boolean[] {false, true}) {
            double[] c = centre(task, trained, init);
            for (int d = 0; d < c.length; d++) {
              c[d] += random.nextGaussian() * 0.5;
            }
            items.add(trained ? id : id + ":untrained");
            points.add(c);
          }
        }
      }
    }
    int n = items.size();
    double[] distance = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int d = 0; d < points.get(i).length; d++) {
          double v = points.get(i)[d] - points.get(j)[d];
          s += v * v;
        }
        distance[i * n + j] = Math.sqrt(s);
      }
    }
    return new Evidence(runs, withDsa ? List.of(new Distances("dsa", "all", items, distance)) : List.of(), 11);
  }

  @Test
  void theFourClaimsOnPopulationsBuiltToShowThem() {
    Replication.Results results = new Ghalambor(39).results(evidence(true));
    Map<String, Finding> found = new LinkedHashMap<>();
    results.findings().forEach(f -> found.put(f.name(), f));
    Finding g1 = found.get("G1-before-training");
    // 15 pairs; only CDM-ID coincides before training
    assertEquals(15, g1.n());
    assertEquals(14.0 / 15, g1.value(), 1e-12, g1.notes());
    assertEquals(Verdict.AGREES, g1.verdict());
    assertTrue(g1.asserted());
    assertTrue(g1.notes().contains("context-dm–interval-discrimination"), g1.notes());

    Finding fall = found.get("G2-DC–CDM");
    assertEquals(Verdict.AGREES, fall.verdict(), fall.toString());
    assertTrue(fall.value() <= -0.3, "separable before, merged after: " + fall.value());
    Finding rise = found.get("G2-CDM–ID");
    assertEquals(Verdict.AGREES, rise.verdict(), rise.toString());
    assertTrue(rise.value() >= 0.3, rise.toString());
    assertTrue(!fall.asserted() && !rise.asserted(), "G2 is reported, not asserted");

    Finding g3 = found.get("G3-PDM–MSI");
    assertEquals(Verdict.AGREES, g3.verdict(), g3.toString());
    assertEquals(40, g3.n(), "10 + 10 trained networks under each of two initialisations");
    assertTrue(g3.pValue() < 0.05);

    Finding g4 = found.get("G4-PDM–CDM");
    assertEquals(Verdict.AGREES, g4.verdict(), g4.toString());
    assertTrue(g4.value() >= 0.3, "separable under normal, merged under orthogonal: range " + g4.value());
    assertTrue(g4.notes().contains("normal") && g4.notes().contains("orthogonal"), g4.notes());

    FindingsTable table = results.tables().get(0);
    assertEquals(15, table.rows());
    assertEquals("PDM–CDM", table.columns().get(0).text()[0]);
    // the pair column, then six numbers and one text per condition: before, after, before/after per init
    assertEquals(1 + 6 * 6, table.columns().size());
    FindingsTable.Column counts = table.columns().stream().filter(c -> c.name().equals("after_normal_n_a"))
        .findFirst().orElseThrow();
    assertEquals(PER_CELL, counts.numbers()[0]);
  }

  /** A disagreement is a verdict, not a failure: a population where training merges PDM and MSI. */
  @Test
  void mergedTasksDisagreeWithG3() {
    Evidence e = evidence(true);
    Distances d = e.comparisons().get(0);
    double[] merged = d.distance().clone();
    int n = d.items().size();
    // make every trained PDM and MSI network identical to one another
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (trainedOf(d.items().get(i), "perceptual-dm", "multisensory")
            && trainedOf(d.items().get(j), "perceptual-dm", "multisensory")) {
          merged[i * n + j] = i == j ? 0 : 1;
        }
      }
    }
    Evidence changed = new Evidence(e.runs(), List.of(new Distances("dsa", "all", d.items(), merged)), e.seed());
    Finding g3 = new Ghalambor(39).findings(changed).stream().filter(f -> f.name().startsWith("G3")).findFirst()
        .orElseThrow();
    assertEquals(Verdict.DISAGREES, g3.verdict(), g3.toString());
  }

  private static boolean trainedOf(String item, String a, String b) {
    return !item.endsWith(":untrained") && (item.startsWith(a) || item.startsWith(b));
  }

  @Test
  void withoutDsaEveryClaimIsNotAssessed() {
    for (Finding f : new Ghalambor(9).findings(evidence(false))) {
      assertEquals(Verdict.NOT_ASSESSED, f.verdict(), f.name());
    }
  }
}
