package cohort.study.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The plot kinds of a chart panel, each drawn in data coordinates over the panel's axes, in the order given: lines,
 * scatter markers, rectangles (bars, histogram bins), vertical reference lines, circles, and text boxes (which go
 * on top of everything else, stacked from the top-left corner).
 */
public sealed interface Layer permits Layer.Line, Layer.Points, Layer.Rect, Layer.VLine, Layer.Circle, Layer.Text {

  /** Draws this layer into the plot area {@code f} (clipped to it). */
  void draw(Graphics2D g, Frame f);

  /** Checks that a layer of {@code kind} has as many y values as x values. */
  private static void requirePairs(String kind, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(kind + ": x has " + x.length + " values but y has " + y.length);
    }
  }

  /** A polyline through {@code (x[i], y[i])}; non-finite points break the line. */
  record Line(double[] x, double[] y, Color color, float width, boolean dashed) implements Layer {
    public Line {
      requirePairs("line", x, y);
    }

    @Override
    public void draw(Graphics2D g, Frame f) {
      Path2D.Double path = new Path2D.Double();
      boolean pen = false;
      for (int i = 0; i < x.length; i++) {
        if (!f.drawable(x[i], y[i])) {
          pen = false;
          continue;
        }
        if (pen) {
          path.lineTo(f.px(x[i]), f.py(y[i]));
        } else {
          path.moveTo(f.px(x[i]), f.py(y[i]));
          pen = true;
        }
      }
      g.setColor(color);
      g.setStroke(dashed ? Style.dashed(width) : Style.round(width));
      g.draw(path);
    }
  }

  /** Markers at {@code (x[i], y[i])} of one shape, colour and size (pixels); non-finite points are skipped. */
  record Points(double[] x, double[] y, Color color, MarkerShape shape, double size) implements Layer {
    public Points {
      requirePairs("points", x, y);
    }

    @Override
    public void draw(Graphics2D g, Frame f) {
      for (int i = 0; i < x.length; i++) {
        if (f.drawable(x[i], y[i])) {
          shape.draw(g, f.px(x[i]), f.py(y[i]), size, color);
        }
      }
    }
  }

  /** A filled rectangle {@code [x0, x1] × [y0, y1]} with an optional outline. */
  record Rect(double x0, double x1, double y0, double y1, Color fill, Color outline) implements Layer {
    @Override
    public void draw(Graphics2D g, Frame f) {
      double left = f.px(Math.min(x0, x1));
      double right = f.px(Math.max(x0, x1));
      double lo = Math.min(y0, y1);
      double hi = Math.max(y0, y1);
      if (f.logY() && !(hi > 0)) {
        return;
      }
      double top = f.py(hi);
      double bottom = f.logY() && !(lo > 0) ? f.top() + f.height() : f.py(lo);
      Rectangle2D.Double rect = new Rectangle2D.Double(left, top, Math.max(right - left, 0.8),
          Math.max(bottom - top, 0.0));
      g.setColor(fill);
      g.fill(rect);
      if (outline != null) {
        g.setColor(outline);
        g.setStroke(new BasicStroke(0.8f));
        g.draw(rect);
      }
    }
  }

  /** A vertical line at {@code x} across the panel, with a label (or none when null) at its top. */
  record VLine(double x, Color color, float width, String label) implements Layer {
    @Override
    public void draw(Graphics2D g, Frame f) {
      double px = f.px(x);
      g.setColor(color);
      g.setStroke(new BasicStroke(width));
      g.draw(new Line2D.Double(px, f.top(), px, f.top() + f.height()));
      if (label != null) {
        g.setFont(Style.STANDARD.tick().deriveFont(Font.BOLD));
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(label);
        float tx = (float) (px + tw + 6 > f.left() + f.width() ? px - tw - 5 : px + 5);
        g.setColor(new Color(255, 255, 255, 210));
        g.fill(new Rectangle2D.Double(tx - 2, f.top() + 4, tw + 4, fm.getHeight()));
        g.setColor(color);
        g.drawString(label, tx, f.top() + 4 + fm.getAscent());
      }
    }
  }

  /** A circle of radius {@code r} around {@code (cx, cy)} in data units (e.g. the unit circle). */
  record Circle(double cx, double cy, double r, Color color, boolean dashed) implements Layer {
    @Override
    public void draw(Graphics2D g, Frame f) {
      g.setColor(color);
      g.setStroke(dashed ? Style.dashed(1.2f) : new BasicStroke(1.4f));
      double x0 = f.px(cx - r);
      double x1 = f.px(cx + r);
      double y0 = f.py(cy + r);
      double y1 = f.py(cy - r);
      g.draw(new Ellipse2D.Double(x0, y0, x1 - x0, y1 - y0));
    }
  }

  /** Text in a white box at the top-left corner of the plot area, one line per {@code \n}. */
  record Text(String text) implements Layer {
    @Override
    public void draw(Graphics2D g, Frame f) {
      stack(g, f, List.of(this));
    }

    /** Draws {@code texts} one under the other from the top-left corner. */
    static void stack(Graphics2D g, Frame f, List<Text> texts) {
      g.setFont(Style.STANDARD.tick());
      FontMetrics fm = g.getFontMetrics();
      int ty = f.top() + 6;
      for (Text text : texts) {
        for (String line : text.text().split("\n")) {
          int tw = fm.stringWidth(line);
          g.setColor(new Color(255, 255, 255, 220));
          g.fillRect(f.left() + 4, ty, tw + 6, fm.getHeight());
          g.setColor(new Color(40, 40, 40));
          g.drawString(line, f.left() + 7, ty + fm.getAscent());
          ty += fm.getHeight();
        }
      }
    }
  }
}
