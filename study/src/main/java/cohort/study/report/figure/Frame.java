package cohort.study.report.figure;

/**
 * The plot area of one chart panel in pixels and the data ranges it shows: maps data coordinates to pixels (the y
 * axis on a log10 scale when {@code logY}).
 */
public record Frame(int left, int top, int width, int height, double xMin, double xMax, double yMin, double yMax,
    boolean logY) {

  /** The pixel column of {@code x}. */
  public double px(double x) {
    return left + width * (x - xMin) / (xMax - xMin);
  }

  /** The pixel row of {@code y}. */
  public double py(double y) {
    double v = logY ? Math.log10(y) : y;
    double lo = logY ? Math.log10(yMin) : yMin;
    double hi = logY ? Math.log10(yMax) : yMax;
    return top + height * (hi - v) / (hi - lo);
  }

  /** Whether {@code (x, y)} can be drawn: both finite, and y positive on a log axis. */
  boolean drawable(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y) && !(logY && !(y > 0));
  }
}
