package cohort.models.cells;

import cohort.models.BatchMath;
import cohort.models.Cell;
import cohort.models.InitKind;
import cohort.models.InitOptions;
import cohort.models.Initializers;
import cohort.models.Layout;
import cohort.models.NetworkSpec;
import cohort.models.Packs;
import cohort.models.Step;
import java.util.random.RandomGenerator;

/**
 * The leaky rate RNN {@code h' = (1−α) h + α σ(W_eff h + U x + b)} and its three dense members:
 *
 * <ul>
 *   <li>{@link #VANILLA}: α = 1, {@code h' = σ(W h + U x + b)} (Elman 1990; the "Vanilla" of Maheswaranathan et al.
 *       2019);</li>
 *   <li>{@link #CTRNN}: the Euler step of {@code τ dh/dt = −h + σ(W h + U x + b)}, {@code α = dt/τ}, with optional
 *       noise {@code √(2α σ_rec²) N(0,1)} (PsychRNN's convention). This is exactly the rate form of Jarne's
 *       {@code dh/dt = −h/τ + σ(W h + U x + b)} when that equation is read, as in her CTRNN papers, with τ
 *       multiplying the left side; the state is the rate: the readout reads {@code h};</li>
 *   <li>{@link #SCALED_CTRNN}: the same flow with {@code W_eff = (g/√N) W}, the gain applied in the forward pass
 *       (Sompolinsky, Crisanti &amp; Sommers 1988).</li>
 * </ul>
 *
 * Dale's law makes {@code W_eff = |W̃| D} with {@code D = diag(±1)} by presynaptic unit, the first ⌊f·N⌋ excitatory
 * (Song, Yang &amp; Wang 2016). Subclasses change how {@code W_eff} is made from the parameters ({@link LowRank}).
 * Blocks: {@code W_in} {@code [I][N]}, {@code W_rec} {@code [N][N]}, {@code b}.
 */
public class LeakyRnn implements Cell {

  /** The discrete vanilla RNN (α = 1). */
  public static final LeakyRnn VANILLA = new LeakyRnn("vanilla", false, false,
      "h' = σ(W h + U x + b) (Elman 1990)");
  /** The continuous-time RNN, Euler step α = dt/τ. */
  public static final LeakyRnn CTRNN = new LeakyRnn("ctrnn", true, false,
      "h' = (1−α) h + α σ(W h + U x + b), α = dt/τ (Jarne; PsychRNN)");
  /** The CTRNN with {@code W_eff = (g/√N) W}. */
  public static final LeakyRnn SCALED_CTRNN = new LeakyRnn("scaled-ctrnn", true, true,
      "h' = (1−α) h + α σ((g/√N) W h + U x + b) (Sompolinsky et al. 1988)");

  private final String id;
  private final boolean continuousTime;
  private final boolean scaled;
  private final String summary;

