package cohort.models.cells;

import cohort.models.Activation;
import java.util.Arrays;

/**
 * The {@code RESIDUAL} mode of the fixed-point search's single-precision kernel
 * ({@link cohort.models.ReferenceCell#residualGradientBatchSingle}) for the GRU (tanh), the LSTM, the UGRNN and the
 * leaky (vanilla) RNN with tanh or ReLU: a row's gate arithmetic in float, as FixedPointFinder's float32 graph does
 * it, in short branch-free loops that C2 unrolls and vectorises, over a whole block of rows × units at once (a
 * row alone, 24 units in the smoke study, is too short a loop to vectorise well). The recurrent products stay in
 * double (the driver's) and are rounded to float once; results go back to double. Each unit of each row is computed
 * from that row alone, in the same order whatever the row's position, so rows stay independent.
 *
 * <p>Why: with the double loop and float activations, scalar, the element-wise part was most of a small network's
 * search (the smoke study's LSTM and UGRNN kernels took 59 % of its whole CPU time; at 24 units the products are
 * small). Residuals are formed without cancellation where the equations allow: the UGRNN's
 * {@code F(h) − h = (1 − g)(c − h)} and the leaky RNN's {@code α(σ(z) − h)}; the LSTM's cell part is
 * {@code f·c + i·g − c}, whose float rounding is of the order of the float activations' own.
 */
final class SingleResidual {

  private static final int ARRAYS = 12;
  /** Per-thread float blocks ({@code rows × units}), grown to the largest block seen. */
  private static final ThreadLocal<float[][]> ROWS = ThreadLocal.withInitial(() -> new float[ARRAYS][0]);

  private SingleResidual() {
  }

  /** Whether the float kernels cover this activation (tanh and ReLU). */
  static boolean covers(Activation act) {
    return act == Activation.TANH || act == Activation.RELU;
  }

  private static float[][] rows(int len) {
    float[][] t = ROWS.get();
    if (t[0].length < len) {
      t = new float[ARRAYS][len];
      ROWS.set(t);
    }
    return t;
  }

  /** {@code y[k] = σ(z)}, as {@code ½ tanh(z/2) + ½} in float, where {@code y} holds {@code z/2}. */
  private static void sigmoidOfHalf(float[] y, int len) {
    for (int k = 0; k < len; k++) {
      y[k] = 0.5f * Activation.tanh(y[k]) + 0.5f;
    }
  }

  /** {@code y = act(z)} and {@code dy = act'(z)} element-wise in float ({@code 1 − y²}, or {@code z > 0} for ReLU). */
  private static void activate(Activation act, float[] z, float[] y, float[] dy, int len) {
    if (act == Activation.TANH) {
      for (int k = 0; k < len; k++) {
        y[k] = Activation.tanh(z[k]);
      }
      for (int k = 0; k < len; k++) {
        dy[k] = 1f - y[k] * y[k];
      }
    } else {
      for (int k = 0; k < len; k++) {
        y[k] = Math.max(0f, z[k]);
      }
      for (int k = 0; k < len; k++) {
        dy[k] = z[k] > 0f ? 1f : 0f;
      }
    }
  }

  /**
   * Gate g's pre-activations of every row, {@code dst[b n + j] = (float) (scale (pre[b gn + g n + j] + add[at + j]))}
   * ({@code gn} the row length of {@code pre}; scale ½ for {@link #sigmoidOfHalf}, else 1).
   */
  private static void gate(float[] dst, double scale, double[] pre, int g, int gn, double[] add, int at, int n,
      int rows) {
    for (int b = 0; b < rows; b++) {
      for (int j = 0; j < n; j++) {
        dst[b * n + j] = (float) (scale * (pre[b * gn + g * n + j] + add[at + j]));
      }
    }
  }

  /** Gate g's logistic sigmoid for every row: {@link #gate} at scale ½, then {@link #sigmoidOfHalf}. */
  private static void sigmoidGate(float[] dst, double[] pre, int g, int gn, double[] xd, int n, int rows) {
    gate(dst, 0.5, pre, g, gn, xd, g * n, n, rows);
    sigmoidOfHalf(dst, rows * n);
  }

  /**
   * State block {@code block} of rows {@code start, start + 1, …} in float, {@code dst[b n + j]} (one block of n per
   * row, {@code s = n}: one loop).
   */
  private static void state(float[] dst, double[] h, int s, int block, int start, int n, int rows) {
    if (s == n) {
      for (int k = 0; k < rows * n; k++) {
        dst[k] = (float) h[start * n + k];
      }
      return;
    }
    for (int b = 0; b < rows; b++) {
      for (int j = 0; j < n; j++) {
        dst[b * n + j] = (float) h[(start + b) * s + block * n + j];
      }
    }
  }

