package cohort.analysis.linearize;

/**
 * How the eigenvalues of an {@link EigenSystem} are ordered.
 *
 * <p>Ties (a complex-conjugate pair has equal modulus and real part) are broken by the imaginary part,
 * descending, so the member with the positive imaginary part always comes first, then by the real part.
 */
public enum EigenOrder {
  /** By modulus {@code |λ|}, largest first: the natural order for a discrete-time map (FixedPointFinder's order). */
  MODULUS_DESCENDING,
  /** By real part, largest first: the natural order for a continuous-time flow (growth rate {@code Re μ}). */
  REAL_PART_DESCENDING
}
