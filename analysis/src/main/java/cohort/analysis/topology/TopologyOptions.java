package cohort.analysis.topology;

/**
 * Settings of {@link FixedPointTopology}.
 *
 * @param epsilon distance of the starting points from a saddle along each (unit) unstable direction; default
 *     1e-3 (FixedPointFinder's {@code tol_unique}: the smallest distance at which two states count as different)
 * @param maxSteps maximum number of steps of the autonomous map {@code F(·, x*)} per trajectory; default 50,000:
 *     in flip-flop GRUs the whole cube is slow (corners contract by {@code 1 − 1e-4} a step, saddles' unstable
 *     eigenvalues are 1.01–1.13), and with 5,000 steps up to a quarter of the launches were still travelling; a
 *     trajectory leaves the batch as soon as it arrives or settles, so the bound costs only what is needed
 * @param arrivalTolerance a trajectory has arrived when it is within this Euclidean distance of a stable point;
 *     default 1e-3 (the dedup tolerance)
 * @param captureFraction a trajectory has also arrived at a stable point {@code a} when it is within
 *     {@code captureFraction · d(a)} of it, {@code d(a)} the distance from {@code a} to the nearest other node; default
 *     0.25. Trained memory networks have attractors whose slowest mode contracts by only {@code 1 − 1e-4} per step
 *     (a flip-flop GRU: spectral radius 0.9999), so reaching {@code arrivalTolerance} can take 10⁵ steps; a
 *     trajectory that has come a quarter of the way from the nearest other fixed point (a saddle is a basin's
 *     gatekeeper) is in the attractor's linear neighbourhood. 0 keeps the plain tolerance
 * @param settleTolerance a trajectory that has not arrived is abandoned (counted as unresolved) once a step moves it
 *     less than this (it has converged to a non-stable point, e.g. onto another saddle's stable manifold in a
 *     symmetric network); default 1e-10
 * @param stabilityTolerance margin of the unstable-direction criterion, as in
 *     {@link cohort.analysis.fixedpoints.Stability}; must match the one used to find the points; default 0
 * @param includeSlowPoints whether slow points are nodes (sources and attractors) too; default true. Trained
 *     networks often have slow points as memory states; but the optimiser can also end in saturated regions of a
 *     gated cell far outside the reachable states, where {@code q} only decays asymptotically, and those slow
 *     points are spurious (see {@link cohort.analysis.fixedpoints.PointKind#SLOW})
 */
public record TopologyOptions(double epsilon, int maxSteps, double arrivalTolerance, double captureFraction,
    double settleTolerance, double stabilityTolerance, boolean includeSlowPoints) {

  /** Validates every field. */
  public TopologyOptions {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("TopologyOptions.epsilon must be finite and > 0, got " + epsilon);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("TopologyOptions.maxSteps must be >= 1, got " + maxSteps);
    }
    if (!(arrivalTolerance > 0) || Double.isInfinite(arrivalTolerance)) {
      throw new IllegalArgumentException(
          "TopologyOptions.arrivalTolerance must be finite and > 0, got " + arrivalTolerance);
    }
    if (!(captureFraction >= 0 && captureFraction < 0.5)) {
      throw new IllegalArgumentException(
          "TopologyOptions.captureFraction must be in [0, 0.5) (balls around two points must not overlap), got "
              + captureFraction);
    }
    if (!(settleTolerance >= 0) || Double.isInfinite(settleTolerance)) {
      throw new IllegalArgumentException(
          "TopologyOptions.settleTolerance must be finite and >= 0, got " + settleTolerance);
    }
    if (!(stabilityTolerance >= 0) || Double.isInfinite(stabilityTolerance)) {
      throw new IllegalArgumentException(
          "TopologyOptions.stabilityTolerance must be finite and >= 0, got " + stabilityTolerance);
    }
  }

  /** Copy with another {@code includeSlowPoints}. */
  public TopologyOptions withIncludeSlowPoints(boolean v) {
    return new TopologyOptions(epsilon, maxSteps, arrivalTolerance, captureFraction, settleTolerance,
        stabilityTolerance, v);
  }

  /** Copy with another {@code maxSteps}. */
  public TopologyOptions withMaxSteps(int v) {
    return new TopologyOptions(epsilon, v, arrivalTolerance, captureFraction, settleTolerance, stabilityTolerance,
        includeSlowPoints);
  }

  /** Copy with another {@code captureFraction}. */
  public TopologyOptions withCaptureFraction(double v) {
    return new TopologyOptions(epsilon, maxSteps, arrivalTolerance, v, settleTolerance, stabilityTolerance,
        includeSlowPoints);
  }

  /** The defaults listed above. */
  public static TopologyOptions defaults() {
    return new TopologyOptions(1e-3, 50_000, 1e-3, 0.25, 1e-10, 0.0, true);
  }
}
