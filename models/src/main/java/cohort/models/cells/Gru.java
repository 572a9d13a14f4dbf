package cohort.models.cells;

import cohort.models.Activation;
import cohort.models.BatchMath;
import cohort.models.Layout;
import cohort.models.Packs;
import cohort.models.Step;
import java.util.Arrays;

/**
 * The gated recurrent unit of Cho et al. (2014, "Learning phrase representations using RNN encoder–decoder for
 * statistical machine translation") in PyTorch's form: {@code r = s(U_r x + b_ir + W_r h + b_hr)},
 * {@code z = s(U_z x + b_iz + W_z h + b_hz)}, {@code n = σ(U_n x + b_in + r ⊙ (W_n h + b_hn))},
 * {@code h' = (1 − z) ⊙ n + z ⊙ h}. Blocks {@code W_ir, W_iz, W_in}, {@code W_hr, W_hz, W_hn}, and PyTorch's two
 * biases per gate {@code b_i*}, {@code b_h*}. On the fast path the candidate's input part {@code U_n x + b_in} is
 * an input-only product and its fused rows carry {@code [W_hn | 0 | b_hn]}.
 */
public final class Gru extends GatedCell {

  /** The one instance. */
  public static final Gru CELL = new Gru();

  private Gru() {
    super("gru", "r, z = s(…), n = σ(U_n x + b_in + r⊙(W_n h + b_hn)), h' = (1−z)⊙n + z⊙h (Cho et al. 2014; PyTorch)",
        new String[] {"W_ir", "W_iz", "W_in"}, new String[] {"W_hr", "W_hz", "W_hn"},
        new String[] {"b_ir", "b_iz", "b_in"}, new String[] {"b_hr", "b_hz", "b_hn"}, -1,
        Kernels::new, Reference::new);
  }

  /** Fused blocks r, z, {@code W_hn h + b_hn}; input-only block {@code U_n x + b_in}; saved r, z, n, hn, σ'(n). */
  private static final class Kernels extends GatedKernels {

    Kernels(Gates gates) {
      super(gates, 3, 1, 5);
    }

    @Override
    public void pack(float[] p, Packs packs) {
      int n = gates.n;
      for (int g = 0; g < 2; g++) {
        gates.packInput(p, g, packs, g * n);
        gates.packBias(p, g, packs, g * n);
      }
      for (int g = 0; g < 3; g++) {
        gates.packRecurrent(p, g, packs, g * n);
      }
      for (int i = 0; i < gates.inputs; i++) {
        Arrays.fill(packs.input[i], 2 * n, 3 * n, 0f);
      }
      System.arraycopy(p, gates.recB[2], packs.bias, 2 * n, n);
      gates.packCandidate(p, 2, packs);
    }

    @Override
    public void unpack(float[] p, Packs grads, float[] gradient) {
      int n = gates.n;
      gates.unpackGates(grads, 2, gradient);
      gates.unpackCandidate(grads, 2, gradient);
      for (int k = 0; k < n; k++) {
        System.arraycopy(grads.recurrent[k], 2 * n, gradient, gates.recW[2] + k * n, n);
      }
      System.arraycopy(grads.bias, 2 * n, gradient, gates.recB[2], n);
    }

    @Override
    public void forward(int stage, Step st) {
      int nb = st.length();
      float[] r = gate(st, 0);
      float[] z = gate(st, 1);
      float[] cand = st.saved(2);
      float[] hn = st.saved(3);
      st.product(2, hn);
      st.candidate(0, cand);
      for (int j = 0; j < nb; j++) {
        cand[j] += r[j] * hn[j];
      }
      st.activation().apply(cand, st.saved(4), 0, nb);
      mix(st.state(), z, cand, st.previousState(), nb);
    }

    @Override
    public void backward(int stage, Step st) {
      int nb = st.length();
      // z and the candidate's input part (δa_n in q3), then r and W_hn h + b_hn from δa_n
      float[] q3 = st.candidateDelta(0);
      mixBackward(st.carry(), st.saved(1), st.saved(2), st.previousState(), st.saved(4), st.delta(1), q3,
          st.carryNext(), nb);
      float[] rr = st.saved(0);
      float[] hh = st.saved(3);
      float[] q0 = st.delta(0);
      float[] q2 = st.delta(2);
      for (int j = 0; j < nb; j++) {
        float r = rr[j];
        float dan = q3[j];
        q0[j] = dan * hh[j] * r * (1f - r);
        q2[j] = dan * r;
      }
    }
  }

  /** The textbook equations in double. */
  private static final class Reference extends GatedReference {
    /** {@code b_hn} (inside the reset gate's product). */
    private final double[] bhn;

