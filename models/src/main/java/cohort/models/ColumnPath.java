package cohort.models;

import cohort.models.linalg.OffHeapMatrix;
import cohort.models.linalg.OpenBlas;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The OpenBLAS fast path of {@link Network#forward} and {@link Network#backward}, in a feature-major layout: every
 * per-step quantity is an {@code [rows][B]} block (row = unit or gate unit, column = trial), so that
 *
 * <ul>
 *   <li>one product per step gives every gate's pre-activation, input and bias included, and the readout of the
 *       step before: {@code [A_t; o_{t−1}] = W_aug S_t} with {@code W_aug = [W_rec | W_in | b; W_outᵀ | 0 | b_out]}
 *       ({@code (R + O) × K}, {@code K = N + I + 1}) and {@code S_t = [h_{t−1}; x_t; 1]} ({@code K × B});
 *   <li>each gate's block is {@code N·B} contiguous floats, so the element-wise gate arithmetic runs as a few long
 *       loops over whole steps that C2 vectorises (per-trial rows of N = 64 floats are too short for its
 *       vectorised main loop);
 *   <li>backward is {@code δh_{t−1} = W_recᵀ δA_t + W_out δo_{t−1} + direct(δh_t)} per step, and every weight
 *       gradient (recurrent, input, bias, readout) is one product over all steps at the end,
 *       {@code ∂W_aug = Σ_t [δA_t; δo_{t−1}] S_tᵀ = D Sᵀ} (measured against a product per step: equal at GRU-64,
 *       backward 5–20 % faster at vanilla-256).
 * </ul>
 *
 * The GRU's candidate reads its input part outside the reset gate ({@code n = σ(W_in x + b_in + r ⊙ (W_hn h +
 * b_hn))}, PyTorch's convention): its {@code W_hn} rows carry {@code [W_hn | 0 | b_hn]} in {@code W_aug}, and
 * {@code W_in x + b_in} is a small product per step over the {@code [x_t; 1]} rows of S (its gradient one product
 * at the end).
 *
 * <p>Operands of the products live off-heap ({@link OffHeapMatrix}); the gate arithmetic runs on heap arrays; each
 * step moves its blocks each way with bulk copies (into S and D, which hold every step side by side so that the
 * gradient is one product, a row of B floats at a time). The gate loops touch at most six arrays each: C2 (JDK 17)
 * does not vectorise a loop over a dozen arrays at all. Allocation-free and deterministic: every product has the
 * same shape at every step and call.
 */
final class ColumnPath {
  private ColumnPath() {
  }

  /** The path's buffers, sized for a workspace's capacity; owned by one {@link Workspace}. */
  static final class Buffers {
    /** Gate rows of the fused product: N (simple cells), 2N (UGRNN), 3N (GRU: r, z, W_hn h), 4N (LSTM). */
    final int rows;
    /** Gate rows and the readout's O rows. */
    final int total;
    /** Columns of {@code W_aug}: N + I + 1. */
    final int width;
    final OffHeapMatrix wAug;
    /**
     * {@code S = [S_0 … S_T]}, {@code K × (T + 1)·B} (leading dimension {@code L = (T + 1)·B}), with
     * {@code S_T = [h_{T−1}; 0; 1]}.
     */
    final OffHeapMatrix s;
    /** {@code D = [δA_t; δo_{t−1}]} for t = 0 … T ({@code δA_T = 0}, {@code δo_{−1} = 0}), {@code (R + O) × L}. */
    final OffHeapMatrix d;
    /** One step's {@code [A_t; o_{t−1}]}, {@code [R + O][B]}. */
    final OffHeapMatrix step;
    /** {@code W_recᵀ δA_t + W_out δo_{t−1}}, {@code [N][B]}. */
    final OffHeapMatrix back;
    /** {@code ∂W_aug}, {@code [R + O][K]}. */
    final OffHeapMatrix gradient;
    /**
     * GRU only: {@code [W_in | b_in]} of the candidate {@code [N][I + 1]}, its gradient, one step's
     * {@code W_in x_t + b_in} {@code [N][B]}, and {@code δn} for every step {@code N × L}.
     */
    final OffHeapMatrix candidateWeights;
    final OffHeapMatrix candidateGradient;
    final OffHeapMatrix candidateStep;
    final OffHeapMatrix candidateDelta;
    /** Saved per step: {@code [T][slots][N·B]}; states {@code [T][N·B]}; inputs transposed {@code [I][T·B]}. */
    final float[][][] saved;
    final float[][] states;
    final float[][] inputs;
    /** ∂L/∂o transposed, {@code [O][T·B]}. */
    final float[][] dOut;
    /** δh carried into the current and the previous step; the LSTM's δc likewise; {@code [N·B]} each. */
    float[] carry;
    float[] carryNext;
    float[] cellCarry;
    float[] cellCarryNext;
    /** {@code δA_t} by gate block (GRU: r, z, r ⊙ δn, then δn), and the product {@code W_recᵀ δA_t} on the heap. */
    final float[][] delta;
    final float[] backRow;
    /** One step's readout {@code [O·B]}, a row of {@code W_aug} or of the candidate's weights, zeros, ones. */
    final float[] out;
    final float[] augRow;
    final float[] zeros;
    final float[] ones;

