package cohort.analysis.fixedpoints;

import cohort.analysis.linearize.EigenSystem;

/**
 * One fixed (or slow) point {@code h*} of {@code h' = F(h, x*)} with its linearisation
 * {@code δh' ≈ J δh}, {@code J = ∂F/∂h(h*, x*)} (Sussillo &amp; Barak 2013).
 *
 * <p>The eigen-decomposition is sorted by {@code |λ|} descending for discrete-time cells and by {@code Re λ}
 * descending for continuous-time cells (the order of the flow's growth rates {@code Re μ = (Re λ − 1)/α}); see
 * {@link Stability} for the exact stability criterion. Arrays are copied in and out.
 *
 * @param state {@code h*}, length {@code N}
 * @param input {@code x*}, the constant input of the search
 * @param q speed {@code ½‖F(h*, x*) − h*‖²}
 * @param kind {@link PointKind#FIXED} if {@code q < tolQ}, else {@link PointKind#SLOW}
 * @param jacobian {@code J}, {@code N × N} row-major
 * @param eigen eigenvalues and eigenvectors of {@code J}; for a {@link PointKind#SLOW} point found by
 *     {@link FixedPointFinder} eigenvalues only ({@link EigenSystem#hasVectors()} false: decompose {@link #jacobian()}
 *     with {@link EigenSystem#of} for them)
 * @param unstableDimensions number {@code k} of unstable directions
 * @param stability class derived from {@code k}
 */
public record FixedPoint(double[] state, double[] input, double q, PointKind kind, double[] jacobian,
    EigenSystem eigen, int unstableDimensions, Stability stability) {

  /** Validates shapes and copies the arrays. */
  public FixedPoint {
    if (state == null || state.length == 0) {
      throw new IllegalArgumentException("FixedPoint.state must be a non-empty array");
    }
    int n = state.length;
    if (input == null) {
      throw new IllegalArgumentException("FixedPoint.input must not be null");
    }
    if (!(q >= 0)) {
      throw new IllegalArgumentException("FixedPoint.q must be >= 0, got " + q);
    }
    if (kind == null || stability == null || eigen == null) {
      throw new IllegalArgumentException("FixedPoint.kind, eigen and stability must not be null");
    }
    if (jacobian == null || jacobian.length != n * n) {
      throw new IllegalArgumentException("FixedPoint.jacobian must have length N*N = " + (n * n));
    }
    if (eigen.size() != n) {
      throw new IllegalArgumentException("FixedPoint.eigen must have size N = " + n + ", got " + eigen.size());
    }
    if (stability != Stability.of(unstableDimensions, n)) {
      throw new IllegalArgumentException("FixedPoint.stability " + stability + " contradicts unstableDimensions "
          + unstableDimensions + " of " + n);
    }
    state = state.clone();
    input = input.clone();
    jacobian = jacobian.clone();
  }

  /** Copy of {@code h*}. */
  @Override
  public double[] state() {
    return state.clone();
  }

  /** Copy of {@code x*}. */
  @Override
  public double[] input() {
    return input.clone();
  }

  /** Copy of the Jacobian. */
  @Override
  public double[] jacobian() {
    return jacobian.clone();
  }

  /** Component {@code i} of {@code h*} (no copy). */
  public double state(int i) {
    return state[i];
  }

  /** State size {@code N}. */
  public int size() {
    return state.length;
  }

  /** Euclidean distance between {@code h*} and {@code h}. */
  public double distanceTo(double[] h) {
    double s = 0;
    for (int i = 0; i < state.length; i++) {
      double d = state[i] - h[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
