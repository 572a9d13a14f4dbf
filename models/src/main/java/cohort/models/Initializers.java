package cohort.models;

import java.util.random.RandomGenerator;

/**
 * Weight initialisers (see {@link InitKind}) and the whole-network initialisation that {@link Network#initialize}
 * performs. Every draw comes from the generator passed in, in block order, so one seed gives one network.
 */
public final class Initializers {

  private Initializers() {
  }

  /**
   * Fills a row-major {@code rows × cols} block (stored {@code [in][out]}, fan-in = rows) with one initialiser.
   *
   * @param kind the initialiser
   * @param gain g (ignored by {@code uniform})
   * @param uniformScale the half-width {@code 1/√H} that {@code uniform} uses (PyTorch uses the hidden size H)
   * @param out destination at {@code offset}; modified
   */
  public static void fill(InitKind kind, double gain, int rows, int cols, double uniformScale, RandomGenerator random,
      float[] out, int offset) {
    switch (kind) {
      case NORMAL: {
        double sd = gain / Math.sqrt(rows);
        for (int i = 0; i < rows * cols; i++) {
          out[offset + i] = (float) (sd * random.nextGaussian());
        }
        break;
      }
      case GLOROT: {
        double a = gain * Math.sqrt(6.0 / (rows + cols));
        for (int i = 0; i < rows * cols; i++) {
          out[offset + i] = (float) (a * (2.0 * random.nextDouble() - 1.0));
        }
        break;
      }
      case UNIFORM:
        for (int i = 0; i < rows * cols; i++) {
          out[offset + i] = (float) (uniformScale * (2.0 * random.nextDouble() - 1.0));
        }
        break;
      case IDENTITY:
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            out[offset + r * cols + c] = r == c ? (float) gain : 0f;
          }
        }
        break;
      default: {
        double[] q = orthogonal(rows, cols, random);
        for (int i = 0; i < rows * cols; i++) {
          out[offset + i] = (float) (gain * q[i]);
        }
        break;
      }
    }
  }

  /**
   * A Haar-random {@code rows × cols} matrix with orthonormal columns (rows ≥ cols) or rows (rows &lt; cols):
   * modified Gram–Schmidt, applied twice, on a standard-normal matrix (QR with a positive diagonal of R).
   */
  public static double[] orthogonal(int rows, int cols, RandomGenerator random) {
    boolean tall = rows >= cols;
    int m = tall ? rows : cols;
    int k = tall ? cols : rows;
    double[] v = new double[k * m];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextGaussian();
    }
    orthonormalizeRows(v, k, m);
    double[] q = new double[rows * cols];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < m; i++) {
        if (tall) {
          q[i * cols + j] = v[j * m + i];
        } else {
          q[j * cols + i] = v[j * m + i];
        }
      }
    }
    return q;
  }

  /**
   * Orthonormalises the {@code k} rows of length {@code m} of {@code v} (row-major, {@code k ≤ m}) in place:
   * modified Gram–Schmidt, applied twice per row (re-orthogonalisation keeps them orthonormal to round-off), so
   * that a standard-normal {@code v} becomes Haar-distributed (the Q of a QR with a positive diagonal of R).
   */
  public static void orthonormalizeRows(double[] v, int k, int m) {
    for (int j = 0; j < k; j++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int i = 0; i < m; i++) {
            dot += v[j * m + i] * v[p * m + i];
          }
          for (int i = 0; i < m; i++) {
            v[j * m + i] -= dot * v[p * m + i];
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < m; i++) {
        norm += v[j * m + i] * v[j * m + i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < m; i++) {
        v[j * m + i] /= norm;
      }
    }
  }

  /**
   * Initialises every block of a network (see {@link Network#initialize(NetworkSpec, RandomGenerator, InitOptions)}):
   * the cell's blocks by {@link Cell#initialize}, then the readout {@code W_out} (under Dale's law stored as used:
   * only excitatory units project to the output, with non-negative weights) and, for a {@code uniform} readout,
   * {@code b_out}.
   */
  static float[] network(Layout layout, InitOptions options, RandomGenerator random) {
    NetworkSpec spec = layout.spec();
    int n = layout.hidden();
    int o = layout.outputs();
    float[] p = new float[layout.size()];
    spec.architecture().initialize(layout, options, random, p);
    double u = 1.0 / Math.sqrt(n);
    fill(options.readout(), options.readoutGain(), n, o, u, random, p, layout.readoutWeights());
    if (spec.dale()) {
      for (int k = 0; k < n; k++) {
        for (int q = 0; q < o; q++) {
          int i = layout.readoutWeights() + k * o + q;
          p[i] = layout.readoutWeight(p[i], k);
        }
      }
    }
    if (options.readout() == InitKind.UNIFORM) {
      fill(InitKind.UNIFORM, 1.0, 1, o, u, random, p, layout.readoutBias());
    }
    return p;
  }

  /**
   * The initialisation of a gated cell's blocks, in order: input weights per gate ({@link InitOptions#input()}),
   * recurrent weights per gate ({@link NetworkSpec#init()}, gain g), and, for {@code uniform} (PyTorch's default),
   * the input biases then the recurrent biases, each {@code U(−1/√N, 1/√N)}; other initialisers leave biases at 0.
   * Offsets are of blocks {@code [I][N]}, {@code [N][N]} and {@code [1][N]}; {@code recurrentBiases} may be empty.
   *
   * @param p the flat vector; modified
   */
  public static void gated(NetworkSpec spec, InitOptions options, RandomGenerator random, float[] p, int[] inputs,
      int[] recurrent, int[] biases, int[] recurrentBiases) {
    int n = spec.hidden();
    double u = 1.0 / Math.sqrt(n);
    for (int g = 0; g < inputs.length; g++) {
      fill(options.input(), options.inputGain(), spec.inputs(), n, u, random, p, inputs[g]);
    }
    for (int g = 0; g < recurrent.length; g++) {
      fill(spec.init(), spec.gain(), n, n, u, random, p, recurrent[g]);
    }
    if (spec.init() == InitKind.UNIFORM) {
      for (int g = 0; g < biases.length; g++) {
        fill(InitKind.UNIFORM, 1.0, 1, n, u, random, p, biases[g]);
      }
      for (int g = 0; g < recurrentBiases.length; g++) {
        fill(InitKind.UNIFORM, 1.0, 1, n, u, random, p, recurrentBiases[g]);
      }
    }
  }
}
