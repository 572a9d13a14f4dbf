package cohort.analysis.similarity;

/**
 * The plain sums the similarity kernels share: dot products and sums of squares, each one running sum in index
 * order, so every metric built on them keeps its value to the bit. No allocation.
 */
final class Sums {

  private Sums() {}

  /** {@code Σ a[i]·b[i]} over the length of {@code a}. */
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** {@code Σ v[i]²} over {@code [from, to)}. */
  static double squares(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i] * v[i];
    }
    return s;
  }

  /** {@code Σ v[i]²} over all of {@code v}. */
  static double squares(double[] v) {
    return squares(v, 0, v.length);
  }

  /** The Euclidean (for a matrix, Frobenius) norm {@code √Σ v[i]²}. */
  static double norm(double[] v) {
    return Math.sqrt(squares(v));
  }
}