  /**
   * Writes {@code src[b n + j]} back to {@code dst[first + b stride + j]} for every row b and unit j (rows back to
   * back, {@code stride = n}: one loop).
   */
  private static void scatter(float[] src, double[] dst, int first, int stride, int n, int rows) {
    if (stride == n) {
      for (int k = 0; k < rows * n; k++) {
        dst[first + k] = src[k];
      }
      return;
    }
    for (int b = 0; b < rows; b++) {
      for (int j = 0; j < n; j++) {
        dst[first + b * stride + j] = src[b * n + j];
      }
    }
  }

  /**
   * LSTM, state {@code [h; c]}, gates i, f, g, o ({@code pre}, {@code xd} in that order): {@code c' = f c + i g},
   * {@code h' = o act(c')}; writes the residual {@code [h' − h; c' − c]} to {@code o1}, the gate-space gradients of it
   * to {@code d} and the direct terms ({@code 0} for h, {@code dc·f} for c) to {@code diag}.
   */
  static void lstm(Activation act, int n, int rows, int start, double[] h, double[] o1, double[] pre, double[] xd,
      double[] d, double[] diag) {
    int len = rows * n;
    float[][] t = rows(len);
    float[] ai = t[0];
    float[] af = t[1];
    float[] zg = t[2];
    float[] ag = t[3];
    float[] ao = t[4];
    float[] cc = t[5];
    float[] cn = t[6];
    float[] tc = t[7];
    float[] dtc = t[8];
    float[] dg = t[9];
    float[] vh = t[10];
    float[] dc = t[11];
    int s = 2 * n;
    int gn = 4 * n;
    state(cc, h, s, 1, start, n, rows);
    state(vh, h, s, 0, start, n, rows);
    sigmoidGate(ai, pre, 0, gn, xd, n, rows);
    sigmoidGate(af, pre, 1, gn, xd, n, rows);
    gate(zg, 1.0, pre, 2, gn, xd, 2 * n, n, rows);
    sigmoidGate(ao, pre, 3, gn, xd, n, rows);
    // Whole-block loops, one operation each, over rows × units: every element from its own unit of its own row.
    activate(act, zg, ag, dg, len);
    for (int k = 0; k < len; k++) {
      cn[k] = af[k] * cc[k] + ai[k] * ag[k];
    }
    activate(act, cn, tc, dtc, len);
    for (int k = 0; k < len; k++) {
      vh[k] = ao[k] * tc[k] - vh[k];
    }
    for (int k = 0; k < len; k++) {
      cn[k] -= cc[k];
    }
    // cn = v_c, vh = v_h; dc = v_c + v_h o act'(c').
    for (int k = 0; k < len; k++) {
      dc[k] = cn[k] + vh[k] * ao[k] * dtc[k];
    }
    for (int k = 0; k < len; k++) {
      dg[k] = dc[k] * ai[k] * dg[k];
    }
    for (int k = 0; k < len; k++) {
      ai[k] = dc[k] * ag[k] * ai[k] * (1f - ai[k]);
    }
    for (int k = 0; k < len; k++) {
      cc[k] = dc[k] * cc[k] * af[k] * (1f - af[k]);
    }
    for (int k = 0; k < len; k++) {
      ao[k] = vh[k] * tc[k] * ao[k] * (1f - ao[k]);
    }
    for (int k = 0; k < len; k++) {
      af[k] = dc[k] * af[k];
    }
    // ai, cc, dg, ao: the gradients of gates i, f, g, o; af: the direct term of c.
    scatter(vh, o1, start * s, s, n, rows);
    scatter(cn, o1, start * s + n, s, n, rows);
    scatter(ai, d, 0, gn, n, rows);
    scatter(cc, d, n, gn, n, rows);
    scatter(dg, d, 2 * n, gn, n, rows);
    scatter(ao, d, 3 * n, gn, n, rows);
    for (int b = 0; b < rows; b++) {
      Arrays.fill(diag, b * s, b * s + n, 0.0);
    }
    scatter(af, diag, n, s, n, rows);
  }

