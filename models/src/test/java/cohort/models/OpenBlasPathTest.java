package cohort.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.linalg.OpenBlas;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The training path runs on OpenBLAS on this platform, and gives the same bits on a second run in a fresh workspace
 * for every registered cell, at a realistic and an odd size (outputs, states and gradient).
 */
class OpenBlasPathTest {

  static List<NetworkSpec> specs() {
    List<NetworkSpec> specs = TestNetworks.grid(3, 40, 2);
    specs.addAll(NetworkTest.odd());
    return specs;
  }

  @Test
  void openBlasLoadsOnThisPlatform() {
    assertTrue(OpenBlas.available(), OpenBlas.unavailableReason());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void aSecondRunGivesTheSameBits(NetworkSpec spec) {
    int steps = 9;
    int batch = 6;
    RandomGenerator r = TestNetworks.random(5);
    Network net = TestNetworks.network(spec, 4);
    float[] x = TestNetworks.gaussian(steps * batch * spec.inputs(), 1.0, r);
    float[] dOut = TestNetworks.gaussian(steps * batch * spec.outputs(), 1.0, r);
    float[] dHidden = TestNetworks.gaussian(steps * batch * spec.hidden(), 0.1, r);
    Workspace first = net.workspace(steps + 1, batch + 2);
    float[] g1 = run(net, x, dOut, dHidden, steps, batch, first, 7);
    Workspace second = net.workspace(steps, batch);
    float[] g2 = run(net, x, dOut, dHidden, steps, batch, second, 7);
    assertArrayEquals(g1, g2, spec + ": gradient");
    int rows = steps * batch;
    assertArrayEquals(java.util.Arrays.copyOf(first.outputs(), rows * spec.outputs()),
        java.util.Arrays.copyOf(second.outputs(), rows * spec.outputs()), spec + ": outputs");
    assertArrayEquals(java.util.Arrays.copyOf(first.hidden(), rows * spec.hidden()),
        java.util.Arrays.copyOf(second.hidden(), rows * spec.hidden()), spec + ": hidden");
  }

  private static float[] run(Network net, float[] x, float[] dOut, float[] dHidden, int steps, int batch,
      Workspace ws, long noiseSeed) {
    float[] grad = new float[net.parameters().length];
    net.forward(x, steps, batch, ws, TestNetworks.random(noiseSeed));
    net.backward(x, dOut, dHidden, ws, grad);
    return grad;
  }
}
