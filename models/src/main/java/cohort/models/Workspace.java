package cohort.models;

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
  /** Saved per-step values {@code [T][B][slots][N]} (gated cells: gate values, derivatives). */
  final float[] saved;
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

  Workspace(Layout layout, int steps, int batch) {
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
    saved = new float[gated ? tb * slots * n : 0];
    derivRows = gated ? new float[0][] : new float[tb][n];
    wInPack = new float[layout.inputs][gn];
    wPack = new float[n][gn];
    biasPack = new float[gn];
    biasHn = new float[n];
    wT = new float[gn][n];
    woutT = new float[layout.outputs][n];
    bout = new float[layout.outputs];
    dzWidth = arch == Architecture.GRU ? 4 * n : gn;
    dZ = new float[tb][dzWidth];
    dh = new float[batch][n];
    dhNext = new float[batch][n];
    dc = arch == Architecture.LSTM ? new float[batch][n] : null;
    dcNext = arch == Architecture.LSTM ? new float[batch][n] : null;
    gIn = new float[layout.inputs][dzWidth];
    gRec = new float[n][dzWidth];
    gBias = new float[1][dzWidth];
    gOutT = new float[layout.outputs][n];
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
