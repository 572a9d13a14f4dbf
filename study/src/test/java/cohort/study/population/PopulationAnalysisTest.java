package cohort.study.population;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.MetricRegistry;
import cohort.analysis.similarity.MetricKind;
import cohort.study.population.PopulationResults.Comparison;
import cohort.study.spec.SpecReader;
import cohort.study.spec.StudySpec;
import cohort.tasks.TaskRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every registered metric in a population analysis, named only in the spec: geometry metrics give one matrix per
 * task, dynamics metrics one over all networks; each matrix is a distance matrix, its provenance names the metric,
 * its units and options, and nothing depends on the number of threads.
 */
class PopulationAnalysisTest {

  /** Probe activity {@code [steps][trials][units]} of a random stable linear system driven by noise. */
  static PopulationItem network(String id, String task, SplittableRandom rng) {
    int steps = 12;
    int trials = 3;
    int units = 5;
    double[] a = new double[units * units];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian() * 0.8 / Math.sqrt(units);
    }
    float[] x = new float[steps * trials * units];
    for (int b = 0; b < trials; b++) {
      double[] h = new double[units];
      for (int i = 0; i < units; i++) {
        h[i] = rng.nextGaussian();
      }
      for (int t = 0; t < steps; t++) {
        double[] next = new double[units];
        for (int i = 0; i < units; i++) {
          double s = 0.05 * rng.nextGaussian();
          for (int j = 0; j < units; j++) {
            s += a[i * units + j] * h[j];
          }
          next[i] = Math.tanh(s + 0.3 * (i + 1));
          x[(t * trials + b) * units + i] = (float) next[i];
        }
        h = next;
      }
    }
    // a fixed-point topology per network too (for the topology metric): k stable points and k-1 saddles on a line
    int k = 1 + rng.nextInt(4);
    double[] spectrum = new double[Math.max(0, 2 * k - 2)];
    for (int i = 0; i < spectrum.length; i++) {
      spectrum[i] = 2 + Math.cos(Math.PI * (i + 1) / (2 * k - 1));
    }
    return new PopulationItem(id, Map.of("task", task, "architecture", "gru", "trained", "trained"), steps, trials,
        units, x, List.of(new cohort.analysis.topology.TopologySignature(new int[] {k, k - 1}, spectrum)));
  }

  @Test
  void everyRegisteredMetricComputesItsMatricesWithProvenance() {
    MetricRegistry metrics = MetricRegistry.standard();
    String spec = "study: all-metrics\ngrid: {task: flipflop, architecture: gru}\ncomparisons: {metrics: ["
        + String.join(", ", metrics.names()) + "], mds_dimensions: 2}\n";
    StudySpec s = new SpecReader(TaskRegistry.standard(), metrics).parse(spec, "all.yaml");
    SplittableRandom rng = new SplittableRandom(4);
    List<PopulationItem> items = new ArrayList<>();
    for (String task : List.of("flipflop", "sine")) {
      for (int k = 0; k < 4; k++) {
        items.add(network(task + k, task, rng));
      }
    }
    PopulationResults one = new PopulationAnalysis(s.comparisons(), s.seed(), 1).compute(items);
    PopulationResults two = new PopulationAnalysis(s.comparisons(), s.seed(), 2).compute(items);
    assertEquals(one.comparisons().size(), two.comparisons().size());
    for (int i = 0; i < one.comparisons().size(); i++) {
      assertArrayEquals(one.comparisons().get(i).distance(), two.comparisons().get(i).distance(), "threads");
    }
    for (String name : metrics.names()) {
      List<Comparison> mine = new ArrayList<>();
      for (Comparison c : one.comparisons()) {
        if (c.metric().equals(name)) {
          mine.add(c);
        }
      }
      boolean perTask = metrics.info(name).kind() != MetricKind.DYNAMICS;
      assertEquals(perTask ? List.of("flipflop", "sine") : List.of("all"),
          mine.stream().map(Comparison::scope).toList(), name);
      for (Comparison c : mine) {
        int n = c.items().size();
        double[] d = c.distance();
        for (int i = 0; i < n; i++) {
          assertEquals(0.0, d[i * n + i], name);
          for (int j = 0; j < n; j++) {
            assertTrue(Double.isFinite(d[i * n + j]), name);
            assertEquals(d[i * n + j], d[j * n + i], name);
          }
        }
        assertEquals(metrics.info(name).units(), c.units());
        assertTrue(c.optionsJson().contains("\"metric\":\"" + name + "\"") && c.optionsJson().contains("\"units\":"),
            c.optionsJson());
      }
    }
  }
}
