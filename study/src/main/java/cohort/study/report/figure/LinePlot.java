package cohort.study.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Panels stacked over one shared time axis, each panel a stack of lanes, each lane one or more series drawn as
 * steps (a value holds over its time step), with a legend per panel, vertical markers across all panels (e.g.
 * period onsets) and shaded spans (e.g. unscored steps). Drawn in the {@link Style#COMPACT} style. Built for the
 * trial pictures of {@code cohort tasks sample}.
 */
public final class LinePlot {

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

  private static final Style STYLE = Style.COMPACT;
  private static final Font LANE_FONT = Style.plain(12);
  private static final Font TIME_TICK_FONT = Style.plain(11);
  private static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 11);
  private static final Color SHADE = new Color(225, 225, 225);
  private static final BasicStroke MARKER_STROKE = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
      10f, new float[] {4f, 4f}, 0f);
  private static final int WIDTH = 1200;
  /** The least width of the margin left of the plot, which holds the lane labels and the y tick labels. */
  private static final int MIN_LEFT = 130;
  private static final int RIGHT = 30;
  private static final int LANE_HEIGHT = 58;
  private static final int PANEL_HEADER = 44;
  private static final int PANEL_GAP = 18;

  /**
   * @param subtitle lines under the title, separated by {@code \n} (null or empty for none)
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
    FontMetrics laneFm = Canvas.metrics(LANE_FONT);
    FontMetrics tickFm = Canvas.metrics(STYLE.tick());
    int lane = 0;
    int tick = 0;
    for (Panel p : panels) {
      for (Lane l : p.lanes()) {
        lane = Math.max(lane, laneFm.stringWidth(l.label()));
      }
      for (double v : Ticks.endsAndZero(p.yMin(), p.yMax())) {
        tick = Math.max(tick, tickFm.stringWidth(Numbers.compact(v)));
      }
    }
    return Math.max(MIN_LEFT, 8 + lane + 10 + tick + 6);
  }

  /** Draws the figure. */
  public BufferedImage render() {
    String[] sub = Canvas.lines(subtitle);
    int headerTop = 50 + STYLE.subtitleLeading() * Math.max(1, sub.length);
    int height = headerTop;
    for (int pi = 0; pi < panels.size(); pi++) {
      height += header(pi == 0) + panels.get(pi).lanes().size() * LANE_HEIGHT + PANEL_GAP;
    }
    height += 40;
    return Canvas.paint(WIDTH, height, g -> {
      Canvas.header(g, STYLE, title, sub, left);
      int y = headerTop;
      int plotWidth = WIDTH - left - RIGHT;
      for (int pi = 0; pi < panels.size(); pi++) {
        y = drawPanel(g, panels.get(pi), y, plotWidth, pi == 0);
        y += PANEL_GAP;
      }
      drawXAxis(g, y - PANEL_GAP, plotWidth);
    });
  }

  private double xOf(double step, int plotWidth) {
    return left + plotWidth * step / steps;
  }

  /** Height above a panel's lanes: title and legend, plus two rows of marker labels over the first panel. */
  private int header(boolean first) {
    return first && !markers.isEmpty() ? PANEL_HEADER + 24 : PANEL_HEADER;
  }

  private int drawPanel(Graphics2D g, Panel p, int top, int plotWidth, boolean first) {
    g.setFont(STYLE.panelTitle());
    g.setColor(Color.BLACK);
    g.drawString(p.title(), 10, top + 18);
    drawLegend(g, p, top + 4, plotWidth);
    int lanesTop = top + header(first) - 10;
    int lanesHeight = p.lanes().size() * LANE_HEIGHT;
    // shading first, under everything
    g.setColor(SHADE);
    for (Span s : p.shaded()) {
      double x0 = xOf(s.from(), plotWidth);
      double x1 = xOf(s.to(), plotWidth);
      int laneTop = s.lane() < 0 ? lanesTop : lanesTop + s.lane() * LANE_HEIGHT;
      int laneHeight = s.lane() < 0 ? lanesHeight : LANE_HEIGHT;
      g.fill(new Rectangle2D.Double(x0, laneTop, x1 - x0, laneHeight));
    }
    g.setStroke(MARKER_STROKE);
    for (Marker m : markers) {
      if (m.step() <= 0 || m.step() >= steps) {
        continue;
      }
      double x = xOf(m.step(), plotWidth);
      g.setColor(new Color(120, 120, 120));
      g.draw(new Line2D.Double(x, lanesTop, x, lanesTop + lanesHeight));
    }
    if (first) {
      drawMarkerLabels(g, lanesTop, plotWidth);
    }
    for (int li = 0; li < p.lanes().size(); li++) {
      drawLane(g, p, p.lanes().get(li), lanesTop + li * LANE_HEIGHT, plotWidth);
    }
    return lanesTop + lanesHeight;
  }

  private void drawLane(Graphics2D g, Panel p, Lane lane, int laneTop, int plotWidth) {
    int inner = LANE_HEIGHT - 12;
    int base = laneTop + 6;
    // frame and zero line
    g.setStroke(new BasicStroke(1f));
    g.setColor(new Color(200, 200, 200));
    g.drawRect(left, laneTop, plotWidth, LANE_HEIGHT);
    if (p.yMin() < 0 && p.yMax() > 0) {
      double zy = base + inner * (p.yMax() - 0) / (p.yMax() - p.yMin());
      g.setColor(new Color(215, 215, 215));
      g.draw(new Line2D.Double(left, zy, left + plotWidth, zy));
    }
    // y ticks: round values inside the range (e.g. 0 and 1)
    g.setFont(STYLE.tick());
    FontMetrics fm = g.getFontMetrics();
    double previous = Double.NaN;
    for (double v : Ticks.endsAndZero(p.yMin(), p.yMax())) {
      double ty = base + inner * (p.yMax() - v) / (p.yMax() - p.yMin());
      if (Math.abs(ty - previous) < 11) {
        continue; // too close to the tick above to be read
      }
      previous = ty;
      String label = Numbers.compact(v);
      g.setColor(new Color(90, 90, 90));
      g.drawString(label, left - 6 - fm.stringWidth(label), (float) (ty + fm.getAscent() / 2.0 - 1));
      g.setColor(new Color(150, 150, 150));
      g.draw(new Line2D.Double(left - 3, ty, left, ty));
    }
    g.setFont(LANE_FONT);
    g.setColor(lane.series().size() == 1 ? lane.series().get(0).color().darker() : Color.BLACK);
    g.drawString(lane.label(), 8, laneTop + LANE_HEIGHT / 2 + 5);
    for (Series s : lane.series()) {
      drawSeries(g, s, base, inner, p.yMin(), p.yMax(), plotWidth);
    }
  }

  private void drawMarkerLabels(Graphics2D g, int lanesTop, int plotWidth) {
    g.setFont(MARKER_FONT);
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

  /** The panel's series (and its shading) right-aligned beside its title, as many as there is room for. */
  private void drawLegend(Graphics2D g, Panel p, int top, int plotWidth) {
    int titleWidth = g.getFontMetrics(STYLE.panelTitle()).stringWidth(p.title());
    g.setFont(STYLE.legend());
    FontMetrics fm = g.getFontMetrics();
    int x = left + plotWidth;
    List<Legend.Entry> items = new ArrayList<>();
    for (Lane lane : p.lanes()) {
      for (Series s : lane.series()) {
        items.add(new Legend.Entry(s.name(), s.color(), null, false, s.dashed()));
      }
    }
    if (!p.shaded().isEmpty() && p.shadeLabel() != null) {
      items.add(Legend.box(p.shadeLabel(), SHADE));
    }
    for (int i = items.size() - 1; i >= 0; i--) {
      Legend.Entry e = items.get(i);
      x -= 26 + fm.stringWidth(e.label()) + 14;
      if (x < 10 + titleWidth + 24) { // no room left beside the panel's title
        break;
      }
      if (e.box()) {
        g.setColor(e.color());
        g.fillRect(x, top + 6, 20, 10);
        g.setColor(new Color(180, 180, 180));
        g.drawRect(x, top + 6, 20, 10);
      } else {
        g.setColor(e.color());
        g.setStroke(e.dashed() ? Style.dashed(2f) : new BasicStroke(2f));
        g.drawLine(x, top + 11, x + 20, top + 11);
      }
      g.setColor(Color.BLACK);
      g.drawString(e.label(), x + 26, top + 16);
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
    g.setStroke(s.dashed() ? Style.dashed(2f) : Style.round(steps > 400 ? 1.2f : 1.8f));
    g.draw(path);
  }

  private void drawXAxis(Graphics2D g, int y, int plotWidth) {
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.drawLine(left, y, left + plotWidth, y);
    g.setFont(TIME_TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    double span = steps * stepSize;
    double tick = Ticks.nice(span / 8);
    for (double v = 0; v <= span + 1e-9; v += tick) {
      double x = xOf(v / stepSize, plotWidth);
      g.drawLine((int) Math.round(x), y, (int) Math.round(x), y + 5);
      String s = Numbers.compact(v);
      g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), y + 18);
    }
    g.setFont(STYLE.axis());
    fm = g.getFontMetrics();
    g.drawString(xLabel, left + (plotWidth - fm.stringWidth(xLabel)) / 2, y + 38);
  }
}
