package cohort.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.LowRank;
import cohort.models.cells.Lstm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Names users type, and one clear message per bad field. */
class NetworkSpecTest {

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void parsesTheNamesUsersType() {
    assertEquals(LeakyRnn.SCALED_CTRNN, CellRegistry.standard().parse("scaled-ctrnn"));
    assertEquals(LowRank.CELL, CellRegistry.standard().parse("Low_Rank"));
    assertEquals(Gru.CELL, CellRegistry.standard().parse(" gru "));
    for (Cell a : CellRegistry.standard().cells()) {
      assertEquals(a, CellRegistry.standard().parse(a.id()));
    }
    for (Activation a : Activation.values()) {
      assertEquals(a, Activation.parse(a.id()));
    }
    for (InitKind k : InitKind.values()) {
      assertEquals(k, InitKind.parse(k.id()));
    }
    assertTrue(CellRegistry.standard().accepted().startsWith("vanilla, ctrnn, scaled-ctrnn, ugrnn, gru, lstm, low-rank"));
    assertEquals("architecture: unknown value 'rnn'; accepted: " + CellRegistry.standard().accepted(),
        message(() -> CellRegistry.standard().parse("rnn")));
    assertEquals("activation: unknown value 'sigmoid'; accepted: tanh, relu, softplus, identity",
        message(() -> Activation.parse("sigmoid")));
    assertEquals("init: unknown value 'xavier'; accepted: normal, orthogonal, identity, glorot, uniform",
        message(() -> InitKind.parse("xavier")));
  }

  @Test
  void defaults() {
    NetworkSpec ct = NetworkSpec.of(LeakyRnn.CTRNN, Activation.RELU, 2, 50, 1);
    assertEquals(InitKind.NORMAL, ct.init());
    assertEquals(0.1, ct.alpha());
    assertEquals(0, ct.rank());
    NetworkSpec gru = NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 128, 3);
    assertEquals(InitKind.UNIFORM, gru.init());
    assertEquals(1.0, gru.alpha());
    assertEquals(1, NetworkSpec.of(LowRank.CELL, Activation.TANH, 3, 10, 3).rank());
  }

  @Test
  void badFieldsGiveOneClearMessage() {
    NetworkSpec ok = NetworkSpec.of(LeakyRnn.CTRNN, Activation.TANH, 2, 8, 1);
    assertEquals("hidden: 0 is not accepted; must be between 1 and " + NetworkSpec.MAX_HIDDEN,
        message(() -> NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 0, 3)));
    assertEquals("inputs: -1 is not accepted; must be ≥ 1",
        message(() -> NetworkSpec.of(Gru.CELL, Activation.TANH, -1, 4, 3)));
    assertEquals("outputs: 0 is not accepted; must be ≥ 1",
        message(() -> NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 4, 0)));
    assertEquals("gain: -1.0 is not accepted; must be finite and > 0",
        message(() -> ok.withInit(InitKind.NORMAL, -1.0)));
    assertEquals("alpha: 1.5 is not accepted for ctrnn; must be dt/τ in (0, 1]", message(() -> ok.withAlpha(1.5)));
    assertEquals("alpha: 0.5 is not accepted for gru; a discrete cell needs exactly 1 (only ctrnn, scaled-ctrnn and "
        + "low-rank have dt/τ)",
        message(() -> NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 4, 3).withAlpha(0.5)));
    assertEquals("recurrentNoise: NaN is not accepted; must be finite and ≥ 0 (0 = none)",
        message(() -> ok.withRecurrentNoise(Double.NaN)));
    assertEquals("recurrentNoise: 0.1 is not accepted for lstm; must be 0 (noise is supported for vanilla, ctrnn, "
        + "scaled-ctrnn, low-rank)",
        message(() -> NetworkSpec.of(Lstm.CELL, Activation.TANH, 3, 4, 3).withRecurrentNoise(0.1)));
    assertEquals("excitatoryFraction: 1.2 is not accepted; must be in [0, 1] (0 = no Dale constraint)",
        message(() -> ok.withExcitatoryFraction(1.2)));
    assertEquals("excitatoryFraction: 0.8 is not accepted for gru; must be 0 (Dale's law is supported for vanilla, "
        + "ctrnn, scaled-ctrnn)",
        message(() -> NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 4, 3).withExcitatoryFraction(0.8)));
    assertEquals("rank: 2 is not accepted for ctrnn; must be 0 (only low-rank has a rank)",
        message(() -> ok.withRank(2)));
    assertEquals("rank: 9 is not accepted for low-rank with hidden 8; must be in [1, 8]",
        message(() -> NetworkSpec.of(LowRank.CELL, Activation.TANH, 2, 8, 1).withRank(9)));
    assertEquals("init: identity is not accepted for low-rank; accepted: normal, orthogonal, glorot, uniform",
        message(() -> NetworkSpec.of(LowRank.CELL, Activation.TANH, 2, 8, 1).withInit(InitKind.IDENTITY, 1)));
    assertEquals("activation: missing; accepted: tanh, relu, softplus, identity",
        message(() -> NetworkSpec.of(Gru.CELL, null, 3, 4, 3)));
    assertEquals("inputGain: 0.0 is not accepted; must be finite and > 0",
        message(() -> new InitOptions(InitKind.NORMAL, 0.0, InitKind.NORMAL, 1.0, 0.0)));
  }
}
