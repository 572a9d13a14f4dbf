package cohort.study.report.figure;

import java.util.List;
import java.util.Objects;

/**
 * One panel of a {@link Chart}: a title, axis captions and ranges, and the layers drawn in it.
 *
 * @param xLabel caption of the x axis, or null for none
 * @param yLabel caption of the y axis, or null for none
 * @param logY plot y on a log10 scale (all y must then be positive; others are dropped)
 * @param equalAspect one data unit is as long on x as on y (ranges are widened to fit)
 * @param categories labels of x positions 0, 1, ... (bar charts), or null for a numeric x axis
 * @param layers what is drawn, in order
 */
public record Panel(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax,
    boolean logY, boolean equalAspect, List<String> categories, List<Layer> layers) {

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

  /** A panel with linear, independent axes and a numeric x axis. */
  public static Panel of(String title, String xLabel, String yLabel, double[] xRange, double[] yRange,
      List<Layer> layers) {
    return new Panel(title, xLabel, yLabel, xRange[0], xRange[1], yRange[0], yRange[1], false, false, null, layers);
  }

  /** The complex plane {@code [-extent, extent]²} with equal aspect, e.g. for eigenvalues. */
  public static Panel complexPlane(String title, String xLabel, String yLabel, double extent, List<Layer> layers) {
    return new Panel(title, xLabel, yLabel, -extent, extent, -extent, extent, false, true, null, layers);
  }
}
