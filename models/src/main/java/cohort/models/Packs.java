package cohort.models;

/**
 * The rows of a cell's matrix products in the driver's layout, filled by {@link Cell.Kernels#pack} (weights) and read
 * by {@link Cell.Kernels#unpack} (their gradients). Column {@code r} of each array is product row {@code r}; row
 * {@code k} is what unit (or input) {@code k} sends, the {@code [in][out]} orientation of {@link ParameterBlock}.
 * Allocated once per workspace.
 */
public final class Packs {
  /** Fused rows: recurrent weights {@code [N][R]}, input weights {@code [I][R]}, biases {@code [R]}; R = blocks·N. */
  public final float[][] recurrent;
  public final float[][] input;
  public final float[] bias;
  /** Input-only rows: input weights {@code [I][C]} and biases {@code [C]}; C = inputBlocks·N. */
  public final float[][] candidateInput;
  public final float[] candidateBias;
  /** Second-product rows: weights {@code [N][R₂]} from the stage-0 vector; R₂ = gatedBlocks·N. */
  public final float[][] second;

  Packs(int n, int inputs, int rows, int candidateRows, int secondRows) {
    recurrent = new float[n][rows];
    input = new float[inputs][rows];
    bias = new float[rows];
    candidateInput = new float[inputs][candidateRows];
    candidateBias = new float[candidateRows];
    second = new float[n][secondRows];
  }

  /** Copies product row {@code r} of {@code a} (its column r) to {@code row[at], row[at + 1], …}. */
  static void column(float[][] a, int r, float[] row, int at) {
    for (int k = 0; k < a.length; k++) {
      row[at + k] = a[k][r];
    }
  }

  /** The inverse of {@link #column}: {@code row[at], row[at + 1], …} into product row {@code r} of {@code a}. */
  static void setColumn(float[][] a, int r, float[] row, int at) {
    for (int k = 0; k < a.length; k++) {
      a[k][r] = row[at + k];
    }
  }
}
