package cohort.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.tasks.TaskRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridTest {

  private final SpecReader reader = new SpecReader(TaskRegistry.standard());

  @Test
  void expandsEveryCombinationWithReadableUniqueIds() {
    List<RunSpec> runs = Grid.expand(reader.parse(SpecReaderTest.GOOD, "good"));
    assertEquals(2 * 2 * 2 * 2, runs.size()); // tasks x archs x lr x seeds
    assertEquals("flipflop-vanilla-tanh-n16-orthogonal1-lr0.01-s0", runs.get(0).id());
    Set<String> ids = new HashSet<>();
    Set<Long> seeds = new HashSet<>();
    for (int i = 0; i < runs.size(); i++) {
      assertEquals(i, runs.get(i).index());
      ids.add(runs.get(i).id());
      seeds.add(runs.get(i).seed());
    }
    assertEquals(runs.size(), ids.size());
    assertEquals(runs.size(), seeds.size());
  }

  @Test
  void sameSpecSameRunsAndSeeds() {
    assertEquals(Grid.expand(reader.parse(SpecReaderTest.GOOD, "a")), Grid.expand(reader.parse(SpecReaderTest.GOOD, "b")));
  }

  @Test
  void runSeedsDependOnStudySeedAndIdOnly() {
    assertEquals(Grid.runSeed(1, "a-s0"), Grid.runSeed(1, "a-s0"));
    assertNotEquals(Grid.runSeed(1, "a-s0"), Grid.runSeed(2, "a-s0"));
    assertNotEquals(Grid.runSeed(1, "a-s0"), Grid.runSeed(1, "a-s1"));
  }

  @Test
  void shardsAreDisjointAndCoverTheGrid() {
    List<RunSpec> runs = Grid.expand(reader.parse(SpecReaderTest.GOOD, "good"));
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (int i = 0; i < 3; i++) {
      for (RunSpec r : Grid.shard(runs, i, 3)) {
        seen.add(r.id());
        total++;
      }
    }
    assertEquals(runs.size(), total);
    assertEquals(runs.size(), seen.size());
    assertThrows(IllegalArgumentException.class, () -> Grid.shard(runs, 3, 3));
  }

  @Test
  void exclusionsLeaveCellsOutAndKeepTheOthersIds() {
    String spec = "study: x\ngrid:\n  task: [flipflop, sine]\n  architecture: [ctrnn, gru]\n"
        + "  activation: [tanh, relu]\n  exclude:\n    - {architecture: gru, activation: relu}\n"
        + "    - {task: sine, units: 64, dale: 0}\n";
    List<RunSpec> runs = Grid.expand(reader.parse(spec, "x"));
    List<String> ids = runs.stream().map(RunSpec::id).toList();
    assertEquals(List.of("flipflop-ctrnn-tanh-n64-normal1-s0", "flipflop-ctrnn-relu-n64-normal1-s0",
        "flipflop-gru-tanh-n64-normal1-s0"), ids);
    for (int i = 0; i < runs.size(); i++) {
      assertEquals(i, runs.get(i).index(), "indices stay dense, so shards stay even");
    }
  }

  @Test
  void anExclusionNamesAnInitByKindOrByItsRunIdLabel() {
    // one gain for LSTM-ReLU on the sine task, the other everywhere else (the universality presets' recipe)
    String spec = "study: x\ngrid:\n  task: [flipflop, sine]\n  architecture: [gru, lstm]\n  activation: relu\n"
        + "  init: [{kind: orthogonal, gain: 1.0}, {kind: orthogonal, gain: 0.5}]\n  exclude:\n"
        + "    - {task: sine, architecture: lstm, init: orthogonal1}\n"
        + "    - {task: flipflop, init: orthogonal0.5}\n    - {architecture: gru, init: orthogonal0.5}\n";
    List<String> ids = Grid.expand(reader.parse(spec, "x")).stream().map(RunSpec::id).toList();
    assertEquals(List.of("flipflop-gru-relu-n64-orthogonal1-s0", "flipflop-lstm-relu-n64-orthogonal1-s0",
        "sine-gru-relu-n64-orthogonal1-s0", "sine-lstm-relu-n64-orthogonal0.5-s0"), ids);
    String byKind = "study: x\ngrid:\n  task: xor\n  architecture: [gru, lstm]\n  init: [orthogonal, normal]\n"
        + "  exclude: [{architecture: lstm, init: orthogonal}]\n";
    assertEquals(List.of("xor-gru-tanh-n64-orthogonal1-s0", "xor-gru-tanh-n64-normal1-s0",
        "xor-lstm-tanh-n64-normal1-s0"), Grid.expand(reader.parse(byKind, "x")).stream().map(RunSpec::id).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.parse(
        "study: x\ngrid: {task: xor, architecture: gru, init: orthogonal, exclude: [{init: orthogonal2}]}\n", "x"));
    assertTrue(e.getMessage().contains("a value of grid.init (orthogonal, orthogonal1)"), e.getMessage());
  }

  @Test
  void trainingOverridesGiveTheCellsTheyMatchTheirOwnRecipeAndKeepIdsAndSeeds() {
    String base = "study: x\nseed: 7\ngrid:\n  task: [flipflop, sine]\n  architecture: [vanilla, gru]\n"
        + "  activation: [tanh, relu]\n  seeds: 2\ntraining: {iterations: 100, lr: 0.003, clip: 1.0}\n";
    String spec = base.replace("}\n", ",\n  overrides: [\n"
        + "    {when: {task: sine, activation: relu}, iterations: 300, rate_l2: 0.001},\n"
        + "    {when: {task: sine, architecture: vanilla, activation: relu}, lr: 0.001, iterations: 400}]}\n");
    List<RunSpec> plain = Grid.expand(reader.parse(base, "x"));
    List<RunSpec> runs = Grid.expand(reader.parse(spec, "x"));
    assertEquals(plain.size(), runs.size());
    for (int i = 0; i < runs.size(); i++) {
      RunSpec r = runs.get(i);
      RunSpec p = plain.get(i);
      assertEquals(p.id(), r.id(), "an override keeps the cell's id");
      assertEquals(p.seed(), r.seed(), "and its seed");
      boolean sineRelu = r.task().label().equals("sine") && r.activation().equals("relu");
      boolean vanilla = r.architecture().equals("vanilla");
      RunSpec.TrainingChoice t = r.training();
      assertEquals(sineRelu ? (vanilla ? 400 : 300) : 100, t.iterations(), r.id() + ": the later entry wins");
      assertEquals(sineRelu && vanilla ? 0.001 : 0.003, t.learningRate(), r.id());
      assertEquals(sineRelu ? 0.001 : 0.0, t.rateL2(), r.id());
      assertEquals(1.0, t.clip(), r.id() + ": what no override sets stays the section's");
      assertEquals(sineRelu, !r.toMap().equals(p.toMap()), r.id() + ": a run's provenance gives its own values");
    }
    String json = reader.parse(spec, "x").canonicalJson();
    assertTrue(json.contains("\"overrides\":[{\"iterations\":300,\"rate_l2\":0.001,\"when\":{\"activation\":"
        + "[\"relu\"],\"task\":[\"sine\"]}},"), json);
    assertEquals(false, reader.parse(base, "x").canonicalJson().contains("overrides"),
        "specs without overrides keep their canonical JSON");
  }

  @Test
  void rollbacksAreAllowedBySectionOrOverrideAndNamedOnlyWhenSet() {
    String base = "study: x\ngrid: {task: flipflop, architecture: [vanilla, lstm], activation: relu}\n";
    StudySpec none = reader.parse(base, "x");
    assertEquals(false, none.canonicalJson().contains("rollbacks"), none.canonicalJson());
    for (RunSpec r : Grid.expand(none)) {
      assertEquals(0, r.training().rollbacks());
      assertEquals(false, r.training().toMap().containsKey("rollbacks"), "run provenance as before");
    }
    StudySpec section = reader.parse(base + "training: {rollbacks: 3}\n", "x");
    assertTrue(section.canonicalJson().contains("\"rollbacks\":3"), section.canonicalJson());
    Grid.expand(section).forEach(r -> assertEquals(3, r.training().rollbacks()));
    StudySpec override = reader.parse(base + "training: {overrides: [{when: {architecture: lstm}, rollbacks: 5}]}\n",
        "x");
    for (RunSpec r : Grid.expand(override)) {
      int expected = r.architecture().equals("lstm") ? 5 : 0;
      assertEquals(expected, r.training().rollbacks(), r.id());
    }
  }

  @Test
  void anUnbalancedDaleStartIsPartOfTheInitAndOfTheId() {
    String spec = "study: x\ngrid:\n  task: xor\n  architecture: vanilla\n  dale: 0.8\n"
        + "  init: [normal, {kind: normal, dale_balance: false}]\n";
    StudySpec s = reader.parse(spec, "x");
    List<RunSpec> runs = Grid.expand(s);
    assertEquals("xor-vanilla-tanh-n64-normal1-s0", runs.get(0).id());
    assertEquals("xor-vanilla-tanh-n64-normal1-unbal-s0", runs.get(1).id());
    assertEquals(false, runs.get(1).init().daleBalance());
    assertEquals(true, s.canonicalJson().contains("\"dale_balance\":false"));
    assertEquals(false, reader.parse(SpecReaderTest.GOOD, "good").canonicalJson().contains("dale_balance"),
        "specs that do not ask keep their canonical JSON");
  }

  @Test
  void anInputInitialiserIsPartOfTheInitAndOfTheId() {
    String spec = "study: x\ngrid:\n  task: xor\n  architecture: vanilla\n"
        + "  init: [normal, {kind: normal, input: glorot}, {kind: orthogonal, dale_balance: false, input: glorot}]\n"
        + "  exclude: [{init: orthogonal1-unbal-inglorot}]\n";
    StudySpec s = reader.parse(spec, "x");
    List<RunSpec> runs = Grid.expand(s);
    assertEquals(List.of("xor-vanilla-tanh-n64-normal1-s0", "xor-vanilla-tanh-n64-normal1-inglorot-s0"),
        runs.stream().map(RunSpec::id).toList(), "the exclusion names the init by its run-id label");
    assertEquals(null, runs.get(0).init().input());
    assertEquals("glorot", runs.get(1).init().input());
    assertEquals(true, s.canonicalJson().contains("\"input\":\"glorot\""), s.canonicalJson());
    assertEquals(false, reader.parse(SpecReaderTest.GOOD, "good").canonicalJson().contains("\"input\""),
        "specs that do not ask keep their canonical JSON");
  }
}
