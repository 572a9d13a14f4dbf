package cohort.analysis.fixedpoints;

import cohort.analysis.linearize.EigenSystem;

/**
 * Linear stability class of a fixed point, from the number {@code k} of unstable directions of its Jacobian
 * {@code J = ∂F/∂h} (Maheswaranathan et al. 2019 colour fixed points by {@code k}).
 *
 * <p>Criterion for an eigenvalue {@code λ} of {@code J}, with a margin {@code tol ≥ 0} (default 0):
 * <ul>
 *   <li>discrete-time map: unstable ⇔ {@code |λ| > 1 + tol} (FixedPointFinder's {@code is_stable = |λ_max| < 1});</li>
 *   <li>continuous-time cell, {@code F(h) = h + α f(h)} (Euler with {@code α = Δt/τ}): the classification is that of the
 *       flow {@code τ dh/dt = f(h)}, whose Jacobian has eigenvalues {@code μ = (λ − 1)/α}; unstable ⇔ {@code Re μ > 0}
 *       ⇔ {@code Re λ > 1 + tol}. This does not depend on {@code α}. (The Euler map itself can additionally be unstable
 *       through {@code λ < −1} when {@code α} is large; that is a discretisation artefact and is not counted.)</li>
 * </ul>
 * A complex pair counts as two unstable directions.
 */
public enum Stability {
  /** No unstable direction ({@code k = 0}): an attractor. */
  STABLE,
  /** {@code 0 < k < N}: a saddle of index {@code k}. */
  SADDLE,
  /** {@code k = N}: every direction unstable (a repeller). */
  UNSTABLE;

  /** The class of a point with {@code unstable} unstable directions out of {@code n}. */
  public static Stability of(int unstable, int n) {
    if (unstable < 0 || unstable > n) {
      throw new IllegalArgumentException("Stability.of: unstable must be in [0, " + n + "], got " + unstable);
    }
    return unstable == 0 ? STABLE : unstable == n ? UNSTABLE : SADDLE;
  }

  /** Whether eigenvalue {@code k} of {@code e} is an unstable direction under the criterion above. */
  public static boolean isUnstable(EigenSystem e, int k, boolean continuousTime, double tol) {
    return continuousTime ? e.real(k) > 1.0 + tol : e.modulus(k) > 1.0 + tol;
  }

  /** Number of unstable directions of {@code e} under the criterion above. */
  public static int unstableDimensions(EigenSystem e, boolean continuousTime, double tol) {
    int k = 0;
    for (int i = 0; i < e.size(); i++) {
      if (isUnstable(e, i, continuousTime, tol)) {
        k++;
      }
    }
    return k;
  }
}
