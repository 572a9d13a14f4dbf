package cohort.models.cells;

import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.Layout;
import cohort.models.Packs;
import cohort.models.Step;

/**
 * The minimal gated unit of Zhou, Wu, Zhang &amp; Zhou (2016, "Minimal gated unit for recurrent neural networks"):
 * one forget gate {@code f = s(W_f h + U_f x + b_f)}, the candidate {@code h̃ = σ(W_c (f ⊙ h) + U_c x + b_c)} and
 * {@code h' = (1 − f) ⊙ h + f ⊙ h̃} (s the logistic sigmoid, σ the activation, tanh in the paper). Blocks
 * {@code W_if, W_ic} (input), {@code W_hf, W_hc} (recurrent), {@code b_f, b_c}; initialised as the other gated cells
 * (no gate bias: the paper uses none).
 *
 * <p>On the fast path {@code f} is the fused product's one block, {@code U_c x + b_c} an input-only product, and
 * {@code W_c (f ⊙ h)} the second product over the vector {@code v = f ⊙ h} that stage 0 writes. Backward: stage 1
 * gives {@code δa = δh' ⊙ f ⊙ σ'(a)} (the candidate's pre-activation), the driver {@code δv = W_cᵀ δa}, and stage 0
 * {@code δf = δh' ⊙ (h̃ − h) + δv ⊙ h}, {@code δh += δh' ⊙ (1 − f) + δv ⊙ f}. The double reference is the textbook
 * step, Jacobian and backward step; the batched fixed-point kernels run it row by row.
 */
public final class Mgu extends GatedCell {

  /** The one instance. */
  public static final Mgu CELL = new Mgu();

  private Mgu() {
    super("mgu", "f = s(W_f h + U_f x + b_f), h̃ = σ(W_c (f⊙h) + U_c x + b_c), h' = (1−f)⊙h + f⊙h̃ (Zhou et al. 2016)",
        new String[] {"W_if", "W_ic"}, new String[] {"W_hf", "W_hc"}, new String[] {"b_f", "b_c"}, null, -1,
        Kernels::new, Reference::new);
  }

  /** Fused block f; input-only block {@code U_c x + b_c}; second block {@code W_c v}; saved f, h̃, σ'(a). */
  private static final class Kernels extends GatedKernels {

    Kernels(Gates gates) {
      super(gates, 1, 1, 3);
    }

    @Override
    public int gatedBlocks() {
      return 1;
    }

    @Override
    public void pack(float[] p, Packs packs) {
      int n = gates.n;
      super.pack(p, packs);
      gates.packCandidate(p, 1, packs);
      for (int k = 0; k < n; k++) {
        System.arraycopy(p, gates.recW[1] + k * n, packs.second[k], 0, n);
      }
    }

    @Override
    public void unpack(float[] p, Packs grads, float[] gradient) {
      int n = gates.n;
      super.unpack(p, grads, gradient);
      gates.unpackCandidate(grads, 1, gradient);
      for (int k = 0; k < n; k++) {
        System.arraycopy(grads.second[k], 0, gradient, gates.recW[1] + k * n, n);
      }
    }

    @Override
    public void forward(int stage, Step st) {
      int nb = st.length();
      float[] hp = st.previousState();
      if (stage == 0) {
        float[] f = gate(st, 0);
        float[] v = st.vector();
        for (int j = 0; j < nb; j++) {
          v[j] = f[j] * hp[j];
        }
        return;
      }
      float[] f = st.saved(0);
      float[] c = st.saved(1);
      float[] d = st.saved(2);
      st.secondProduct(0, c);
      st.candidate(0, d);
      for (int j = 0; j < nb; j++) {
        c[j] += d[j];
      }
      st.activation().apply(c, d, 0, nb);
      mix(st.state(), f, hp, c, nb);
    }

    @Override
    public void backward(int stage, Step st) {
      int nb = st.length();
      float[] f = st.saved(0);
      float[] cur = st.carry();
      float[] next = st.carryNext();
      if (stage == 1) {
        float[] d = st.saved(2);
        float[] da = st.secondDelta(0);
        float[] dc = st.candidateDelta(0);
        for (int j = 0; j < nb; j++) {
          float g = cur[j] * f[j] * d[j];
          da[j] = g;
          dc[j] = g;
        }
        for (int j = 0; j < nb; j++) {
          next[j] = cur[j] * (1f - f[j]);
        }
        return;
      }
      float[] c = st.saved(1);
      float[] hp = st.previousState();
      float[] dv = st.vectorGradient();
      float[] df = st.delta(0);
      for (int j = 0; j < nb; j++) {
        float fj = f[j];
        df[j] = (cur[j] * (c[j] - hp[j]) + dv[j] * hp[j]) * fj * (1f - fj);
      }
      for (int j = 0; j < nb; j++) {
        next[j] += dv[j] * f[j];
      }
    }
  }

