package cohort.study.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.util.List;

/**
 * The axes of one chart panel: its title, the faint grid at the ticks, tick marks and labels (category labels
 * wrapped or turned as {@link PanelTicks} decided), and the axis captions, clear of the tick labels.
 */
final class Axes {

  private static final Color GRID = new Color(235, 235, 235);

  private Axes() {}

  /** Pixel offsets, from the plot area, of the axis captions' baselines (left of it for y, below it for x). */
  record Margins(int yLabelOffset, int xLabelOffset) {}

  static void draw(Graphics2D g, Panel p, PanelTicks t, Margins m, Frame f, Style style) {
    int left = f.left();
    int top = f.top();
    int w = f.width();
    int h = f.height();
    g.setFont(style.panelTitle());
    g.setColor(Color.BLACK);
    g.drawString(Labels.fit(p.title(), g.getFontMetrics(), w), left, top - 10);
    g.setFont(style.tick());
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    if (t.categories() != null) {
      categoryTicks(g, t, f, fm);
    } else {
      for (double v : t.x()) {
        double x = f.px(v);
        g.setColor(GRID);
        g.draw(new Line2D.Double(x, top, x, top + h));
        g.setColor(Color.DARK_GRAY);
        g.draw(new Line2D.Double(x, top + h, x, top + h + 4));
        String s = Numbers.compact(v);
        g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), top + h + 18);
      }
    }
    for (int i = 0; i < t.y().length; i++) {
      double y = f.py(t.y()[i]);
      g.setColor(GRID);
      g.draw(new Line2D.Double(left, y, left + w, y));
      g.setColor(Color.DARK_GRAY);
      g.draw(new Line2D.Double(left - 4, y, left, y));
      String s = t.yLabels().get(i);
      g.drawString(s, left - 7 - fm.stringWidth(s), (float) (y + fm.getAscent() / 2.0 - 1));
    }
    g.setFont(style.axis());
    fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    if (p.xLabel() != null) {
      g.drawString(p.xLabel(), left + (w - fm.stringWidth(p.xLabel())) / 2, top + h + m.xLabelOffset());
    }
    if (p.yLabel() != null) {
      Graphics2D r = (Graphics2D) g.create();
      r.rotate(-Math.PI / 2);
      String yl = Labels.fit(p.yLabel(), fm, h);
      r.drawString(yl, -(top + (h + fm.stringWidth(yl)) / 2), left - m.yLabelOffset());
      r.dispose();
    }
  }

  /** Category labels under their ticks: each on its lines, or all turned to read upwards. */
  private static void categoryTicks(Graphics2D g, PanelTicks t, Frame f, FontMetrics fm) {
    int bottom = f.top() + f.height();
    for (int i = 0; i < t.categories().size(); i++) {
      double x = f.px(i);
      if (x < f.left() - 1 || x > f.left() + f.width() + 1) {
        continue;
      }
      g.setColor(Color.DARK_GRAY);
      g.drawLine((int) x, bottom, (int) x, bottom + 4);
      List<String> lines = t.categories().get(i);
      if (t.turned()) { // reads upwards and ends just under its tick
        String s = lines.get(0);
        Graphics2D r = (Graphics2D) g.create();
        r.translate(x + (fm.getAscent() - fm.getDescent()) / 2.0, bottom + 6 + fm.stringWidth(s));
        r.rotate(-Math.PI / 2);
        r.drawString(s, 0, 0);
        r.dispose();
      } else {
        for (int j = 0; j < lines.size(); j++) {
          String s = lines.get(j);
          g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), bottom + 18 + j * fm.getHeight());
        }
      }
    }
  }
}
