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
  /** The cell's product rows ({@link Cell.Kernels#pack}) and their gradients ({@link Cell.Kernels#unpack}). */
  final Packs packs;
  final Packs gradients;
  /** The readout as used {@code [O][N]} (Dale's law applied), its bias, and its gradient {@code [O][N]}. */
  final float[][] woutT;
  final float[] bout;
  final float[][] gOutT;
  /** The products' buffers and the cell's view of one step. */
  final ColumnPath.Buffers column;
  final Step view;
  /** {@link #hidden} is not yet filled from the last forward pass's feature-major states. */
  boolean statesPending;

  Workspace(Layout layout, Cell.Kernels kernels, int steps, int batch) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps: " + steps + " is not accepted; must be ≥ 1");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch: " + batch + " is not accepted; must be ≥ 1");
    }
    long rows = (long) steps * batch;
    int n = layout.hidden();
    int width = Math.max(kernels.slots(), kernels.blocks() + kernels.inputBlocks() + kernels.gatedBlocks() + 2);
    if ((rows + batch) * Math.max(n + layout.inputs() + 1, (long) n * width) > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("steps × batch: " + steps + " × " + batch + " is too large for hidden " + n);
    }
    this.spec = layout.spec();
    this.steps = steps;
    this.batch = batch;
    this.hiddenSize = n;
    int tb = (int) rows;
    outputs = new float[tb * layout.outputs()];
    hidden = new float[tb * n];
    packs = new Packs(n, layout.inputs(), kernels.blocks() * n, kernels.inputBlocks() * n, kernels.gatedBlocks() * n);
    gradients = new Packs(n, layout.inputs(), kernels.blocks() * n, kernels.inputBlocks() * n,
        kernels.gatedBlocks() * n);
    woutT = new float[layout.outputs()][n];
    bout = new float[layout.outputs()];
    gOutT = new float[layout.outputs()][n];
    column = new ColumnPath.Buffers(layout, kernels, steps, batch);
    view = new Step(column, spec);
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
