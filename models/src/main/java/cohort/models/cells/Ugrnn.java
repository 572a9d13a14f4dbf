package cohort.models.cells;

import cohort.models.BatchMath;
import cohort.models.InitOptions;
import cohort.models.Layout;
import cohort.models.Step;

/**
 * The update-gate RNN of Collins, Sohl-Dickstein &amp; Sussillo (2017, "Capacity and trainability in recurrent
 * neural networks"): {@code g = s(W_g h + U_g x + b_g)}, {@code c = σ(W_c h + U_c x + b_c)},
 * {@code h' = g ⊙ h + (1 − g) ⊙ c} (s the logistic sigmoid, σ the activation). Blocks {@code W_ig, W_ic} (input),
 * {@code W_hg, W_hc} (recurrent), {@code b_g, b_c}; the update gate's bias starts at
 * {@link InitOptions#gateBias()} (TensorFlow's UGRNN {@code forget_bias}).
 */
public final class Ugrnn extends GatedCell {

  /** The one instance. */
  public static final Ugrnn CELL = new Ugrnn();

  private Ugrnn() {
    super("ugrnn", "g = s(W_g h + U_g x + b_g), c = σ(W_c h + U_c x + b_c), h' = g⊙h + (1−g)⊙c (Collins et al. 2017)",
        new String[] {"W_ig", "W_ic"}, new String[] {"W_hg", "W_hc"}, new String[] {"b_g", "b_c"}, null, 0,
        Kernels::new, Reference::new);
  }

  /** Blocks g, c; saved g, c, σ'(c). */
  private static final class Kernels extends GatedKernels {

    Kernels(Gates gates) {
      super(gates, 2, 0, 3);
    }

    @Override
    public void forward(int stage, Step st) {
      int nb = st.length();
      float[] g = gate(st, 0);
      float[] cand = activated(st, 1, 2);
      mix(st.state(), g, cand, st.previousState(), nb);
    }

    @Override
    public void backward(int stage, Step st) {
      mixBackward(st.carry(), st.saved(0), st.saved(1), st.previousState(), st.saved(2), st.delta(0), st.delta(1),
          st.carryNext(), st.length());
    }
  }

  /** The textbook equations in double. */
  private static final class Reference extends GatedReference {

    Reference(Layout layout, double[] p, Gates gates) {
      super(layout, p, gates, 2);
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      for (int j = 0; j < n; j++) {
        double g = gate(0, j, x, h);
        double c = act.apply(pre(1, j, x, h));
        next[j] = g * h[j] + (1 - g) * c;
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      for (int j = 0; j < n; j++) {
        double g = gate(0, j, x, h);
        double ac = pre(1, j, x, h);
        double c = act.apply(ac);
        double dg = (h[j] - c) * g * (1 - g);
        double dc = (1 - g) * act.derivative(ac);
        for (int k = 0; k < n; k++) {
          jac[j * n + k] = dg * gates.w(p, 0, j, k) + dc * gates.w(p, 1, j, k) + (j == k ? g : 0.0);
        }
      }
    }

    @Override
    public void backStep(double[] h, double[] x, double[] delta, double[] prev, double[] grad, double[] acc) {
      java.util.Arrays.fill(prev, 0.0);
      for (int j = 0; j < n; j++) {
        double g = gate(0, j, x, h);
        double ac = pre(1, j, x, h);
        double c = act.apply(ac);
        double d0 = delta[j] * (h[j] - c) * g * (1 - g);
        double d1 = delta[j] * (1 - g) * act.derivative(ac);
        prev[j] += delta[j] * g;
        gates.gradients(p, 0, j, d0, h, x, prev, grad);
        gates.gradients(p, 1, j, d1, h, x, prev, grad);
      }
    }

    @Override
    public void elementwise(int mode, int rows, int start, double[] h, double[] v, double[] o1, double[] pre,
        double[] xd, double[] d, double[] diag, BatchMath m) {
      if (mode == RESIDUAL && m.single() && SingleResidual.covers(act)) {
        SingleResidual.ugrnn(act, n, rows, start, h, o1, pre, xd, d, diag);
        return;
      }
      int s = n;
      int gn = 2 * n;
      for (int b = 0; b < rows; b++) {
        int hb = (start + b) * s;
        int pb = b * gn;
        int db = b * s;
        for (int j = 0; j < n; j++) {
          double g = m.gate(pre[pb + j] + xd[j]);
          double ac = pre[pb + n + j] + xd[n + j];
          double c = m.act(ac);
          double hj = h[hb + j];
          double nx = g * hj + (1 - g) * c;
          double vj = direction(mode, nx, hj, v, o1, hb + j);
          if (mode == STEP) {
            continue;
          }
          d[pb + j] = vj * (hj - c) * g * (1 - g);
          d[pb + n + j] = vj * (1 - g) * m.derivative(ac, c);
          diag[db + j] = vj * g;
        }
      }
    }
  }
}
