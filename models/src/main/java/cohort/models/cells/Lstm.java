package cohort.models.cells;

import cohort.models.BatchMath;
import cohort.models.InitOptions;
import cohort.models.Layout;
import cohort.models.Step;
import java.util.Arrays;

/**
 * The long short-term memory of Hochreiter &amp; Schmidhuber (1997, "Long short-term memory") with a forget gate
 * (Gers, Schmidhuber &amp; Cummins 2000), in PyTorch's form: {@code i, f, o = s(U x + b_i + W h + b_h)},
 * {@code g = σ(U_g x + b_ig + W_g h + b_hg)}, {@code c' = f ⊙ c + i ⊙ g}, {@code h' = o ⊙ σ(c')}; the state is
 * {@code [h; c]} (2N), the readout reads h. Blocks {@code W_ii, W_if, W_ig, W_io}, {@code W_hi, W_hf, W_hg, W_ho},
 * {@code b_i*}, {@code b_h*}; the forget gate's bias starts at {@link InitOptions#gateBias()}.
 */
public final class Lstm extends GatedCell {

  /** The one instance. */
  public static final Lstm CELL = new Lstm();

  private Lstm() {
    super("lstm",
        "i, f, o = s(…), g = σ(…), c' = f⊙c + i⊙g, h' = o⊙σ(c'); state [h; c] (Hochreiter & Schmidhuber 1997)",
        new String[] {"W_ii", "W_if", "W_ig", "W_io"}, new String[] {"W_hi", "W_hf", "W_hg", "W_ho"},
        new String[] {"b_ii", "b_if", "b_ig", "b_io"}, new String[] {"b_hi", "b_hf", "b_hg", "b_ho"}, 1,
        Kernels::new, Reference::new);
  }

  @Override
  public int stateBlocks() {
    return 2;
  }

  /** Blocks i, f, g, o; saved i, f, g, o, c, σ(c), σ'(c), σ'(g). */
  private static final class Kernels extends GatedKernels {

    Kernels(Gates gates) {
      super(gates, 4, 0, 8);
    }

    @Override
    public void forward(int stage, Step st) {
      int nb = st.length();
      float[] i = gate(st, 0);
      float[] f = gate(st, 1);
      float[] g = activated(st, 2, 7);
      float[] o = gate(st, 3);
      float[] cell = st.saved(4);
      float[] tc = st.saved(5);
      float[] cp = st.previousSaved(4);
      for (int j = 0; j < nb; j++) {
        cell[j] = f[j] * cp[j] + i[j] * g[j];
      }
      System.arraycopy(cell, 0, tc, 0, nb);
      st.activation().apply(tc, st.saved(6), 0, nb);
      float[] h = st.state();
      for (int j = 0; j < nb; j++) {
        h[j] = o[j] * tc[j];
      }
    }

    @Override
    public void backward(int stage, Step st) {
      int nb = st.length();
      float[] ii = st.saved(0);
      float[] ff = st.saved(1);
      float[] gg = st.saved(2);
      float[] oo = st.saved(3);
      float[] tc = st.saved(5);
      float[] dtc = st.saved(6);
      float[] dg = st.saved(7);
      float[] cp = st.previousSaved(4);
      float[] cur = st.carry();
      float[] next = st.carryNext();
      float[] dcIn = st.stateCarry(1);
      float[] dcOut = st.stateCarryNext(1);
      float[] q0 = st.delta(0);
      float[] q1 = st.delta(1);
      float[] q2 = st.delta(2);
      float[] q3 = st.delta(3);
      // δc_t (kept in dcOut until the last loop turns it into δc_{t−1}) and the output gate
      for (int j = 0; j < nb; j++) {
        dcOut[j] = dcIn[j] + cur[j] * oo[j] * dtc[j];
      }
      for (int j = 0; j < nb; j++) {
        float o = oo[j];
        q3[j] = cur[j] * tc[j] * o * (1f - o);
      }
      for (int j = 0; j < nb; j++) {
        float i = ii[j];
        q0[j] = dcOut[j] * gg[j] * i * (1f - i);
        q2[j] = dcOut[j] * i * dg[j];
      }
      for (int j = 0; j < nb; j++) {
        float f = ff[j];
        float dC = dcOut[j];
        q1[j] = dC * cp[j] * f * (1f - f);
        dcOut[j] = dC * f;
      }
      Arrays.fill(next, 0, nb, 0f);
    }
  }

