package cohort.study.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small, dependency-free x–y chart for reports: a titled figure holding a grid of panels, each with its own
 * axes (ticks at 1-2-5 multiples, optional log10 y axis, optional equal aspect for the complex plane or MDS
 * coordinates, optional category labels on x for bar charts), and layers drawn in order: lines, markers of
 * several shapes, rectangles (bars, histogram bins), vertical reference lines with a label, circles and text.
 * One legend for the whole figure sits under the title. Rendered with plain {@code java.awt} in headless mode,
 * like {@link LinePlot}, whose palette and number format it shares.
 */
public final class Chart {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Marker shapes; hollow shapes are drawn as outlines. */
  public enum MarkerShape {
    CIRCLE, TRIANGLE, SQUARE, DIAMOND, CROSS, HOLLOW_CIRCLE, HOLLOW_TRIANGLE
  }

  /** Something drawn in a panel, in data coordinates. */
  public sealed interface Layer permits Line, Points, Rect, VLine, Circle, Text {}

  /** A polyline through {@code (x[i], y[i])}; non-finite points break the line. */
  public record Line(double[] x, double[] y, Color color, float width, boolean dashed) implements Layer {
    public Line {
      if (x.length != y.length) {
        throw new IllegalArgumentException("line: x has " + x.length + " values but y has " + y.length);
      }
    }
  }

  /** Markers at {@code (x[i], y[i])} of one shape, colour and size (pixels); non-finite points are skipped. */
  public record Points(double[] x, double[] y, Color color, MarkerShape shape, double size) implements Layer {
    public Points {
      if (x.length != y.length) {
        throw new IllegalArgumentException("points: x has " + x.length + " values but y has " + y.length);
      }
    }
  }

  /** A filled rectangle {@code [x0, x1] × [y0, y1]} with an optional outline. */
  public record Rect(double x0, double x1, double y0, double y1, Color fill, Color outline) implements Layer {}

  /** A vertical line at {@code x} across the panel, with a label at its top. */
  public record VLine(double x, Color color, float width, String label) implements Layer {}

  /** A circle of radius {@code r} around {@code (cx, cy)} in data units (e.g. the unit circle). */
  public record Circle(double cx, double cy, double r, Color color, boolean dashed) implements Layer {}

  /** Text anchored at the top-left corner of the panel's plot area, one line per {@code \n}. */
  public record Text(String text) implements Layer {}

  /**
   * One panel.
   *
   * @param categories labels of x positions 0, 1, ... (bar charts), or null for a numeric x axis
   * @param logY plot y on a log10 scale (all y must then be positive; others are dropped)
   * @param equalAspect one data unit is as long on x as on y (ranges are widened to fit)
   */
  public record Panel(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin,
      double yMax, boolean logY, boolean equalAspect, List<String> categories, List<Layer> layers) {
    public Panel {
      Objects.requireNonNull(title, "title");
      layers = List.copyOf(layers);
      categories = categories == null ? null : List.copyOf(categories);
      if (!(xMax > xMin) || !(yMax > yMin)) {
        throw new IllegalArgumentException("panel '" + title + "': axis range x [" + xMin + ", " + xMax + "], y ["
            + yMin + ", " + yMax + "] is empty; accepted: max > min");
      }
      if (logY && !(yMin > 0)) {
        throw new IllegalArgumentException("panel '" + title + "': log y axis needs yMin > 0, got " + yMin);
      }
    }
  }

  /**
   * A legend entry: a marker shape, or a line (dashed when {@code dashed}) when {@code shape} is null, or a filled
   * box when {@code box}.
   */
  public record LegendEntry(String label, Color color, MarkerShape shape, boolean box, boolean dashed) {

