package cohort.models;

/**
 * A named view of the flat parameter vector: a row-major {@code rows × cols} matrix at {@code offset}.
 *
 * <p>Weight blocks are stored {@code [in][out]}: row {@code k} holds what unit (or input) {@code k} sends, so the
 * mathematical weight {@code W[j][k]} (from k to j) is at {@code offset + k·cols + j}. This is the transpose of
 * PyTorch's {@code weight_hh}, the orientation of Keras's {@code kernel}, and lets the fast step run unit-stride
 * {@code out[b,·] += h[b,k]·W[k,·]}. Biases are {@code 1 × N} blocks.
 *
 * @param name e.g. {@code "W_rec"}, {@code "W_hz"}, {@code "b_out"}
 * @param offset index of element (0, 0) in the flat vector
 * @param rows fan-in side (presynaptic units or inputs; 1 for a bias)
 * @param cols fan-out side (postsynaptic units or outputs)
 */
public record ParameterBlock(String name, int offset, int rows, int cols) {

  /** Validates the view. */
  public ParameterBlock {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name: missing; a parameter block needs a name");
    }
    if (offset < 0 || rows < 1 || cols < 1) {
      throw new IllegalArgumentException("block " + name + ": offset " + offset + ", rows " + rows + ", cols " + cols
          + " is not accepted; need offset ≥ 0 and rows, cols ≥ 1");
    }
  }

  /** Number of elements, {@code rows·cols}. */
  public int size() {
    return rows * cols;
  }

  /** Flat index of stored element {@code (row, col)}. */
  public int index(int row, int col) {
    return offset + row * cols + col;
  }
}
