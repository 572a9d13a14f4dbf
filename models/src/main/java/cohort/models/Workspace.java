package cohort.models;

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
  /** Packed input weights {@code [I][G·N]}, recurrent (effective) weights {@code [N][G·N]}, biases. */
  final float[][] wInPack;
  final float[][] wPack;
  final float[] biasPack;
  final float[] biasHn;
  /** Transposed recurrent weights {@code [G·N][N]} and readout {@code [O][N]}. */
  final float[][] wT;
  final float[][] woutT;
  final float[] bout;
  /** Backward: pre-activation gradients {@code [T·B][width]}, width G·N (GRU: 4N). */
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
   * Whether forward and backward run on the OpenBLAS {@link ColumnPath} (its buffers in {@link #column}); otherwise
   * on the trial-major pure-Java path ({@link cohort.models.linalg.FloatGemm}), whose buffers are then the row ones
   * above (empty on the OpenBLAS path).
   */
  final boolean blas;
  final ColumnPath.Buffers column;
  /** OpenBLAS path: {@link #hidden} is not yet filled from the last forward pass's feature-major states. */
  boolean statesPending;

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
    this.blas = blas;
    outputs = new float[tb * layout.outputs];
    hidden = new float[tb * n];
    zeros = new float[n];
    boolean gated = arch.gated();
    int slots;
    switch (arch) {
      case UGRNN: slots = 3; break;
      case GRU: slots = 5; break;
      case LSTM: slots = 8; break;
      default: slots = 1; break;
    }
    boolean row = !blas;
    int rb = row ? batch : 0;
    hRows = new float[row ? tb : 0][n];
    pre = new float[rb][gn];
    preH = arch == Architecture.GRU ? new float[rb][gn] : null;
    saved = new float[row && gated ? tb * slots : 0][n];
    slot = new float[row && gated ? 4 : 0][n];
    derivRows = new float[row && !gated ? tb : 0][n];
    wInPack = new float[layout.inputs][gn];
    wPack = new float[n][gn];
    biasPack = new float[gn];
    biasHn = new float[n];
    wT = new float[row ? gn : 0][n];
    woutT = new float[layout.outputs][n];
    bout = new float[layout.outputs];
    dzWidth = arch == Architecture.GRU ? 4 * n : gn;
    dZ = new float[row ? tb : 0][dzWidth];
    dh = new float[rb][n];
    dhNext = new float[rb][n];
    dc = arch == Architecture.LSTM ? new float[rb][n] : null;
    dcNext = arch == Architecture.LSTM ? new float[rb][n] : null;
    gIn = new float[layout.inputs][dzWidth];
    gRec = new float[n][dzWidth];
    gBias = new float[1][dzWidth];
    gOutT = new float[layout.outputs][n];
    column = blas ? new ColumnPath.Buffers(layout, steps, batch, slots) : null;
  }

  /** The readout {@code [T][B][O]} of the last forward pass (live buffer; overwritten by the next one). */
  public float[] outputs() {
    return outputs;
  }

  /** The states {@code [T][B][N]} the readout read in the last forward pass (live buffer). */
  public float[] hidden() {
    if (statesPending) {
      column.copyStates(hidden, usedSteps, usedBatch, hiddenSize);
      statesPending = false;
    }
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
