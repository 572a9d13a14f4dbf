package cohort.analysis.fixedpoints;

import cohort.analysis.TestMath;
import cohort.analysis.similarity.Matrix;
import cohort.models.ReferenceCell;

/** Small {@link ReferenceCell}s with known fixed points, for the analysis tests. */
public final class TestCells {

  private TestCells() {}

  /** What every test cell declares the same way: its sizes, its time and its α. */
  abstract static class Sized implements ReferenceCell {
    final int n;
    final int m;
    private final boolean continuous;
    final double alpha;

    Sized(int n, int m, boolean continuous, double alpha) {
      this.n = n;
      this.m = m;
      this.continuous = continuous;
      this.alpha = alpha;
    }

    @Override
    public int stateSize() {
      return n;
    }

    @Override
    public int inputSize() {
      return m;
    }

    @Override
    public boolean continuousTime() {
      return continuous;
    }

    @Override
    public double alpha() {
      return alpha;
    }
  }

  /** {@code h' = A h + B x + c}: fixed point {@code (I − A)⁻¹(B x + c)}, Jacobian {@code A}. */
  public static final class Linear extends Sized {
    private final double[] a;
    private final double[] b;
    private final double[] c;

    public Linear(int n, int m, double[] a, double[] b, double[] c) {
      super(n, m, false, 1);
      this.a = a.clone();
      this.b = b.clone();
      this.c = c.clone();
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      for (int i = 0; i < n; i++) {
        double s = c[i];
        for (int j = 0; j < n; j++) {
          s += a[i * n + j] * h[j];
        }
        for (int j = 0; j < m; j++) {
          s += b[i * m + j] * x[j];
        }
        next[i] = s;
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jacobian) {
      System.arraycopy(a, 0, jacobian, 0, n * n);
    }
  }

  /**
   * Vanilla tanh network {@code h' = (1 − α) h + α tanh(W h + U x + b)}; {@code α = 1} is the discrete
   * {@code h' = tanh(W h + U x + b)}, {@code α < 1} the Euler CTRNN.
   */
  public static final class Tanh extends Sized {
    final double[] w;
    final double[] u;
    final double[] bias;

    public Tanh(int n, int m, double[] w, double[] u, double[] bias, double alpha, boolean continuous) {
      super(n, m, continuous, alpha);
      this.w = w.clone();
      this.u = u.clone();
      this.bias = bias.clone();
    }

    /** Decoupled {@code h_i' = tanh(gain_i h_i)}, no input. */
    public static Tanh diagonal(double... gain) {
      int n = gain.length;
      double[] w = new double[n * n];
      for (int i = 0; i < n; i++) {
        w[i * n + i] = gain[i];
      }
      return new Tanh(n, 1, w, new double[n], new double[n], 1.0, false);
    }

    double pre(double[] h, double[] x, int i) {
      double s = bias[i];
      for (int j = 0; j < n; j++) {
        s += w[i * n + j] * h[j];
      }
      for (int j = 0; j < m; j++) {
        s += u[i * m + j] * x[j];
      }
      return s;
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      for (int i = 0; i < n; i++) {
        next[i] = (1 - alpha) * h[i] + alpha * Math.tanh(pre(h, x, i));
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      for (int i = 0; i < n; i++) {
        double t = Math.tanh(pre(h, x, i));
        double d = alpha * (1 - t * t);
        for (int j = 0; j < n; j++) {
          jac[i * n + j] = d * w[i * n + j] + (i == j ? 1 - alpha : 0);
        }
      }
    }
  }

  /** A cell seen in another orthonormal basis: {@code F'(h) = Q F(Qᵀ h)}, {@code J' = Q J Qᵀ}. */
  public static final class Rotated extends Sized {
    private final ReferenceCell cell;
    private final double[] q;
    private final double[] qT;

    public Rotated(ReferenceCell cell, double[] q) {
      super(cell.stateSize(), cell.inputSize(), cell.continuousTime(), cell.alpha());
      this.cell = cell;
      this.q = q.clone();
      this.qT = new Matrix(n, n, q).transpose().data();
    }

    double[] toInner(double[] h) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          y[j] += q[i * n + j] * h[i];
        }
      }
      return y;
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      double[] out = new double[n];
      cell.step(toInner(h), x, out);
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += q[i * n + j] * out[j];
        }
        next[i] = s;
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      double[] inner = new double[n * n];
      cell.jacobian(toInner(h), x, inner);
      // Q J Qᵀ
      System.arraycopy(TestMath.mul(TestMath.mul(q, inner, n), qT, n), 0, jac, 0, n * n);
    }
  }

  /** A discrete-time map of the plane without input: what {@link SaddleNode} and {@link SlowAttractor} share. */
  abstract static class PlanarMap extends Sized {
    PlanarMap() {
      super(2, 0, false, 1);
    }
  }

  /**
   * Saddle-node normal form plus a stable direction: {@code h₁' = h₁ + a(μ − h₁²)}, {@code h₂' = h₂/2}. For
   * {@code μ > 0} two fixed points {@code (±√μ, 0)} (a stable node and a saddle); for {@code μ < 0} none, but a slow
   * "ghost" at the origin with {@code q = ½ a² μ²}.
   */
  public static final class SaddleNode extends PlanarMap {
    private final double a;
    private final double mu;

    public SaddleNode(double a, double mu) {
      this.a = a;
      this.mu = mu;
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      next[0] = h[0] + a * (mu - h[0] * h[0]);
      next[1] = 0.5 * h[1];
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      jac[0] = 1 - 2 * a * h[0];
      jac[1] = 0;
      jac[2] = 0;
      jac[3] = 0.5;
    }
  }

  /**
   * {@code F(u, v) = (u − ε tanh u, ½ v + ½ sin u)}: one attractor, the origin, contracting by only {@code 1 − ε}
   * along u, whose slow manifold is saturated (q ≈ ½ε² far from it, nearly flat).
   */
  public static final class SlowAttractor extends PlanarMap {
    private final double eps;

    public SlowAttractor(double eps) {
      this.eps = eps;
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      next[0] = h[0] - eps * Math.tanh(h[0]);
      next[1] = 0.5 * h[1] + 0.5 * Math.sin(h[0]);
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      double c = Math.cosh(h[0]);
      jac[0] = 1 - eps / (c * c);
      jac[1] = 0;
      jac[2] = 0.5 * Math.cos(h[0]);
      jac[3] = 0.5;
    }
  }

  /** Initial states on the grid {@code values^n}, row-major. */
  public static double[] grid(int n, double... values) {
    int count = 1;
    for (int i = 0; i < n; i++) {
      count *= values.length;
    }
    double[] out = new double[count * n];
    for (int k = 0; k < count; k++) {
      int r = k;
      for (int i = 0; i < n; i++) {
        out[k * n + i] = values[r % values.length];
        r /= values.length;
      }
    }
    return out;
  }

  /** The positive root of {@code h = tanh(w h)} for {@code w > 1}. */
  public static double tanhRoot(double w) {
    double h = 1.0;
    for (int i = 0; i < 200; i++) {
      double t = Math.tanh(w * h);
      double f = t - h;
      double df = w * (1 - t * t) - 1;
      h -= f / df;
    }
    return h;
  }
}
