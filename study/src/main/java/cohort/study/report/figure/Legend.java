package cohort.study.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The legend of a figure: entries (a line, a dashed line, a marker or a filled box, and a label) laid out left to
 * right and wrapped over as many rows as the figure's width needs.
 */
public final class Legend {

  private Legend() {}

  /**
   * One entry: a marker of {@code shape}, or when {@code shape} is null a line (dashed when {@code dashed}), or a
   * filled box when {@code box}.
   */
  public record Entry(String label, Color color, MarkerShape shape, boolean box, boolean dashed) {}

  /** A solid line. */
  public static Entry line(String label, Color color) {
    return new Entry(label, color, null, false, false);
  }

  /** A dashed line. */
  public static Entry dashed(String label, Color color) {
    return new Entry(label, color, null, false, true);
  }

  /** A marker. */
  public static Entry marker(String label, Color color, MarkerShape shape) {
    return new Entry(label, color, shape, false, false);
  }

  /** A filled box (a group's colour). */
  public static Entry box(String label, Color color) {
    return new Entry(label, color, null, true, false);
  }

  /** The entries in rows no wider than {@code width} pixels (an entry wider than that gets a row of its own). */
  static List<List<Entry>> rows(List<Entry> legend, FontMetrics fm, int width) {
    List<List<Entry>> rows = new ArrayList<>();
    List<Entry> row = new ArrayList<>();
    int x = 0;
    for (Entry e : legend) {
      int w = width(e, fm);
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

  private static int width(Entry e, FontMetrics fm) {
    return 30 + fm.stringWidth(e.label()) + 22;
  }

  /** Draws the rows, 24 pixels apart, the first with its baseline at {@code y}, from {@code x}. */
  static void draw(Graphics2D g, Style style, List<List<Entry>> rows, int x, int y) {
    g.setFont(style.legend());
    for (int i = 0; i < rows.size(); i++) {
      drawRow(g, rows.get(i), x, y + 24 * i);
    }
  }

  /** Draws one row with its baseline at {@code y}, from {@code x}, in the current font. */
  private static void drawRow(Graphics2D g, List<Entry> row, int x, int y) {
    FontMetrics fm = g.getFontMetrics();
    for (Entry e : row) {
      if (e.box()) {
        g.setColor(e.color());
        g.fillRect(x + 2, y - 11, 20, 12);
      } else if (e.shape() == null) {
        g.setColor(e.color());
        g.setStroke(e.dashed() ? Style.dashed(2.5f) : new BasicStroke(2.5f));
        g.drawLine(x, y - 5, x + 24, y - 5);
      } else {
        e.shape().draw(g, x + 12, y - 5, 10, e.color());
      }
      g.setColor(Color.BLACK);
      g.drawString(e.label(), x + 30, y);
      x += width(e, fm);
    }
  }
}