  /**
   * GRU with tanh (PyTorch's convention, {@code bhn} inside the reset product), gates r, z, n: {@code h' = (1 − z) ñ
   * + z h}, {@code ñ = tanh(x_n + r ⊙ (hn + b_hn))}; the residual {@code (1 − z)(ñ − h)} (no cancellation) to
   * {@code o1}, the gate-space gradients to {@code d}, {@code z·v} to {@code diag}.
   */
  static void gru(int n, double[] bhn, int rows, int start, double[] h, double[] o1, double[] pre, double[] xd,
      double[] d, double[] diag) {
    int len = rows * n;
    float[][] t = rows(len);
    float[] ar = t[0];
    float[] az = t[1];
    float[] hn = t[2];
    float[] xn = t[3];
    float[] hh = t[4];
    float[] ov = t[5];
    float[] or = t[6];
    float[] oz = t[7];
    float[] on = t[8];
    float[] og = t[9];
    int gn = 3 * n;
    sigmoidGate(ar, pre, 0, gn, xd, n, rows);
    sigmoidGate(az, pre, 1, gn, xd, n, rows);
    gate(hn, 1.0, pre, 2, gn, bhn, 0, n, rows);
    for (int b = 0; b < rows; b++) {
      for (int j = 0; j < n; j++) {
        xn[b * n + j] = (float) xd[2 * n + j];
      }
    }
    state(hh, h, n, 0, start, n, rows);
    for (int k = 0; k < len; k++) {
      xn[k] = Activation.tanh(xn[k] + ar[k] * hn[k]);
    }
    // r = ar, z = az, ñ = xn; v = (1 − z)(ñ − h) = F(h) − h.
    for (int k = 0; k < len; k++) {
      ov[k] = (1f - az[k]) * (xn[k] - hh[k]);
    }
    for (int k = 0; k < len; k++) {
      on[k] = ov[k] * (1f - az[k]) * (1f - xn[k] * xn[k]) * ar[k];
    }
    for (int k = 0; k < len; k++) {
      or[k] = on[k] * hn[k] * (1f - ar[k]);
    }
    for (int k = 0; k < len; k++) {
      oz[k] = ov[k] * (hh[k] - xn[k]) * az[k] * (1f - az[k]);
    }
    for (int k = 0; k < len; k++) {
      og[k] = ov[k] * az[k];
    }
    scatter(ov, o1, start * n, n, n, rows);
    scatter(or, d, 0, gn, n, rows);
    scatter(oz, d, n, gn, n, rows);
    scatter(on, d, 2 * n, gn, n, rows);
    scatter(og, diag, 0, n, n, rows);
  }

  /**
   * UGRNN, gates g (update) and c (candidate): {@code h' = g h + (1 − g) c}; the residual {@code (1 − g)(c − h)} to
   * {@code o1}, the gate-space gradients to {@code d}, {@code g·v} to {@code diag}.
   */
  static void ugrnn(Activation act, int n, int rows, int start, double[] h, double[] o1, double[] pre, double[] xd,
      double[] d, double[] diag) {
    int len = rows * n;
    float[][] t = rows(len);
    float[] ag = t[0];
    float[] zc = t[1];
    float[] ac = t[2];
    float[] dac = t[3];
    float[] hh = t[4];
    float[] v = t[5];
    int gn = 2 * n;
    sigmoidGate(ag, pre, 0, gn, xd, n, rows);
    gate(zc, 1.0, pre, 1, gn, xd, n, n, rows);
    state(hh, h, n, 0, start, n, rows);
    activate(act, zc, ac, dac, len);
    for (int k = 0; k < len; k++) {
      v[k] = (1f - ag[k]) * (ac[k] - hh[k]);
    }
    for (int k = 0; k < len; k++) {
      hh[k] = v[k] * (hh[k] - ac[k]) * ag[k] * (1f - ag[k]);
    }
    for (int k = 0; k < len; k++) {
      dac[k] = v[k] * (1f - ag[k]) * dac[k];
    }
    for (int k = 0; k < len; k++) {
      ag[k] = v[k] * ag[k];
    }
    // hh, dac: the gradients of gates g and c; ag: the direct term.
    scatter(v, o1, start * n, n, n, rows);
    scatter(hh, d, 0, gn, n, rows);
    scatter(dac, d, n, gn, n, rows);
    scatter(ag, diag, 0, n, n, rows);
  }

  /**
   * Leaky RNN {@code h' = (1 − α) h + α act(z)}, {@code z} = recurrent product plus input drive: the residual
   * {@code α(act(z) − h)} to {@code o1}, {@code v α act'(z)} to {@code d}, {@code (1 − α) v} to {@code diag}.
   */
  static void leaky(Activation act, float alpha, int n, int rows, int start, double[] h, double[] o1, double[] pre,
      double[] xd, double[] d, double[] diag) {
    int len = rows * n;
    float[][] t = rows(len);
    float[] z = t[0];
    float[] y = t[1];
    float[] dy = t[2];
    float[] v = t[3];
    gate(z, 1.0, pre, 0, n, xd, 0, n, rows);
    state(v, h, n, 0, start, n, rows);
    activate(act, z, y, dy, len);
    for (int k = 0; k < len; k++) {
      v[k] = alpha * (y[k] - v[k]);
    }
    for (int k = 0; k < len; k++) {
      dy[k] = v[k] * alpha * dy[k];
    }
    for (int k = 0; k < len; k++) {
      y[k] = (1f - alpha) * v[k];
    }
    scatter(v, o1, start * n, n, n, rows);
    scatter(dy, d, 0, n, n, rows);
    scatter(y, diag, 0, n, n, rows);
  }
}