  /** The textbook equations in double. */
  private static final class Reference implements Cell.Reference {
    private final double[] p;
    private final Gates gates;
    private final int n;
    private final int inputs;
    private final Activation act;
    /** Per-thread scratch rows (f and four more), so that the single-state methods allocate nothing. */
    private final ThreadLocal<double[][]> scratch;

    Reference(Layout layout, double[] p, Gates gates) {
      this.p = p;
      this.gates = gates;
      this.n = layout.hidden();
      this.inputs = layout.inputs();
      this.act = layout.spec().activation();
      this.scratch = ThreadLocal.withInitial(() -> new double[5][n]);
    }

    /** The forget gate of every unit, into scratch row 0. */
    private double[] forget(double[] h, double[] x) {
      double[] f = scratch.get()[0];
      for (int j = 0; j < n; j++) {
        f[j] = Activation.sigmoid(gates.inputDrive(p, 0, j, x, false) + gates.recurrentDrive(p, 0, j, h));
      }
      return f;
    }

    /** The candidate's pre-activation {@code a_j = U_c x + b_c + W_c (f ⊙ h)}. */
    private double candidate(int j, double[] f, double[] h, double[] x) {
      double a = gates.inputDrive(p, 1, j, x, false);
      for (int k = 0; k < n; k++) {
        a += gates.w(p, 1, j, k) * f[k] * h[k];
      }
      return a;
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      double[] f = forget(h, x);
      for (int j = 0; j < n; j++) {
        next[j] = (1 - f[j]) * h[j] + f[j] * act.apply(candidate(j, f, h, x));
      }
    }

    /**
     * {@code J[j][k] = δ_jk (1 − f_j) + (h̃_j − h_j) f_j (1 − f_j) W_f[j][k] + f_j σ'(a_j) ∂a_j/∂h_k}, with
     * {@code ∂a_j/∂h_k = W_c[j][k] f_k + Σ_m W_c[j][m] h_m f_m (1 − f_m) W_f[m][k]}.
     */
    @Override
    public void jacobian(double[] h, double[] x, double[] jac) {
      double[] f = forget(h, x);
      double[][] sc = scratch.get();
      double[] u = sc[1];
      for (int m = 0; m < n; m++) {
        u[m] = h[m] * f[m] * (1 - f[m]);
      }
      double[] row = sc[2];
      for (int j = 0; j < n; j++) {
        double a = candidate(j, f, h, x);
        double c = act.apply(a);
        double gate = (c - h[j]) * f[j] * (1 - f[j]);
        double cand = f[j] * act.derivative(a);
        java.util.Arrays.fill(row, 0.0);
        for (int m = 0; m < n; m++) {
          double wu = gates.w(p, 1, j, m) * u[m];
          for (int k = 0; k < n; k++) {
            row[k] += wu * gates.w(p, 0, m, k);
          }
        }
        for (int k = 0; k < n; k++) {
          double da = gates.w(p, 1, j, k) * f[k] + row[k];
          jac[j * n + k] = (j == k ? 1 - f[j] : 0.0) + gate * gates.w(p, 0, j, k) + cand * da;
        }
      }
    }

    @Override
    public void backStep(double[] h, double[] x, double[] delta, double[] prev, double[] grad, double[] acc) {
      double[] f = forget(h, x);
      double[][] sc = scratch.get();
      double[] da = sc[1];
      double[] c = sc[2];
      for (int j = 0; j < n; j++) {
        double a = candidate(j, f, h, x);
        c[j] = act.apply(a);
        da[j] = delta[j] * f[j] * act.derivative(a);
      }
      double[] dv = sc[3];
      java.util.Arrays.fill(dv, 0.0);
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          dv[k] += gates.w(p, 1, j, k) * da[j];
        }
      }
      for (int k = 0; k < n; k++) {
        prev[k] = delta[k] * (1 - f[k]) + dv[k] * f[k];
      }
      for (int j = 0; j < n; j++) {
        double dz = (delta[j] * (c[j] - h[j]) + dv[j] * h[j]) * f[j] * (1 - f[j]);
        gates.gradients(p, 0, j, dz, h, x, prev, grad);
        if (grad != null) {
          for (int i = 0; i < inputs; i++) {
            grad[gates.inW[1] + i * n + j] += da[j] * x[i];
          }
          for (int k = 0; k < n; k++) {
            grad[gates.recW[1] + k * n + j] += da[j] * f[k] * h[k];
          }
          grad[gates.inB[1] + j] += da[j];
        }
      }
    }
  }
}
