package cohort.analysis.fixedpoints;

import cohort.models.linalg.Linalg;

/**
 * Pseudo-transient continuation (Ψtc) toward a stable fixed point of a map {@code h ↦ F(h)}: linearly implicit
 * Euler steps of the flow {@code dh/dt = F(h) − h},
 *
 * <pre>  ((1/Δt + 1) I − J) δ = F(h) − h,   h ← h + δ,</pre>
 *
 * with the pseudo-time step {@code Δt} doubled after every step that lowers {@code q = ½‖F(h) − h‖²}, kept after one
 * that raises it at most {@link #GROWTH}-fold, and cut by four (the step not taken) after one that raises it more
 * or is not finite. Small {@code Δt} follows the flow, which an attractor
 * draws in; as {@code Δt → ∞} the step becomes Newton's, {@code (J − I) δ = −(F(h) − h)}, and converges
 * quadratically (Kelley &amp; Keyes, "Convergence analysis of pseudo-transient continuation", SIAM J. Numer. Anal.
 * 35(2), 1998).
 *
 * <p>Why the fixed-point search needs it: an attractor whose slowest direction contracts by only about
 * {@code 1 − 10⁻⁴} a step (trained flip-flop GRUs have such memories) has a long slow manifold on which
 * {@code q} is tiny everywhere. Adam stops somewhere along it at {@code q ≈ 10⁻⁶}, and the Newton step from there,
 * line search or not, follows the linear model across the curved manifold and fails; iterating the map would take
 * about 10⁵ steps. Implicit Euler is stable for any {@code Δt} in the attracting directions, so Ψtc crosses the
 * manifold in tens of steps, as far as the flow's curvature lets {@code Δt} grow.
 *
 * <p>One instance per thread (it owns its scratch); deterministic.
 */
final class PseudoTransientContinuation {
  /**
   * The first pseudo-time step moves the state about this far along the flow ({@code Δt₀ = max(1, ℓ / ‖F(h) −
   * h‖)}). (Switched evolution relaxation, {@code Δt ← Δt ‖r_k‖ / ‖r_{k+1}‖}, the textbook rule, was tried: along a
   * long slow manifold of near-constant speed it never lets Δt grow.)
   */
  static final double INITIAL_LENGTH = 0.1;
  /** Below this pseudo-time step the continuation gives up (the flow is not drawing the state anywhere). */
  static final double MIN_STEP = 1e-4;
  /**
   * A step may raise q by up to this factor and still be taken: q is not monotone along a flow whose Jacobian is
   * far from normal ({@code rᵀ(J − I)r > 0} is possible near a stable point), so requiring a decrease would stop the
   * continuation where it has to pass through a transient rise.
   */
  static final double GROWTH = 100.0;
  /** Above this the step is Newton's to working precision; Δt stops growing. */
  static final double MAX_STEP = 1e12;

  private final BatchedDynamics dyn;
  private final int n;
  private final int maxSteps;
  private final double[] jac;
  private final double[] lu;
  private final double[] rhs;
  private final int[] piv;
  private final double[] res;
  private final double[] next;
  private final double[] trial;
  private final double[] trialNext;

  /** A continuation of at most {@code maxSteps} tried steps (accepted or not) per state. */
  PseudoTransientContinuation(BatchedDynamics dyn, int maxSteps) {
    this.dyn = dyn;
    this.n = dyn.stateSize();
    this.maxSteps = maxSteps;
    jac = new double[n * n];
    lu = new double[n * n];
    rhs = new double[n];
    piv = new int[n];
    res = new double[n];
    next = new double[n];
    trial = new double[n];
    trialNext = new double[n];
  }

  /**
   * Runs the continuation from {@code h} (moved in place) under the constant input {@code x} until {@code q <
   * stopQ}, the step limit, or a step shorter than {@link #MIN_STEP}; returns the final {@code q}.
   */
  double run(double[] h, double[] x, double stopQ) {
    dyn.step(1, h, x, next);
    double q = residual(h, next, res);
    double dt = Math.max(1.0, INITIAL_LENGTH / Math.sqrt(2 * q));
    for (int s = 0; s < maxSteps && q >= stopQ && dt >= MIN_STEP; s++) {
      dyn.jacobian(h, x, jac);
      double shift = 1.0 / dt + 1.0;
      for (int i = 0; i < n * n; i++) {
        lu[i] = -jac[i];
      }
      for (int i = 0; i < n; i++) {
        lu[i * n + i] += shift;
        rhs[i] = res[i];
      }
      if (!Linalg.luSolve(lu, rhs, n, piv)) {
        dt *= 0.25;
        continue;
      }
      for (int i = 0; i < n; i++) {
        trial[i] = h[i] + rhs[i];
      }
      dyn.step(1, trial, x, trialNext);
      double qt = residual(trial, trialNext, next);
      if (Double.isFinite(qt) && qt <= GROWTH * q) {
        System.arraycopy(trial, 0, h, 0, n);
        System.arraycopy(next, 0, res, 0, n);
        if (qt < q) {
          dt = Math.min(MAX_STEP, dt * 2);
        }
        q = qt;
      } else {
        dt *= 0.25;
      }
    }
    return q;
  }

  /** {@code out = image − h}; returns {@code ½‖out‖²} (non-finite as +∞). */
  private double residual(double[] h, double[] image, double[] out) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = image[i] - h[i];
      out[i] = d;
      s += d * d;
    }
    return Double.isFinite(s) ? 0.5 * s : Double.POSITIVE_INFINITY;
  }
}
