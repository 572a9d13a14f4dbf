package cohort.analysis.separability;

/**
 * A fitted two-class linear classifier: class 1 where {@code w·x + b > 0}, class 0 elsewhere. Both of Cohort's
 * classifiers ({@link LogisticRegression}, {@link LinearDiscriminant}) end in one.
 *
 * @param weights w, one per feature; not copied, not to be modified
 * @param bias b
 */
public record LinearRule(double[] weights, double bias) {

  /** The predicted class, 0 or 1, of one feature vector of {@code weights.length} values. */
  public int predict(double[] x) {
    double s = bias;
    for (int j = 0; j < weights.length; j++) {
      s += weights[j] * x[j];
    }
    return s > 0 ? 1 : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearRule r && Double.compare(r.bias, bias) == 0
        && java.util.Arrays.equals(r.weights, weights);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(weights) + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "LinearRule[weights=" + java.util.Arrays.toString(weights) + ", bias=" + bias + "]";
  }
}
