package cohort.analysis.dsa;

import cohort.analysis.similarity.Matrix;
import cohort.models.linalg.Linalg;

/**
 * One fitted HAVOK/Hankel DMD model: the reduced r×r operator {@code A_v} that DSA compares, with what
 * produced it, and the operator's eigenvalues, computed once per fit (the Wasserstein score of every pair reads
 * them instead of decomposing both operators again).
 *
 * @param operator A_v, r×r, acting on the leading r right singular coordinates of the Hankel matrix
 * @param singularValues the Hankel singular values that were computed, descending (all of them, or the
 *     leading r when the rank was fixed)
 * @param rank r
 * @param hankelRows rows of the stacked Hankel matrix (trials × (steps − (nDelays−1)·delayInterval))
 * @param hankelCols its columns (units × nDelays)
 * @param eigenvalues the eigenvalues of A_v as {@code {re, im}} (LAPACK dgeev order)
 */
public record DmdFit(Matrix operator, double[] singularValues, int rank, int hankelRows, int hankelCols,
    double[][] eigenvalues) {

  /** A fit whose eigenvalues are computed here from the operator. */
  public DmdFit(Matrix operator, double[] singularValues, int rank, int hankelRows, int hankelCols) {
    this(operator, singularValues, rank, hankelRows, hankelCols,
        Linalg.eigenvalues(operator.data(), operator.rows()));
  }

  /** The eigenvalues of A_v as {@code {re, im}} (LAPACK dgeev order); a copy. */
  @Override
  public double[][] eigenvalues() {
    return new double[][] {eigenvalues[0].clone(), eigenvalues[1].clone()};
  }

  /** The score of {@link EigenvalueWasserstein} between this fit's operator and another's, from the stored eigenvalues. */
  public double wasserstein(DmdFit other) {
    return EigenvalueWasserstein.distance(eigenvalues[0], eigenvalues[1], other.eigenvalues[0], other.eigenvalues[1]);
  }
}
