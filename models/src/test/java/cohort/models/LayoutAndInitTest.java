package cohort.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.LowRank;
import cohort.models.cells.Lstm;
import cohort.models.cells.Ugrnn;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parameter layout, initialisers and seeding. */
class LayoutAndInitTest {

  static List<NetworkSpec> specs() {
    return TestNetworks.grid(3, 10, 2);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void blocksCoverTheVectorExactlyOnce(NetworkSpec spec) {
    Network net = Network.initialize(spec, TestNetworks.random(1));
    int[] hits = new int[net.parameters().length];
    for (ParameterBlock b : net.blocks()) {
      assertEquals(b, net.block(b.name()));
      for (int i = 0; i < b.size(); i++) {
        hits[b.offset() + i]++;
      }
    }
    for (int i = 0; i < hits.length; i++) {
      assertEquals(1, hits[i], "element " + i);
    }
    assertEquals(Network.parameterCount(spec), hits.length);
    assertEquals(spec.stateSize(), net.stateSize());
  }

  @Test
  void blockNamesFollowPyTorchForGatedCells() {
    NetworkSpec gru = NetworkSpec.of(Gru.CELL, Activation.TANH, 3, 5, 2);
    List<String> names = Network.layout(gru).stream().map(ParameterBlock::name).toList();
    assertEquals(List.of("W_ir", "W_iz", "W_in", "W_hr", "W_hz", "W_hn", "b_ir", "b_iz", "b_in", "b_hr", "b_hz",
        "b_hn", "W_out", "b_out"), names);
    Network net = Network.initialize(gru, TestNetworks.random(1));
    assertEquals(new ParameterBlock("W_hz", 3 * 3 * 5 + 25, 5, 5), net.block("W_hz"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.block("W_rec"));
    assertTrue(e.getMessage().contains("accepted: W_ir"), e.getMessage());
    NetworkSpec lstm = NetworkSpec.of(Lstm.CELL, Activation.TANH, 3, 5, 2);
    assertEquals(4 * (3 * 5 + 5 * 5 + 2 * 5) + 5 * 2 + 2, Network.parameterCount(lstm));
    NetworkSpec low = NetworkSpec.of(LowRank.CELL, Activation.TANH, 3, 5, 2).withRank(2);
    assertEquals(List.of("W_in", "m", "n", "b", "W_out", "b_out"),
        Network.layout(low).stream().map(ParameterBlock::name).toList());
  }

  @Test
  void daleSignsFollowPresynapticUnits() {
    int n = 10;
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.CTRNN, Activation.RELU, 2, n, 1).withExcitatoryFraction(0.8);
    assertEquals(8, spec.excitatoryUnits());
    Network net = TestNetworks.network(spec, 3);
    float[] p = net.parameters();
    ParameterBlock w = net.block("W_rec");
    for (int i = 0; i < w.size(); i++) {
      p[w.offset() + i] = -p[w.offset() + i];
    }
    double[] eff = net.reference().effectiveRecurrentWeights();
    for (int post = 0; post < n; post++) {
      for (int pre = 0; pre < n; pre++) {
        double v = eff[post * n + pre];
        assertEquals(Math.abs(p[w.index(pre, post)]), Math.abs(v), 1e-7);
        assertTrue(pre < 8 ? v >= 0 : v <= 0, "sign of W_eff[" + post + "][" + pre + "]");
      }
    }
  }

  /**
   * Dale's law reads out from excitatory units only (Song, Yang &amp; Wang 2016): inhibitory states do not move the
   * output, in the reference and in the float forward, and their readout weights get no gradient; excitatory
   * weights act as |w|.
   */
  @Test
  void daleReadsOutFromExcitatoryUnitsOnly() {
    int n = 10;
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.VANILLA, Activation.TANH, 2, n, 2).withExcitatoryFraction(0.8);
    Network net = TestNetworks.network(spec, 5);
    ParameterBlock wOut = net.block("W_out");
    float[] p = net.parameters();
    for (int i = 0; i < wOut.size(); i++) {
      p[wOut.offset() + i] = i % 2 == 0 ? 0.3f : -0.7f;
    }
    ReferenceNetwork ref = net.reference();
    double[] h = new double[n];
    for (int k = 0; k < n; k++) {
      h[k] = 0.1 * (k + 1);
    }
    double[] before = ref.readout(h);
    h[8] = -5;
    h[9] = 7;
    assertArrayEquals(before, ref.readout(h), 0.0, "inhibitory units 8, 9 do not reach the output");
    double[] flip = ref.parameters();
    for (int i = 0; i < wOut.size(); i++) {
      flip[wOut.offset() + i] = -flip[wOut.offset() + i];
    }
    assertArrayEquals(before, ReferenceNetwork.of(spec, flip).readout(h), 1e-15, "excitatory weights act as |w|");

    int steps = 4;
    int batch = 3;
    float[] inputs = TestNetworks.gaussian(steps * batch * 2, 1.0, TestNetworks.random(6));
    Workspace ws = net.workspace(steps, batch);
    net.forward(inputs, steps, batch, ws);
    double[] refOut = ref.forward(inputs, steps, batch).outputs();
    float[] out = ws.outputs();
    for (int i = 0; i < refOut.length; i++) {
      assertEquals(refOut[i], out[i], 1e-5, "float forward output " + i);
    }
    float[] dOut = TestNetworks.gaussian(steps * batch * 2, 1.0, TestNetworks.random(7));
    float[] grad = new float[p.length];
    net.backward(inputs, dOut, null, ws, grad);
    for (int k = 8; k < n; k++) {
      for (int q = 0; q < 2; q++) {
        assertEquals(0.0, grad[wOut.index(k, q)], 0.0, "no gradient to the readout of inhibitory unit " + k);
      }
    }
  }

