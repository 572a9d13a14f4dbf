package cohort.analysis.fixedpoints;

import cohort.models.ReferenceCell;

/**
 * {@link BatchedDynamics} built on any {@link ReferenceCell}: per state, one {@code step} and one analytic
 * {@code jacobian}, then {@code (J − I)ᵀ r} as an explicit {@code N²} product.
 *
 * <p>Cost per state and iteration: one step plus one full Jacobian ({@code ≥ N²}, typically {@code O(G·N²)} for a
 * cell with {@code G} gate blocks) plus {@code 2N²} for the transposed product. Correct for every cell, and fast
 * enough for small networks; large searches (W4: 1,024 states × GRU-128 × 5,000 iterations) want a batched
 * vector–Jacobian product from the cell instead. Not thread-safe (owns scratch); the finder makes one per worker.
 */
public final class ReferenceCellDynamics implements BatchedDynamics {

  private final ReferenceCell cell;
  private final int n;
  private final double[] row;
  private final double[] next;
  private final double[] jac;

  /** Wraps {@code cell}; allocates {@code N² + 2N} doubles of scratch. */
  public ReferenceCellDynamics(ReferenceCell cell) {
    if (cell == null) {
      throw new IllegalArgumentException("ReferenceCellDynamics.cell must not be null");
    }
    this.cell = cell;
    this.n = cell.stateSize();
    this.row = new double[n];
    this.next = new double[n];
    this.jac = new double[n * n];
  }

  @Override
  public int stateSize() {
    return n;
  }

  @Override
  public void step(int count, double[] h, double[] x, double[] out) {
    for (int b = 0; b < count; b++) {
      System.arraycopy(h, b * n, row, 0, n);
      cell.step(row, x, next);
      System.arraycopy(next, 0, out, b * n, n);
    }
  }

  @Override
  public void residualGradient(int count, double[] h, double[] x, double[] residual, double[] gradient) {
    for (int b = 0; b < count; b++) {
      int o = b * n;
      System.arraycopy(h, o, row, 0, n);
      cell.step(row, x, next);
      for (int i = 0; i < n; i++) {
        next[i] -= row[i];
      }
      cell.jacobian(row, x, jac);
      // gradient = Jᵀ r − r, accumulated row by row of J (contiguous, vectorisable).
      for (int j = 0; j < n; j++) {
        gradient[o + j] = -next[j];
      }
      for (int i = 0; i < n; i++) {
        double ri = next[i];
        int base = i * n;
        for (int j = 0; j < n; j++) {
          gradient[o + j] += jac[base + j] * ri;
        }
      }
      System.arraycopy(next, 0, residual, o, n);
    }
  }

  @Override
  public void jacobian(double[] h, double[] x, double[] jacobian) {
    cell.jacobian(h, x, jacobian);
  }
}