  /** The textbook equations in double; state {@code [h; c]}. */
  private static final class Reference extends GatedReference {

    Reference(Layout layout, double[] p, Gates gates) {
      super(layout, p, gates, 4);
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      for (int j = 0; j < n; j++) {
        double i = gate(0, j, x, h);
        double f = gate(1, j, x, h);
        double g = act.apply(pre(2, j, x, h));
        double o = gate(3, j, x, h);
        double c = f * h[n + j] + i * g;
        next[n + j] = c;
        next[j] = o * act.apply(c);
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      int s = 2 * n;
      for (int j = 0; j < n; j++) {
        double i = gate(0, j, x, h);
        double f = gate(1, j, x, h);
        double ag = pre(2, j, x, h);
        double g = act.apply(ag);
        double o = gate(3, j, x, h);
        double c = f * h[n + j] + i * g;
        double tc = act.apply(c);
        double dtc = act.derivative(c);
        for (int k = 0; k < n; k++) {
          double dck = h[n + j] * f * (1 - f) * gates.w(p, 1, j, k) + g * i * (1 - i) * gates.w(p, 0, j, k)
              + i * act.derivative(ag) * gates.w(p, 2, j, k);
          jac[(n + j) * s + k] = dck;
          jac[j * s + k] = o * (1 - o) * gates.w(p, 3, j, k) * tc + o * dtc * dck;
          jac[(n + j) * s + n + k] = j == k ? f : 0.0;
          jac[j * s + n + k] = j == k ? o * dtc * f : 0.0;
        }
      }
    }

    @Override
    public void backStep(double[] h, double[] x, double[] delta, double[] prev, double[] grad, double[] acc) {
      Arrays.fill(prev, 0.0);
      for (int j = 0; j < n; j++) {
        double i = gate(0, j, x, h);
        double f = gate(1, j, x, h);
        double ag = pre(2, j, x, h);
        double g = act.apply(ag);
        double o = gate(3, j, x, h);
        double c = f * h[n + j] + i * g;
        double dH = delta[j];
        double dC = delta[n + j] + dH * o * act.derivative(c);
        double d0 = dC * g * i * (1 - i);
        double d1 = dC * h[n + j] * f * (1 - f);
        double d2 = dC * i * act.derivative(ag);
        double d3 = dH * act.apply(c) * o * (1 - o);
        prev[n + j] = dC * f;
        gates.gradients(p, 0, j, d0, h, x, prev, grad);
        gates.gradients(p, 1, j, d1, h, x, prev, grad);
        gates.gradients(p, 2, j, d2, h, x, prev, grad);
        gates.gradients(p, 3, j, d3, h, x, prev, grad);
      }
    }

    @Override
    public void elementwise(int mode, int rows, int start, double[] h, double[] v, double[] o1, double[] pre,
        double[] xd, double[] d, double[] diag, BatchMath m) {
      if (mode == RESIDUAL && m.single() && SingleResidual.covers(act)) {
        SingleResidual.lstm(act, n, rows, start, h, o1, pre, xd, d, diag);
        return;
      }
      int s = 2 * n;
      int gn = 4 * n;
      for (int b = 0; b < rows; b++) {
        int hb = (start + b) * s;
        int pb = b * gn;
        int db = b * s;
        for (int j = 0; j < n; j++) {
          double i = m.gate(pre[pb + j] + xd[j]);
          double f = m.gate(pre[pb + n + j] + xd[n + j]);
          double ag = pre[pb + 2 * n + j] + xd[2 * n + j];
          double g = m.act(ag);
          double o = m.gate(pre[pb + 3 * n + j] + xd[3 * n + j]);
          double cj = h[hb + n + j];
          double c = f * cj + i * g;
          double tc = m.act(c);
          double hnx = o * tc;
          double vh = direction(mode, hnx, h[hb + j], v, o1, hb + j);
          double vc = direction(mode, c, cj, v, o1, hb + n + j);
          if (mode == STEP) {
            continue;
          }
          double dc = vc + vh * o * m.derivative(c, tc);
          d[pb + j] = dc * g * i * (1 - i);
          d[pb + n + j] = dc * cj * f * (1 - f);
          d[pb + 2 * n + j] = dc * i * m.derivative(ag, g);
          d[pb + 3 * n + j] = vh * tc * o * (1 - o);
          diag[db + j] = 0.0;
          diag[db + n + j] = dc * f;
        }
      }
    }
  }
}