    /** An entry with a solid line, a marker or a box. */
    public LegendEntry(String label, Color color, MarkerShape shape, boolean box) {
      this(label, color, shape, box, false);
    }
  }

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 19);
  private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  private static final int MARGIN_LEFT = 78;
  private static final int MARGIN_RIGHT = 22;
  private static final int MARGIN_TOP = 30;
  private static final int MARGIN_BOTTOM = 56;

  private Chart() {}

  /**
   * Draws a figure.
   *
   * @param columns panels per row
   * @param plotWidth width in pixels of one panel's plot area
   * @param plotHeight height in pixels of one panel's plot area
   */
  public static BufferedImage render(String title, String subtitle, List<Panel> panels, int columns, int plotWidth,
      int plotHeight, List<LegendEntry> legend) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("figure '" + title + "': no panels");
    }
    int cols = Math.max(1, Math.min(columns, panels.size()));
    int rows = (panels.size() + cols - 1) / cols;
    // tick labels are measured first and the margins made wide and tall enough to hold them whole
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    hints(pg);
    FontMetrics tickFm = pg.getFontMetrics(TICK);
    FontMetrics axisFm = pg.getFontMetrics(AXIS);
    int widestYTick = 0;
    int tickDepth = 18 + tickFm.getDescent();
    List<Ticks> ticks = new ArrayList<>();
    for (Panel p : panels) {
      Ticks t = ticks(p, plotWidth, plotHeight, tickFm);
      ticks.add(t);
      for (String label : t.yLabels()) {
        widestYTick = Math.max(widestYTick, tickFm.stringWidth(label));
      }
      tickDepth = Math.max(tickDepth, t.depth());
    }
    Margins m = new Margins(Math.max(52, 7 + widestYTick + 8 + axisFm.getDescent()),
        Math.max(40, tickDepth + 6 + axisFm.getAscent()));
    int marginLeft = Math.max(MARGIN_LEFT, m.yLabelOffset() + axisFm.getAscent() + 6);
    int marginBottom = Math.max(MARGIN_BOTTOM, m.xLabelOffset() + axisFm.getDescent() + 12);
    int cellW = marginLeft + plotWidth + MARGIN_RIGHT;
    int cellH = MARGIN_TOP + plotHeight + marginBottom;
    int width = Math.max(cols * cellW + 20, 640);
    String[] sub = subtitle == null || subtitle.isEmpty() ? new String[0] : subtitle.split("\n");
    // the legend wraps over as many rows as it needs
    pg.setFont(LEGEND);
    List<List<LegendEntry>> legendRows = legendRows(legend, pg.getFontMetrics(), width - 40);
    pg.dispose();
    int header = 40 + 18 * sub.length + 24 * legendRows.size() + 6;
    int height = header + rows * cellH + 6;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      hints(g);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(TITLE);
      g.drawString(title, 20, 28);
      g.setFont(SUBTITLE);
      g.setColor(new Color(60, 60, 60));
      for (int i = 0; i < sub.length; i++) {
        g.drawString(sub[i], 20, 50 + 18 * i);
      }
      int ly = 40 + 18 * sub.length + 16;
      g.setFont(LEGEND);
      for (List<LegendEntry> row : legendRows) {
        drawLegendRow(g, row, 20, ly);
        ly += 24;
      }
      for (int i = 0; i < panels.size(); i++) {
        int x0 = (i % cols) * cellW + 10 + marginLeft;
        int y0 = header + (i / cols) * cellH + MARGIN_TOP;
        drawPanel(g, panels.get(i), ticks.get(i), m, x0, y0, plotWidth, plotHeight);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  static List<List<LegendEntry>> legendRows(List<LegendEntry> legend, FontMetrics fm, int width) {
    List<List<LegendEntry>> rows = new ArrayList<>();
    List<LegendEntry> row = new ArrayList<>();
    int x = 0;
    for (LegendEntry e : legend) {
      int w = legendWidth(e, fm);
      if (x + w > width && !row.isEmpty()) {
        rows.add(row);
        row = new ArrayList<>();
        x = 0;
      }
      row.add(e);
      x += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static int legendWidth(LegendEntry e, FontMetrics fm) {
    return 30 + fm.stringWidth(e.label()) + 22;
  }

  static void drawLegendRow(Graphics2D g, List<LegendEntry> row, int x, int y) {
    FontMetrics fm = g.getFontMetrics();
    for (LegendEntry e : row) {
      if (e.box()) {
        g.setColor(e.color());
        g.fillRect(x + 2, y - 11, 20, 12);
      } else if (e.shape() == null) {
        g.setColor(e.color());
        g.setStroke(e.dashed() ? dashed(2.5f) : new BasicStroke(2.5f));
        g.drawLine(x, y - 5, x + 24, y - 5);
      } else {
        drawMarker(g, e.shape(), x + 12, y - 5, 10, e.color());
      }
      g.setColor(Color.BLACK);
      g.drawString(e.label(), x + 30, y);
      x += legendWidth(e, fm);
    }
  }

  /** Transforms data to pixels for one panel. */
  private record Frame(int left, int top, int width, int height, double xMin, double xMax, double yMin, double yMax,
      boolean logY) {
    double px(double x) {
      return left + width * (x - xMin) / (xMax - xMin);
    }

    double py(double y) {
      double v = logY ? Math.log10(y) : y;
      double lo = logY ? Math.log10(yMin) : yMin;
      double hi = logY ? Math.log10(yMax) : yMax;
      return top + height * (hi - v) / (hi - lo);
    }
  }

  /** Pixel offsets, from the plot area, of the axis labels' baselines (left of it for y, below it for x). */
  private record Margins(int yLabelOffset, int xLabelOffset) {}

  /**
   * The ticks of one panel and how their labels are drawn: the axis ranges after the equal-aspect widening, the x
   * tick values (or, for categories, each label's lines, or the labels turned to read upwards when a label does not
   * fit its slot even wrapped), the y tick values, and the depth in pixels below the plot area that the x labels
   * take.
   */
  private record Ticks(double xMin, double xMax, double yMin, double yMax, double[] x, List<List<String>> categories,
      boolean turned, double[] y, List<String> yLabels, int depth) {}

  /** Category labels wrap onto at most this many lines before they are turned instead. */
  private static final int MAX_CATEGORY_LINES = 3;

  private static Ticks ticks(Panel p, int w, int h, FontMetrics fm) {
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
    double[] yt = p.logY() ? logTicks(yMin, yMax, h, line + 4) : ticks(yMin, yMax, Math.max(3, h / 60));
    List<String> yLabels = new ArrayList<>();
    for (double v : yt) {
      yLabels.add(LinePlot.number(v));
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
        List<String> l = wrap(c, fm, room);
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
      return new Ticks(xMin, xMax, yMin, yMax, null, lines, turned, yt, yLabels, depth);
    }
    // as many x ticks as fit with their labels apart
    double[] xt = ticks(xMin, xMax, Math.max(3, w / 90));
    for (int target = Math.max(3, w / 90) - 1; target >= 1 && crowded(xt, xMin, xMax, w, fm); target--) {
      xt = ticks(xMin, xMax, target);
    }
    return new Ticks(xMin, xMax, yMin, yMax, xt, null, false, yt, yLabels, depth);
  }

  /** Whether neighbouring x tick labels come closer than 10 pixels. */
  private static boolean crowded(double[] xt, double xMin, double xMax, int w, FontMetrics fm) {
    for (int i = 1; i < xt.length; i++) {
      double gap = w * (xt[i] - xt[i - 1]) / (xMax - xMin);
      double half = (fm.stringWidth(LinePlot.number(xt[i])) + fm.stringWidth(LinePlot.number(xt[i - 1]))) / 2.0;
      if (gap < half + 10) {
        return true;
      }
    }
    return false;
  }

  /** {@code s} broken at spaces into lines of at most {@code room} pixels, or null when a word is wider. */
  static List<String> wrap(String s, FontMetrics fm, int room) {
    List<String> lines = new ArrayList<>();
    String current = "";
    for (String word : s.trim().split("\\s+")) {
      if (fm.stringWidth(word) > room) {
        return null;
      }
      String joined = current.isEmpty() ? word : current + " " + word;
      if (fm.stringWidth(joined) <= room) {
        current = joined;
      } else {
        lines.add(current);
        current = word;
      }
    }
    lines.add(current);
    return lines;
  }

  private static void drawPanel(Graphics2D g, Panel p, Ticks t, Margins m, int left, int top, int w, int h) {
    double xMin = t.xMin();
    double xMax = t.xMax();
    Frame f = new Frame(left, top, w, h, xMin, xMax, t.yMin(), t.yMax(), p.logY());
    g.setFont(PANEL_TITLE);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(fit(p.title(), fm, w), left, top - 10);
    // grid and ticks
    g.setFont(TICK);
    fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    if (t.categories() != null) {
      int n = t.categories().size();
      for (int i = 0; i < n; i++) {
        double x = f.px(i);
        if (x < left - 1 || x > left + w + 1) {
          continue;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine((int) x, top + h, (int) x, top + h + 4);
        List<String> lines = t.categories().get(i);
        if (t.turned()) { // reads upwards and ends just under its tick
          String s = lines.get(0);
          Graphics2D r = (Graphics2D) g.create();
          r.translate(x + (fm.getAscent() - fm.getDescent()) / 2.0, top + h + 6 + fm.stringWidth(s));
          r.rotate(-Math.PI / 2);
          r.drawString(s, 0, 0);
          r.dispose();
        } else {
          for (int j = 0; j < lines.size(); j++) {
            String s = lines.get(j);
            g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), top + h + 18 + j * fm.getHeight());
          }
        }
      }
    } else {
      for (double v : t.x()) {
        double x = f.px(v);
        g.setColor(new Color(235, 235, 235));
        g.draw(new Line2D.Double(x, top, x, top + h));
        g.setColor(Color.DARK_GRAY);
        g.draw(new Line2D.Double(x, top + h, x, top + h + 4));
        String s = LinePlot.number(v);
        g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), top + h + 18);
      }
    }
    for (int i = 0; i < t.y().length; i++) {
      double y = f.py(t.y()[i]);
      g.setColor(new Color(235, 235, 235));
      g.draw(new Line2D.Double(left, y, left + w, y));
      g.setColor(Color.DARK_GRAY);
      g.draw(new Line2D.Double(left - 4, y, left, y));
      String s = t.yLabels().get(i);
      g.drawString(s, left - 7 - fm.stringWidth(s), (float) (y + fm.getAscent() / 2.0 - 1));
    }
    // axis labels, clear of the tick labels
    g.setFont(AXIS);
    fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    if (p.xLabel() != null) {
      g.drawString(p.xLabel(), left + (w - fm.stringWidth(p.xLabel())) / 2, top + h + m.xLabelOffset());
    }
    if (p.yLabel() != null) {
      Graphics2D r = (Graphics2D) g.create();
      r.rotate(-Math.PI / 2);
      String yl = fit(p.yLabel(), fm, h);
      r.drawString(yl, -(top + (h + fm.stringWidth(yl)) / 2), left - m.yLabelOffset());
      r.dispose();
    }
    // data, clipped to the plot area
    Graphics2D d = (Graphics2D) g.create();
    d.clip(new Rectangle2D.Double(left, top, w, h));
    List<Text> texts = new ArrayList<>();
    for (Layer layer : p.layers()) {
      if (layer instanceof Rect r) {
        drawRect(d, f, r);
      } else if (layer instanceof Line l) {
        drawLine(d, f, l);
      } else if (layer instanceof Points pts) {
        drawPoints(d, f, pts);
      } else if (layer instanceof Circle c) {
        d.setColor(c.color());
        d.setStroke(c.dashed() ? dashed(1.2f) : new BasicStroke(1.4f));
        double x0 = f.px(c.cx() - c.r());
        double x1 = f.px(c.cx() + c.r());
        double y0 = f.py(c.cy() + c.r());
        double y1 = f.py(c.cy() - c.r());
        d.draw(new Ellipse2D.Double(x0, y0, x1 - x0, y1 - y0));
      } else if (layer instanceof VLine v) {
        double x = f.px(v.x());
        d.setColor(v.color());
        d.setStroke(new BasicStroke(v.width()));
        d.draw(new Line2D.Double(x, top, x, top + h));
        if (v.label() != null) {
          d.setFont(TICK.deriveFont(Font.BOLD));
          FontMetrics vfm = d.getFontMetrics();
          int tw = vfm.stringWidth(v.label());
          float tx = (float) (x + tw + 6 > left + w ? x - tw - 5 : x + 5);
          d.setColor(new Color(255, 255, 255, 210));
          d.fill(new Rectangle2D.Double(tx - 2, top + 4, tw + 4, vfm.getHeight()));
          d.setColor(v.color());
          d.drawString(v.label(), tx, top + 4 + vfm.getAscent());
        }
      } else if (layer instanceof Text text) {
        texts.add(text);
      }
    }
    d.setFont(TICK);
    FontMetrics tfm = d.getFontMetrics();
    int ty = top + 6;
    for (Text text : texts) {
      for (String line : text.text().split("\n")) {
        int tw = tfm.stringWidth(line);
        d.setColor(new Color(255, 255, 255, 220));
        d.fillRect(left + 4, ty, tw + 6, tfm.getHeight());
        d.setColor(new Color(40, 40, 40));
        d.drawString(line, left + 7, ty + tfm.getAscent());
        ty += tfm.getHeight();
      }
    }
    d.dispose();
    g.setColor(new Color(110, 110, 110));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left, top, w, h);
  }

  private static void drawRect(Graphics2D g, Frame f, Rect r) {
    double x0 = f.px(Math.min(r.x0(), r.x1()));
    double x1 = f.px(Math.max(r.x0(), r.x1()));
    double lo = Math.min(r.y0(), r.y1());
    double hi = Math.max(r.y0(), r.y1());
    if (f.logY() && !(hi > 0)) {
      return;
    }
    double y0 = f.py(hi);
    double y1 = f.logY() && !(lo > 0) ? f.top() + f.height() : f.py(lo);
    Rectangle2D.Double rect = new Rectangle2D.Double(x0, y0, Math.max(x1 - x0, 0.8), Math.max(y1 - y0, 0.0));
    g.setColor(r.fill());
    g.fill(rect);
    if (r.outline() != null) {
      g.setColor(r.outline());
      g.setStroke(new BasicStroke(0.8f));
      g.draw(rect);
    }
  }

  private static void drawLine(Graphics2D g, Frame f, Line l) {
    Path2D.Double path = new Path2D.Double();
    boolean pen = false;
    for (int i = 0; i < l.x().length; i++) {
      double x = l.x()[i];
      double y = l.y()[i];
      if (!Double.isFinite(x) || !Double.isFinite(y) || (f.logY() && !(y > 0))) {
        pen = false;
        continue;
      }
      if (pen) {
        path.lineTo(f.px(x), f.py(y));
      } else {
        path.moveTo(f.px(x), f.py(y));
        pen = true;
      }
    }
    g.setColor(l.color());
    g.setStroke(l.dashed() ? dashed(l.width())
        : new BasicStroke(l.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path);
  }

  private static void drawPoints(Graphics2D g, Frame f, Points p) {
    for (int i = 0; i < p.x().length; i++) {
      double x = p.x()[i];
      double y = p.y()[i];
      if (!Double.isFinite(x) || !Double.isFinite(y) || (f.logY() && !(y > 0))) {
        continue;
      }
      drawMarker(g, p.shape(), f.px(x), f.py(y), p.size(), p.color());
    }
  }

  /** Draws one marker centred at pixel {@code (x, y)}. */
  static void drawMarker(Graphics2D g, MarkerShape shape, double x, double y, double size, Color color) {
    double r = size / 2;
    Shape s;
    switch (shape) {
      case CIRCLE, HOLLOW_CIRCLE -> s = new Ellipse2D.Double(x - r, y - r, size, size);
      case SQUARE -> s = new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, size * 0.9, size * 0.9);
      case TRIANGLE, HOLLOW_TRIANGLE -> {
        Path2D.Double t = new Path2D.Double();
        t.moveTo(x, y - r * 1.15);
        t.lineTo(x + r * 1.1, y + r * 0.85);
        t.lineTo(x - r * 1.1, y + r * 0.85);
        t.closePath();
        s = t;
      }
      case DIAMOND -> {
        Path2D.Double t = new Path2D.Double();
        t.moveTo(x, y - r * 1.2);
        t.lineTo(x + r, y);
        t.lineTo(x, y + r * 1.2);
        t.lineTo(x - r, y);
        t.closePath();
        s = t;
      }
      default -> {
        Path2D.Double t = new Path2D.Double();
        t.moveTo(x - r, y - r);
        t.lineTo(x + r, y + r);
        t.moveTo(x - r, y + r);
        t.lineTo(x + r, y - r);
        s = t;
      }
    }
    g.setColor(color);
    if (shape == MarkerShape.CROSS) {
      g.setStroke(new BasicStroke(1.6f));
      g.draw(s);
    } else if (shape == MarkerShape.HOLLOW_CIRCLE || shape == MarkerShape.HOLLOW_TRIANGLE) {
      g.setStroke(new BasicStroke(1.8f));
      g.draw(s);
    } else {
      g.fill(s);
      if (color.getAlpha() == 255) {
        g.setColor(color.darker());
        g.setStroke(new BasicStroke(0.7f));
        g.draw(s);
      }
    }
  }

  private static BasicStroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  /** Text shortened with an ellipsis to fit {@code width} pixels. */
  static String fit(String s, FontMetrics fm, int width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }

  /** Round tick values (multiples of a 1-2-5 step) inside {@code [lo, hi]}, about {@code target} of them. */
  static double[] ticks(double lo, double hi, int target) {
    double step = LinePlot.niceTick(0.75 * (hi - lo) / target); // at most ~4/3 of target ticks
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
      a[i] = Double.parseDouble(LinePlot.number(out.get(i))); // strips 0.30000000000000004
    }
    return a;
  }

  /** Powers of ten inside {@code [lo, hi]} (and 2× and 5× them when fewer than three decades are shown). */
  static double[] logTicks(double lo, double hi) {
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
    double[] r = new double[out.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = out.get(i);
    }
    return r;
  }

  /**
   * Log ticks for an axis {@code pixels} long whose labels need {@code spacing} pixels each: those of
   * {@link #logTicks(double, double)} when they fit, else powers of ten every 1, 2, 5, 10, 20, ... decades, the
   * first step at which neighbouring ticks are at least {@code spacing} apart.
   */
  static double[] logTicks(double lo, double hi, int pixels, int spacing) {
    double decades = Math.log10(hi / lo);
    double[] all = logTicks(lo, hi);
    if (all.length <= 1 || pixels * minimumGap(all) / decades >= spacing) {
      return all;
    }
    int a = (int) Math.ceil(Math.log10(lo) - 1e-9);
    int b = (int) Math.floor(Math.log10(hi) + 1e-9);
    int step = Math.max(1, (int) LinePlot.niceTick(spacing * decades / pixels));
    List<Double> out = new ArrayList<>();
    for (int e = Math.floorDiv(a + step - 1, step) * step; e <= b; e += step) {
      out.add(Math.pow(10, e));
    }
    double[] r = new double[out.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = out.get(i);
    }
    return r;
  }

  /** The smallest gap between neighbouring ticks, in decades. */
  private static double minimumGap(double[] ticks) {
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 1; i < ticks.length; i++) {
      gap = Math.min(gap, Math.log10(ticks[i] / ticks[i - 1]));
    }
    return gap;
  }

  /** {@code [min, max]} of the finite values of several arrays, or {@code [NaN, NaN]} when there are none. */
  public static double[] range(List<double[]> arrays) {
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

  /** A range widened by {@code fraction} of its span on each side (or by ±0.5 when it is a single value). */
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
}
