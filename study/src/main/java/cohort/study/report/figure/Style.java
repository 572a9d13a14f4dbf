package cohort.study.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * The type scale of one family of figures, and the strokes and greys every figure shares: one place for the fonts
 * that the chart, heat-map and lane-plot kinds draw their titles, subtitles, panel titles, axis captions, tick
 * labels and legends with. {@link #STANDARD} is the report's (charts and heat maps); {@link #COMPACT}, a point
 * smaller, is the trial pictures' ({@link LinePlot}), whose many lanes leave less room.
 *
 * @param title the figure's title, drawn at the top left
 * @param subtitle the lines under the title
 * @param subtitleLeading pixels from one subtitle line's baseline to the next
 * @param panelTitle the title of one panel
 * @param axis axis captions
 * @param tick tick labels
 * @param legend legend entries
 */
public record Style(Font title, Font subtitle, int subtitleLeading, Font panelTitle, Font axis, Font tick,
    Font legend) {

  /** Charts and heat maps of the study report. */
  public static final Style STANDARD = new Style(bold(19), plain(13), 18, bold(14), plain(13), plain(12), plain(13));

  /** Trial pictures: many lanes over one time axis. */
  public static final Style COMPACT = new Style(bold(18), plain(13), 17, bold(14), plain(13), plain(10), plain(12));

  /** The grey of subtitles. */
  public static final Color SUBTITLE_GREY = new Color(60, 60, 60);

  /** The sans-serif font of every figure, plain. */
  public static Font plain(int size) {
    return new Font(Font.SANS_SERIF, Font.PLAIN, size);
  }

  /** The sans-serif font of every figure, bold. */
  public static Font bold(int size) {
    return new Font(Font.SANS_SERIF, Font.BOLD, size);
  }

  /** A dashed stroke (6 pixels on, 4 off) of {@code width} pixels: failed runs, unit circles, dashed series. */
  public static BasicStroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  /** A solid stroke with round caps and joins, for data lines. */
  public static BasicStroke round(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }
}