    Reference(Layout layout, double[] p, Gates gates) {
      super(layout, p, gates, 3);
      this.bhn = new double[n];
      for (int j = 0; j < n; j++) {
        bhn[j] = p[gates.recB[2] + j];
      }
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      for (int j = 0; j < n; j++) {
        double r = gate(0, j, x, h);
        double z = gate(1, j, x, h);
        double hn = gates.recurrentDrive(p, 2, j, h) + p[gates.recB[2] + j];
        double nn = act.apply(gates.inputDrive(p, 2, j, x, false) + r * hn);
        next[j] = (1 - z) * nn + z * h[j];
      }
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      for (int j = 0; j < n; j++) {
        double r = gate(0, j, x, h);
        double z = gate(1, j, x, h);
        double hn = gates.recurrentDrive(p, 2, j, h) + p[gates.recB[2] + j];
        double an = gates.inputDrive(p, 2, j, x, false) + r * hn;
        double nn = act.apply(an);
        double dn = act.derivative(an);
        for (int k = 0; k < n; k++) {
          double drk = r * (1 - r) * gates.w(p, 0, j, k);
          double dzk = z * (1 - z) * gates.w(p, 1, j, k);
          double dnk = dn * (drk * hn + r * gates.w(p, 2, j, k));
          jac[j * n + k] = (1 - z) * dnk + (h[j] - nn) * dzk + (j == k ? z : 0.0);
        }
      }
    }

    @Override
    public void backStep(double[] h, double[] x, double[] delta, double[] prev, double[] grad, double[] acc) {
      int in = gates.inputs;
      Arrays.fill(prev, 0.0);
      for (int j = 0; j < n; j++) {
        double r = gate(0, j, x, h);
        double z = gate(1, j, x, h);
        double hn = gates.recurrentDrive(p, 2, j, h) + p[gates.recB[2] + j];
        double an = gates.inputDrive(p, 2, j, x, false) + r * hn;
        double nn = act.apply(an);
        double dan = delta[j] * (1 - z) * act.derivative(an);
        double dr = dan * hn * r * (1 - r);
        double dz = delta[j] * (h[j] - nn) * z * (1 - z);
        double dhn = dan * r;
        prev[j] += delta[j] * z;
        gates.accumulate(p, 0, j, dr, h, x, prev, grad, true);
        gates.accumulate(p, 1, j, dz, h, x, prev, grad, true);
        gates.accumulate(p, 2, j, dhn, h, x, prev, grad, false);
        if (grad != null) {
          for (int i = 0; i < in; i++) {
            grad[gates.inW[2] + i * n + j] += dan * x[i];
          }
          grad[gates.inB[0] + j] += dr;
          grad[gates.recB[0] + j] += dr;
          grad[gates.inB[1] + j] += dz;
          grad[gates.recB[1] + j] += dz;
          grad[gates.inB[2] + j] += dan;
          grad[gates.recB[2] + j] += dhn;
        }
      }
    }

    /** The candidate's {@code b_hn} is left out of its input drive: it sits inside the reset gate's product. */
    @Override
    boolean driveHasRecurrentBias(int g) {
      return g != 2;
    }

    @Override
    public void elementwise(int mode, int rows, int start, double[] h, double[] v, double[] o1, double[] pre,
        double[] xd, double[] d, double[] diag, BatchMath m) {
      if (mode == RESIDUAL && m.single() && act == Activation.TANH) {
        SingleResidual.gru(n, bhn, rows, start, h, o1, pre, xd, d, diag);
        return;
      }
      int s = n;
      int gn = 3 * n;
      for (int b = 0; b < rows; b++) {
        int hb = (start + b) * s;
        int pb = b * gn;
        int db = b * s;
        for (int j = 0; j < n; j++) {
          double r = m.gate(pre[pb + j] + xd[j]);
          double z = m.gate(pre[pb + n + j] + xd[n + j]);
          double hn = pre[pb + 2 * n + j] + bhn[j];
          double an = xd[2 * n + j] + r * hn;
          double nn = m.act(an);
          double hj = h[hb + j];
          double nx = (1 - z) * nn + z * hj;
          double vj = direction(mode, nx, hj, v, o1, hb + j);
          if (mode == STEP) {
            continue;
          }
          double dan = vj * (1 - z) * m.derivative(an, nn);
          d[pb + j] = dan * hn * r * (1 - r);
          d[pb + n + j] = vj * (hj - nn) * z * (1 - z);
          d[pb + 2 * n + j] = dan * r;
          diag[db + j] = vj * z;
        }
      }
    }
  }
}
