package cohort.study.report.figure;

import java.awt.Color;

/**
 * The colours figures draw data with: the Tableau 10 cycle for categories (channels, architectures, the levels of
 * a grid factor) and the viridis map for values (van der Walt &amp; Smith 2015; perceptually uniform, readable in
 * grey scale and by colour-blind readers).
 */
public final class Palette {

  private Palette() {}

  /** Tableau 10, in its order: category {@code i} takes colour {@code i} modulo 10. */
  private static final Color[] TABLEAU = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)
  };

  /** Viridis, sampled at 9 evenly spaced points (matplotlib's table); linearly interpolated in between. */
  private static final int[][] VIRIDIS = {
    {68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141}, {39, 173, 129}, {92, 200, 99},
    {170, 220, 50}, {253, 231, 37}
  };

  /** Number of colours in the category cycle. */
  public static final int CATEGORIES = TABLEAU.length;

  /** The colour of category {@code i} (any {@code i >= 0}; the cycle repeats after {@link #CATEGORIES}). */
  public static Color category(int i) {
    return TABLEAU[i % TABLEAU.length];
  }

  /** The viridis colour of {@code t} in [0, 1] (clamped; NaN is light grey). */
  public static Color viridis(double t) {
    if (Double.isNaN(t)) {
      return new Color(220, 220, 220);
    }
    double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min((int) u, VIRIDIS.length - 2);
    double f = u - i;
    int[] a = VIRIDIS[i];
    int[] b = VIRIDIS[i + 1];
    return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
        (int) Math.round(a[2] + f * (b[2] - a[2])));
  }

  /** {@code c} with opacity {@code alpha} (0 transparent, 255 opaque). */
  public static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }
}
