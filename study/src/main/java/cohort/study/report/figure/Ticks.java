package cohort.study.report.figure;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an axis puts its ticks: round values (multiples of a 1-2-5 step) on a linear axis, powers of ten (and 2×
 * and 5× them over few decades) on a log axis, thinned until neighbouring labels are apart; and the sparse ticks
 * of a lane (its ends and 0).
 */
public final class Ticks {

  private Ticks() {}

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  public static double nice(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** Round tick values (multiples of a 1-2-5 step) inside {@code [lo, hi]}, about {@code target} of them. */
  public static double[] linear(double lo, double hi, int target) {
    double step = nice(0.75 * (hi - lo) / target); // at most ~4/3 of target ticks
    double first = Math.ceil(lo / step - 1e-9) * step;
    List<Double> out = new ArrayList<>();
    for (double v = first; v <= hi + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
      if (out.size() > 50) {
        break;
      }
    }
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = Double.parseDouble(Numbers.compact(out.get(i))); // strips 0.30000000000000004
    }
    return a;
  }

  /** Powers of ten inside {@code [lo, hi]} (and 2× and 5× them when fewer than three decades are shown). */
  public static double[] log(double lo, double hi) {
    int a = (int) Math.floor(Math.log10(lo));
    int b = (int) Math.ceil(Math.log10(hi));
    boolean fine = b - a <= 3;
    List<Double> out = new ArrayList<>();
    for (int e = a; e <= b; e++) {
      for (double m : fine ? new double[] {1, 2, 5} : new double[] {1}) {
        double v = m * Math.pow(10, e);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
          out.add(v);
        }
      }
    }
    return unboxed(out);
  }

  /**
   * Log ticks for an axis {@code pixels} long whose labels need {@code spacing} pixels each: those of
   * {@link #log(double, double)} when they fit, else powers of ten every 1, 2, 5, 10, 20, ... decades, the first
   * step at which neighbouring ticks are at least {@code spacing} apart.
   */
  public static double[] log(double lo, double hi, int pixels, int spacing) {
    double decades = Math.log10(hi / lo);
    double[] all = log(lo, hi);
    if (all.length <= 1 || pixels * minimumGap(all) / decades >= spacing) {
      return all;
    }
    int a = (int) Math.ceil(Math.log10(lo) - 1e-9);
    int b = (int) Math.floor(Math.log10(hi) + 1e-9);
    int step = Math.max(1, (int) nice(spacing * decades / pixels));
    List<Double> out = new ArrayList<>();
    for (int e = Math.floorDiv(a + step - 1, step) * step; e <= b; e += step) {
      out.add(Math.pow(10, e));
    }
    return unboxed(out);
  }

  /** Round tick values inside {@code [lo, hi]}: the lowest and highest multiple of a 1-2-5 step, and 0. */
  public static double[] endsAndZero(double lo, double hi) {
    double step = nice((hi - lo) / 4);
    double first = Math.ceil(lo / step - 1e-9) * step + 0.0; // + 0.0 turns -0.0 into 0.0
    double last = Math.floor(hi / step + 1e-9) * step + 0.0;
    if (last < first) {
      return new double[] {lo, hi};
    }
    if (first < 0 && last > 0) {
      return new double[] {first, 0, last};
    }
    return last > first ? new double[] {first, last} : new double[] {first};
  }

  /** The smallest gap between neighbouring ticks, in decades. */
  private static double minimumGap(double[] ticks) {
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 1; i < ticks.length; i++) {
      gap = Math.min(gap, Math.log10(ticks[i] / ticks[i - 1]));
    }
    return gap;
  }

  private static double[] unboxed(List<Double> values) {
    double[] r = new double[values.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = values.get(i);
    }
    return r;
  }
}
