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

  /** Initialises every block of a network (see {@link Network#initialize(NetworkSpec, RandomGenerator, InitOptions)}). */
  static float[] network(Layout layout, InitOptions options, RandomGenerator random) {
    NetworkSpec spec = layout.spec;
    int n = layout.n;
    float[] p = new float[layout.size];
    double u = 1.0 / Math.sqrt(n);
    for (int g = 0; g < layout.gates; g++) {
      fill(options.input(), options.inputGain(), layout.inputs, n, u, random, p, layout.inW[g]);
    }
    if (layout.recW != null) {
      boolean scaled = spec.architecture() == Architecture.SCALED_CTRNN;
      for (int g = 0; g < layout.gates; g++) {
        fill(spec.init(), scaled ? 1.0 : spec.gain(), n, n, u, random, p, layout.recW[g]);
        if (scaled) {
          float s = (float) Math.sqrt(n);
          for (int i = 0; i < n * n; i++) {
            p[layout.recW[g] + i] *= s;
          }
        }
      }
      if (spec.dale()) {
        int e = spec.excitatoryUnits();
        if (e > 0 && e < n) {
          float balance = (float) e / (n - e);
          for (int k = e; k < n; k++) {
            for (int j = 0; j < n; j++) {
              p[layout.recW[0] + k * n + j] *= balance;
            }
          }
        }
      }
    } else {
      int r = spec.rank();
      for (int b = 0; b < 2; b++) {
        int off = b == 0 ? layout.lowM : layout.lowN;
        InitKind kind = spec.init();
        if (kind == InitKind.ORTHOGONAL) {
          fill(InitKind.ORTHOGONAL, spec.gain() * Math.sqrt(n), n, r, u, random, p, off);
        } else if (kind == InitKind.NORMAL) {
          fill(InitKind.NORMAL, spec.gain() * Math.sqrt(n), n, r, u, random, p, off);
        } else {
          fill(InitKind.UNIFORM, 1.0, n, r, spec.gain() * Math.sqrt(3.0), random, p, off);
        }
      }
    }
    boolean uniformBias = spec.init() == InitKind.UNIFORM;
    for (int g = 0; g < layout.gates; g++) {
      if (uniformBias) {
        fill(InitKind.UNIFORM, 1.0, 1, n, u, random, p, layout.inB[g]);
      }
    }
    if (layout.recB != null && uniformBias) {
      for (int g = 0; g < layout.gates; g++) {
        fill(InitKind.UNIFORM, 1.0, 1, n, u, random, p, layout.recB[g]);
      }
    }
    if (spec.architecture() == Architecture.LSTM || spec.architecture() == Architecture.UGRNN) {
      int gate = spec.architecture() == Architecture.LSTM ? 1 : 0;
      for (int j = 0; j < n; j++) {
        p[layout.inB[gate] + j] += (float) options.gateBias();
      }
    }
    fill(options.readout(), options.readoutGain(), n, layout.outputs, u, random, p, layout.outW);
    if (spec.dale()) {
      // Stored as used: only excitatory units project to the output, with non-negative weights.
      for (int k = 0; k < n; k++) {
        for (int q = 0; q < layout.outputs; q++) {
          int i = layout.outW + k * layout.outputs + q;
          p[i] = layout.readoutWeight(p[i], k);
        }
      }
    }
    if (options.readout() == InitKind.UNIFORM) {
      fill(InitKind.UNIFORM, 1.0, 1, layout.outputs, u, random, p, layout.outB);
    }
    return p;
  }
}