  @Test
  void daleInitialisationBalancesExcitationAndInhibition() {
    int n = 200;
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.VANILLA, Activation.RELU, 2, n, 1)
        .withInit(InitKind.NORMAL, 1.0).withExcitatoryFraction(0.8);
    double[] eff = Network.initialize(spec, TestNetworks.random(4)).reference().effectiveRecurrentWeights();
    double sum = 0;
    double abs = 0;
    for (double v : eff) {
      sum += v;
      abs += Math.abs(v);
    }
    assertTrue(Math.abs(sum) < 0.05 * abs, "net input balanced: " + sum + " of " + abs);
  }

  @Test
  void scaledCtrnnAppliesGainOverRootN() {
    int n = 16;
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.SCALED_CTRNN, Activation.TANH, 2, n, 1)
        .withInit(InitKind.NORMAL, 1.7);
    Network net = Network.initialize(spec, TestNetworks.random(5));
    ParameterBlock w = net.block("W_rec");
    double[] eff = net.reference().effectiveRecurrentWeights();
    for (int post = 0; post < n; post++) {
      for (int pre = 0; pre < n; pre++) {
        assertEquals(1.7 / 4.0 * net.parameters()[w.index(pre, post)], eff[post * n + pre], 1e-6);
      }
    }
  }

  @Test
  void lowRankEffectiveMatrixIsMNTransposeOverN() {
    int n = 12;
    NetworkSpec spec = NetworkSpec.of(LowRank.CELL, Activation.TANH, 2, n, 1).withRank(3);
    Network net = Network.initialize(spec, TestNetworks.random(6));
    float[] p = net.parameters();
    ParameterBlock m = net.block("m");
    ParameterBlock nn = net.block("n");
    double[] eff = net.reference().effectiveRecurrentWeights();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = 0;
        for (int r = 0; r < 3; r++) {
          v += (double) p[m.index(i, r)] * p[nn.index(j, r)];
        }
        assertEquals(v / n, eff[i * n + j], 1e-12);
      }
    }
  }

  @Test
  void orthogonalInitIsOrthogonalTimesGain() {
    int n = 32;
    NetworkSpec spec = NetworkSpec.of(Gru.CELL, Activation.TANH, 3, n, 2).withInit(InitKind.ORTHOGONAL, 0.9);
    Network net = Network.initialize(spec, TestNetworks.random(7));
    for (String name : new String[] {"W_hr", "W_hz", "W_hn"}) {
      ParameterBlock b = net.block(name);
      float[] p = net.parameters();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double dot = 0;
          for (int k = 0; k < n; k++) {
            dot += (double) p[b.index(i, k)] * p[b.index(j, k)];
          }
          assertEquals(i == j ? 0.81 : 0.0, dot, 1e-5, name + " row " + i + "·" + j);
        }
      }
    }
    double[] tall = Initializers.orthogonal(7, 3, TestNetworks.random(1));
    double[] wide = Initializers.orthogonal(3, 7, TestNetworks.random(1));
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        double col = 0;
        double row = 0;
        for (int k = 0; k < 7; k++) {
          col += tall[k * 3 + a] * tall[k * 3 + b];
          row += wide[a * 7 + k] * wide[b * 7 + k];
        }
        assertEquals(a == b ? 1.0 : 0.0, col, 1e-12);
        assertEquals(a == b ? 1.0 : 0.0, row, 1e-12);
      }
    }
  }

  @Test
  void normalInitHasVarianceGainSquaredOverN() {
    int n = 256;
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.VANILLA, Activation.TANH, 3, n, 2).withInit(InitKind.NORMAL, 1.5);
    Network net = Network.initialize(spec, TestNetworks.random(8));
    ParameterBlock w = net.block("W_rec");
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < w.size(); i++) {
      double v = net.parameters()[w.offset() + i];
      sum += v;
      sq += v * v;
    }
    double mean = sum / w.size();
    double var = sq / w.size() - mean * mean;
    double expected = 1.5 * 1.5 / n;
    assertEquals(0.0, mean, 4 * Math.sqrt(expected / w.size()));
    assertEquals(expected, var, 0.02 * expected);
  }

  @Test
  void identityInitIsGainTimesIdentity() {
    NetworkSpec spec = NetworkSpec.of(LeakyRnn.VANILLA, Activation.RELU, 3, 9, 2).withInit(InitKind.IDENTITY, 0.7);
    Network net = Network.initialize(spec, TestNetworks.random(9));
    ParameterBlock w = net.block("W_rec");
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 9; j++) {
        assertEquals(i == j ? 0.7f : 0f, net.parameters()[w.index(i, j)]);
      }
    }
  }

  @Test
  void uniformInitIsPyTorchDefaultForEveryWeightAndBias() {
    int n = 50;
    NetworkSpec spec = NetworkSpec.of(Lstm.CELL, Activation.TANH, 3, n, 3);
    assertEquals(InitKind.UNIFORM, spec.init());
    Network net = Network.initialize(spec, TestNetworks.random(10));
    double bound = 1.0 / Math.sqrt(n);
    for (ParameterBlock b : net.blocks()) {
      double max = 0;
      for (int i = 0; i < b.size(); i++) {
        max = Math.max(max, Math.abs(net.parameters()[b.offset() + i]));
      }
      assertTrue(max <= bound, b.name() + " within 1/√N");
      if (b.size() >= 50) {
        assertTrue(max > 0.8 * bound, b.name() + " fills U(−1/√N, 1/√N)");
      }
    }
  }

  @Test
  void glorotAndForgetBiasOptions() {
    NetworkSpec spec = NetworkSpec.of(Lstm.CELL, Activation.TANH, 3, 20, 2).withInit(InitKind.GLOROT, 1.0);
    Network net = Network.initialize(spec, TestNetworks.random(11));
    ParameterBlock f = net.block("b_if");
    for (int i = 0; i < f.size(); i++) {
      assertEquals(1f, net.parameters()[f.offset() + i], "forget bias 1.0 by default");
    }
    ParameterBlock w = net.block("W_hi");
    double bound = Math.sqrt(6.0 / 40);
    for (int i = 0; i < w.size(); i++) {
      assertTrue(Math.abs(net.parameters()[w.offset() + i]) <= bound);
    }
    Network zero = Network.initialize(spec, TestNetworks.random(11),
        new InitOptions(InitKind.GLOROT, 1.0, InitKind.NORMAL, 0.5, 0.0));
    assertEquals(0f, zero.parameters()[zero.block("b_if").offset()]);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void sameSeedSameBitsDifferentSeedDifferentBits(NetworkSpec spec) {
    float[] a = Network.initialize(spec, TestNetworks.random(42)).parameters();
    float[] b = Network.initialize(spec, TestNetworks.random(42)).parameters();
    float[] c = Network.initialize(spec, TestNetworks.random(43)).parameters();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void ofCopiesAndChecksLength() {
    NetworkSpec spec = NetworkSpec.of(Ugrnn.CELL, Activation.TANH, 3, 4, 2);
    float[] p = Network.initialize(spec, TestNetworks.random(1)).parameters().clone();
    Network net = Network.of(spec, p);
    float first = p[0];
    p[0] = first + 1f;
    assertEquals(first, net.parameters()[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.of(spec, new float[3]));
    assertEquals("parameters: length 3 is not accepted; this spec needs exactly " + Network.parameterCount(spec),
        e.getMessage());
  }
}
