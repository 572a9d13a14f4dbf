package cohort.study.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ParameterBlock;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The oscillation measure on a network built to oscillate: two linear units rotating by a known angle per step (a
 * pure rotation, so the pulse keeps ringing), read out from the first unit. Its output's frequency and its dominant
 * pair's rotation are that angle; a network rotating at another angle is off by the difference.
 */
class OscillationFrequencyTest {

  static Network rotator(double theta, double alpha, Cell arch) {
    NetworkSpec spec = new NetworkSpec(arch, Activation.IDENTITY, 1, 2, 1, InitKind.NORMAL, 1.0,
        arch.continuousTime() ? alpha : 1.0, 0, 0, 0);
    Network n = Network.of(spec, new float[Network.parameterCount(spec)]);
    float[] p = n.parameters();
    // the map's rotation is theta; for an Euler cell, W is chosen so that 1 - alpha + alpha*lambda = e^{i theta}
    double re = (Math.cos(theta) - 1 + alpha) / alpha;
    double im = Math.sin(theta) / alpha;
    if (!arch.continuousTime()) {
      re = Math.cos(theta);
      im = Math.sin(theta);
    }
    ParameterBlock w = n.block("W_rec"); // [pre][post]
    p[w.index(0, 0)] = (float) re;
    p[w.index(1, 1)] = (float) re;
    p[w.index(0, 1)] = (float) im;
    p[w.index(1, 0)] = (float) -im;
    p[n.block("W_in").index(0, 0)] = 1;
    p[n.block("W_out").index(0, 0)] = 1;
    return n;
  }

  /** The oscillation task's target frequency, in cycles per step: 12 cycles a trial. */
  private static final double TARGET = 12.0 / TaskRegistry.standard().create("oscillation").steps();

  /** The measure, on a fresh oscillation task, of a rotator of {@code arch} turning by {@code theta} a step. */
  private static Measurement rotating(double theta, double alpha, String arch) {
    Task task = TaskRegistry.standard().create("oscillation");
    return new OscillationFrequency().measure(rotator(theta, alpha, CellRegistry.standard().parse(arch)).reference(),
        task, List.of());
  }

  @Test
  void aRotatingPairIsFoundAtTheOutputsFrequency() {
    Measurement m = rotating(2 * Math.PI * TARGET, 1, "vanilla");
    assertEquals(TARGET, (double) m.attributes().get("target_cycles_per_step"), 0.003 * TARGET);
    assertEquals(TARGET, (double) m.attributes().get("output_cycles_per_step"), 0.003 * TARGET);
    assertEquals(TARGET, (double) m.attributes().get("pair_cycles_per_step"), 1e-6);
    assertTrue(m.ok());
  }

  @Test
  void anEulerCellIsJudgedByItsMapsRotation() {
    Measurement m = rotating(2 * Math.PI * TARGET, 0.2, "ctrnn");
    assertEquals(TARGET, (double) m.attributes().get("pair_cycles_per_step"), 1e-6);
    assertTrue(m.ok(), m.attributes().toString());
  }

  @Test
  void aPairRotatingTwentyPercentTooFastIsNotOk() {
    Measurement m = rotating(2 * Math.PI * 1.2 * TARGET, 1, "vanilla");
    // the output follows the network, so output and pair agree; the target does not
    assertEquals(1.2 * TARGET, (double) m.attributes().get("output_cycles_per_step"), 0.005 * TARGET);
    assertEquals(TARGET, (double) m.attributes().get("target_cycles_per_step"), 0.003 * TARGET);
    assertTrue(m.ok(), "the pair carries the network's own oscillation");
  }
}
