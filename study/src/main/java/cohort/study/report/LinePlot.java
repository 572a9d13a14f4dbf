package cohort.study.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A small, dependency-free line plot: panels stacked over one shared time axis, each panel a stack of lanes,
 * each lane one or more series drawn as steps (a value holds over its time step), with a legend per panel,
 * vertical markers across all panels (e.g. period onsets) and shaded spans (e.g. unscored steps). Rendered with
 * plain {@code java.awt} in headless mode and written as PNG with {@code javax.imageio}.
 *
 * <p>Built for trial pictures ({@link TrialPlot}) and meant to be reused by reports (loss curves, trajectories).
 */
public final class LinePlot {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Colour cycle (Tableau 10), so channel i has the same colour in every panel. */
  public static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)
  };

  /** One curve: a value per time step. */
  public record Series(String name, double[] values, Color color, boolean dashed) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(color, "color");
    }
  }

  /** One horizontal strip of a panel, with its label at the left; its series share its y-range. */
  public record Lane(String label, List<Series> series) {
    public Lane {
      series = List.copyOf(series);
    }
  }

  /** A titled panel: lanes stacked top to bottom, a y-range shared by all lanes, and shaded time spans. */
  public record Panel(String title, List<Lane> lanes, double yMin, double yMax, List<Span> shaded, String shadeLabel) {
    public Panel {
      lanes = List.copyOf(lanes);
      shaded = List.copyOf(shaded);
      if (!(yMax > yMin)) {
        throw new IllegalArgumentException("panel '" + title + "': y-range [" + yMin + ", " + yMax + "] is empty");
      }
    }
  }

  /** A half-open span of steps {@code [from, to)}, in one lane ({@code lane >= 0}) or the whole panel (-1). */
  public record Span(int lane, int from, int to) {}

  /** A vertical line at a step with a short label. */
  public record Marker(int step, String label) {}

  private final String title;
  private final String subtitle;
  private final int steps;
  private final double stepSize;
  private final String xLabel;
  private final List<Panel> panels;
  private final List<Marker> markers;
  /** Width of the margin left of the plot: room for the widest lane label and y tick label, whole. */
  private final int left;

  private static final Font LANE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  private static final int WIDTH = 1200;
  /** The least width of the margin left of the plot, which holds the lane labels and the y tick labels. */
  private static final int MIN_LEFT = 130;
  private static final int RIGHT = 30;
  private static final int LANE_HEIGHT = 58;
  private static final int PANEL_HEADER = 44;
  private static final int PANEL_GAP = 18;

  /**
   * @param steps number of time steps on the x axis
   * @param stepSize x-axis units per step (e.g. dt in ms)
   * @param xLabel caption of the x axis
   */
  public LinePlot(String title, String subtitle, int steps, double stepSize, String xLabel, List<Panel> panels,
      List<Marker> markers) {
    this.title = title;
    this.subtitle = subtitle;
    this.steps = steps;
    this.stepSize = stepSize;
    this.xLabel = xLabel;
    this.panels = List.copyOf(panels);
    this.markers = List.copyOf(markers);
    this.left = leftMargin(this.panels);
  }

  /** The left margin that holds every lane label (at x = 8) and, clear of it, every y tick label, whole. */
  private static int leftMargin(List<Panel> panels) {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = probe.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      FontMetrics laneFm = g.getFontMetrics(LANE_FONT);
      FontMetrics tickFm = g.getFontMetrics(TICK_FONT);
      int lane = 0;
      int tick = 0;
      for (Panel p : panels) {
        for (Lane l : p.lanes()) {
          lane = Math.max(lane, laneFm.stringWidth(l.label()));
        }
        for (double v : yTicks(p.yMin(), p.yMax())) {
          tick = Math.max(tick, tickFm.stringWidth(number(v)));
        }
      }
      return Math.max(MIN_LEFT, 8 + lane + 10 + tick + 6);
    } finally {
      g.dispose();
    }
  }

  /** Draws the figure. */
  public BufferedImage render() {
    String[] sub = subtitle == null ? new String[0] : subtitle.split("\n");
    int headerTop = 50 + 17 * Math.max(1, sub.length);
    int height = headerTop;
    for (int pi = 0; pi < panels.size(); pi++) {
      height += header(pi == 0) + panels.get(pi).lanes().size() * LANE_HEIGHT + PANEL_GAP;
    }
    height += 40;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
      g.drawString(title, left, 28);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.setColor(new Color(60, 60, 60));
      for (int i = 0; i < sub.length; i++) {
        g.drawString(sub[i], left, 50 + 17 * i);
      }
      int y = headerTop;
      int plotWidth = WIDTH - left - RIGHT;
      for (int pi = 0; pi < panels.size(); pi++) {
        Panel p = panels.get(pi);
        y = drawPanel(g, p, y, plotWidth, pi == 0);
        y += PANEL_GAP;
      }
      drawXAxis(g, y - PANEL_GAP, plotWidth);
    } finally {
      g.dispose();
    }
    return image;
  }

  private double xOf(double step, int plotWidth) {
    return left + plotWidth * step / steps;
  }

  /** Height above a panel's lanes: title and legend, plus two rows of marker labels over the first panel. */
  private int header(boolean first) {
    return first && !markers.isEmpty() ? PANEL_HEADER + 24 : PANEL_HEADER;
  }

  private int drawPanel(Graphics2D g, Panel p, int top, int plotWidth, boolean first) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    g.drawString(p.title(), 10, top + 18);
    drawLegend(g, p, top + 4, plotWidth);
    int lanesTop = top + header(first) - 10;
    int lanesHeight = p.lanes().size() * LANE_HEIGHT;
    // shading first, under everything
    g.setColor(new Color(225, 225, 225));
    for (Span s : p.shaded()) {
      double x0 = xOf(s.from(), plotWidth);
      double x1 = xOf(s.to(), plotWidth);
      int laneTop = s.lane() < 0 ? lanesTop : lanesTop + s.lane() * LANE_HEIGHT;
      int laneHeight = s.lane() < 0 ? lanesHeight : LANE_HEIGHT;
      g.fill(new Rectangle2D.Double(x0, laneTop, x1 - x0, laneHeight));
    }
    // markers
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (Marker m : markers) {
      if (m.step() <= 0 || m.step() >= steps) {
        continue;
      }
      double x = xOf(m.step(), plotWidth);
      g.setColor(new Color(120, 120, 120));
      g.draw(new java.awt.geom.Line2D.Double(x, lanesTop, x, lanesTop + lanesHeight));
    }
    if (first) {
      drawMarkerLabels(g, lanesTop, plotWidth);
    }
    FontMetrics fm;
    for (int li = 0; li < p.lanes().size(); li++) {
      Lane lane = p.lanes().get(li);
      int laneTop = lanesTop + li * LANE_HEIGHT;
      int inner = LANE_HEIGHT - 12;
      int base = laneTop + 6;
      // frame and zero line
      g.setStroke(new BasicStroke(1f));
      g.setColor(new Color(200, 200, 200));
      g.drawRect(left, laneTop, plotWidth, LANE_HEIGHT);
      if (p.yMin() < 0 && p.yMax() > 0) {
        double zy = base + inner * (p.yMax() - 0) / (p.yMax() - p.yMin());
        g.setColor(new Color(215, 215, 215));
        g.draw(new java.awt.geom.Line2D.Double(left, zy, left + plotWidth, zy));
      }
      // y ticks: round values inside the range (e.g. 0 and 1), with faint grid lines
      g.setFont(TICK_FONT);
      fm = g.getFontMetrics();
      double previous = Double.NaN;
      for (double v : yTicks(p.yMin(), p.yMax())) {
        double ty = base + inner * (p.yMax() - v) / (p.yMax() - p.yMin());
        if (Math.abs(ty - previous) < 11) {
          continue; // too close to the tick above to be read
        }
        previous = ty;
        String label = number(v);
        g.setColor(new Color(90, 90, 90));
        g.drawString(label, left - 6 - fm.stringWidth(label), (float) (ty + fm.getAscent() / 2.0 - 1));
        g.setColor(new Color(150, 150, 150));
        g.draw(new java.awt.geom.Line2D.Double(left - 3, ty, left, ty));
      }
      // lane label
      g.setFont(LANE_FONT);
      Color labelColor = lane.series().size() == 1 ? lane.series().get(0).color().darker() : Color.BLACK;
      g.setColor(labelColor);
      g.drawString(lane.label(), 8, laneTop + LANE_HEIGHT / 2 + 5);
      for (Series s : lane.series()) {
        drawSeries(g, s, base, inner, p.yMin(), p.yMax(), plotWidth);
      }
    }
    return lanesTop + lanesHeight;
  }

  private void drawMarkerLabels(Graphics2D g, int lanesTop, int plotWidth) {
    g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
    FontMetrics fm = g.getFontMetrics();
    double lastEnd = -1e9;
    int row = 0;
    for (Marker m : markers) {
      double x = xOf(m.step(), plotWidth) + 3;
      int w = fm.stringWidth(m.label());
      row = x < lastEnd + 4 ? row + 1 : 0;
      if (row > 1) {
        row = 0;
      }
      g.setColor(new Color(70, 70, 70));
      g.drawString(m.label(), (float) Math.min(x, left + plotWidth - w), lanesTop - 3 - row * 12 + 0f);
      lastEnd = x + w;
    }
  }

  private void drawLegend(Graphics2D g, Panel p, int top, int plotWidth) {
    int titleWidth = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 14)).stringWidth(p.title());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    int x = left + plotWidth;
    List<Object[]> items = new ArrayList<>();
    for (Lane lane : p.lanes()) {
      for (Series s : lane.series()) {
        items.add(new Object[] {s.name(), s.color(), s.dashed()});
      }
    }
    if (!p.shaded().isEmpty() && p.shadeLabel() != null) {
      items.add(new Object[] {p.shadeLabel(), null, false});
    }
    for (int i = items.size() - 1; i >= 0; i--) {
      String name = (String) items.get(i)[0];
      Color c = (Color) items.get(i)[1];
      int w = 26 + fm.stringWidth(name) + 14;
      x -= w;
      if (x < 10 + titleWidth + 24) { // no room left beside the panel's title
        break;
      }
      if (c == null) {
        g.setColor(new Color(225, 225, 225));
        g.fillRect(x, top + 6, 20, 10);
        g.setColor(new Color(180, 180, 180));
        g.drawRect(x, top + 6, 20, 10);
      } else {
        g.setColor(c);
        g.setStroke((Boolean) items.get(i)[2] ? dashed(2f) : new BasicStroke(2f));
        g.drawLine(x, top + 11, x + 20, top + 11);
      }
      g.setColor(Color.BLACK);
      g.drawString(name, x + 26, top + 16);
    }
  }

  private void drawSeries(Graphics2D g, Series s, int base, int inner, double yMin, double yMax, int plotWidth) {
    double[] v = s.values();
    Path2D.Double path = new Path2D.Double();
    double scale = inner / (yMax - yMin);
    boolean started = false;
    for (int t = 0; t < v.length && t < steps; t++) {
      double clamped = Math.max(yMin, Math.min(yMax, v[t]));
      double py = base + (yMax - clamped) * scale;
      double x0 = xOf(t, plotWidth);
      double x1 = xOf(t + 1, plotWidth);
      if (!started) {
        path.moveTo(x0, py);
        started = true;
      } else {
        path.lineTo(x0, py);
      }
      path.lineTo(x1, py);
    }
    g.setColor(s.color());
    g.setStroke(s.dashed() ? dashed(2f) : new BasicStroke(steps > 400 ? 1.2f : 1.8f, BasicStroke.CAP_ROUND,
        BasicStroke.JOIN_ROUND));
    g.draw(path);
  }

  private static BasicStroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  private void drawXAxis(Graphics2D g, int y, int plotWidth) {
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.drawLine(left, y, left + plotWidth, y);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    double span = steps * stepSize;
    double tick = niceTick(span / 8);
    for (double v = 0; v <= span + 1e-9; v += tick) {
      double x = xOf(v / stepSize, plotWidth);
      g.drawLine((int) Math.round(x), y, (int) Math.round(x), y + 5);
      String s = number(v);
      g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), y + 18);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    fm = g.getFontMetrics();
    g.drawString(xLabel, left + (plotWidth - fm.stringWidth(xLabel)) / 2, y + 38);
  }

  /** Round tick values inside {@code [lo, hi]}: the lowest and highest multiple of a 1-2-5 step, and 0. */
  static double[] yTicks(double lo, double hi) {
    double step = niceTick((hi - lo) / 4);
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

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceTick(double raw) {
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

  /** A compact number: whole numbers without a decimal point, others to 3 significant digits. */
  public static String number(double v) {
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

  /** Writes {@code image} as a PNG, creating parent directories. */
  public static void writePng(BufferedImage image, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
