package cohort.analysis.similarity;

import java.util.EnumSet;
import java.util.Set;

/**
 * A transformation of one network's units (the columns of its activity, the last axis of its trajectories)
 * under which a metric may be invariant: the netrep-style claims that the property tests check for every
 * registered metric ({@link Metric#invariances()}).
 */
public enum Invariance {
  /** {@code X ↦ X Q} for an orthogonal Q: the units are rotated or reflected. */
  ROTATION,
  /** {@code X ↦ X P} for a permutation P: the units are relabelled. */
  UNIT_PERMUTATION,
  /** {@code X ↦ X + 1 cᵀ}: every unit is offset by its own constant. */
  TRANSLATION,
  /** {@code X ↦ s X}, s &gt; 0. */
  ISOTROPIC_SCALING,
  /** {@code X ↦ X M} for any invertible M (CCA's invariance). */
  INVERTIBLE_LINEAR;

  /**
   * The similarity transformations of the units, {@code X ↦ s X Q + 1 cᵀ} (rotations and reflections, hence
   * permutations, translations and isotropic scalings): the invariances Kornblith et al. 2019 ask of a
   * representational similarity index, which CKA and SVCCA have. A new, modifiable set.
   */
  public static Set<Invariance> similarityTransforms() {
    return EnumSet.of(ROTATION, UNIT_PERMUTATION, TRANSLATION, ISOTROPIC_SCALING);
  }
}
