package cohort.analysis.fixedpoints;

import cohort.models.ReferenceCell;

/**
 * {@link BatchedDynamics} built on any {@link ReferenceCell}, through the cell's batched kernels:
 * {@link ReferenceCell#stepBatch} for the step and {@link ReferenceCell#residualGradientBatch} for
 * {@code r = F(h) − h} and {@code ∇q = Jᵀr − r} (one forward and one backward step per state, never the full
 * Jacobian).
 *
 * <p>Cost per state and iteration for {@link cohort.models.ReferenceNetwork}'s cells: the recurrent products of all
 * states of a block as two matrix products ({@code H·W} forward, {@code Δ·Wᵀ} backward, {@code 2·G·N²} multiply–adds
 * per state for {@code G} gate blocks, through OpenBLAS when it loads) plus {@code O(G·N)} elementwise work; a cell
 * that only implements {@code step} and {@code jacobian} runs the interface's per-state defaults (a full Jacobian
 * per state). Rows are independent (the cell's contract), so results do not depend on block partition or thread
 * count. Holds no scratch of its own (the cell keeps per-thread scratch); one instance per worker as the finder asks.
 */
public final class ReferenceCellDynamics implements BatchedDynamics {

  private final ReferenceCell cell;
  private final int n;

  /** Wraps {@code cell}. */
  public ReferenceCellDynamics(ReferenceCell cell) {
    if (cell == null) {
      throw new IllegalArgumentException("ReferenceCellDynamics.cell must not be null");
    }
    this.cell = cell;
    this.n = cell.stateSize();
  }

  @Override
  public int stateSize() {
    return n;
  }

  @Override
  public void step(int count, double[] h, double[] x, double[] out) {
    cell.stepBatch(count, h, x, out);
  }

  @Override
  public void residualGradient(int count, double[] h, double[] x, double[] residual, double[] gradient) {
    cell.residualGradientBatch(count, h, x, residual, gradient);
  }

  @Override
  public void residualGradientSingle(int count, double[] h, double[] x, double[] residual, double[] gradient) {
    cell.residualGradientBatchSingle(count, h, x, residual, gradient);
  }

  @Override
  public void jacobian(double[] h, double[] x, double[] jacobian) {
    cell.jacobian(h, x, jacobian);
  }
}
