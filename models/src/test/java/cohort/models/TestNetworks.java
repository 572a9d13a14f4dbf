package cohort.models;

import cohort.models.cells.LeakyRnn;
import cohort.models.cells.LowRank;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Shared fixtures: the spec grid every contract test runs over, seeded generators, norms. */
final class TestNetworks {

  private TestNetworks() {
  }

  static RandomGenerator random(long seed) {
    return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
  }

  /**
   * Every architecture × activation, plus Dale variants (vanilla, ctrnn, scaled-ctrnn), a rank-2 low-rank cell and
   * a ctrnn with α = 0.3 and noise, at the given sizes.
   */
  static List<NetworkSpec> grid(int inputs, int hidden, int outputs) {
    List<NetworkSpec> specs = new ArrayList<>();
    for (Cell a : CellRegistry.standard().cells()) {
      for (Activation f : Activation.values()) {
        specs.add(NetworkSpec.of(a, f, inputs, hidden, outputs));
      }
    }
    for (Activation f : Activation.values()) {
      specs.add(NetworkSpec.of(LeakyRnn.VANILLA, f, inputs, hidden, outputs).withExcitatoryFraction(0.8));
      specs.add(NetworkSpec.of(LeakyRnn.CTRNN, f, inputs, hidden, outputs).withExcitatoryFraction(0.5)
          .withAlpha(0.2));
      specs.add(NetworkSpec.of(LeakyRnn.SCALED_CTRNN, f, inputs, hidden, outputs).withExcitatoryFraction(0.8)
          .withInit(InitKind.NORMAL, 1.5));
    }
    specs.add(NetworkSpec.of(LowRank.CELL, Activation.TANH, inputs, hidden, outputs).withRank(2));
    specs.add(NetworkSpec.of(LeakyRnn.CTRNN, Activation.RELU, inputs, hidden, outputs).withAlpha(0.3)
        .withRecurrentNoise(0.05).withInit(InitKind.ORTHOGONAL, 0.9));
    return specs;
  }

  /** A network with the spec's default initialisation and biases shifted by N(0, 0.2²) so none is 0. */
  static Network network(NetworkSpec spec, long seed) {
    RandomGenerator r = random(seed);
    Network net = Network.initialize(spec, r);
    float[] p = net.parameters();
    for (ParameterBlock b : net.blocks()) {
      if (b.name().startsWith("b")) {
        for (int i = 0; i < b.size(); i++) {
          p[b.offset() + i] += (float) (0.2 * r.nextGaussian());
        }
      }
    }
    return net;
  }

  static float[] gaussian(int n, double sd, RandomGenerator r) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (sd * r.nextGaussian());
    }
    return x;
  }

  static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** {@code ‖a − b‖ / ‖b‖} over {@code [offset, offset + len)}. */
  static double relativeError(float[] a, double[] b, int offset, int len) {
    double num = 0;
    double den = 0;
    for (int i = offset; i < offset + len; i++) {
      double d = a[i] - b[i];
      num += d * d;
      den += b[i] * b[i];
    }
    return Math.sqrt(num) / Math.sqrt(den);
  }

  static double relativeError(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      num += d * d;
      den += b[i] * b[i];
    }
    return Math.sqrt(num) / Math.sqrt(den);
  }
}
