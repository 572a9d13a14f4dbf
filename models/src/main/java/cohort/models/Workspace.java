package cohort.models;

import cohort.models.linalg.OffHeapMatrix;
import cohort.models.linalg.OpenBlas;

/**
 * Every buffer one network needs for a forward pass and backpropagation through time over up to
 * {@code steps × batch} trials, allocated once by {@link Network#workspace(int, int)} so that training allocates
 * nothing per iteration. A workspace belongs to one network and one thread.
 *
 * <p>After {@link Network#forward}: {@link #outputs()} is {@code [T][B][O]} (the readout at every step) and
 * {@link #hidden()} is {@code [T][B][N]}, the states {@code h_1 … h_T} the readout reads (for the LSTM the
 * {@code h} half of {@code [h; c]}); {@code h_0 = 0} is not stored. Only the first {@link #usedSteps()} ×
 * {@link #usedBatch()} rows are valid when the last forward used fewer than the capacity.
 */
public final class Workspace {
  final NetworkSpec spec;
  final int steps;
  final int batch;
  final int hiddenSize;
  int usedSteps;
  int usedBatch;
  boolean forwardDone;

  final float[] outputs;
  final float[] hidden;
  /** The states as rows {@code [T·B][N]} (B operand of the readout gradient). */
  final float[][] hRows;
  /** Per-step pre-activations {@code [B][G·N]} (for the GRU: input part). */
  final float[][] pre;
  /** Per-step activation derivatives {@code [B][G·N]} and scratch rows {@code [B][N]} (LSTM cell state). */
  final float[][] deriv;
  final float[][] aux;
  /** A row of N zeros (the state {@code h_0}). */
  final float[] zeros;
  /** GRU only: per-step recurrent part {@code [B][3N]}. */
  final float[][] preH;
  /** Saved per-step values, one row each, {@code [T·B·slots][N]} (gated cells: gate values, derivatives). */
  final float[][] saved;
  /** Gated cells: the per-slot rows {@code [4][N]} one row of δZ is assembled in. */
  final float[][] slot;
  /** Non-gated cells: {@code σ'(z)} per step as rows {@code [T·B][N]} (so backward loops vectorise). */
  final float[][] derivRows;
  final int slots;
  /** Packed input weights {@code [I][G·N]}, recurrent (effective) weights {@code [N][G·N]}, biases. */
  final float[][] wInPack;
  final float[][] wPack;
  final float[] biasPack;
  final float[] biasHn;
  /** Transposed recurrent weights {@code [G·N][N]} and readout {@code [O][N]}. */
  final float[][] wT;
  final float[][] woutT;
  final float[] bout;
  /**
   * Backward: pre-activation gradients {@code [T·B][width]}, width G·N (GRU: 4N); empty for the gated cells on the
   * OpenBLAS path, which write δZ straight into {@link #nDZ}.
   */
  final float[][] dZ;
  final int dzWidth;
  final float[][] dh;
  final float[][] dhNext;
  final float[][] dc;
  final float[][] dcNext;
  /** Gradient packs in the layout of {@link #dZ}'s columns. */
  final float[][] gIn;
  final float[][] gRec;
  final float[][] gBias;
  final float[][] gOutT;
  /** A single 1: the A operand (row of ones, strides 0) that sums δZ over rows into the bias gradient. */
  final float[] ones = {1f};

  /**
   * Whether the recurrent products (per step forward and backward, and {@code dW = Hᵀ δZ}) run through
   * {@link OpenBlas} on the off-heap copies below; otherwise through {@link cohort.models.linalg.FloatGemm}.
   */
  final boolean blas;
  /** OpenBLAS path only: packed recurrent weights {@code [N][G·N]}, the states {@code [T·B][N]}. */
  final OffHeapMatrix nW;
  final OffHeapMatrix nH;
  /** OpenBLAS path only: {@code δZ [T·B][width]}, one step's product {@code [B][G·N]}, δh {@code [B][N]}. */
  final OffHeapMatrix nDZ;
  final OffHeapMatrix nStep;
  final OffHeapMatrix nDh;
  /** OpenBLAS path only: the recurrent weight gradient {@code [N][width]}, and a heap row to move results. */
  final OffHeapMatrix nGRec;
  final float[] row;
  /**
   * OpenBLAS path only: readout {@code W_out [N][O]}, outputs {@code [T·B][O]}, ∂L/∂o {@code [T·B][O]}, the readout
   * gradient {@code [O][N]}; the bias and input gradients summed row by row, one row per δZ slot
   * ({@code [width/N][N]} and {@code [I·width/N][N]}), and the inputs of the backward pass under way.
   */
  final OffHeapMatrix nWout;
  final OffHeapMatrix nOut;
  final OffHeapMatrix nDOut;
  final OffHeapMatrix nGOut;
  final float[][] accBias;
  final float[][] accIn;
  float[] backInputs;

