package cohort.analysis.separability;

import cohort.analysis.similarity.Checks;

/**
 * Options of a linear-separability test.
 *
 * @param folds stratified cross-validation folds, ≥ 2
 * @param permutations label permutations for the null distribution, ≥ 0
 * @param classifier the linear classifier
 * @param ridge L2 penalty λ of the logistic regression (ignored by LDA), ≥ 0
 * @param seed seed of the fold assignment and the permutations
 */
public record SeparabilityOptions(int folds, int permutations, Classifier classifier, double ridge, long seed) {

  /** Which linear classifier. */
  public enum Classifier {
    /** L2-regularised binomial logistic regression ({@link LogisticRegression}). */
    LOGISTIC,
    /** Fisher's linear discriminant analysis ({@link LinearDiscriminant}). */
    LDA
  }

  public SeparabilityOptions {
    Checks.atLeast("separability folds", folds, 2);
    Checks.atLeast("separability permutations", permutations, 0);
    Checks.given("separability classifier", classifier, "LOGISTIC or LDA");
    Checks.nonNegative("separability ridge", ridge);
  }

  /** 5 folds, 1,000 permutations, logistic regression with λ = 0.1, seed 0. */
  public SeparabilityOptions() {
    this(5, 1000, Classifier.LOGISTIC, 0.1, 0L);
  }
}
