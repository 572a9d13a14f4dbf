package cohort.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.LowRank;
import cohort.models.cells.Lstm;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast float path against the double reference: forward outputs, states and every gradient block. */
class NetworkTest {

  static final int I = 3;
  static final int O = 2;

  static List<NetworkSpec> realistic() {
    return TestNetworks.grid(I, 64, O);
  }

  /** Sizes that are not multiples of the four-row blocking or the vector width. */
  static List<NetworkSpec> odd() {
    List<NetworkSpec> specs = new ArrayList<>();
    for (Cell a : CellRegistry.standard().cells()) {
      specs.add(NetworkSpec.of(a, Activation.TANH, 2, 7, 3));
    }
    specs.add(NetworkSpec.of(LeakyRnn.VANILLA, Activation.SOFTPLUS, 5, 1, 1));
    specs.add(NetworkSpec.of(LowRank.CELL, Activation.RELU, 1, 9, 2).withRank(3));
    return specs;
  }

  @ParameterizedTest
  @MethodSource("realistic")
  void floatMatchesDoubleReference(NetworkSpec spec) {
    compare(spec, 20, 8, 1e-4);
  }

  @ParameterizedTest
  @MethodSource("odd")
  void floatMatchesDoubleReferenceAtOddSizes(NetworkSpec spec) {
    compare(spec, 5, 3, 1e-4);
  }

  private static void compare(NetworkSpec spec, int steps, int batch, double tol) {
    RandomGenerator r = TestNetworks.random(21);
    Network net = TestNetworks.network(spec, 17);
    int in = spec.inputs();
    int n = spec.hidden();
    int o = spec.outputs();
    float[] x = TestNetworks.gaussian(steps * batch * in, 1.0, r);
    float[] dOut = TestNetworks.gaussian(steps * batch * o, 1.0, r);
    float[] dHidden = TestNetworks.gaussian(steps * batch * n, 0.1, r);
    Workspace ws = net.workspace(steps + 2, batch + 1);
    net.forward(x, steps, batch, ws);
    assertEquals(steps, ws.usedSteps());
    assertEquals(batch, ws.usedBatch());
    float[] grad = new float[net.parameters().length];
    net.backward(x, dOut, dHidden, ws, grad);

    ReferenceNetwork ref = net.reference();
    ReferenceNetwork.Trajectory tr = ref.forward(x, steps, batch);
    double errOut = TestNetworks.relativeError(ws.outputs(), tr.outputs(), 0, steps * batch * o);
    double errHidden = TestNetworks.relativeError(ws.hidden(), tr.hidden(), 0, steps * batch * n);
    assertTrue(errOut < tol, spec + ": outputs relative error " + errOut);
    assertTrue(errHidden < tol, spec + ": hidden relative error " + errHidden);

    double[] g = ref.backward(TestNetworks.toDouble(x), TestNetworks.toDouble(dOut), TestNetworks.toDouble(dHidden),
        steps, batch);
    double total = TestNetworks.norm(g);
    double err = TestNetworks.relativeError(grad, g, 0, g.length);
    assertTrue(err < tol, spec + ": gradient relative error " + err);
    for (ParameterBlock b : net.blocks()) {
      double num = 0;
      double den = 0;
      for (int i = b.offset(); i < b.offset() + b.size(); i++) {
        num += (grad[i] - g[i]) * (grad[i] - g[i]);
        den += g[i] * g[i];
      }
      assertTrue(Math.sqrt(num) <= tol * Math.sqrt(den) + 1e-6 * total,
          spec + " block " + b.name() + ": error " + Math.sqrt(num) + " of " + Math.sqrt(den));
    }
  }

  @Test
  void noiseEntersOnlyWithAGeneratorAndIsReproducible() {
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.CTRNN, Activation.TANH, I, 16, O).withRecurrentNoise(0.1);
    Network net = TestNetworks.network(spec, 1);
    float[] x = TestNetworks.gaussian(10 * 4 * I, 1.0, TestNetworks.random(3));
    Workspace ws = net.workspace(10, 4);
    net.forward(x, 10, 4, ws);
    float[] clean = ws.hidden().clone();
    double[] ref = net.reference().forward(x, 10, 4).hidden();
    assertTrue(TestNetworks.relativeError(clean, ref, 0, clean.length) < 1e-5);
    net.forward(x, 10, 4, ws, TestNetworks.random(8));
    float[] noisy = ws.hidden().clone();
    net.forward(x, 10, 4, ws, TestNetworks.random(8));
    assertTrue(java.util.Arrays.equals(noisy, ws.hidden()), "same noise seed, same states");
    double diff = 0;
    for (int i = 0; i < 4 * 16; i++) {
      diff = Math.max(diff, Math.abs(noisy[i] - clean[i]));
    }
    double expected = Math.sqrt(2 * spec.alpha()) * 0.1;
    assertTrue(diff > 0.5 * expected && diff < 6 * expected, "first-step noise of scale √(2α)σ: " + diff);
  }

  @Test
  void backwardNeedsAForwardAndMatchingBuffers() {
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, I, 8, O);
    Network net = TestNetworks.network(spec, 1);
    Workspace ws = net.workspace(4, 2);
    float[] x = new float[4 * 2 * I];
    float[] grad = new float[net.parameters().length];
    assertThrows(IllegalStateException.class, () -> net.backward(x, new float[4 * 2 * O], null, ws, grad));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(x, 5, 2, ws));
    assertTrue(e.getMessage().startsWith("steps: 5"), e.getMessage());
    net.forward(x, 4, 2, ws);
    e = assertThrows(IllegalArgumentException.class, () -> net.backward(x, new float[3], null, ws, grad));
    assertTrue(e.getMessage().startsWith("dOutputs:"), e.getMessage());
    Workspace other = Network.initialize(NetworkSpec.of(Lstm.CELL, Activation.TANH, I, 8, O),
        TestNetworks.random(1)).workspace(4, 2);
    assertThrows(IllegalArgumentException.class, () -> net.forward(x, 4, 2, other));
  }
}
