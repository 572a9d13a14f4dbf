package cohort.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every registered task keeps; a task is tested the moment it is registered. */
class TaskContractTest {

  static Stream<String> tasks() {
    return TaskRegistry.standard().names().stream();
  }

  private static final int BATCH = 64;

  /** Every task names at least one constant input to analyse dynamics at, each the right size, names unique. */
  @ParameterizedTest
  @MethodSource("tasks")
  void analysisInputsFitTheInputChannels(String name) {
    Task task = TaskRegistry.standard().create(name);
    java.util.List<ConstantInput> inputs = task.analysisInputs();
    org.junit.jupiter.api.Assertions.assertFalse(inputs.isEmpty(), name);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (ConstantInput c : inputs) {
      org.junit.jupiter.api.Assertions.assertEquals(task.inputSize(), c.values().length, name + " " + c);
      org.junit.jupiter.api.Assertions.assertTrue(names.add(c.name()), name + ": repeated input name " + c.name());
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void shapesNamesAndSizes(String name) {
    Task task = TaskRegistry.standard().create(name);
    assertEquals(name, task.name());
    TrialBatch b = task.sample(BATCH, new SplittableRandom(7));
    assertEquals(task.steps(), b.steps());
    assertEquals(BATCH, b.batch());
    assertEquals(task.inputNames().size(), b.inputSize());
    assertEquals(task.outputNames().size(), b.outputSize());
    assertEquals(task.dtMs(), b.dtMs());
    assertTrue(task.dtMs() > 0);
    assertEquals((long) b.steps() * BATCH * b.inputSize(), b.inputs().length);
    assertEquals((long) b.steps() * BATCH * b.outputSize(), b.targets().length);
    assertEquals(b.targets().length, b.mask().length);
    assertEquals(task.inputNames().size(), Set.copyOf(task.inputNames()).size(), "input names are distinct");
    assertEquals(task.outputNames().size(), Set.copyOf(task.outputNames()).size(), "output names are distinct");
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void valuesAreFiniteAndMaskIsAWeight(String name) {
    Task task = TaskRegistry.standard().create(name);
    TrialBatch b = task.sample(BATCH, new SplittableRandom(8));
    for (float v : b.inputs()) {
      assertTrue(Float.isFinite(v), "finite input");
    }
    for (float v : b.targets()) {
      assertTrue(Float.isFinite(v), "finite target");
    }
    double maskSum = 0;
    for (float v : b.mask()) {
      assertTrue(v >= 0 && v <= 1, "mask in [0, 1], got " + v);
      maskSum += v;
    }
    assertTrue(maskSum > 0, "some target is scored");
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void labelsHaveOneEntryPerTrial(String name) {
    Task task = TaskRegistry.standard().create(name);
    TrialBatch b = task.sample(BATCH, new SplittableRandom(9));
    Conditions c = b.conditions();
    assertEquals(BATCH, c.trials());
    assertFalse(c.names().isEmpty(), "a task labels its trials");
    for (String label : c.names()) {
      double[] column = c.column(label);
      assertEquals(BATCH, column.length, label);
      for (double v : column) {
        assertTrue(Double.isFinite(v), label);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void sameSeedSameBatchOtherSeedOtherBatch(String name) {
    Task task = TaskRegistry.standard().create(name);
    TrialBatch a = task.sample(16, new SplittableRandom(42));
    TrialBatch again = task.sample(16, new SplittableRandom(42));
    TrialBatch other = task.sample(16, new SplittableRandom(43));
    assertEquals(a, again);
    assertEquals(a.hashCode(), again.hashCode());
    assertNotEquals(a, other);
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void batchOfOneWorks(String name) {
    Task task = TaskRegistry.standard().create(name);
    TrialBatch b = task.sample(1, new SplittableRandom(3));
    assertEquals(1, b.batch());
    assertEquals(1.0, task.accuracy(b, b.targets().clone()));
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void idealOutputScoresOneAndTrivialOutputsScoreLess(String name) {
    Task task = TaskRegistry.standard().create(name);
    TrialBatch b = task.sample(BATCH, new SplittableRandom(11));
    assertEquals(1.0, task.accuracy(b, b.targets().clone()), "the targets themselves are perfect");
    float[] zero = new float[b.targets().length];
    double accZero = task.accuracy(b, zero);
    assertTrue(accZero < 1.0, "zero output scores " + accZero);
    float[] one = new float[b.targets().length];
    java.util.Arrays.fill(one, 1f);
    double accOne = task.accuracy(b, one);
    assertTrue(accOne < 1.0, "constant output scores " + accOne);
    assertTrue(accZero >= 0 && accOne >= 0);
  }

  /**
   * Accuracy counts trials: breaking every step of one trial (each output pushed 10 away from its target, towards
   * the other side of 0.5) costs exactly one trial, for every task.
   */
  @ParameterizedTest
  @MethodSource("tasks")
  void accuracyIsTheFractionOfTrialsSolved(String name) {
    Task task = TaskRegistry.standard().create(name);
    TrialBatch b = task.sample(BATCH, new SplittableRandom(13));
    float[] broken = b.targets().clone();
    for (int t = 0; t < b.steps(); t++) {
      for (int d = 0; d < b.outputSize(); d++) {
        int i = b.outputIndex(t, 0, d);
        broken[i] += broken[i] >= 0.5f ? -10f : 10f;
      }
    }
    assertEquals((BATCH - 1) / (double) BATCH, task.accuracy(b, broken), 1e-12, "one trial of " + BATCH + " broken");
  }

  /**
   * For continuous outputs: the target is perfect, and neither silence nor the sign-flipped target solves every
   * trial (each task's own test pins the exact scores: e.g. none for the flip-flop, the truth-0 trials for AND).
   */
  @ParameterizedTest
  @MethodSource("tasks")
  void continuousTargetsScoreOneAndZeroOrFlippedOutputsLess(String name) {
    Task task = TaskRegistry.standard().create(name);
    if (task.outputKind() != Task.OutputKind.CONTINUOUS) {
      return;
    }
    TrialBatch b = task.sample(BATCH, new SplittableRandom(14));
    assertEquals(1.0, task.accuracy(b, b.targets().clone()));
    double zero = task.accuracy(b, new float[b.targets().length]);
    float[] flipped = b.targets().clone();
    for (int i = 0; i < flipped.length; i++) {
      flipped[i] = -flipped[i];
    }
    double sign = task.accuracy(b, flipped);
    assertTrue(zero < 1.0, "zero output scores " + zero);
    assertTrue(sign < 1.0, "sign-flipped target scores " + sign);
    // one step of one trial (the last, scored in every continuous task) broken: that trial fails, not that step
    float[] oneStep = b.targets().clone();
    int last = b.outputIndex(b.steps() - 1, 0, 0);
    oneStep[last] += oneStep[last] >= 0.5f ? -10f : 10f;
    assertEquals((BATCH - 1) / (double) BATCH, task.accuracy(b, oneStep), 1e-12, "one step of one trial broken");
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void choiceTargetsAreOneHotWhereScored(String name) {
    Task task = TaskRegistry.standard().create(name);
    if (task.outputKind() != Task.OutputKind.CHOICE) {
      return;
    }
    assertEquals("fixate", task.outputNames().get(0));
    assertEquals("fixation", task.inputNames().get(0));
    TrialBatch b = task.sample(BATCH, new SplittableRandom(12));
    int o = b.outputSize();
    for (int t = 0; t < b.steps(); t++) {
      for (int k = 0; k < BATCH; k++) {
        int base = b.outputIndex(t, k, 0);
        float sum = 0;
        for (int d = 0; d < o; d++) {
          float v = b.targets()[base + d];
          assertTrue(v == 0f || v == 1f);
          sum += v;
          assertEquals(b.mask()[base], b.mask()[base + d], "mask equal across the outputs of one step");
        }
        assertEquals(b.mask()[base] > 0 ? 1f : 0f, sum, "one-hot where the mask is on, zero elsewhere");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void parametersAreCompleteAndCanonical(String name) {
    TaskRegistry registry = TaskRegistry.standard();
    TaskInfo info = registry.info(name);
    assertEquals(name, info.name());
    assertFalse(info.description().isBlank());
    assertFalse(info.source().isBlank());
    Task task = registry.create(name);
    assertEquals(info.parameterNames(), task.parameters().names());
    String json = task.parameters().toString();
    assertTrue(json.startsWith("{") && json.endsWith("}"), json);
    Map<String, String> explicit = new HashMap<>();
    for (ParameterSpec p : info.parameters()) {
      assertTrue(json.contains("\"" + p.name() + "\":"), json);
      assertFalse(p.description().isBlank());
      assertEquals(p.defaultValue(), p.parse(TaskParameters.format(p.defaultValue())), "default round-trips");
      explicit.put(p.name(), TaskParameters.format(p.defaultValue()));
    }
    Task again = registry.create(name, explicit);
    assertEquals(task.parameters(), again.parameters());
    assertEquals(task.sample(4, new SplittableRandom(5)), again.sample(4, new SplittableRandom(5)));
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void accuracyRejectsOutputsOfTheWrongSize(String name) {
    Task task = TaskRegistry.standard().create(name);
    TrialBatch b = task.sample(2, new SplittableRandom(1));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> task.accuracy(b, new float[b.targets().length + 1]));
    assertFalse(e.getMessage().contains("\n"));
  }

  @org.junit.jupiter.api.Test
  void theRegistryHoldsTheEighteenTasks() {
    assertEquals(List.of("flipflop", "sine", "context-integration", "perceptual-dm", "context-dm", "multisensory",
        "delay-comparison", "interval-discrimination", "delay-match-sample", "ready-set-go", "go-nogo",
        "and", "or", "xor", "not", "flipflop1", "time-reproduction", "oscillation"),
        TaskRegistry.standard().names());
  }
}
