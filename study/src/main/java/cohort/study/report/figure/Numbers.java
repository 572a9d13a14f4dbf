package cohort.study.report.figure;

import java.util.Locale;

/**
 * Numbers as figures and reports print them: compact (tick labels, captions, command output), "n/a" for a value
 * that was not measured in prose, and a fixed number of decimals with a dash for a missing one in tables.
 */
public final class Numbers {

  private Numbers() {}

  /** A compact number: whole numbers without a decimal point, others to 3 significant digits. */
  public static String compact(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }

  /** {@link #compact}, or "n/a" for NaN and infinities (a value that was not measured). */
  public static String orNa(double v) {
    return Double.isFinite(v) ? compact(v) : "n/a";
  }

  /** {@code v} with {@code digits} decimals, or "—" when it is not finite (a table cell with no value). */
  public static String fixed(double v, int digits) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "—";
  }
}
