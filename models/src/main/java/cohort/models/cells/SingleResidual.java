package cohort.models.cells;

import cohort.models.Activation;

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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * s;
      int pb = b * gn;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        ai[fb + j] = (float) (0.5 * (pre[pb + j] + xd[j]));
        af[fb + j] = (float) (0.5 * (pre[pb + n + j] + xd[n + j]));
        zg[fb + j] = (float) (pre[pb + 2 * n + j] + xd[2 * n + j]);
        ao[fb + j] = (float) (0.5 * (pre[pb + 3 * n + j] + xd[3 * n + j]));
        cc[fb + j] = (float) h[hb + n + j];
        vh[fb + j] = (float) h[hb + j];
      }
    }
    // Whole-block loops, one operation each, over rows × units: every element from its own unit of its own row.
    sigmoidOfHalf(ai, len);
    sigmoidOfHalf(af, len);
    sigmoidOfHalf(ao, len);
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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * s;
      int pb = b * gn;
      int db = b * s;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        o1[hb + j] = vh[fb + j];
        o1[hb + n + j] = cn[fb + j];
        d[pb + j] = ai[fb + j];
        d[pb + n + j] = cc[fb + j];
        d[pb + 2 * n + j] = dg[fb + j];
        d[pb + 3 * n + j] = ao[fb + j];
        diag[db + j] = 0.0;
        diag[db + n + j] = af[fb + j];
      }
    }
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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * n;
      int pb = b * gn;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        ar[fb + j] = (float) (0.5 * (pre[pb + j] + xd[j]));
        az[fb + j] = (float) (0.5 * (pre[pb + n + j] + xd[n + j]));
        hn[fb + j] = (float) (pre[pb + 2 * n + j] + bhn[j]);
        xn[fb + j] = (float) xd[2 * n + j];
        hh[fb + j] = (float) h[hb + j];
      }
    }
    sigmoidOfHalf(ar, len);
    sigmoidOfHalf(az, len);
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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * n;
      int pb = b * gn;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        o1[hb + j] = ov[fb + j];
        d[pb + j] = or[fb + j];
        d[pb + n + j] = oz[fb + j];
        d[pb + 2 * n + j] = on[fb + j];
        diag[fb + j] = og[fb + j];
      }
    }
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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * n;
      int pb = b * gn;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        ag[fb + j] = (float) (0.5 * (pre[pb + j] + xd[j]));
        zc[fb + j] = (float) (pre[pb + n + j] + xd[n + j]);
        hh[fb + j] = (float) h[hb + j];
      }
    }
    sigmoidOfHalf(ag, len);
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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * n;
      int pb = b * gn;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        o1[hb + j] = v[fb + j];
        d[pb + j] = hh[fb + j];
        d[pb + n + j] = dac[fb + j];
        diag[fb + j] = ag[fb + j];
      }
    }
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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * n;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        z[fb + j] = (float) (pre[fb + j] + xd[j]);
        v[fb + j] = (float) h[hb + j];
      }
    }
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
    for (int b = 0; b < rows; b++) {
      int hb = (start + b) * n;
      int fb = b * n;
      for (int j = 0; j < n; j++) {
        o1[hb + j] = v[fb + j];
        d[fb + j] = dy[fb + j];
        diag[fb + j] = y[fb + j];
      }
    }
  }
}
