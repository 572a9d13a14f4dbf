package cohort.study.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A square matrix drawn as a heat map with the viridis colour map (van der Walt &amp; Smith 2015; perceptually
 * uniform, readable in grey scale and by colour-blind readers), a colour bar, a strip of group colours along the
 * left and top edges, lines where the group changes along the given order, and item labels when there are few
 * enough rows to read them. The caller chooses the order (e.g. the leaves of an average-linkage dendrogram).
 */
public final class HeatMap {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Viridis, sampled at 9 evenly spaced points (matplotlib's table); linearly interpolated in between. */
  private static final int[][] VIRIDIS = {
    {68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141}, {39, 173, 129}, {92, 200, 99},
    {170, 220, 50}, {253, 231, 37}
  };

  private HeatMap() {}

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

  /** The pixel offset of item {@code k} of {@code n} along a side of {@code side} pixels. */
  private static int pos(int k, int n, int side) {
    return (int) ((long) k * side / n);
  }

  /**
   * Draws {@code matrix} (row-major, {@code n × n}) with rows and columns permuted by {@code order}.
   *
   * @param labels item labels, in the matrix's own order
   * @param groups group name of each item (e.g. its architecture), in the matrix's own order
   * @param groupColors colour of each group name
   * @param valueLabel caption of the colour bar, with units
   */
  public static BufferedImage render(String title, String subtitle, double[] matrix, int n, int[] order,
      String[] labels, String[] groups, Map<String, Color> groupColors, String valueLabel) {
    if (matrix.length != n * n || order.length != n || labels.length != n || groups.length != n) {
      throw new IllegalArgumentException("heat map '" + title + "': sizes disagree (matrix " + matrix.length
          + " values, n = " + n + ", order " + order.length + ", labels " + labels.length + ", groups "
          + groups.length + ")");
    }
    boolean showLabels = n <= 48;
    // whole pixels per cell up to 380 items; beyond, cells share pixels (the side stays 760 px)
    int cell = Math.max(1, Math.min(40, (n <= 30 ? 640 : 760) / Math.max(1, n)));
    int side = n > 380 ? 760 : cell * n;
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(12, cell - 2)));
    // labels, colour-bar ticks and the group legend are measured first and given the room they need, whole
    Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    Chart.hints(pg);
    int labelWidth = 0;
    if (showLabels) {
      FontMetrics pm = pg.getFontMetrics(labelFont);
      for (String s : labels) {
        labelWidth = Math.max(labelWidth, pm.stringWidth(s) + 8);
      }
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = matrix[i * n + j];
        if (i != j && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!(hi >= lo)) {
      lo = 0;
      hi = 1;
    }
    lo = Math.min(lo, 0);
    if (hi <= lo) {
      hi = lo + 1;
    }
    double[] barTicks = Chart.ticks(lo, hi, 5);
    FontMetrics tm = pg.getFontMetrics(tickFont);
    int widestTick = 0;
    for (double v : barTicks) {
      widestTick = Math.max(widestTick, tm.stringWidth(LinePlot.number(v)));
    }
    FontMetrics vm = pg.getFontMetrics(valueFont);
    int strip = 12;
    int left = 30 + labelWidth + strip + 4;
    int colourBarX = left + side + 40;
    int barH = Math.max(side, 340);
    List<String> valueLines = Chart.wrap(valueLabel, vm, barH); // the caption of the bar, upright, in columns
    if (valueLines == null) {
      valueLines = List.of(Chart.fit(valueLabel, vm, barH));
    }
    int valueX = colourBarX + 26 + widestTick + 10 + vm.getAscent(); // baseline of its first column
    int width = Math.max(valueX + (valueLines.size() - 1) * vm.getHeight() + vm.getDescent() + 20, 700);
    Map<String, Color> present = new LinkedHashMap<>();
    for (String s : groups) {
      present.putIfAbsent(s, groupColors.getOrDefault(s, Color.GRAY));
    }
    List<Chart.LegendEntry> legend = new ArrayList<>();
    for (Map.Entry<String, Color> e : present.entrySet()) {
      legend.add(new Chart.LegendEntry(e.getKey(), e.getValue(), null, true));
    }
    List<List<Chart.LegendEntry>> legendRows = Chart.legendRows(legend, pg.getFontMetrics(legendFont), width - 40);
    pg.dispose();
    String[] sub = subtitle == null || subtitle.isEmpty() ? new String[0] : subtitle.split("\n");
    int headerLegend = 26 + 24 * Math.max(0, legendRows.size() - 1);
    int top = 44 + 18 * sub.length + headerLegend + strip + 10;
    int height = top + Math.max(side, 340) + (showLabels ? labelWidth + 16 : 40);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      Chart.hints(g);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 19));
      g.drawString(title, 20, 28);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.setColor(new Color(60, 60, 60));
      for (int i = 0; i < sub.length; i++) {
        g.drawString(sub[i], 20, 50 + 18 * i);
      }
      // group legend, wrapped over as many rows as it needs
      int ly = 44 + 18 * sub.length + 14;
      g.setFont(legendFont);
      for (List<Chart.LegendEntry> row : legendRows) {
        Chart.drawLegendRow(g, row, 20, ly);
        ly += 24;
      }
      FontMetrics fm;
      // cells
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          double v = matrix[order[r] * n + order[c]];
          g.setColor(viridis((v - lo) / (hi - lo)));
          g.fillRect(left + pos(c, n, side), top + pos(r, n, side), Math.max(1, pos(c + 1, n, side) - pos(c, n, side)),
              Math.max(1, pos(r + 1, n, side) - pos(r, n, side)));
        }
      }
      // group strips
      for (int k = 0; k < n; k++) {
        Color col = groupColors.getOrDefault(groups[order[k]], Color.GRAY);
        g.setColor(col);
        int span = Math.max(1, pos(k + 1, n, side) - pos(k, n, side));
        g.fillRect(left - strip - 3, top + pos(k, n, side), strip, span);
        g.fillRect(left + pos(k, n, side), top - strip - 3, span, strip);
      }
      // group boundaries along the order
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(n > 100 ? 1f : 2f));
      for (int k = 1; k < n; k++) {
        if (!groups[order[k]].equals(groups[order[k - 1]])) {
          double p = pos(k, n, side);
          g.draw(new Line2D.Double(left + p, top, left + p, top + side));
          g.draw(new Line2D.Double(left, top + p, left + side, top + p));
        }
      }
      g.setColor(new Color(90, 90, 90));
      g.setStroke(new BasicStroke(1f));
      g.drawRect(left, top, side, side);
      // labels
      if (showLabels) {
        g.setFont(labelFont);
        FontMetrics lm = g.getFontMetrics();
        for (int k = 0; k < n; k++) {
          String s = labels[order[k]];
          g.setColor(Color.BLACK);
          float yc = top + k * cell + cell / 2f + lm.getAscent() / 2f - 1;
          g.drawString(s, left - strip - 8 - lm.stringWidth(s), yc);
          Graphics2D rg = (Graphics2D) g.create();
          rg.translate(left + k * cell + cell / 2.0 + lm.getAscent() / 2.0 - 1, top + side + 6);
          rg.rotate(Math.PI / 2);
          rg.drawString(s, 0, 0);
          rg.dispose();
        }
      } else {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(n + " items, ordered by average-linkage clustering (labels omitted: too many to read)", left,
            top + side + 20);
      }
      // colour bar
      int barTop = top;
      for (int y = 0; y < barH; y++) {
        g.setColor(viridis(1 - y / (double) (barH - 1)));
        g.fillRect(colourBarX, barTop + y, 18, 1);
      }
      g.setColor(new Color(90, 90, 90));
      g.drawRect(colourBarX, barTop, 18, barH);
      g.setFont(tickFont);
      fm = g.getFontMetrics();
      for (double v : barTicks) {
        double y = barTop + barH * (hi - v) / (hi - lo);
        g.setColor(Color.DARK_GRAY);
        g.draw(new Line2D.Double(colourBarX + 18, y, colourBarX + 23, y));
        g.drawString(LinePlot.number(v), colourBarX + 26, (float) (y + fm.getAscent() / 2.0 - 1));
      }
      for (int j = 0; j < valueLines.size(); j++) {
        Graphics2D rg = (Graphics2D) g.create();
        rg.setFont(valueFont);
        FontMetrics rm = rg.getFontMetrics();
        String vl = valueLines.get(j);
        rg.translate(valueX + j * rm.getHeight(), barTop + (barH + rm.stringWidth(vl)) / 2.0);
        rg.rotate(-Math.PI / 2);
        rg.setColor(Color.BLACK);
        rg.drawString(vl, 0, 0);
        rg.dispose();
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
