package cohort.study.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure of x–y panels: a title and subtitle, one legend for the whole figure under them, and a grid of
 * {@link Panel}s, each with its own {@link Axes} and its {@link Layer}s (lines, markers, bars, reference lines,
 * circles, text) drawn over them. The margins are measured so that every tick label and axis caption is drawn
 * whole.
 */
public final class Chart {

  private static final Style STYLE = Style.STANDARD;
  private static final int MARGIN_LEFT = 78;
  private static final int MARGIN_RIGHT = 22;
  private static final int MARGIN_TOP = 30;
  private static final int MARGIN_BOTTOM = 56;

  private Chart() {}

  /**
   * Draws a figure.
   *
   * @param subtitle lines under the title, separated by {@code \n} (null or empty for none)
   * @param columns panels per row
   * @param plotWidth width in pixels of one panel's plot area
   * @param plotHeight height in pixels of one panel's plot area
   */
  public static BufferedImage render(String title, String subtitle, List<Panel> panels, int columns, int plotWidth,
      int plotHeight, List<Legend.Entry> legend) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("figure '" + title + "': no panels");
    }
    int cols = Math.max(1, Math.min(columns, panels.size()));
    int rows = (panels.size() + cols - 1) / cols;
    // tick labels are measured first and the margins made wide and tall enough to hold them whole
    FontMetrics tickFm = Canvas.metrics(STYLE.tick());
    FontMetrics axisFm = Canvas.metrics(STYLE.axis());
    int widestYTick = 0;
    int tickDepth = 18 + tickFm.getDescent();
    List<PanelTicks> ticks = new ArrayList<>();
    for (Panel p : panels) {
      PanelTicks t = PanelTicks.of(p, plotWidth, plotHeight, tickFm);
      ticks.add(t);
      for (String label : t.yLabels()) {
        widestYTick = Math.max(widestYTick, tickFm.stringWidth(label));
      }
      tickDepth = Math.max(tickDepth, t.depth());
    }
    Axes.Margins m = new Axes.Margins(Math.max(52, 7 + widestYTick + 8 + axisFm.getDescent()),
        Math.max(40, tickDepth + 6 + axisFm.getAscent()));
    int marginLeft = Math.max(MARGIN_LEFT, m.yLabelOffset() + axisFm.getAscent() + 6);
    int marginBottom = Math.max(MARGIN_BOTTOM, m.xLabelOffset() + axisFm.getDescent() + 12);
    int cellW = marginLeft + plotWidth + MARGIN_RIGHT;
    int cellH = MARGIN_TOP + plotHeight + marginBottom;
    int width = Math.max(cols * cellW + 20, 640);
    String[] sub = Canvas.lines(subtitle);
    // the legend wraps over as many rows as it needs
    List<List<Legend.Entry>> legendRows = Legend.rows(legend, Canvas.metrics(STYLE.legend()), width - 40);
    int header = 40 + 18 * sub.length + 24 * legendRows.size() + 6;
    int height = header + rows * cellH + 6;
    return Canvas.paint(width, height, g -> {
      Canvas.header(g, STYLE, title, sub, 20);
      Legend.draw(g, STYLE, legendRows, 20, 40 + 18 * sub.length + 16);
      for (int i = 0; i < panels.size(); i++) {
        int x0 = (i % cols) * cellW + 10 + marginLeft;
        int y0 = header + (i / cols) * cellH + MARGIN_TOP;
        drawPanel(g, panels.get(i), ticks.get(i), m, x0, y0, plotWidth, plotHeight);
      }
    });
  }

  private static void drawPanel(Graphics2D g, Panel p, PanelTicks t, Axes.Margins m, int left, int top, int w,
      int h) {
    Frame f = t.frame(left, top, w, h, p.logY());
    Axes.draw(g, p, t, m, f, STYLE);
    // data, clipped to the plot area; text boxes on top
    Graphics2D d = (Graphics2D) g.create();
    d.clip(new Rectangle2D.Double(left, top, w, h));
    List<Layer.Text> texts = new ArrayList<>();
    for (Layer layer : p.layers()) {
      if (layer instanceof Layer.Text text) {
        texts.add(text);
      } else {
        layer.draw(d, f);
      }
    }
    Layer.Text.stack(d, f, texts);
    d.dispose();
    g.setColor(new Color(110, 110, 110));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left, top, w, h);
  }
}
