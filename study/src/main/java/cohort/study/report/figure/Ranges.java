package cohort.study.report.figure;

import java.util.List;

/** The data ranges of axes: the extent of the finite values drawn, and that extent with a margin. */
public final class Ranges {

  private Ranges() {}

  /** {@code [min, max]} of the finite values of several arrays, or {@code [NaN, NaN]} when there are none. */
  public static double[] of(List<double[]> arrays) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] a : arrays) {
      for (double v : a) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return lo <= hi ? new double[] {lo, hi} : new double[] {Double.NaN, Double.NaN};
  }

  /**
   * A range widened by {@code fraction} of its span on each side (by ±max(0.5, 10 %) when it is a single value,
   * and [0, 1] when it is not finite).
   */
  public static double[] pad(double lo, double hi, double fraction) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return new double[] {0, 1};
    }
    double span = hi - lo;
    if (span <= 1e-12 * Math.max(1, Math.abs(hi))) {
      double d = Math.max(0.5, Math.abs(hi) * 0.1);
      return new double[] {lo - d, hi + d};
    }
    return new double[] {lo - fraction * span, hi + fraction * span};
  }

  /** {@link #pad} of {@link #of}: the padded extent of several arrays. */
  public static double[] padded(List<double[]> arrays, double fraction) {
    double[] r = of(arrays);
    return pad(r[0], r[1], fraction);
  }
}
