package cohort.study.findings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.findings.Evidence.Distances;
import cohort.study.findings.Evidence.Measure;
import cohort.study.findings.Evidence.RunEvidence;
import cohort.study.findings.Finding.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The statistics behind the findings and the universality findings on populations whose answer is known. */
class UniversalityTest {

  @Test
  void nearestNeighbourAccuracyAndItsPermutationNull() {
    // two tight clusters far apart: every network's neighbour is in its own cluster
    int n = 12;
    int[] labels = new int[n];
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      labels[i] = i < 6 ? 0 : 1;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i * n + j] = i == j ? 0 : labels[i] == labels[j] ? 1 + 0.01 * (i + j) : 10;
      }
    }
    assertEquals(1.0, Statistics.nearestNeighbourAccuracy(d, n, labels));
    double p = Statistics.permutationP(d, n, labels, 999, 1);
    assertTrue(p < 0.01, "p " + p);
    assertTrue(p >= 1.0 / 1000, "a permutation p is never below 1/(1 + permutations)");
    // the same distances with labels that ignore the clusters: chance
    int[] crossed = new int[n];
    for (int i = 0; i < n; i++) {
      crossed[i] = i % 2;
    }
    assertTrue(Statistics.permutationP(d, n, crossed, 999, 1) > 0.05);
  }

  @Test
  void wilsonIntervalMatchesItsFormula() {
    // 8 of 10: centre (0.8 + 1.92/10)/(1 + 3.84/10), the textbook values 0.490 and 0.943
    double[] ci = Statistics.wilson(8, 10);
    assertArrayEquals(new double[] {0.4902, 0.9433}, new double[] {Math.round(ci[0] * 1e4) / 1e4,
        Math.round(ci[1] * 1e4) / 1e4});
    assertEquals(1.0, Statistics.wilson(5, 5)[1], 1e-12);
  }

  /** Geometry that clusters by architecture and topology that does not: U1 and U2 agree; the cube finding counts. */
  @Test
  void clusteredGeometryAndMixedTopologyAgreeWithThePaper() {
    List<RunEvidence> runs = new ArrayList<>();
    List<String> archs = List.of("vanilla", "ugrnn", "gru", "lstm");
    for (String arch : archs) {
      for (int s = 0; s < 4; s++) {
        Map<String, String> labels = Map.of("task", "flipflop", "task_name", "flipflop", "architecture", arch,
            "activation", s % 2 == 0 ? "tanh" : "relu");
        boolean cube = !(arch.equals("lstm") && s == 0);
        runs.add(new RunEvidence(arch + s, labels, "completed", true, 1.0,
            Map.of("flipflop_cube", new Measure(Map.of("ok", cube ? 1 : 0), Map.of()))));
      }
    }
    int n = runs.size();
    List<String> ids = runs.stream().map(RunEvidence::id).toList();
    double[] geometry = new double[n * n];
    double[] topology = new double[n * n];
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        boolean same = runs.get(i).label("architecture").equals(runs.get(j).label("architecture"));
        geometry[i * n + j] = geometry[j * n + i] = (same ? 0.1 : 0.6) + 0.05 * random.nextDouble();
        topology[i * n + j] = topology[j * n + i] = random.nextDouble();
      }
    }
    Evidence e = new Evidence(runs, List.of(new Distances("svcca", "flipflop", ids, geometry),
        new Distances("topology", "flipflop", ids, topology)), 7);
    Map<String, Finding> found = new LinkedHashMap<>();
    for (Finding f : new Universality().findings(e)) {
      found.put(f.name(), f);
    }
    assertEquals(Verdict.AGREES, found.get("U1-svcca-flipflop-architecture").verdict());
    assertEquals(1.0, found.get("U1-svcca-flipflop-architecture").value());
    assertEquals(Verdict.AGREES, found.get("U2-topology-flipflop-architecture").verdict(),
        found.get("U2-topology-flipflop-architecture").toString());
    assertEquals(0.75, found.get("U3-flipflop-lstm").value(), 1e-12, "3 of 4 LSTMs have the cube");
    assertEquals(Verdict.DISAGREES, found.get("U3-flipflop-lstm").verdict(), "0.75 < 0.90");
    assertEquals(Verdict.AGREES, found.get("U3-flipflop-gru").verdict());
    assertEquals(16, found.get("U1-svcca-flipflop-architecture").n());
  }
}
