package cohort.analysis.separability;

/**
 * Cross-validated linear separability of two labelled groups with its permutation null.
 *
 * @param accuracy mean held-out accuracy over the folds
 * @param nullAccuracies the accuracy after each label permutation
 * @param pValue (1 + #{null ≥ accuracy}) / (1 + permutations) (Phipson &amp; Smyth 2010)
 * @param features what the classifier saw, e.g. "mds-2" or "distance-rows"
 * @param options the options used
 */
public record SeparabilityResult(double accuracy, double[] nullAccuracies, double pValue, String features,
    SeparabilityOptions options) {}