    /** Buffers for {@code steps × batch} trials, with {@code slots} saved values a unit and step. */
    Buffers(Layout layout, int steps, int batch, int slots) {
      int n = layout.n;
      int in = layout.inputs;
      int nb = n * batch;
      Architecture arch = layout.spec.architecture();
      boolean gru = arch == Architecture.GRU;
      rows = (gru ? 3 : layout.gates) * n;
      total = rows + layout.outputs;
      width = n + in + 1;
      wAug = new OffHeapMatrix(total * width);
      s = new OffHeapMatrix((steps + 1) * width * batch);
      d = new OffHeapMatrix((steps + 1) * total * batch);
      step = new OffHeapMatrix(total * batch);
      back = new OffHeapMatrix(nb);
      gradient = new OffHeapMatrix(total * width);
      candidateWeights = gru ? new OffHeapMatrix(n * (in + 1)) : null;
      candidateGradient = gru ? new OffHeapMatrix(n * (in + 1)) : null;
      candidateStep = gru ? new OffHeapMatrix(nb) : null;
      candidateDelta = gru ? new OffHeapMatrix((steps + 1) * nb) : null;
      saved = new float[steps][slots][nb];
      states = new float[steps][nb];
      inputs = new float[in][steps * batch];
      dOut = new float[layout.outputs][steps * batch];
      carry = new float[nb];
      carryNext = new float[nb];
      boolean lstm = arch == Architecture.LSTM;
      cellCarry = new float[lstm ? nb : 0];
      cellCarryNext = new float[lstm ? nb : 0];
      delta = new float[rows / n + (gru ? 1 : 0)][nb];
      backRow = new float[nb];
      out = new float[layout.outputs * batch];
      augRow = new float[width];
      zeros = new float[Math.max(n, in) * batch];
      ones = new float[(steps + 1) * batch];
      Arrays.fill(ones, 1f);
    }

    /** Writes the states of the last forward pass ({@code T × B} trials) as {@code [T][B][N]} into {@code dst}. */
    void copyStates(float[] dst, int steps, int batch, int n) {
      for (int t = 0; t < steps; t++) {
        float[] h = states[t];
        for (int b = 0; b < batch; b++) {
          int at = (t * batch + b) * n;
          for (int k = 0; k < n; k++) {
            dst[at + k] = h[k * batch + b];
          }
        }
      }
    }
  }

