package cohort.analysis.dsa;

import cohort.analysis.similarity.Matrix;
import cohort.models.linalg.Linalg;

/**
 * One fitted HAVOK/Hankel DMD model: the reduced r×r operator {@code A_v} that DSA compares, with what
 * produced it.
 *
 * @param operator A_v, r×r, acting on the leading r right singular coordinates of the Hankel matrix
 * @param singularValues the Hankel singular values that were computed, descending (all of them, or the
 *     leading r when the rank was fixed)
 * @param rank r
 * @param hankelRows rows of the stacked Hankel matrix (trials × (steps − (nDelays−1)·delayInterval))
 * @param hankelCols its columns (units × nDelays)
 */
public record DmdFit(Matrix operator, double[] singularValues, int rank, int hankelRows, int hankelCols) {

  /** The eigenvalues of A_v as {@code {re, im}} (LAPACK dgeev order). */
  public double[][] eigenvalues() {
    return Linalg.eigenvalues(operator.data(), operator.rows());
  }
}
