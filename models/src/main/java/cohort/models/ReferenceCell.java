package cohort.models;

/**
 * The double-precision dynamics of one recurrent cell, written as the textbook equations: the minimal
 * contract that analysis needs (Golub &amp; Sussillo's FixedPointFinder asks for no more than {@code F(h, x)}).
 *
 * <p>The state {@code h} is the cell's whole state: {@code hidden} values for most cells, {@code [h; c]}
 * ({@code 2 * hidden}) for the LSTM. One step is {@code h' = F(h, x)}; for continuous-time cells this is the
 * Euler map {@code h' = h + α (−h + σ(W h + U x + b))}, so fixed points of {@code F} are equilibria of the flow.
 * Implementations are immutable and thread-safe; every output array is written, never read.
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
}
