package cohort.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryAndParametersTest {

  private final TaskRegistry registry = TaskRegistry.standard();

  private static String message(Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void unknownTaskNamesItAndListsTheKnownOnes() {
    String m = message(() -> registry.create("flopflip"));
    assertTrue(m.startsWith("unknown task 'flopflip'; known tasks: flipflop, sine, "), m);
    assertTrue(m.endsWith("oscillation"), m);
    message(() -> registry.info("nope"));
  }

  @Test
  void unknownParameterNamesItAndListsTheTasksParameters() {
    String m = message(() -> registry.create("flipflop", Map.of("foo", "1")));
    assertEquals("task 'flipflop' has no parameter 'foo'; its parameters: bits, steps, pulse-probability, "
        + "force-first-pulse, noise, margin", m);
  }

  @Test
  void badValuesNameTheParameterAndWhatIsAccepted() {
    assertEquals("task 'flipflop': parameter 'bits' got 'x'; accepted: integer in [1, 64]",
        message(() -> registry.create("flipflop", Map.of("bits", "x"))));
    assertEquals("task 'flipflop': parameter 'bits' got '2.5'; accepted: integer in [1, 64]",
        message(() -> registry.create("flipflop", Map.of("bits", "2.5"))));
    assertEquals("task 'flipflop': parameter 'force-first-pulse' got 'maybe'; accepted: one of: yes, no",
        message(() -> registry.create("flipflop", Map.of("force-first-pulse", "maybe"))));
    assertEquals("task 'perceptual-dm': parameter 'dt' got '0'; accepted: number in [0.1, 1000]",
        message(() -> registry.create("perceptual-dm", Map.of("dt", "0"))));
    assertEquals("task 'perceptual-dm': parameter 'noise' got '-1'; accepted: number >= 0",
        message(() -> registry.create("perceptual-dm", Map.of("noise", "-1"))));
    assertTrue(message(() -> registry.create("perceptual-dm", Map.of("coherences", "1,a")))
        .contains("accepted: comma-separated numbers, each in [0, 100]"));
    assertTrue(message(() -> registry.create("sine", Map.of("omega-min", "0")))
        .endsWith("accepted: number > 0"));
  }

  @Test
  void inconsistentParametersAreRejectedInOneLine() {
    assertTrue(message(() -> registry.create("delay-comparison", Map.of("pairs", "1,2,3")))
        .startsWith("task 'delay-comparison': pairs has 3 numbers"));
    assertTrue(message(() -> registry.create("perceptual-dm", Map.of("decision", "50")))
        .startsWith("task 'perceptual-dm': decision is shorter than one step"));
    assertTrue(message(() -> registry.create("interval-discrimination", Map.of("stim-min", "700")))
        .contains("stim-min = 700 ms exceeds stim-max = 600 ms"));
    assertTrue(message(() -> registry.create("context-dm", Map.of("delay-min", "20000")))
        .startsWith("task 'context-dm': delay-min = 20000 ms exceeds delay-max = 3000 ms"));
    assertTrue(message(() -> registry.create("context-dm", Map.of("delay-min", "9000", "delay-max", "10000")))
        .contains("keep a fraction"));
    assertEquals(3 + 7 + 30 + 1, registry.create("context-dm", Map.of("delay-min", "3000")).steps(),
        "delay-min = delay-max gives a fixed delay");
  }

  @Test
  void overridesChangeTheTask() {
    Task t = registry.create("flipflop", Map.of("bits", "5", "steps", "30"));
    assertEquals(5, t.inputSize());
    assertEquals(5, t.outputSize());
    assertEquals(30, t.steps());
    assertEquals("{\"bits\":5,\"steps\":30,\"pulse-probability\":0.5,\"force-first-pulse\":\"yes\",\"noise\":0,"
        + "\"margin\":0.5}",
        t.parameters().toString());
  }

  @Test
  void taskParametersTypedGettersAndCanonicalForm() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 3);
    m.put("a", 0.25);
    m.put("c", "x \"y\"");
    m.put("l", "1,2.5");
    TaskParameters p = TaskParameters.of(m);
    assertEquals(List.of("b", "a", "c", "l"), p.names());
    assertEquals(3, p.getInt("b"));
    assertEquals(0.25, p.getDouble("a"));
    assertEquals("x \"y\"", p.getString("c"));
    assertArrayEquals(new double[] {1, 2.5}, p.getDoubles("l"));
    assertEquals("{\"b\":3,\"a\":0.25,\"c\":\"x \\\"y\\\"\",\"l\":\"1,2.5\"}", p.toString());
    assertThrows(IllegalArgumentException.class, () -> p.getInt("a"));
    assertThrows(IllegalArgumentException.class, () -> p.getDouble("c"));
    assertThrows(IllegalArgumentException.class, () -> p.get("zzz"));
    assertEquals(p, TaskParameters.of(m));
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("a", 0.25);
    reordered.put("b", 3);
    reordered.put("c", "x \"y\"");
    reordered.put("l", "1,2.5");
    assertFalse(p.equals(TaskParameters.of(reordered)), "order is part of the canonical form");
    assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("z", 1.0));
  }

  @Test
  void parameterSpecsCheckTheirOwnDefaults() {
    assertThrows(IllegalArgumentException.class, () -> ParameterSpec.integer("n", 0, 1, 5, "n"));
    assertThrows(IllegalArgumentException.class, () -> ParameterSpec.choice("c", "z", List.of("a", "b"), "c"));
    assertThrows(IllegalArgumentException.class, () -> ParameterSpec.real("Bad Name", 0, 0, 1, "x"));
    ParameterSpec list = ParameterSpec.realList("l", " 1, 2.50 ", 0, 10, "l");
    assertEquals("1,2.5", list.defaultValue());
    assertEquals("comma-separated numbers, each in [0, 10]", list.accepted());
    assertEquals("number > 0", ParameterSpec.positive("p", 1, "p").accepted());
    assertEquals(3.0, ParameterSpec.integer("n", 3, 1, 5, "n").defaultValue());
    assertEquals(4.0, ParameterSpec.integer("n", 3, 1, 5, "n").parse("4"));
    assertEquals("parameter 'n' got 'NaN'; accepted: integer in [1, 5]",
        message(() -> ParameterSpec.integer("n", 3, 1, 5, "n").parse("NaN")));
  }
}
