package cohort.study.report.figure;

import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The ticks of one chart panel and how their labels are drawn: the axis ranges after the equal-aspect widening, the
 * x tick values (or, for categories, each label's lines, or the labels turned to read upwards when a label does
 * not fit its slot even wrapped), the y tick values and labels, and the depth in pixels below the plot area that
 * the x labels take. Measured before the layout is fixed, so that the margins hold every label whole.
 */
record PanelTicks(double xMin, double xMax, double yMin, double yMax, double[] x, List<List<String>> categories,
    boolean turned, double[] y, List<String> yLabels, int depth) {

  /** Category labels wrap onto at most this many lines before they are turned instead. */
  private static final int MAX_CATEGORY_LINES = 3;

  /** The ticks of {@code p} drawn in a {@code w × h} plot area with tick labels of metrics {@code fm}. */
  static PanelTicks of(Panel p, int w, int h, FontMetrics fm) {
    double xMin = p.xMin();
    double xMax = p.xMax();
    double yMin = p.yMin();
    double yMax = p.yMax();
    if (p.equalAspect()) {
      double perPixel = Math.max((xMax - xMin) / w, (yMax - yMin) / h);
      double cx = (xMin + xMax) / 2;
      double cy = (yMin + yMax) / 2;
      xMin = cx - perPixel * w / 2;
      xMax = cx + perPixel * w / 2;
      yMin = cy - perPixel * h / 2;
      yMax = cy + perPixel * h / 2;
    }
    int line = fm.getHeight();
    double[] yt = p.logY() ? Ticks.log(yMin, yMax, h, line + 4) : Ticks.linear(yMin, yMax, Math.max(3, h / 60));
    List<String> yLabels = new ArrayList<>();
    for (double v : yt) {
      yLabels.add(Numbers.compact(v));
    }
    int depth = 18 + fm.getDescent();
    if (p.categories() != null) {
      // each label whole: on one line, else wrapped at spaces within its slot, else every label turned upright
      int room = (int) (w / Math.max(1.0, xMax - xMin)) - 8;
      List<List<String>> lines = new ArrayList<>();
      boolean turned = false;
      int most = 1;
      int widest = 0;
      for (String c : p.categories()) {
        List<String> l = Labels.wrap(c, fm, room);
        turned |= l == null || l.size() > MAX_CATEGORY_LINES;
        lines.add(l == null ? List.of(c) : l);
        most = Math.max(most, l == null ? 1 : l.size());
        widest = Math.max(widest, fm.stringWidth(c));
      }
      if (turned) {
        lines.replaceAll(l -> List.of(String.join(" ", l)));
        depth = 8 + widest;
      } else {
        depth = 18 + (most - 1) * line + fm.getDescent();
      }
      return new PanelTicks(xMin, xMax, yMin, yMax, null, lines, turned, yt, yLabels, depth);
    }
    // as many x ticks as fit with their labels apart
    double[] xt = Ticks.linear(xMin, xMax, Math.max(3, w / 90));
    for (int target = Math.max(3, w / 90) - 1; target >= 1 && crowded(xt, xMin, xMax, w, fm); target--) {
      xt = Ticks.linear(xMin, xMax, target);
    }
    return new PanelTicks(xMin, xMax, yMin, yMax, xt, null, false, yt, yLabels, depth);
  }

  /** The plot area of a panel at pixel {@code (left, top)}, with these ranges. */
  Frame frame(int left, int top, int w, int h, boolean logY) {
    return new Frame(left, top, w, h, xMin, xMax, yMin, yMax, logY);
  }

  /** Whether neighbouring x tick labels come closer than 10 pixels. */
  private static boolean crowded(double[] xt, double xMin, double xMax, int w, FontMetrics fm) {
    for (int i = 1; i < xt.length; i++) {
      double gap = w * (xt[i] - xt[i - 1]) / (xMax - xMin);
      double half = (fm.stringWidth(Numbers.compact(xt[i])) + fm.stringWidth(Numbers.compact(xt[i - 1]))) / 2.0;
      if (gap < half + 10) {
        return true;
      }
    }
    return false;
  }
}
