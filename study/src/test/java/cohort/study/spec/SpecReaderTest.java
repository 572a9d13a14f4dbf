package cohort.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.tasks.TaskRegistry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SpecReaderTest {

  private final SpecReader reader = new SpecReader(TaskRegistry.standard());

  static final String GOOD = """
      study: smoke
      seed: 7
      grid:
        task: [flipflop, {sine: {steps: 50}}]
        architecture: [vanilla, gru]
        activation: tanh
        units: 16
        init: {kind: orthogonal, gain: 1.0}
        seeds: 2
      training:
        iterations: 10
        lr: [0.01, 0.001]
      """;

  @Test
  void readsAGoodSpecWithDefaultsFilledIn() {
    StudySpec s = reader.parse(GOOD, "good.yaml");
    assertEquals("smoke", s.name());
    assertEquals(7, s.seed());
    assertEquals(2, s.grid().tasks().size());
    assertEquals("50", s.grid().tasks().get(1).params().get("steps"));
    assertEquals(List.of("vanilla", "gru"), s.grid().architectures());
    assertEquals(List.of(64), s.training().batch());
    assertEquals(List.of("adam"), s.training().optimizer());
    assertTrue(s.canonicalJson().startsWith("{\"analysis\":"), s.canonicalJson());
  }

  @Test
  void jsonIsAcceptedToo() {
    StudySpec s = reader.parse("{\"study\": \"j\", \"grid\": {\"task\": \"xor\", \"architecture\": \"ctrnn\"}}",
        "j.json");
    assertEquals("xor", s.grid().tasks().get(0).name());
  }

  @Test
  void sameSpecSameCanonicalJson() {
    assertEquals(reader.parse(GOOD, "a").canonicalJson(), reader.parse(GOOD, "b").canonicalJson());
  }

  static List<Arguments> malformed() {
    return List.of(
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\nbogus: 1\n", "bogus: unknown key"),
        Arguments.of("grid: {task: flipflop, architecture: gru}\n", "study: missing"),
        Arguments.of("study: x\ngrid: {task: nosuchtask, architecture: gru}\n", "unknown task 'nosuchtask'"),
        Arguments.of("study: x\ngrid: {task: {flipflop: {nosuchparam: 3}}, architecture: gru}\n",
            "grid.task.flipflop:"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: transformer}\n",
            "grid.architecture: got 'transformer'; accepted: one of vanilla"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, units: -4}\n",
            "grid.units: got -4; accepted: an integer in [1, 4096]"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, units: sixty}\n", "grid.units: got 'sixty'"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\ntraining: {lr: 0}\n",
            "training.lr: got 0"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\ntraining: {optimizer: lbfgs}\n",
            "training.optimizer: got 'lbfgs'; accepted: one of adam, sgd, rmsprop"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, dale: 1.5}\n", "grid.dale: got 1.5"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: low-rank}\n",
            "grid.rank: got 0; accepted: a rank of at least 1"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, init: {kind: magic}}\n",
            "grid.init.kind: got 'magic'"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\ncomparisons: {metrics: [cka, euclid]}\n",
            "comparisons.metrics: got 'euclid'"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\n"
            + "comparisons: {metrics: [{svcca: {keep_variance: 1.5}}]}\n",
            "comparisons.metrics.svcca: metric 'svcca' option keep_variance: got 1.5; accepted: (0, 1]"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\n"
            + "comparisons: {metrics: [{cka: {alpha: 0.5}}]}\n",
            "comparisons.metrics.cka: metric 'cka' has no option 'alpha'; its options: none"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\n"
            + "comparisons: {metrics: [svcca, {svcca: {keep_variance: 0.9}}]}\n",
            "comparisons.metrics: got 'svcca'; accepted: each metric once"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\n"
            + "comparisons: {metrics: [{dsa: {score: cosine}}]}\n",
            "option score: got 'cosine'; accepted: angular, euclidean, wasserstein"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, seeds: 0}\n", "grid.seeds: got 0"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, gru]}\n", "without repeated values"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\nanalysis: {fixed_points: maybe}\n",
            "analysis.fixed_points: got 'maybe'; accepted: true or false"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru}\ntraining: {target_accuracy: 1.5}\n",
            "training.target_accuracy: got 1.5; accepted: a number A in (0, 1] to stop at the first validation "
                + "whose accuracy is >= A (1 = stop at 100 %), or 0 to never stop early"),
        Arguments.of("study: [unclosed\n", "not valid YAML or JSON"),
        Arguments.of("- just\n- a list\n", "a list at the top level"),
        Arguments.of("", "empty"),
        Arguments.of("study: x\nseed: 1\nseed: 2\n", "found duplicate key seed (line 3, column 1)"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, exclude: [{architecture: lstm}]}\n",
            "grid.exclude[0].architecture: got 'lstm'; accepted: a value of grid.architecture (gru)"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, exclude: [{colour: red}]}\n",
            "grid.exclude[0].colour: unknown axis; accepted: task, architecture"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, exclude: [{architecture: gru}]}\n",
            "grid.exclude: leaves out every run of the grid"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, exclude: gru}\n",
            "grid.exclude[0]: got 'gru'; accepted: a mapping {AXIS: value or [values]}"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm]}\n"
            + "training: {overrides: [{when: {architecture: vanilla}, lr: 0.01}]}\n",
            "training.overrides[0].when.architecture: got 'vanilla'; accepted: a value of grid.architecture "
                + "(gru, lstm)"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm]}\n"
            + "training: {overrides: [{lr: 0.01}]}\n",
            "training.overrides[0].when: missing; accepted: a mapping {AXIS: value or [values]}"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm]}\n"
            + "training: {overrides: [{when: {architecture: gru}}]}\n",
            "training.overrides[0]: sets no training key; accepted: one or more of iterations, batch, lr"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm]}\n"
            + "training: {overrides: [{when: {architecture: gru}, lr: [0.01, 0.1]}]}\n",
            "training.overrides[0].lr: got [0.01, 0.1]; accepted: a number in [1.0E-12, 10.0]"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm]}\n"
            + "training: {overrides: [{when: {architecture: gru}, momentum: 0.9}]}\n",
            "training.overrides[0].momentum: unknown key; accepted keys here: when, iterations, batch, lr, optimizer, "
                + "clip, weight_l2, rate_l2, loss, target_accuracy, validate_every, validation_batches, lr_decay, "
                + "rollbacks"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm]}\n"
            + "training: {lr: [0.01, 0.1], overrides: [{when: {architecture: gru}, lr: 0.001}]}\n",
            "training.overrides[0].lr: training.lr is swept (a list), so an override cannot set it"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm], exclude: [{architecture: gru}]}\n"
            + "training: {overrides: [{when: {architecture: gru}, lr: 0.001}]}\n",
            "training.overrides[0].when: matches no cell the grid trains"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: [gru, lstm]}\n"
            + "training: {overrides: [{when: {architecture: gru}, optimizer: lbfgs}]}\n",
            "training.overrides[0].optimizer: got 'lbfgs'; accepted: one of adam, sgd, rmsprop"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, init: {kind: normal, dale_balance: 2}}\n",
            "grid.init.dale_balance: got 2; accepted: true or false"),
        Arguments.of("study: x\ngrid: {task: flipflop, architecture: gru, init: {kind: normal, input: keras}}\n",
            "grid.init.input: got 'keras'; accepted: one of normal, orthogonal, identity, glorot, uniform (the input "
                + "weights' initialiser; leave it out for the default)"));
  }

  /** A value the grid does not have is named once, not again as cells that match nothing. */
  @Test
  void aBadCellValueIsOneProblemNotTwo() {
    SpecException override = assertThrows(SpecException.class, () -> reader.parse("study: x\ngrid: {task: flipflop, "
        + "architecture: [gru, lstm]}\ntraining: {overrides: [{when: {architecture: vanilla}, lr: 0.01}]}\n", "x"));
    assertEquals(List.of("training.overrides[0].when.architecture: got 'vanilla'; accepted: a value of "
        + "grid.architecture (gru, lstm)"), override.problems(), override.getMessage());
    SpecException exclusion = assertThrows(SpecException.class, () -> reader.parse("study: x\ngrid: {task: flipflop, "
        + "architecture: gru, exclude: [{architecture: [gru, vanilla]}]}\n", "x"));
    assertEquals(1, exclusion.problems().size(), exclusion.getMessage());
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedSpecsAreRejectedWithTheirOwnMessage(String text, String expected) {
    SpecException e = assertThrows(SpecException.class, () -> reader.parse(text, "bad.yaml"));
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in:\n" + e.getMessage());
  }

  @Test
  void aBadInitKindAndABadInputInitAreBothReported() {
    SpecException e = assertThrows(SpecException.class, () -> reader.parse(
        "study: x\ngrid: {task: flipflop, architecture: gru, init: {kind: keras, input: keras}}\n", "bad.yaml"));
    assertTrue(e.getMessage().contains("grid.init.kind: got 'keras'"), e.getMessage());
    assertTrue(e.getMessage().contains("grid.init.input: got 'keras'"), e.getMessage());
  }

  /**
   * Metric options come from the one options record: typed in the spec, defaults filled in from the record, the
   * study seed for a {@code seed} option the spec leaves out, and only what the spec set in the canonical JSON (so
   * a spec without options keeps the canonical text it always had).
   */
  @Test
  void metricOptionsAreReadThroughTheRegistry() {
    StudySpec plain = reader.parse(GOOD + "comparisons: {metrics: [cka, dsa]}\n", "plain.yaml");
    assertTrue(plain.canonicalJson().contains("\"metrics\":[\"cka\",\"dsa\"]"), plain.canonicalJson());
    assertEquals(7L, ((cohort.analysis.dsa.Dsa) plain.comparisons().metrics().get(1).metric()).options().seed(),
        "the study seed");
    StudySpec set = reader.parse(GOOD + """
        comparisons:
          metrics: [{svcca: {keep_variance: 0.9}}, {procrustes: {score: euclidean, unit_norm: true}},
                    {dsa: {n_delays: 3, rank: 6, seed: 11}}]
        """, "set.yaml");
    List<StudySpec.MetricChoice> m = set.comparisons().metrics();
    assertEquals(new cohort.analysis.similarity.Svcca(0.9), m.get(0).metric());
    assertEquals(new cohort.analysis.similarity.Procrustes(1.0, cohort.analysis.similarity.Procrustes.Score.EUCLIDEAN,
        true), m.get(1).metric());
    cohort.analysis.dsa.DsaOptions dsa = ((cohort.analysis.dsa.Dsa) m.get(2).metric()).options();
    assertEquals(3, dsa.nDelays());
    assertEquals(cohort.analysis.dsa.RankSelection.fixed(6), dsa.rank());
    assertEquals(11L, dsa.seed());
    assertTrue(set.canonicalJson().contains("{\"svcca\":{\"keep_variance\":0.9}}"), set.canonicalJson());
    assertTrue(set.canonicalJson().contains("{\"dsa\":{\"n_delays\":3,\"rank\":\"rank=6\",\"seed\":11}}"),
        set.canonicalJson());
  }

  @Test
  void everyPresetIsAValidSpec() throws Exception {
    java.nio.file.Path presets = java.nio.file.Path.of("..", "presets");
    int n = 0;
    try (var files = java.nio.file.Files.newDirectoryStream(presets, "*.yaml")) {
      for (java.nio.file.Path p : files) {
        StudySpec s = reader.read(p);
        assertTrue(Grid.expand(s).size() > 0, p.toString());
        n++;
      }
    }
    assertTrue(n >= 7, "presets found: " + n);
  }

  /** 0 (never stop) is the default, and 1.0 is kept as 1.0: stop at the first validation at 100 %. */
  @Test
  void targetAccuracyDefaultsToNeverAndOneMeansStopAtOneHundredPercent() {
    assertEquals(0.0, reader.parse(GOOD, "good.yaml").training().targetAccuracy());
    String one = GOOD + "  target_accuracy: 1.0\n";
    assertEquals(1.0, reader.parse(one, "one.yaml").training().targetAccuracy());
    assertEquals(1.0, Grid.expand(reader.parse(one, "one.yaml")).get(0).training().targetAccuracy());
    String some = GOOD + "  target_accuracy: 0.9\n";
    assertEquals(0.9, reader.parse(some, "some.yaml").training().targetAccuracy());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    SpecException e = assertThrows(SpecException.class, () -> reader.parse(
        "study: x\ngrid: {task: flipflop, architecture: gru, units: 0, seeds: -1}\ntraining: {batch: 0}\n", "bad"));
    assertEquals(3, e.problems().size(), e.getMessage());
  }
}
