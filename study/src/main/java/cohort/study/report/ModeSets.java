package cohort.study.report;

import cohort.study.report.figure.Layer;
import cohort.study.report.figure.MarkerShape;
import cohort.study.report.figure.Palette;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Eigenvalues {@code (x, y)} gathered over several runs, split by the stability of their mode (stable: inside or
 * on the unit circle for a map, {@code x ≤ 0} for a flow) and by a class of marker (task, kind of point), and drawn
 * as markers: every stable mode in {@link #STABLE}, then every unstable one in {@link #UNSTABLE} on top.
 */
final class ModeSets {

  /** Colour of a stable mode: an eigenvalue inside or on the unit circle (map) or with Re μ ≤ 0 (flow). */
  static final Color STABLE = new Color(31, 119, 180);
  /** Colour of an unstable mode: an eigenvalue outside the unit circle (map) or with Re μ > 0 (flow). */
  static final Color UNSTABLE = new Color(214, 39, 40);

  /** {@code [class][0 = stable, 1 = unstable]}: x values then y values, {@code size} of each used. */
  private final double[][][] x;
  private final double[][][] y;
  private final int[][] size;

  ModeSets(int classes) {
    x = new double[classes][2][16];
    y = new double[classes][2][16];
    size = new int[classes][2];
  }

  /**
   * How far beyond the unit circle an eigenvalue must lie to count as unstable: an orthogonal matrix's eigenvalues
   * (a float32 network's, whose moduli are 1 to within about 1e-7) are on the circle, not outside it.
   */
  static final double ON_CIRCLE = 1e-6;

  /** Adds eigenvalues under marker class {@code cls}; unstable: {@code x > 0} for a flow, else {@code |λ| > 1}. */
  void add(int cls, double[] xs, double[] ys, boolean flow) {
    for (int i = 0; i < xs.length; i++) {
      int s = (flow ? xs[i] > 0 : Math.hypot(xs[i], ys[i]) > 1 + ON_CIRCLE) ? 1 : 0;
      int n = size[cls][s];
      if (n == x[cls][s].length) {
        x[cls][s] = Arrays.copyOf(x[cls][s], 2 * n);
        y[cls][s] = Arrays.copyOf(y[cls][s], 2 * n);
      }
      x[cls][s][n] = xs[i];
      y[cls][s][n] = ys[i];
      size[cls][s] = n + 1;
    }
  }

  /** Number of stable ({@code 0}) or unstable ({@code 1}) modes. */
  int count(int stability) {
    int n = 0;
    for (int[] s : size) {
      n += s[stability];
    }
    return n;
  }

  /**
   * Markers: every stable mode first, then every unstable one on top, in the class's shape; more transparent and
   * smaller when there are 400 modes or more.
   */
  List<Layer> layers(MarkerShape[] shapes) {
    boolean few = count(0) + count(1) < 400;
    List<Layer> out = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      for (int c = size.length - 1; c >= 0; c--) {
        out.add(new Layer.Points(Arrays.copyOf(x[c][s], size[c][s]), Arrays.copyOf(y[c][s], size[c][s]),
            Palette.withAlpha(s == 0 ? STABLE : UNSTABLE, few ? 200 : 120), shapes[c], few ? 7 : 5));
      }
    }
    return out;
  }

  /** Every x ({@code axis} 0) or y (1) value, for axis ranges. */
  List<double[]> all(int axis) {
    List<double[]> out = new ArrayList<>();
    for (int c = 0; c < size.length; c++) {
      for (int s = 0; s < 2; s++) {
        out.add(Arrays.copyOf(axis == 0 ? x[c][s] : y[c][s], size[c][s]));
      }
    }
    return out;
  }
}
