package cohort.study.report.figure;

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
 * A square matrix drawn as a heat map with the {@linkplain Palette#viridis viridis} colour map, a colour bar, a
 * strip of group colours along the left and top edges, lines where the group changes along the given order, and
 * item labels when there are few enough rows to read them. The caller chooses the order (e.g. the leaves of an
 * average-linkage dendrogram).
 */
public final class HeatMap {

  private static final Style STYLE = Style.STANDARD;
  private static final Color FRAME = new Color(90, 90, 90);
  /** Width in pixels of the group strips. */
  private static final int STRIP = 12;

  private HeatMap() {}

  /** The pixel offset of item {@code k} of {@code n} along a side of {@code side} pixels. */
  private static int pos(int k, int n, int side) {
    return (int) ((long) k * side / n);
  }

  /**
   * Draws {@code matrix} (row-major, {@code n × n}) with rows and columns permuted by {@code order}.
   *
   * @param subtitle lines under the title, separated by {@code \n} (null or empty for none)
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
    Font labelFont = Style.plain(Math.max(9, Math.min(12, cell - 2)));
    // labels, colour-bar ticks and the group legend are measured first and given the room they need, whole
    int labelWidth = 0;
    if (showLabels) {
      FontMetrics pm = Canvas.metrics(labelFont);
      for (String s : labels) {
        labelWidth = Math.max(labelWidth, pm.stringWidth(s) + 8);
      }
    }
    double[] range = offDiagonalRange(matrix, n);
    double lo = range[0];
    double hi = range[1];
    double[] barTicks = Ticks.linear(lo, hi, 5);
    FontMetrics tm = Canvas.metrics(STYLE.tick());
    int widestTick = 0;
    for (double v : barTicks) {
      widestTick = Math.max(widestTick, tm.stringWidth(Numbers.compact(v)));
    }
    FontMetrics vm = Canvas.metrics(STYLE.axis());
    int left = 30 + labelWidth + STRIP + 4;
    int colourBarX = left + side + 40;
    int barH = Math.max(side, 340);
    List<String> valueLines = Labels.wrap(valueLabel, vm, barH); // the caption of the bar, upright, in columns
    if (valueLines == null) {
      valueLines = List.of(Labels.fit(valueLabel, vm, barH));
    }
    int valueX = colourBarX + 26 + widestTick + 10 + vm.getAscent(); // baseline of its first column
    int width = Math.max(valueX + (valueLines.size() - 1) * vm.getHeight() + vm.getDescent() + 20, 700);
    List<List<Legend.Entry>> legendRows = Legend.rows(groupLegend(groups, groupColors),
        Canvas.metrics(STYLE.legend()), width - 40);
    String[] sub = Canvas.lines(subtitle);
    int headerLegend = 26 + 24 * Math.max(0, legendRows.size() - 1);
    int top = 44 + 18 * sub.length + headerLegend + STRIP + 10;
    int height = top + barH + (showLabels ? labelWidth + 16 : 40);
    List<String> captionLines = valueLines;
    int labelRoom = labelWidth;
    return Canvas.paint(width, height, g -> {
      Canvas.header(g, STYLE, title, sub, 20);
      Legend.draw(g, STYLE, legendRows, 20, 44 + 18 * sub.length + 14); // the groups, over as many rows as needed
      drawCells(g, matrix, n, order, left, top, side, lo, hi);
      drawGroups(g, n, order, groups, groupColors, left, top, side);
      if (showLabels) {
        drawLabels(g, labels, n, order, labelFont, cell, left, top, side);
      } else {
        g.setFont(STYLE.tick());
        g.setColor(Color.DARK_GRAY);
        g.drawString(n + " items, ordered by average-linkage clustering (labels omitted: too many to read)", left,
            top + side + 20);
      }
      drawColourBar(g, colourBarX, top, barH, lo, hi, barTicks, captionLines, valueX);
    });
  }

  /** The range of the colour map: the finite off-diagonal values, from 0 or below, never empty. */
  private static double[] offDiagonalRange(double[] matrix, int n) {
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
    return new double[] {lo, hi};
  }

  /** One box per group present, in order of first appearance. */
  private static List<Legend.Entry> groupLegend(String[] groups, Map<String, Color> groupColors) {
    Map<String, Color> present = new LinkedHashMap<>();
    for (String s : groups) {
      present.putIfAbsent(s, groupColors.getOrDefault(s, Color.GRAY));
    }
    List<Legend.Entry> legend = new ArrayList<>();
    present.forEach((name, colour) -> legend.add(Legend.box(name, colour)));
    return legend;
  }

  private static void drawCells(Graphics2D g, double[] matrix, int n, int[] order, int left, int top, int side,
      double lo, double hi) {
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double v = matrix[order[r] * n + order[c]];
        g.setColor(Palette.viridis((v - lo) / (hi - lo)));
        g.fillRect(left + pos(c, n, side), top + pos(r, n, side), Math.max(1, pos(c + 1, n, side) - pos(c, n, side)),
            Math.max(1, pos(r + 1, n, side) - pos(r, n, side)));
      }
    }
  }

  /** The group strips, white lines where the group changes along the order, and the frame. */
  private static void drawGroups(Graphics2D g, int n, int[] order, String[] groups, Map<String, Color> groupColors,
      int left, int top, int side) {
    for (int k = 0; k < n; k++) {
      g.setColor(groupColors.getOrDefault(groups[order[k]], Color.GRAY));
      int span = Math.max(1, pos(k + 1, n, side) - pos(k, n, side));
      g.fillRect(left - STRIP - 3, top + pos(k, n, side), STRIP, span);
      g.fillRect(left + pos(k, n, side), top - STRIP - 3, span, STRIP);
    }
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(n > 100 ? 1f : 2f));
    for (int k = 1; k < n; k++) {
      if (!groups[order[k]].equals(groups[order[k - 1]])) {
        double p = pos(k, n, side);
        g.draw(new Line2D.Double(left + p, top, left + p, top + side));
        g.draw(new Line2D.Double(left, top + p, left + side, top + p));
      }
    }
    g.setColor(FRAME);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left, top, side, side);
  }

  /** Item labels left of the rows and, turned, under the columns. */
  private static void drawLabels(Graphics2D g, String[] labels, int n, int[] order, Font font, int cell, int left,
      int top, int side) {
    g.setFont(font);
    FontMetrics lm = g.getFontMetrics();
    for (int k = 0; k < n; k++) {
      String s = labels[order[k]];
      g.setColor(Color.BLACK);
      float yc = top + k * cell + cell / 2f + lm.getAscent() / 2f - 1;
      g.drawString(s, left - STRIP - 8 - lm.stringWidth(s), yc);
      Graphics2D rg = (Graphics2D) g.create();
      rg.translate(left + k * cell + cell / 2.0 + lm.getAscent() / 2.0 - 1, top + side + 6);
      rg.rotate(Math.PI / 2);
      rg.drawString(s, 0, 0);
      rg.dispose();
    }
  }

  /** The colour bar right of the matrix, its ticks, and its caption upright in columns. */
  private static void drawColourBar(Graphics2D g, int x, int top, int barH, double lo, double hi, double[] ticks,
      List<String> caption, int captionX) {
    for (int y = 0; y < barH; y++) {
      g.setColor(Palette.viridis(1 - y / (double) (barH - 1)));
      g.fillRect(x, top + y, 18, 1);
    }
    g.setColor(FRAME);
    g.drawRect(x, top, 18, barH);
    g.setFont(STYLE.tick());
    FontMetrics fm = g.getFontMetrics();
    for (double v : ticks) {
      double y = top + barH * (hi - v) / (hi - lo);
      g.setColor(Color.DARK_GRAY);
      g.draw(new Line2D.Double(x + 18, y, x + 23, y));
      g.drawString(Numbers.compact(v), x + 26, (float) (y + fm.getAscent() / 2.0 - 1));
    }
    for (int j = 0; j < caption.size(); j++) {
      Graphics2D rg = (Graphics2D) g.create();
      rg.setFont(STYLE.axis());
      FontMetrics rm = rg.getFontMetrics();
      String line = caption.get(j);
      rg.translate(captionX + j * rm.getHeight(), top + (barH + rm.stringWidth(line)) / 2.0);
      rg.rotate(-Math.PI / 2);
      rg.setColor(Color.BLACK);
      rg.drawString(line, 0, 0);
      rg.dispose();
    }
  }
}
