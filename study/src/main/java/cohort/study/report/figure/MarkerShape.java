package cohort.study.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The shapes of markers, for scatter points and their legend entries. Filled shapes get a darker outline when
 * opaque; the hollow ones and the cross are drawn as outlines.
 */
public enum MarkerShape {
  CIRCLE, TRIANGLE, SQUARE, DIAMOND, CROSS, HOLLOW_CIRCLE, HOLLOW_TRIANGLE;

  /** Draws this marker centred at pixel {@code (x, y)}, {@code size} pixels across. */
  public void draw(Graphics2D g, double x, double y, double size, Color color) {
    Shape s = outline(x, y, size);
    g.setColor(color);
    if (this == CROSS) {
      g.setStroke(new BasicStroke(1.6f));
      g.draw(s);
    } else if (this == HOLLOW_CIRCLE || this == HOLLOW_TRIANGLE) {
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

  private Shape outline(double x, double y, double size) {
    double r = size / 2;
    switch (this) {
      case CIRCLE, HOLLOW_CIRCLE -> {
        return new Ellipse2D.Double(x - r, y - r, size, size);
      }
      case SQUARE -> {
        return new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, size * 0.9, size * 0.9);
      }
      case TRIANGLE, HOLLOW_TRIANGLE -> {
        Path2D.Double t = new Path2D.Double();
        t.moveTo(x, y - r * 1.15);
        t.lineTo(x + r * 1.1, y + r * 0.85);
        t.lineTo(x - r * 1.1, y + r * 0.85);
        t.closePath();
        return t;
      }
      case DIAMOND -> {
        Path2D.Double t = new Path2D.Double();
        t.moveTo(x, y - r * 1.2);
        t.lineTo(x + r, y);
        t.lineTo(x, y + r * 1.2);
        t.lineTo(x - r, y);
        t.closePath();
        return t;
      }
      default -> {
        Path2D.Double t = new Path2D.Double();
        t.moveTo(x - r, y - r);
        t.lineTo(x + r, y + r);
        t.moveTo(x - r, y + r);
        t.lineTo(x + r, y - r);
        return t;
      }
    }
  }
}
