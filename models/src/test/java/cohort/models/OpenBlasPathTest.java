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
 * The OpenBLAS path of the recurrent products against the pure-Java kernels: same outputs, states and gradient
 * within float rounding, for every cell, at a realistic and an odd size, and the same bits on a second run.
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
  void openBlasMatchesPureJava(NetworkSpec spec) {
    int steps = 9;
    int batch = 6;
    RandomGenerator r = TestNetworks.random(5);
    Network net = TestNetworks.network(spec, 4);
    float[] x = TestNetworks.gaussian(steps * batch * spec.inputs(), 1.0, r);
    float[] dOut = TestNetworks.gaussian(steps * batch * spec.outputs(), 1.0, r);
    float[] dHidden = TestNetworks.gaussian(steps * batch * spec.hidden(), 0.1, r);
    Workspace java = net.workspace(steps + 1, batch + 2, false);
    Workspace blas = net.workspace(steps + 1, batch + 2, true);
    assertTrue(blas.blas && !java.blas, spec + ": workspaces did not take the requested paths");
    float[] gJava = run(net, x, dOut, dHidden, steps, batch, java, 7);
    float[] gBlas = run(net, x, dOut, dHidden, steps, batch, blas, 7);
    int rows = steps * batch;
    double[] ref = TestNetworks.toDouble(java.outputs());
    assertTrue(TestNetworks.relativeError(blas.outputs(), ref, 0, rows * spec.outputs()) < 1e-5, spec + ": outputs");
    ref = TestNetworks.toDouble(java.hidden());
    assertTrue(TestNetworks.relativeError(blas.hidden(), ref, 0, rows * spec.hidden()) < 1e-5, spec + ": hidden");
    double err = TestNetworks.relativeError(gBlas, TestNetworks.toDouble(gJava), 0, gJava.length);
    assertTrue(err < 1e-5, spec + ": gradient relative error " + err);

    float[] again = run(net, x, dOut, dHidden, steps, batch, net.workspace(steps, batch, true), 7);
    assertArrayEquals(gBlas, again, spec + ": a second OpenBLAS run gave other bits");
  }

  private static float[] run(Network net, float[] x, float[] dOut, float[] dHidden, int steps, int batch,
      Workspace ws, long noiseSeed) {
    float[] grad = new float[net.parameters().length];
    net.forward(x, steps, batch, ws, TestNetworks.random(noiseSeed));
    net.backward(x, dOut, dHidden, ws, grad);
    return grad;
  }
}
