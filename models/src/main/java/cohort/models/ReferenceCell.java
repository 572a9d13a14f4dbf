package cohort.models;

/**
 * The double-precision dynamics of one recurrent cell, written as the textbook equations: the minimal
 * contract that analysis needs (Golub &amp; Sussillo's FixedPointFinder asks for no more than {@code F(h, x)}).
 *
 * <p>The state {@code h} is the cell's whole state: {@code hidden} values for most cells, {@code [h; c]}
 * ({@code 2 * hidden}) for the LSTM. One step is {@code h' = F(h, x)}; for continuous-time cells this is the
 * Euler map {@code h' = h + α (−h + σ(W h + U x + b))}, so fixed points of {@code F} are equilibria of the flow.
 * Implementations are immutable and thread-safe; every output array is written, never read.
 *
 * <p>The batched methods ({@link #stepBatch}, {@link #jacobianTransposeTimesBatch}, {@link #residualGradientBatch})
 * work on row-major blocks of states, so that a cell can run the recurrent products of many states as one matrix
 * product; their defaults loop over the single-state methods.
 */
public interface ReferenceCell {

  /** Length of the state vector {@code h}. */
  int stateSize();

  /** Length of the input vector {@code x}. */
  int inputSize();

  /** Whether {@link #step} is the Euler discretisation of a continuous-time flow (CTRNN family). */
  boolean continuousTime();

  /** The Euler factor {@code α = dt/τ} of a continuous-time cell; 1 for discrete cells. */
  double alpha();

  /**
   * One step {@code next = F(h, x)}.
   *
   * @param h state, length {@link #stateSize()}; not modified
   * @param x input, length {@link #inputSize()}; not modified
   * @param next output, length {@link #stateSize()}; modified (must not alias {@code h})
   */
  void step(double[] h, double[] x, double[] next);

  /**
   * The analytic Jacobian {@code J[i][j] = ∂F_i/∂h_j} at {@code (h, x)}, row-major.
   *
   * @param jacobian output, length {@code stateSize()²}; modified
   */
  void jacobian(double[] h, double[] x, double[] jacobian);

  /**
   * The vector–Jacobian product {@code out = J(h, x)ᵀ v} with {@code J = ∂F/∂h}: one backward step through
   * {@code F}, what the gradient of {@code ½‖F(h) − h‖²} needs (Sussillo &amp; Barak 2013). The default forms the
   * full Jacobian with {@link #jacobian} (allocating {@code S²} doubles per call) and multiplies; cells override it.
   *
   * @param h state, length {@code S = stateSize()}; not modified
   * @param v vector on the output of {@code F}, length {@code S}; not modified
   * @param out output, length {@code S}; modified (must not alias {@code h} or {@code v})
   */
  default void jacobianTransposeTimes(double[] h, double[] x, double[] v, double[] out) {
    int s = stateSize();
    double[] jac = new double[s * s];
    jacobian(h, x, jac);
    transposeTimes(s, jac, v, 0, out, 0);
  }

  /**
   * One step for each of the first {@code count} rows of row-major arrays ({@code S = stateSize()} values a row):
   * {@code next[b·S …] = F(h[b·S …], x)}, one input {@code x} shared by all rows. Each row's result depends only on
   * that row (not on its position, on the other rows or on {@code count}), so that a search's result does not
   * depend on how it is split into batches. The default loops over {@link #step} (allocating two rows per call).
   *
   * @param h states, at least {@code count·S} values; not modified
   * @param next output, at least {@code count·S} values; modified (must not alias {@code h})
   */
  default void stepBatch(int count, double[] h, double[] x, double[] next) {
    int s = stateSize();
    double[] row = new double[s];
    double[] out = new double[s];
    for (int b = 0; b < count; b++) {
      System.arraycopy(h, b * s, row, 0, s);
      step(row, x, out);
      System.arraycopy(out, 0, next, b * s, s);
    }
  }

  /**
   * {@code out[b] = J(h[b], x)ᵀ v[b]} for the first {@code count} rows (see {@link #jacobianTransposeTimes}); each
   * row's result depends only on that row, as in {@link #stepBatch}. The default forms each row's Jacobian with
   * {@link #jacobian} and multiplies, as {@link #jacobianTransposeTimes}'s default does (the same bits), with one
   * {@code S² + 2S} scratch allocation per call; a cell that overrides {@link #jacobianTransposeTimes} should
   * override this method too.
   *
   * @param h states, at least {@code count·S} values; not modified
   * @param v vectors, at least {@code count·S} values; not modified
   * @param out output, at least {@code count·S} values; modified (must not alias {@code h} or {@code v})
   */
  default void jacobianTransposeTimesBatch(int count, double[] h, double[] x, double[] v, double[] out) {
    int s = stateSize();
    double[] row = new double[s];
    double[] jac = new double[s * s];
    for (int b = 0; b < count; b++) {
      System.arraycopy(h, b * s, row, 0, s);
      jacobian(row, x, jac);
      transposeTimes(s, jac, v, b * s, out, b * s);
    }
  }

  /** {@code out[o …] = Jᵀ v[vo …]} for a row-major {@code s × s} matrix {@code J}, accumulated row by row of J. */
  private static void transposeTimes(int s, double[] jac, double[] v, int vo, double[] out, int o) {
    java.util.Arrays.fill(out, o, o + s, 0.0);
    for (int i = 0; i < s; i++) {
      double vi = v[vo + i];
      int base = i * s;
      for (int j = 0; j < s; j++) {
        out[o + j] += jac[base + j] * vi;
      }
    }
  }

  /**
   * The fixed-point search's kernel for the first {@code count} rows: {@code residual[b] = F(h[b], x) − h[b]} and
   * {@code gradient[b] = (J(h[b], x) − I)ᵀ residual[b]}, the gradient of {@code q = ½‖F(h) − h‖²} (Sussillo &amp;
   * Barak 2013). Equal to {@link #stepBatch} then {@link #jacobianTransposeTimesBatch} (the default, which allocates
   * nothing itself); a cell may override it to share the forward step between the two. Rows are independent as in
   * {@link #stepBatch}.
   *
   * @param residual output, at least {@code count·S} values; modified (must not alias {@code h})
   * @param gradient output, at least {@code count·S} values; modified (must not alias {@code h} or {@code residual})
   */
  default void residualGradientBatch(int count, double[] h, double[] x, double[] residual, double[] gradient) {
    int s = stateSize();
    int len = count * s;
    stepBatch(count, h, x, residual);
    for (int i = 0; i < len; i++) {
      residual[i] -= h[i];
    }
    jacobianTransposeTimesBatch(count, h, x, residual, gradient);
    for (int i = 0; i < len; i++) {
      gradient[i] -= residual[i];
    }
  }

  /**
   * {@link #residualGradientBatch} with single-precision sigmoid and tanh (a rational approximation without
   * {@code exp}, accurate to float precision, as in FixedPointFinder's float32 graphs), the rest in double (a GRU
   * with tanh also does its gate arithmetic in float, the recurrent products staying in double). For a fast
   * first phase of a fixed-point search whose results are refined and measured in double afterwards; accurate to
   * relative 1e-6, not to the double kernel's bits. Rows are independent as in {@link #stepBatch}. Default: the
   * double kernel.
   */
  default void residualGradientBatchSingle(int count, double[] h, double[] x, double[] residual, double[] gradient) {
    residualGradientBatch(count, h, x, residual, gradient);
  }
}
