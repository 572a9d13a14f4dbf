package cohort.analysis.dsa;

/**
 * The three DSA scores of Ostrow et al. (mitchellostrow/DSA {@code simdist.py}). On operators A, B
 * divided by their Frobenius norms and the best orthogonal C:
 * ANGULAR {@code = arccos tr(Aᵀ C B Cᵀ)}, EUCLIDEAN {@code = ‖A − C B Cᵀ‖_F}; WASSERSTEIN is the
 * optimal-transport cost between the eigenvalue sets of the raw operators (points in the complex
 * plane, squared Euclidean cost, uniform weights, the smaller set padded with zeros), POT's
 * {@code emd2}, i.e. a squared 2-Wasserstein distance with no square root.
 */
public enum DsaScore {
  ANGULAR,
  EUCLIDEAN,
  WASSERSTEIN
}
