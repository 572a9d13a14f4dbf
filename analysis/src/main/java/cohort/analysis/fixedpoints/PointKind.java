package cohort.analysis.fixedpoints;

/**
 * Whether a point found by the {@link FixedPointFinder} is a fixed point or only a slow point.
 *
 * <p>Sussillo &amp; Barak (2013) call a state with small but non-zero speed {@code q(h) = ½‖F(h) − h‖²} a slow
 * point: the local linearisation still describes the dynamics for a while (e.g. the "ghost" of a saddle-node
 * just past its bifurcation, or points on a slowly drifting approximate line attractor).
 */
public enum PointKind {
  /** {@code q < tolQ}: a fixed point to the finder's tolerance. */
  FIXED,
  /**
   * {@code tolQ ≤ q ≤ slowQ}: a slow point, not a true fixed point. Caution for gated cells (GRU, UGRNN): the
   * optimiser can drift into saturated regions (update gate ≈ 1) far outside the states the network ever visits,
   * where {@code q} decays only asymptotically; such candidates also end as slow points. On random small GRUs most
   * slow points are of this kind (state entries ≫ 1 although GRU trajectories stay in [−1, 1]); a tighter
   * {@link FixedPointOptions#outlierDistanceScale()} or a check of the state range removes them.
   */
  SLOW
}