  /**
   * A member of the family.
   *
   * @param scaled whether {@code W_eff = (g/√N) W} (and W is drawn at unit gain ×√N, so it starts as the unscaled
   *     draw with gain g)
   */
  protected LeakyRnn(String id, boolean continuousTime, boolean scaled, String summary) {
    this.id = id;
    this.continuousTime = continuousTime;
    this.scaled = scaled;
    this.summary = summary;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public boolean continuousTime() {
    return continuousTime;
  }

  @Override
  public boolean acceptsNoise() {
    return true;
  }

  @Override
  public boolean acceptsDale() {
    return true;
  }

  @Override
  public String toString() {
    return id;
  }

  @Override
  public final void declare(NetworkSpec spec, Layout.Builder blocks) {
    blocks.add("W_in", spec.inputs(), spec.hidden());
    declareRecurrent(spec, blocks);
    blocks.add("b", 1, spec.hidden());
  }

  /** Declares the blocks {@code W_eff} is made from: {@code W_rec} {@code [N][N]}. */
  protected void declareRecurrent(NetworkSpec spec, Layout.Builder blocks) {
    blocks.add("W_rec", spec.hidden(), spec.hidden());
  }

  /**
   * Input weights, recurrent weights (for Dale's law the inhibitory rows scaled by {@code N_E/N_I} so expected
   * excitation and inhibition balance, as PsychRNN's {@code balance_dale_ratio}), and for {@code uniform} the bias.
   */
  @Override
  public final void initialize(Layout layout, InitOptions options, RandomGenerator random, float[] p) {
    NetworkSpec spec = layout.spec();
    int n = layout.hidden();
    double u = 1.0 / Math.sqrt(n);
    Initializers.fill(options.input(), options.inputGain(), layout.inputs(), n, u, random, p, layout.offset("W_in"));
    initializeRecurrent(layout, random, p);
    if (spec.init() == InitKind.UNIFORM) {
      Initializers.fill(InitKind.UNIFORM, 1.0, 1, n, u, random, p, layout.offset("b"));
    }
  }

  /** Draws the blocks of {@link #declareRecurrent}. */
  protected void initializeRecurrent(Layout layout, RandomGenerator random, float[] p) {
    NetworkSpec spec = layout.spec();
    int n = layout.hidden();
    int w = layout.offset("W_rec");
    Initializers.fill(spec.init(), scaled ? 1.0 : spec.gain(), n, n, 1.0 / Math.sqrt(n), random, p, w);
    if (scaled) {
      float s = (float) Math.sqrt(n);
      for (int i = 0; i < n * n; i++) {
        p[w + i] *= s;
      }
    }
    if (spec.dale()) {
      int e = spec.excitatoryUnits();
      if (e > 0 && e < n) {
        float balance = (float) e / (n - e);
        for (int k = e; k < n; k++) {
          for (int j = 0; j < n; j++) {
            p[w + k * n + j] *= balance;
          }
        }
      }
    }
  }

  /** The forward scale of the recurrent matrix: g/√N when scaled, 1 otherwise. */
  private double recurrentScale(NetworkSpec spec) {
    return scaled ? spec.gain() / Math.sqrt(spec.hidden()) : 1.0;
  }

  /** {@code W_eff} in float as product rows: {@code rows[k][j] = W_eff[j][k]}. */
  protected void packRecurrent(Layout layout, float[] p, float[][] rows) {
    recurrentRows(layout, p, rows, null);
  }

  /** The gradient of {@code W_eff}'s product rows through the chain rule into the recurrent blocks. */
  protected void unpackRecurrent(Layout layout, float[] p, float[][] rows, float[] grad) {
    recurrentRows(layout, p, rows, grad);
  }

  /**
   * {@code W_eff}'s product row k is {@code s_k W_rec[k]} ({@code s_k} the forward scale, negative for an inhibitory
   * k under Dale's law, which also takes {@code |W_rec|}): with {@code grad} null writes the rows from {@code p},
   * else writes {@code W_rec}'s part of {@code grad} from the rows' gradient.
   */
  private void recurrentRows(Layout layout, float[] p, float[][] rows, float[] grad) {
    NetworkSpec spec = layout.spec();
    int n = layout.hidden();
    float s = (float) recurrentScale(spec);
    int rec = layout.offset("W_rec");
    boolean dale = spec.dale();
    int e = spec.excitatoryUnits();
    for (int k = 0; k < n; k++) {
      float[] row = rows[k];
      float sk = dale ? (k < e ? s : -s) : s;
      int w = rec + k * n;
      if (grad == null) {
        for (int j = 0; j < n; j++) {
          float v = p[w + j];
          row[j] = sk * (dale ? Math.abs(v) : v);
        }
      } else {
        for (int j = 0; j < n; j++) {
          float v = sk * row[j];
          grad[w + j] = dale ? v * Math.signum(p[w + j]) : v;
        }
      }
    }
  }

  /** {@code W_eff} in double, {@code [post][pre]}. */
  protected double[] effective(Layout layout, double[] p) {
    NetworkSpec spec = layout.spec();
    int n = layout.hidden();
    int w = layout.offset("W_rec");
    double[] eff = new double[n * n];
    double scale = recurrentScale(spec);
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        double v = p[w + k * n + j];
        eff[j * n + k] = spec.dale() ? scale * Math.abs(v) * layout.daleSign(k) : scale * v;
      }
    }
    return eff;
  }

  /** Adds {@code ∂L/∂θ} of the recurrent blocks given {@code dW = ∂L/∂W_eff} ({@code [post][pre]}). */
  protected void chainEffective(Layout layout, double[] p, double[] dW, double[] grad) {
    NetworkSpec spec = layout.spec();
    int n = layout.hidden();
    int w = layout.offset("W_rec");
    double scale = recurrentScale(spec);
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        double v = scale * dW[j * n + k];
        int idx = w + k * n + j;
        grad[idx] += spec.dale() ? v * layout.daleSign(k) * Math.signum(p[idx]) : v;
      }
    }
  }

  /** {@code W_in} and {@code b} as the one gate's input weights and bias ({@code W_eff} is the cell's own). */
  private static Gates gates(Layout layout) {
    return new Gates(layout, new String[] {"W_in"}, null, new String[] {"b"}, null);
  }

  @Override
  public final Cell.Kernels kernels(Layout layout) {
    return new Kernels(layout);
  }

  @Override
  public final Cell.Reference reference(Layout layout, double[] parameters) {
    return new Reference(layout, parameters);
  }

  /** The fast path: one block {@code W_eff h + U x + b}; saved σ'(z). */
  private final class Kernels extends GatedKernels {
    private final Layout layout;
    private final float alpha;
    private final boolean leak;

    Kernels(Layout layout) {
      super(gates(layout), 1, 0, 1);
      this.layout = layout;
      this.alpha = (float) layout.spec().alpha();
      this.leak = layout.spec().alpha() != 1.0;
    }

    @Override
    public void pack(float[] p, Packs packs) {
      gates.packInput(p, 0, packs, 0);
      gates.packBias(p, 0, packs, 0);
      packRecurrent(layout, p, packs.recurrent);
    }

    @Override
    public void unpack(float[] p, Packs grads, float[] gradient) {
      int n = layout.hidden();
      for (int i = 0; i < layout.inputs(); i++) {
        System.arraycopy(grads.input[i], 0, gradient, gates.inW[0] + i * n, n);
      }
      gates.unpackBias(grads, 0, 0, gradient);
      unpackRecurrent(layout, p, grads.recurrent, gradient);
    }

    @Override
    public void forward(int stage, Step st) {
      int nb = st.length();
      float keep = 1f - alpha;
      float[] h = st.state();
      st.product(0, h);
      st.activation().apply(h, st.saved(0), 0, nb);
      if (leak) {
        float[] hp = st.previousState();
        for (int j = 0; j < nb; j++) {
          h[j] = alpha * h[j] + keep * hp[j];
        }
      }
      double noiseScale = st.noiseScale();
      if (noiseScale > 0) {
        RandomGenerator noise = st.noise();
        int batch = st.batch();
        int n = st.hidden();
        for (int b = 0; b < batch; b++) {
          for (int k = 0; k < n; k++) {
            h[k * batch + b] += (float) (noiseScale * noise.nextGaussian());
          }
        }
      }
    }

    @Override
    public void backward(int stage, Step st) {
      int nb = st.length();
      float keep = 1f - alpha;
      float[] cur = st.carry();
      float[] next = st.carryNext();
      float[] dz = st.delta(0);
      float[] dr = st.saved(0);
      for (int j = 0; j < nb; j++) {
        float g = cur[j];
        dz[j] = g * alpha * dr[j];
        next[j] = keep * g;
      }
    }
  }

  /** The textbook equations in double over {@code W_eff}. */
  private final class Reference extends GatedReference {
    private final Layout layout;
    private final double[] weff;
    private final double a;

    Reference(Layout layout, double[] p) {
      super(layout, p, gates(layout), 1);
      this.layout = layout;
      this.weff = effective(layout, p);
      this.a = layout.spec().alpha();
    }

    /** Unit j's pre-activation {@code U x + b + W_eff h}. */
    private double drive(int j, double[] x, double[] h) {
      double z = gates.inputDrive(p, 0, j, x, false);
      for (int k = 0; k < n; k++) {
        z += weff[j * n + k] * h[k];
      }
      return z;
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      for (int j = 0; j < n; j++) {
        double z = drive(j, x, h);
        next[j] = (1 - a) * h[j] + a * act.apply(z);
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      for (int j = 0; j < n; j++) {
        double z = drive(j, x, h);
        double d = a * act.derivative(z);
        for (int k = 0; k < n; k++) {
          jac[j * n + k] = d * weff[j * n + k] + (j == k ? 1 - a : 0.0);
        }
      }
    }

    @Override
    public void backStep(double[] h, double[] x, double[] delta, double[] prev, double[] grad, double[] dW) {
      int in = layout.inputs();
      for (int k = 0; k < n; k++) {
        prev[k] = (1 - a) * delta[k];
      }
      for (int j = 0; j < n; j++) {
        double z = drive(j, x, h);
        double dz = delta[j] * a * act.derivative(z);
        for (int k = 0; k < n; k++) {
          prev[k] += weff[j * n + k] * dz;
          if (dW != null) {
            dW[j * n + k] += dz * h[k];
          }
        }
        if (grad != null) {
          for (int i = 0; i < in; i++) {
            grad[gates.inW[0] + i * n + j] += dz * x[i];
          }
          grad[gates.inB[0] + j] += dz;
        }
      }
    }

    @Override
    public double[] accumulator() {
      return new double[n * n];
    }

    @Override
    public void finish(double[] dW, double[] grad) {
      chainEffective(layout, p, dW, grad);
    }

    @Override
    public double[] effectiveRecurrentWeights() {
      return weff.clone();
    }

    @Override
    public double weight(int g, int post, int pre) {
      return weff[post * n + pre];
    }

    @Override
    public void elementwise(int mode, int rows, int start, double[] h, double[] v, double[] o1, double[] pre,
        double[] xd, double[] d, double[] diag, BatchMath m) {
      if (mode == RESIDUAL && m.single() && SingleResidual.covers(act)) {
        SingleResidual.leaky(act, (float) a, n, rows, start, h, o1, pre, xd, d, diag);
        return;
      }
      int s = n;
      int gn = n;
      for (int b = 0; b < rows; b++) {
        int hb = (start + b) * s;
        int pb = b * gn;
        int db = b * s;
        for (int j = 0; j < n; j++) {
          double z = pre[pb + j] + xd[j];
          double y = m.act(z);
          double hj = h[hb + j];
          double nx = (1 - a) * hj + a * y;
          double vj = direction(mode, nx, hj, v, o1, hb + j);
          if (mode == STEP) {
            continue;
          }
          d[pb + j] = vj * a * m.derivative(z, y);
          diag[db + j] = (1 - a) * vj;
        }
      }
    }
  }
}
