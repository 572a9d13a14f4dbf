package cohort.models;

import cohort.models.linalg.FloatProducts;
import cohort.models.linalg.OffHeapMatrix;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The training fast path of {@link Network#forward} and {@link Network#backward}, cell-agnostic: it runs a cell's
 * matrix products and calls the cell's element-wise {@link Cell.Kernels} in between. Every per-step quantity is an
 * {@code [rows][B]} block (row = unit or gate unit, column = trial), so that
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
 * Two optional products serve cells that need them: input-only rows {@code [U | b] [x_t; 1]} (a candidate whose
 * input part stays outside a gate, as PyTorch's GRU {@code n = σ(W_in x + b_in + r ⊙ (W_hn h + b_hn))}, whose
 * {@code W_hn} rows carry {@code [W_hn | 0 | b_hn]} in {@code W_aug}), and a second product {@code W₂ v_t} over a
 * vector the cell's first stage makes (the MGU's {@code W_h (f ⊙ h)}), with its gradient {@code δv = W₂ᵀ δ₂} per step
 * and {@code ∂W₂ = D₂ Vᵀ} at the end.
 *
 * <p>Operands of the products live off-heap ({@link OffHeapMatrix}); the gate arithmetic runs on heap arrays; each
 * step moves its blocks each way with bulk copies (into S and D, which hold every step side by side so that the
 * gradient is one product, a row of B floats at a time). Allocation-free and deterministic: every product has the
 * same shape at every step and call.
 */
final class ColumnPath {
  private ColumnPath() {
  }

  /** The path's buffers, sized for a workspace's capacity; owned by one {@link Workspace}. */
  static final class Buffers {
    /** Fused gate rows R = blocks·N. */
    final int rows;
    /** Gate rows and the readout's O rows. */
    final int total;
    /** Columns of {@code W_aug}: N + I + 1. */
    final int width;
    /** Input-only rows C and second-product rows R₂. */
    final int candidateRows;
    final int secondRows;
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
    /** Input-only rows: {@code [U | b]} {@code [C][I + 1]}, its gradient, one step's product, δ for every step. */
    final OffHeapMatrix candidateWeights;
    final OffHeapMatrix candidateGradient;
    final OffHeapMatrix candidateStep;
    final OffHeapMatrix candidateDeltas;
    /** Second product: {@code W₂} {@code [R₂][N]}, its gradient, one step's product, V and D₂ for every step, W₂ᵀδ₂. */
    final OffHeapMatrix secondWeights;
    final OffHeapMatrix secondGradient;
    final OffHeapMatrix secondStep;
    final OffHeapMatrix vectors;
    final OffHeapMatrix secondDeltas;
    final OffHeapMatrix secondBack;
    /** Saved per step: {@code [T][slots][N·B]}; states {@code [T][N·B]}; inputs transposed {@code [I][T·B]}. */
    final float[][][] saved;
    final float[][] states;
    final float[][] inputs;
    /** ∂L/∂o transposed, {@code [O][T·B]}. */
    final float[][] dOut;
    /** δh carried into the current and the previous step; the other state blocks' likewise; {@code [N·B]} each. */
    float[] carry;
    float[] carryNext;
    final float[][] stateCarry;
    final float[][] stateCarryNext;
    /** δ of the fused blocks, the input-only blocks and the second product's blocks. */
    final float[][] delta;
    final float[][] candidateDelta;
    final float[][] secondDelta;
    /** The stage-0 vector v_t and its gradient. */
    final float[] vector;
    final float[] vectorGradient;
    final float[] backRow;
    /** One step's readout {@code [O·B]}, a row of a weight matrix, zeros, ones. */
    final float[] out;
    final float[] augRow;
    final float[] zeros;
    final float[] ones;

