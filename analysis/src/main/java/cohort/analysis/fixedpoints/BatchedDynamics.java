package cohort.analysis.fixedpoints;

/**
 * The cost-bearing kernels of a fixed-point search over a block of states held in one row-major array
 * ({@code count} rows of {@link #stateSize()} values; arrays may be longer than {@code count} rows, only the first
 * {@code count} rows are read or written).
 *
 * <p>The optimiser minimises {@code q(h) = ½‖F(h, x) − h‖²} (Sussillo &amp; Barak 2013), whose gradient is the
 * vector–Jacobian product {@code ∇q = (J − I)ᵀ (F(h, x) − h)} with {@code J = ∂F/∂h}: one forward step and one
 * backward (BPTT-like) step per state, which is what {@link #residualGradient} computes. A cell that can do this
 * as a batched matrix product (e.g. {@code G·W} for a vanilla RNN, a GRU's three gate blocks) does so through
 * {@link cohort.models.ReferenceCell#residualGradientBatch}; {@link ReferenceCellDynamics} adapts any
 * {@link cohort.models.ReferenceCell} to this interface that way.
 *
 * <p>An instance is used by one thread at a time and may own scratch memory; the finder asks its supplier for one
 * instance per worker. Every row's result must depend only on that row's inputs (not on its position or on the
 * other rows), which is what makes the finder's result independent of batch composition and thread count.
 */
public interface BatchedDynamics {

  /** Length of one state row. */
  int stateSize();

  /**
   * One step for each of the first {@code count} rows: {@code next[b] = F(h[b], x)}.
   *
   * @param x the input, shared by all rows
   */
  void step(int count, double[] h, double[] x, double[] next);

  /**
   * For each of the first {@code count} rows: {@code residual[b] = F(h[b], x) − h[b]} and
   * {@code gradient[b] = (J(h[b], x) − I)ᵀ residual[b]}, the gradient of {@code ½‖residual[b]‖²}.
   */
  void residualGradient(int count, double[] h, double[] x, double[] residual, double[] gradient);

  /**
   * {@link #residualGradient} in single-precision arithmetic where it costs (see
   * {@link cohort.models.ReferenceCell#residualGradientBatchSingle}), for the optimiser's phase when
   * {@link FixedPointOptions#singlePrecision()}; the default is the double kernel.
   */
  default void residualGradientSingle(int count, double[] h, double[] x, double[] residual, double[] gradient) {
    residualGradient(count, h, x, residual, gradient);
  }

  /** The Jacobian {@code ∂F/∂h} of a single state {@code h} (length {@link #stateSize()}), row-major. */
  void jacobian(double[] h, double[] x, double[] jacobian);
}