  Workspace(Layout layout, int steps, int batch) {
    this(layout, steps, batch, OpenBlas.available());
  }

  Workspace(Layout layout, int steps, int batch, boolean blas) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps: " + steps + " is not accepted; must be ≥ 1");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch: " + batch + " is not accepted; must be ≥ 1");
    }
    long rows = (long) steps * batch;
    int n = layout.n;
    int g = layout.gates;
    int gn = g * n;
    Architecture arch = layout.spec.architecture();
    if (rows * n * Math.max(8, g + 1) > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("steps × batch: " + steps + " × " + batch + " is too large for hidden " + n);
    }
    this.spec = layout.spec;
    this.steps = steps;
    this.batch = batch;
    this.hiddenSize = n;
    int tb = (int) rows;
    outputs = new float[tb * layout.outputs];
    hidden = new float[tb * n];
    hRows = new float[tb][n];
    pre = new float[batch][gn];
    deriv = new float[batch][gn];
    aux = new float[batch][n];
    zeros = new float[n];
    preH = arch == Architecture.GRU ? new float[batch][gn] : null;
    switch (arch) {
      case UGRNN: slots = 3; break;
      case GRU: slots = 5; break;
      case LSTM: slots = 8; break;
      default: slots = 1; break;
    }
    boolean gated = arch.gated();
    saved = gated ? new float[tb * slots][n] : new float[0][];
    slot = new float[gated ? 4 : 0][n];
    derivRows = gated ? new float[0][] : new float[tb][n];
    wInPack = new float[layout.inputs][gn];
    wPack = new float[n][gn];
    biasPack = new float[gn];
    biasHn = new float[n];
    wT = new float[gn][n];
    woutT = new float[layout.outputs][n];
    bout = new float[layout.outputs];
    dzWidth = arch == Architecture.GRU ? 4 * n : gn;
    dZ = blas && gated ? new float[0][] : new float[tb][dzWidth];
    dh = new float[batch][n];
    dhNext = new float[batch][n];
    dc = arch == Architecture.LSTM ? new float[batch][n] : null;
    dcNext = arch == Architecture.LSTM ? new float[batch][n] : null;
    gIn = new float[layout.inputs][dzWidth];
    gRec = new float[n][dzWidth];
    gBias = new float[1][dzWidth];
    gOutT = new float[layout.outputs][n];
    this.blas = blas;
    nW = this.blas ? new OffHeapMatrix(n * gn) : null;
    nH = this.blas ? new OffHeapMatrix(tb * n) : null;
    nDZ = this.blas ? new OffHeapMatrix(tb * dzWidth) : null;
    nStep = this.blas ? new OffHeapMatrix(batch * gn) : null;
    nDh = this.blas ? new OffHeapMatrix(batch * n) : null;
    nGRec = this.blas ? new OffHeapMatrix(n * dzWidth) : null;
    row = new float[Math.max(gn, dzWidth)];
    int in = layout.inputs;
    int o = layout.outputs;
    nWout = this.blas ? new OffHeapMatrix(n * o) : null;
    nOut = this.blas ? new OffHeapMatrix(tb * o) : null;
    nDOut = this.blas ? new OffHeapMatrix(tb * o) : null;
    nGOut = this.blas ? new OffHeapMatrix(o * n) : null;
    int slotCount = dzWidth / n;
    accBias = new float[this.blas ? slotCount : 0][n];
    accIn = new float[this.blas ? in * slotCount : 0][n];
  }

  /** The readout {@code [T][B][O]} of the last forward pass (live buffer; overwritten by the next one). */
  public float[] outputs() {
    return outputs;
  }

  /** The states {@code [T][B][N]} the readout read in the last forward pass (live buffer). */
  public float[] hidden() {
    return hidden;
  }

  /** Capacity in time steps. */
  public int steps() {
    return steps;
  }

  /** Capacity in trials. */
  public int batch() {
    return batch;
  }

  /** Time steps of the last forward pass. */
  public int usedSteps() {
    return usedSteps;
  }

  /** Trials of the last forward pass. */
  public int usedBatch() {
    return usedBatch;
  }
}