  /** {@code W_aug} from the heap packs {@link Network} fills (column j of the packs = row j of {@code W_aug}). */
  static void packWeights(Layout layout, Workspace ws) {
    Buffers c = ws.column;
    int n = layout.n;
    int in = layout.inputs;
    boolean gru = layout.spec.architecture() == Architecture.GRU;
    float[] row = c.augRow;
    for (int r = 0; r < c.rows; r++) {
      boolean candidate = gru && r >= 2 * n;
      for (int k = 0; k < n; k++) {
        row[k] = ws.wPack[k][r];
      }
      for (int i = 0; i < in; i++) {
        row[n + i] = candidate ? 0f : ws.wInPack[i][r];
      }
      row[n + in] = candidate ? ws.biasHn[r - 2 * n] : ws.biasPack[r];
      c.wAug.put(r * c.width, row, 0, c.width);
    }
    for (int q = 0; q < layout.outputs; q++) {
      System.arraycopy(ws.woutT[q], 0, row, 0, n);
      Arrays.fill(row, n, n + in, 0f);
      row[n + in] = ws.bout[q];
      c.wAug.put((c.rows + q) * c.width, row, 0, c.width);
    }
    if (gru) {
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < in; i++) {
          row[i] = ws.wInPack[i][2 * n + k];
        }
        row[in] = ws.biasPack[2 * n + k];
        c.candidateWeights.put(k * (in + 1), row, 0, in + 1);
      }
    }
  }

  /** The forward pass over {@code inputs [T][B][I]} (parameters already packed); see {@link Network#forward}. */
  static void forward(Layout layout, float[] inputs, int steps, int batch, Workspace ws, RandomGenerator noise,
      double noiseScale) {
    Buffers c = ws.column;
    int n = layout.n;
    int in = layout.inputs;
    int kw = c.width;
    int nb = n * batch;
    int tb = steps * batch;
    int lead = tb + batch;
    for (int m = 0; m < tb; m++) {
      for (int i = 0; i < in; i++) {
        c.inputs[i][m] = inputs[m * in + i];
      }
    }
    for (int i = 0; i < in; i++) {
      c.s.put((n + i) * lead, c.inputs[i], 0, tb);
      c.s.put((n + i) * lead + tb, c.zeros, 0, batch);
    }
    c.s.put((n + in) * lead, c.ones, 0, lead);
    for (int k = 0; k < n; k++) {
      c.s.put(k * lead, c.zeros, 0, batch);
    }
    Architecture arch = layout.spec.architecture();
    for (int t = 0; t < steps; t++) {
      OpenBlas.gemm(false, false, c.total, batch, kw, 1f, c.wAug, 0, kw, c.s, t * batch, lead, 0f, c.step, 0, batch);
      if (t > 0) {
        emitOutputs(layout, ws, t - 1, batch);
      }
      switch (arch) {
        case UGRNN: ugrnn(layout, ws, t, batch); break;
        case GRU: gru(layout, ws, t, batch); break;
        case LSTM: lstm(layout, ws, t, batch); break;
        default: simple(layout, ws, t, batch, noise, noiseScale); break;
      }
      float[] h = c.states[t];
      for (int k = 0; k < n; k++) {
        c.s.put(k * lead + (t + 1) * batch, h, k * batch, batch);
      }
    }
    OpenBlas.gemm(false, false, layout.outputs, batch, kw, 1f, c.wAug, c.rows * kw, kw, c.s, tb, lead, 0f, c.step,
        c.rows * batch, batch);
    emitOutputs(layout, ws, steps - 1, batch);
    ws.statesPending = true;
  }

  /** Copies {@code o_t} from the readout rows of the step product into the workspace's {@code [T][B][O]} outputs. */
  private static void emitOutputs(Layout layout, Workspace ws, int t, int batch) {
    Buffers c = ws.column;
    int o = layout.outputs;
    float[] out = c.out;
    c.step.get(c.rows * batch, out, 0, o * batch);
    for (int q = 0; q < o; q++) {
      for (int b = 0; b < batch; b++) {
        ws.outputs[(t * batch + b) * o + q] = out[q * batch + b];
      }
    }
  }

  private static void simple(Layout layout, Workspace ws, int t, int batch, RandomGenerator noise,
      double noiseScale) {
    Buffers c = ws.column;
    NetworkSpec spec = layout.spec;
    int n = layout.n;
    int nb = n * batch;
    float alpha = (float) spec.alpha();
    float keep = 1f - alpha;
    float[] h = c.states[t];
    c.step.get(0, h, 0, nb);
    spec.activation().apply(h, c.saved[t][0], 0, nb);
    if (spec.alpha() != 1.0) {
      float[] hp = t > 0 ? c.states[t - 1] : c.zeros;
      for (int j = 0; j < nb; j++) {
        h[j] = alpha * h[j] + keep * hp[j];
      }
    }
    if (noiseScale > 0) {
      for (int b = 0; b < batch; b++) {
        for (int k = 0; k < n; k++) {
          h[k * batch + b] += (float) (noiseScale * noise.nextGaussian());
        }
      }
    }
  }

  private static void ugrnn(Layout layout, Workspace ws, int t, int batch) {
    Buffers c = ws.column;
    int nb = layout.n * batch;
    float[][] sv = c.saved[t];
    float[] g = sv[0];
    float[] cand = sv[1];
    c.step.get(0, g, 0, nb);
    c.step.get(nb, cand, 0, nb);
    Activation.sigmoid(g, 0, nb);
    layout.spec.activation().apply(cand, sv[2], 0, nb);
    float[] h = c.states[t];
    float[] hp = t > 0 ? c.states[t - 1] : c.zeros;
    for (int j = 0; j < nb; j++) {
      h[j] = g[j] * hp[j] + (1f - g[j]) * cand[j];
    }
  }

  private static void gru(Layout layout, Workspace ws, int t, int batch) {
    Buffers c = ws.column;
    int n = layout.n;
    int in = layout.inputs;
    int nb = n * batch;
    float[][] sv = c.saved[t];
    float[] r = sv[0];
    float[] z = sv[1];
    float[] cand = sv[2];
    float[] hn = sv[3];
    c.step.get(0, r, 0, nb);
    c.step.get(nb, z, 0, nb);
    c.step.get(2 * nb, hn, 0, nb);
    Activation.sigmoid(r, 0, nb);
    Activation.sigmoid(z, 0, nb);
    int lead = (ws.usedSteps + 1) * batch;
    OpenBlas.gemm(false, false, n, batch, in + 1, 1f, c.candidateWeights, 0, in + 1, c.s, n * lead + t * batch,
        lead, 0f, c.candidateStep, 0, batch);
    c.candidateStep.get(0, cand, 0, nb);
    for (int j = 0; j < nb; j++) {
      cand[j] += r[j] * hn[j];
    }
    layout.spec.activation().apply(cand, sv[4], 0, nb);
    float[] h = c.states[t];
    float[] hp = t > 0 ? c.states[t - 1] : c.zeros;
    for (int j = 0; j < nb; j++) {
      h[j] = (1f - z[j]) * cand[j] + z[j] * hp[j];
    }
  }

  private static void lstm(Layout layout, Workspace ws, int t, int batch) {
    Buffers c = ws.column;
    int nb = layout.n * batch;
    Activation act = layout.spec.activation();
    float[][] sv = c.saved[t];
    float[] i = sv[0];
    float[] f = sv[1];
    float[] g = sv[2];
    float[] o = sv[3];
    float[] cell = sv[4];
    float[] tc = sv[5];
    c.step.get(0, i, 0, nb);
    c.step.get(nb, f, 0, nb);
    c.step.get(2 * nb, g, 0, nb);
    c.step.get(3 * nb, o, 0, nb);
    Activation.sigmoid(i, 0, nb);
    Activation.sigmoid(f, 0, nb);
    act.apply(g, sv[7], 0, nb);
    Activation.sigmoid(o, 0, nb);
    float[] cp = t > 0 ? c.saved[t - 1][4] : c.zeros;
    for (int j = 0; j < nb; j++) {
      cell[j] = f[j] * cp[j] + i[j] * g[j];
    }
    System.arraycopy(cell, 0, tc, 0, nb);
    act.apply(tc, sv[6], 0, nb);
    float[] h = c.states[t];
    for (int j = 0; j < nb; j++) {
      h[j] = o[j] * tc[j];
    }
  }

  /**
   * Backpropagation through time for the last {@link #forward}; leaves the weight gradients in the workspace's heap
   * packs ({@code gRec, gIn, gBias, gOutT}) for {@link Network}'s unpacking. A first, readout-only step over
   * {@code S_T} starts the recursion ({@code δh_{T−1} = W_out δo_{T−1}}) and the readout gradient.
   */
  static void backward(Layout layout, float[] dOutputs, float[] dHidden, Workspace ws) {
    Buffers c = ws.column;
    Architecture arch = layout.spec.architecture();
    int steps = ws.usedSteps;
    int batch = ws.usedBatch;
    int n = layout.n;
    int o = layout.outputs;
    int in = layout.inputs;
    int kw = c.width;
    int nb = n * batch;
    int tb = steps * batch;
    int lead = tb + batch;
    for (int m = 0; m < tb; m++) {
      for (int q = 0; q < o; q++) {
        c.dOut[q][m] = dOutputs[m * o + q];
      }
    }
    for (int r = 0; r < c.rows; r++) {
      c.d.put(r * lead + tb, c.zeros, 0, batch);
    }
    for (int q = 0; q < o; q++) {
      int at = (c.rows + q) * lead;
      c.d.put(at, c.zeros, 0, batch);
      c.d.put(at + batch, c.dOut[q], 0, tb);
    }
    boolean gru = arch == Architecture.GRU;
    if (gru) {
      for (int k = 0; k < n; k++) {
        c.candidateDelta.put(k * lead + tb, c.zeros, 0, batch);
      }
    }
    OpenBlas.gemm(true, false, n, batch, o, 1f, c.wAug, c.rows * kw, kw, c.d, c.rows * lead + tb, lead, 0f, c.back,
        0, batch);
    c.back.get(0, c.carry, 0, nb);
    if (arch == Architecture.LSTM) {
      Arrays.fill(c.cellCarry, 0, nb, 0f);
    }
    int blocks = c.rows / n;
    for (int t = steps - 1; t >= 0; t--) {
      float[] cur = c.carry;
      float[] next = c.carryNext;
      if (dHidden != null) {
        for (int b = 0; b < batch; b++) {
          int at = (t * batch + b) * n;
          for (int k = 0; k < n; k++) {
            cur[k * batch + b] += dHidden[at + k];
          }
        }
      }
      switch (arch) {
        case UGRNN: ugrnnBack(c, t, nb, cur, next); break;
        case GRU: gruBack(c, t, nb, cur, next); break;
        case LSTM: lstmBack(c, t, nb, cur, next); break;
        default: simpleBack(layout, c, t, nb, cur, next); break;
      }
      for (int g = 0; g < blocks; g++) {
        float[] delta = c.delta[g];
        for (int k = 0; k < n; k++) {
          c.d.put((g * n + k) * lead + t * batch, delta, k * batch, batch);
        }
      }
      if (gru) {
        for (int k = 0; k < n; k++) {
          c.candidateDelta.put(k * lead + t * batch, c.delta[3], k * batch, batch);
        }
      }
      if (t > 0) {
        OpenBlas.gemm(true, false, n, batch, c.total, 1f, c.wAug, 0, kw, c.d, t * batch, lead, 0f, c.back, 0, batch);
        float[] r = c.backRow;
        c.back.get(0, r, 0, nb);
        for (int j = 0; j < nb; j++) {
          next[j] += r[j];
        }
      }
      c.carry = next;
      c.carryNext = cur;
      if (arch == Architecture.LSTM) {
        float[] swap = c.cellCarry;
        c.cellCarry = c.cellCarryNext;
        c.cellCarryNext = swap;
      }
    }
    OpenBlas.gemm(false, true, c.total, kw, lead, 1f, c.d, 0, lead, c.s, 0, lead, 0f, c.gradient, 0, kw);
    if (gru) {
      OpenBlas.gemm(false, true, n, in + 1, lead, 1f, c.candidateDelta, 0, lead, c.s, n * lead, lead, 0f,
          c.candidateGradient, 0, in + 1);
    }
    unpackGradients(layout, ws);
  }

  private static void simpleBack(Layout layout, Buffers c, int t, int nb, float[] cur, float[] next) {
    float alpha = (float) layout.spec.alpha();
    float keep = 1f - alpha;
    float[] dz = c.delta[0];
    float[] dr = c.saved[t][0];
    for (int j = 0; j < nb; j++) {
      float g = cur[j];
      dz[j] = g * alpha * dr[j];
      next[j] = keep * g;
    }
  }

  private static void ugrnnBack(Buffers c, int t, int nb, float[] cur, float[] next) {
    float[][] sv = c.saved[t];
    float[] g = sv[0];
    float[] cand = sv[1];
    float[] dc = sv[2];
    float[] hp = t > 0 ? c.states[t - 1] : c.zeros;
    float[] q0 = c.delta[0];
    float[] q1 = c.delta[1];
    for (int j = 0; j < nb; j++) {
      float gj = g[j];
      q0[j] = cur[j] * (hp[j] - cand[j]) * gj * (1f - gj);
    }
    for (int j = 0; j < nb; j++) {
      float gj = g[j];
      float dj = cur[j];
      q1[j] = dj * (1f - gj) * dc[j];
      next[j] = dj * gj;
    }
  }

  private static void gruBack(Buffers c, int t, int nb, float[] cur, float[] next) {
    float[][] sv = c.saved[t];
    float[] rr = sv[0];
    float[] zz = sv[1];
    float[] cc = sv[2];
    float[] hh = sv[3];
    float[] dn = sv[4];
    float[] hp = t > 0 ? c.states[t - 1] : c.zeros;
    float[] q0 = c.delta[0];
    float[] q1 = c.delta[1];
    float[] q2 = c.delta[2];
    float[] q3 = c.delta[3];
    for (int j = 0; j < nb; j++) {
      float z = zz[j];
      float dj = cur[j];
      q3[j] = dj * (1f - z) * dn[j];
      next[j] = dj * z;
    }
    for (int j = 0; j < nb; j++) {
      float z = zz[j];
      q1[j] = cur[j] * (hp[j] - cc[j]) * z * (1f - z);
    }
    for (int j = 0; j < nb; j++) {
      float r = rr[j];
      float dan = q3[j];
      q0[j] = dan * hh[j] * r * (1f - r);
      q2[j] = dan * r;
    }
  }

  private static void lstmBack(Buffers c, int t, int nb, float[] cur, float[] next) {
    float[][] sv = c.saved[t];
    float[] ii = sv[0];
    float[] ff = sv[1];
    float[] gg = sv[2];
    float[] oo = sv[3];
    float[] tc = sv[5];
    float[] dtc = sv[6];
    float[] dg = sv[7];
    float[] cp = t > 0 ? c.saved[t - 1][4] : c.zeros;
    float[] dcIn = c.cellCarry;
    float[] dcOut = c.cellCarryNext;
    float[] q0 = c.delta[0];
    float[] q1 = c.delta[1];
    float[] q2 = c.delta[2];
    float[] q3 = c.delta[3];
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

  /**
   * {@code ∂W_aug}'s rows into the heap packs (columns in the row path's δZ order; for the GRU the {@code W_hn} rows
   * go to column block 3 and the candidate's input and bias gradients to block 2), and its readout rows into
   * {@code gOutT}.
   */
  private static void unpackGradients(Layout layout, Workspace ws) {
    Buffers c = ws.column;
    int n = layout.n;
    int in = layout.inputs;
    boolean gru = layout.spec.architecture() == Architecture.GRU;
    float[] row = c.augRow;
    for (int r = 0; r < c.rows; r++) {
      int col = gru && r >= 2 * n ? r + n : r;
      c.gradient.get(r * c.width, row, 0, c.width);
      for (int k = 0; k < n; k++) {
        ws.gRec[k][col] = row[k];
      }
      for (int i = 0; i < in; i++) {
        ws.gIn[i][col] = row[n + i];
      }
      ws.gBias[0][col] = row[n + in];
    }
    if (gru) {
      for (int k = 0; k < n; k++) {
        c.candidateGradient.get(k * (in + 1), row, 0, in + 1);
        for (int i = 0; i < in; i++) {
          ws.gIn[i][2 * n + k] = row[i];
        }
        ws.gBias[0][2 * n + k] = row[in];
      }
    }
    for (int q = 0; q < layout.outputs; q++) {
      c.gradient.get((c.rows + q) * c.width, ws.gOutT[q], 0, n);
    }
  }
}