    /** Buffers for {@code steps × batch} trials of a cell with these kernels. */
    Buffers(Layout layout, Cell.Kernels kernels, int steps, int batch) {
      int n = layout.hidden();
      int in = layout.inputs();
      int nb = n * batch;
      int lead = (steps + 1) * batch;
      rows = kernels.blocks() * n;
      candidateRows = kernels.inputBlocks() * n;
      secondRows = kernels.gatedBlocks() * n;
      total = rows + layout.outputs();
      width = n + in + 1;
      wAug = new OffHeapMatrix(total * width);
      s = new OffHeapMatrix(lead * width);
      d = new OffHeapMatrix(lead * total);
      step = new OffHeapMatrix(total * batch);
      back = new OffHeapMatrix(nb);
      gradient = new OffHeapMatrix(total * width);
      boolean cand = candidateRows > 0;
      candidateWeights = cand ? new OffHeapMatrix(candidateRows * (in + 1)) : null;
      candidateGradient = cand ? new OffHeapMatrix(candidateRows * (in + 1)) : null;
      candidateStep = cand ? new OffHeapMatrix(candidateRows * batch) : null;
      candidateDeltas = cand ? new OffHeapMatrix(candidateRows * lead) : null;
      boolean two = secondRows > 0;
      secondWeights = two ? new OffHeapMatrix(secondRows * n) : null;
      secondGradient = two ? new OffHeapMatrix(secondRows * n) : null;
      secondStep = two ? new OffHeapMatrix(secondRows * batch) : null;
      vectors = two ? new OffHeapMatrix(n * lead) : null;
      secondDeltas = two ? new OffHeapMatrix(secondRows * lead) : null;
      secondBack = two ? new OffHeapMatrix(nb) : null;
      saved = new float[steps][kernels.slots()][nb];
      states = new float[steps][nb];
      inputs = new float[in][steps * batch];
      dOut = new float[layout.outputs()][steps * batch];
      carry = new float[nb];
      carryNext = new float[nb];
      int extra = layout.spec().architecture().stateBlocks() - 1;
      stateCarry = new float[extra][nb];
      stateCarryNext = new float[extra][nb];
      delta = new float[kernels.blocks()][nb];
      candidateDelta = new float[kernels.inputBlocks()][nb];
      secondDelta = new float[kernels.gatedBlocks()][nb];
      vector = new float[two ? nb : 0];
      vectorGradient = new float[two ? nb : 0];
      backRow = new float[nb];
      out = new float[layout.outputs() * batch];
      augRow = new float[width + n];
      zeros = new float[Math.max(n, in) * batch];
      ones = new float[lead];
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

  /** The product matrices from the heap packs the cell filled and the readout (row j of a pack's column j). */
  static void packWeights(Layout layout, Workspace ws) {
    Buffers c = ws.column;
    Packs p = ws.packs;
    int n = layout.hidden();
    int in = layout.inputs();
    float[] row = c.augRow;
    for (int r = 0; r < c.rows; r++) {
      Packs.column(p.recurrent, r, row, 0);
      Packs.column(p.input, r, row, n);
      row[n + in] = p.bias[r];
      c.wAug.put(r * c.width, row, 0, c.width);
    }
    for (int q = 0; q < layout.outputs(); q++) {
      System.arraycopy(ws.woutT[q], 0, row, 0, n);
      Arrays.fill(row, n, n + in, 0f);
      row[n + in] = ws.bout[q];
      c.wAug.put((c.rows + q) * c.width, row, 0, c.width);
    }
    for (int r = 0; r < c.candidateRows; r++) {
      Packs.column(p.candidateInput, r, row, 0);
      row[in] = p.candidateBias[r];
      c.candidateWeights.put(r * (in + 1), row, 0, in + 1);
    }
    for (int r = 0; r < c.secondRows; r++) {
      Packs.column(p.second, r, row, 0);
      c.secondWeights.put(r * n, row, 0, n);
    }
  }

  /** The forward pass over {@code inputs [T][B][I]} (parameters already packed); see {@link Network#forward}. */
  static void forward(Layout layout, Cell.Kernels kernels, float[] inputs, int steps, int batch, Workspace ws,
      RandomGenerator noise, double noiseScale) {
    Buffers c = ws.column;
    Step view = ws.view;
    int n = layout.hidden();
    int in = layout.inputs();
    int kw = c.width;
    int tb = steps * batch;
    int lead = tb + batch;
    view.batch = batch;
    view.nb = n * batch;
    view.noise = noise;
    view.noiseScale = noiseScale;
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
    for (int t = 0; t < steps; t++) {
      view.t = t;
      FloatProducts.gemm(false, false, c.total, batch, kw, 1f, c.wAug, 0, kw, c.s, t * batch, lead, 0f, c.step, 0,
          batch);
      if (t > 0) {
        emitOutputs(layout, ws, t - 1, batch);
      }
      if (c.candidateRows > 0) {
        FloatProducts.gemm(false, false, c.candidateRows, batch, in + 1, 1f, c.candidateWeights, 0, in + 1, c.s,
            n * lead + t * batch, lead, 0f, c.candidateStep, 0, batch);
      }
      kernels.forward(0, view);
      if (c.secondRows > 0) {
        for (int k = 0; k < n; k++) {
          c.vectors.put(k * lead + t * batch, c.vector, k * batch, batch);
        }
        FloatProducts.gemm(false, false, c.secondRows, batch, n, 1f, c.secondWeights, 0, n, c.vectors, t * batch,
            lead, 0f, c.secondStep, 0, batch);
        kernels.forward(1, view);
      }
      float[] h = c.states[t];
      for (int k = 0; k < n; k++) {
        c.s.put(k * lead + (t + 1) * batch, h, k * batch, batch);
      }
    }
    FloatProducts.gemm(false, false, layout.outputs(), batch, kw, 1f, c.wAug, c.rows * kw, kw, c.s, tb, lead, 0f,
        c.step, c.rows * batch, batch);
    emitOutputs(layout, ws, steps - 1, batch);
    view.noise = null;
    ws.statesPending = true;
  }

  /** Copies {@code o_t} from the readout rows of the step product into the workspace's {@code [T][B][O]} outputs. */
  private static void emitOutputs(Layout layout, Workspace ws, int t, int batch) {
    Buffers c = ws.column;
    int o = layout.outputs();
    float[] out = c.out;
    c.step.get(c.rows * batch, out, 0, o * batch);
    for (int q = 0; q < o; q++) {
      for (int b = 0; b < batch; b++) {
        ws.outputs[(t * batch + b) * o + q] = out[q * batch + b];
      }
    }
  }

  /**
   * Backpropagation through time for the last {@link #forward}; leaves the weight gradients in the workspace's
   * gradient packs and {@code gOutT} for {@link Network}'s unpacking. A first, readout-only step over {@code S_T}
   * starts the recursion ({@code δh_{T−1} = W_out δo_{T−1}}) and the readout gradient.
   */
  static void backward(Layout layout, Cell.Kernels kernels, float[] dOutputs, float[] dHidden, Workspace ws) {
    Buffers c = ws.column;
    Step view = ws.view;
    int steps = ws.usedSteps;
    int batch = ws.usedBatch;
    int n = layout.hidden();
    int o = layout.outputs();
    int in = layout.inputs();
    int kw = c.width;
    int nb = n * batch;
    int tb = steps * batch;
    int lead = tb + batch;
    view.batch = batch;
    view.nb = nb;
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
    for (int r = 0; r < c.candidateRows; r++) {
      c.candidateDeltas.put(r * lead + tb, c.zeros, 0, batch);
    }
    FloatProducts.gemm(true, false, n, batch, o, 1f, c.wAug, c.rows * kw, kw, c.d, c.rows * lead + tb, lead, 0f,
        c.back, 0, batch);
    c.back.get(0, c.carry, 0, nb);
    for (int e = 0; e < c.stateCarry.length; e++) {
      Arrays.fill(c.stateCarry[e], 0, nb, 0f);
    }
    int blocks = c.delta.length;
    for (int t = steps - 1; t >= 0; t--) {
      view.t = t;
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
      if (c.secondRows > 0) {
        kernels.backward(1, view);
        for (int g = 0; g < c.secondDelta.length; g++) {
          float[] delta = c.secondDelta[g];
          for (int k = 0; k < n; k++) {
            c.secondDeltas.put((g * n + k) * lead + t * batch, delta, k * batch, batch);
          }
        }
        FloatProducts.gemm(true, false, n, batch, c.secondRows, 1f, c.secondWeights, 0, n, c.secondDeltas,
            t * batch, lead, 0f, c.secondBack, 0, batch);
        c.secondBack.get(0, c.vectorGradient, 0, nb);
      }
      kernels.backward(0, view);
      for (int g = 0; g < blocks; g++) {
        float[] delta = c.delta[g];
        for (int k = 0; k < n; k++) {
          c.d.put((g * n + k) * lead + t * batch, delta, k * batch, batch);
        }
      }
      for (int g = 0; g < c.candidateDelta.length; g++) {
        float[] delta = c.candidateDelta[g];
        for (int k = 0; k < n; k++) {
          c.candidateDeltas.put((g * n + k) * lead + t * batch, delta, k * batch, batch);
        }
      }
      if (t > 0) {
        FloatProducts.gemm(true, false, n, batch, c.total, 1f, c.wAug, 0, kw, c.d, t * batch, lead, 0f, c.back, 0,
            batch);
        float[] r = c.backRow;
        c.back.get(0, r, 0, nb);
        for (int j = 0; j < nb; j++) {
          next[j] += r[j];
        }
      }
      c.carry = next;
      c.carryNext = cur;
      for (int e = 0; e < c.stateCarry.length; e++) {
        float[] swap = c.stateCarry[e];
        c.stateCarry[e] = c.stateCarryNext[e];
        c.stateCarryNext[e] = swap;
      }
    }
    FloatProducts.gemm(false, true, c.total, kw, lead, 1f, c.d, 0, lead, c.s, 0, lead, 0f, c.gradient, 0, kw);
    if (c.candidateRows > 0) {
      FloatProducts.gemm(false, true, c.candidateRows, in + 1, lead, 1f, c.candidateDeltas, 0, lead, c.s, n * lead,
          lead, 0f, c.candidateGradient, 0, in + 1);
    }
    if (c.secondRows > 0) {
      FloatProducts.gemm(false, true, c.secondRows, n, tb, 1f, c.secondDeltas, 0, lead, c.vectors, 0, lead, 0f,
          c.secondGradient, 0, n);
    }
    unpackGradients(layout, ws);
  }

  /** The gradients of the product rows into the workspace's gradient packs, and the readout's into {@code gOutT}. */
  private static void unpackGradients(Layout layout, Workspace ws) {
    Buffers c = ws.column;
    Packs g = ws.gradients;
    int n = layout.hidden();
    int in = layout.inputs();
    float[] row = c.augRow;
    for (int r = 0; r < c.rows; r++) {
      c.gradient.get(r * c.width, row, 0, c.width);
      Packs.setColumn(g.recurrent, r, row, 0);
      Packs.setColumn(g.input, r, row, n);
      g.bias[r] = row[n + in];
    }
    for (int r = 0; r < c.candidateRows; r++) {
      c.candidateGradient.get(r * (in + 1), row, 0, in + 1);
      Packs.setColumn(g.candidateInput, r, row, 0);
      g.candidateBias[r] = row[in];
    }
    for (int r = 0; r < c.secondRows; r++) {
      c.secondGradient.get(r * n, row, 0, n);
      Packs.setColumn(g.second, r, row, 0);
    }
    for (int q = 0; q < layout.outputs(); q++) {
      c.gradient.get((c.rows + q) * c.width, ws.gOutT[q], 0, n);
    }
  }
}
