package cohort.models.cells;

import cohort.models.InitKind;
import cohort.models.Initializers;
import cohort.models.Layout;
import cohort.models.NetworkSpec;
import java.util.random.RandomGenerator;

/**
 * The low-rank RNN of Mastrogiuseppe &amp; Ostojic (2018, "Linking connectivity, dynamics, and computations in
 * low-rank recurrent neural networks"): CTRNN dynamics {@code h' = (1−α) h + α σ(W h + U x + b)} with
 * {@code W = M Nᵀ / N}, {@code M, N} of shape {@code N × R}. Blocks {@code W_in}, {@code m} {@code [N][R]},
 * {@code n} {@code [N][R]}, {@code b}; {@code m} and {@code n} start with entry variance g².
 */
public final class LowRank extends LeakyRnn {

  /** The one instance. */
  public static final LowRank CELL = new LowRank();

  private LowRank() {
    super("low-rank", true, false, "h' = (1−α) h + α σ(M Nᵀ h / N + U x + b) (Mastrogiuseppe & Ostojic 2018)");
  }

  @Override
  public boolean acceptsDale() {
    return false;
  }

  @Override
  public boolean hasRank() {
    return true;
  }

  @Override
  public void check(NetworkSpec spec) {
    if (spec.init() == InitKind.IDENTITY) {
      throw new IllegalArgumentException("init: identity is not accepted for low-rank; accepted: normal, "
          + "orthogonal, glorot, uniform");
    }
  }

  @Override
  protected void declareRecurrent(NetworkSpec spec, Layout.Builder blocks) {
    blocks.add("m", spec.hidden(), spec.rank());
    blocks.add("n", spec.hidden(), spec.rank());
  }

  @Override
  protected void initializeRecurrent(Layout layout, RandomGenerator random, float[] p) {
    NetworkSpec spec = layout.spec();
    int n = layout.hidden();
    int r = spec.rank();
    double u = 1.0 / Math.sqrt(n);
    for (int b = 0; b < 2; b++) {
      int off = layout.offset(b == 0 ? "m" : "n");
      InitKind kind = spec.init();
      if (kind == InitKind.ORTHOGONAL) {
        Initializers.fill(InitKind.ORTHOGONAL, spec.gain() * Math.sqrt(n), n, r, u, random, p, off);
      } else if (kind == InitKind.NORMAL) {
        Initializers.fill(InitKind.NORMAL, spec.gain() * Math.sqrt(n), n, r, u, random, p, off);
      } else {
        Initializers.fill(InitKind.UNIFORM, 1.0, n, r, spec.gain() * Math.sqrt(3.0), random, p, off);
      }
    }
  }

  /** The factors' shape and offsets in a layout: {@code m} and {@code n} are {@code [N][R]} blocks. */
  private record Factors(int n, int r, int lowM, int lowN) {
    static Factors of(Layout layout) {
      return new Factors(layout.hidden(), layout.spec().rank(), layout.offset("m"), layout.offset("n"));
    }

    /** {@code Σ_q n[k][q] m[j][q]} in double over the float parameters. */
    double dot(float[] p, int k, int j) {
      double v = 0;
      for (int q = 0; q < r; q++) {
        v += (double) p[lowN + k * r + q] * p[lowM + j * r + q];
      }
      return v;
    }
  }

  @Override
  protected void packRecurrent(Layout layout, float[] p, float[][] rows) {
    Factors f = Factors.of(layout);
    double inv = 1.0 / f.n();
    for (int k = 0; k < f.n(); k++) {
      float[] row = rows[k];
      for (int j = 0; j < f.n(); j++) {
        row[j] = (float) (f.dot(p, k, j) * inv);
      }
    }
  }

  @Override
  protected void unpackRecurrent(Layout layout, float[] p, float[][] rows, float[] grad) {
    Factors f = Factors.of(layout);
    int n = f.n();
    int r = f.r();
    int lowM = f.lowM();
    int lowN = f.lowN();
    double inv = 1.0 / n;
    for (int k = 0; k < n; k++) {
      float[] row = rows[k];
      for (int q = 0; q < r; q++) {
        double acc = 0;
        for (int j = 0; j < n; j++) {
          acc += (double) row[j] * p[lowM + j * r + q];
        }
        grad[lowN + k * r + q] = (float) (acc * inv);
      }
    }
    for (int j = 0; j < n; j++) {
      for (int q = 0; q < r; q++) {
        double acc = 0;
        for (int k = 0; k < n; k++) {
          acc += (double) rows[k][j] * p[lowN + k * r + q];
        }
        grad[lowM + j * r + q] = (float) (acc * inv);
      }
    }
  }

  @Override
  protected double[] effective(Layout layout, double[] p) {
    int n = layout.hidden();
    int r = layout.spec().rank();
    int lowM = layout.offset("m");
    int lowN = layout.offset("n");
    double[] e = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        double v = 0;
        for (int q = 0; q < r; q++) {
          v += p[lowM + j * r + q] * p[lowN + k * r + q];
        }
        e[j * n + k] = v / n;
      }
    }
    return e;
  }

  @Override
  protected void chainEffective(Layout layout, double[] p, double[] dW, double[] grad) {
    int n = layout.hidden();
    int r = layout.spec().rank();
    int lowM = layout.offset("m");
    int lowN = layout.offset("n");
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        double d = dW[j * n + k] / n;
        for (int q = 0; q < r; q++) {
          grad[lowM + j * r + q] += d * p[lowN + k * r + q];
          grad[lowN + k * r + q] += d * p[lowM + j * r + q];
        }
      }
    }
  }
}
