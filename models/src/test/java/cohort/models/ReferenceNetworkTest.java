package cohort.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.cells.LeakyRnn;
import cohort.models.cells.Lstm;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The double reference against finite differences: BPTT gradient and the analytic Jacobian. */
class ReferenceNetworkTest {

  static final int I = 3;
  static final int N = 6;
  static final int O = 2;
  static final int T = 8;
  static final int B = 2;

  static List<NetworkSpec> specs() {
    return TestNetworks.grid(I, N, O);
  }

  private static double[] parameters(NetworkSpec spec, RandomGenerator r) {
    double[] p = TestNetworks.toDouble(TestNetworks.network(spec, 11).parameters());
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.05 * r.nextGaussian();
    }
    return p;
  }

  @ParameterizedTest
  @MethodSource("specs")
  void gradientMatchesCentralFiniteDifferences(NetworkSpec spec) {
    RandomGenerator r = TestNetworks.random(5);
    double[] p = parameters(spec, r);
    double[] x = TestNetworks.toDouble(TestNetworks.gaussian(T * B * I, 1.0, r));
    double[] y = TestNetworks.toDouble(TestNetworks.gaussian(T * B * O, 0.5, r));
    double[] mask = new double[T * B * O];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = i % 5 == 0 ? 0.0 : (i % 3 == 0 ? 0.5 : 1.0);
    }
    double[] grad = new double[p.length];
    ReferenceNetwork.of(spec, p).maskedMse(x, y, mask, T, B, grad);
    double[] fd = new double[p.length];
    double eps = 1e-5;
    for (int i = 0; i < p.length; i++) {
      double keep = p[i];
      p[i] = keep + eps;
      double up = ReferenceNetwork.of(spec, p).maskedMse(x, y, mask, T, B, null);
      p[i] = keep - eps;
      double down = ReferenceNetwork.of(spec, p).maskedMse(x, y, mask, T, B, null);
      p[i] = keep;
      fd[i] = (up - down) / (2 * eps);
    }
    assertTrue(TestNetworks.norm(grad) > 1e-6, "gradient is not trivially zero");
    double err = TestNetworks.relativeError(grad, fd);
    assertTrue(err < 1e-6, spec + ": relative error " + err);
    for (ParameterBlock b : ReferenceNetwork.of(spec, p).blocks()) {
      double num = 0;
      for (int i = b.offset(); i < b.offset() + b.size(); i++) {
        num += (grad[i] - fd[i]) * (grad[i] - fd[i]);
      }
      assertTrue(Math.sqrt(num) < 1e-6 * TestNetworks.norm(fd) + 1e-9, spec + " block " + b.name());
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void jacobianMatchesFiniteDifferencesOfStep(NetworkSpec spec) {
    RandomGenerator r = TestNetworks.random(7);
    ReferenceNetwork net = ReferenceNetwork.of(spec, parameters(spec, r));
    ReferenceCell cell = net.cell();
    int s = cell.stateSize();
    assertEquals(spec.stateSize(), s);
    double[] h = TestNetworks.toDouble(TestNetworks.gaussian(s, 0.6, r));
    double[] x = TestNetworks.toDouble(TestNetworks.gaussian(I, 1.0, r));
    double[] jac = new double[s * s];
    cell.jacobian(h, x, jac);
    double[] fd = new double[s * s];
    double[] up = new double[s];
    double[] down = new double[s];
    double eps = 1e-6;
    for (int k = 0; k < s; k++) {
      double keep = h[k];
      h[k] = keep + eps;
      cell.step(h, x, up);
      h[k] = keep - eps;
      cell.step(h, x, down);
      h[k] = keep;
      for (int i = 0; i < s; i++) {
        fd[i * s + k] = (up[i] - down[i]) / (2 * eps);
      }
    }
    double err = TestNetworks.relativeError(jac, fd);
    assertTrue(err < 1e-6, spec + ": relative error " + err);
  }

  @Test
  void ctrnnStepIsTheEulerMapOfTheRateEquation() {
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.CTRNN, Activation.TANH, I, N, O).withAlpha(0.25);
    ReferenceNetwork net = TestNetworks.network(spec, 3).reference();
    RandomGenerator r = TestNetworks.random(9);
    double[] h = TestNetworks.toDouble(TestNetworks.gaussian(N, 0.5, r));
    double[] x = TestNetworks.toDouble(TestNetworks.gaussian(I, 1.0, r));
    double[] next = new double[N];
    net.cell().step(h, x, next);
    double[] w = net.effectiveRecurrentWeights();
    double[] p = net.parameters();
    ParameterBlock win = Network.layout(spec).get(0);
    ParameterBlock b = Network.layout(spec).get(2);
    for (int j = 0; j < N; j++) {
      double z = p[b.index(0, j)];
      for (int k = 0; k < N; k++) {
        z += w[j * N + k] * h[k];
      }
      for (int i = 0; i < I; i++) {
        z += p[win.index(i, j)] * x[i];
      }
      double flow = -h[j] + Math.tanh(z);
      assertEquals(h[j] + 0.25 * flow, next[j], 1e-12);
    }
    assertTrue(net.cell().continuousTime());
    assertEquals(0.25, net.cell().alpha());
  }

  @Test
  void forwardReadsOutEveryStepFromZeroState() {
    NetworkSpec spec = NetworkSpec.of(Lstm.CELL, Activation.TANH, I, N, O);
    ReferenceNetwork net = TestNetworks.network(spec, 4).reference();
    double[] x = TestNetworks.toDouble(TestNetworks.gaussian(T * B * I, 1.0, TestNetworks.random(2)));
    ReferenceNetwork.Trajectory tr = net.forward(x, T, B);
    double[] state = new double[2 * N];
    double[] next = new double[2 * N];
    double[] xt = new double[I];
    for (int t = 0; t < T; t++) {
      System.arraycopy(x, (t * B + 1) * I, xt, 0, I);
      net.cell().step(state, xt, next);
      System.arraycopy(next, 0, state, 0, 2 * N);
    }
    double[] last = new double[2 * N];
    System.arraycopy(tr.states(), ((T - 1) * B + 1) * 2 * N, last, 0, 2 * N);
    assertArrayEquals(state, last, 0.0);
    double[] out = net.readout(state);
    for (int q = 0; q < O; q++) {
      assertEquals(out[q], tr.outputs()[((T - 1) * B + 1) * O + q], 0.0);
    }
    assertThrows(UnsupportedOperationException.class, net::effectiveRecurrentWeights);
  }
}
