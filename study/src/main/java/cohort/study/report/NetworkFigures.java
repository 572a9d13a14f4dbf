package cohort.study.report;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.fixedpoints.Stability;
import cohort.analysis.linearize.Spectrum;
import cohort.study.report.figure.Canvas;
import cohort.study.report.figure.Chart;
import cohort.study.report.figure.Layer;
import cohort.study.report.figure.Legend;
import cohort.study.report.figure.MarkerShape;
import cohort.study.report.figure.Numbers;
import cohort.study.report.figure.Panel;
import cohort.study.report.figure.Ranges;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The figures of {@code cohort analyze-network --png DIR}: the network's trajectories and its fixed points
 * projected on the top two principal components of the trajectories, coloured by stability, and the eigenvalues of
 * its recurrent matrix and of the Jacobians at the fixed points on the complex plane with the unit circle. Every
 * eigenvalue is coloured by its modulus against 1 (outside the unit circle: unstable, red; inside or on it: stable,
 * blue), the criterion of the summary line's spectral radius; the kind of fixed point it belongs to is its marker's
 * shape.
 */
public final class NetworkFigures {

  private static final Color STABLE = new Color(0x1f77b4);
  private static final Color SADDLE = new Color(0xd62728);
  private static final Color UNSTABLE = new Color(0x9467bd);
  private static final Color SLOW = new Color(0x7f7f7f);
  private static final Color TRAJECTORY = new Color(0xbbbbbb);
  private static final Color NEUTRAL = new Color(0x555555);
  private static final String[] KIND_NAMES = {"a stable point", "a saddle", "an unstable point", "a slow point"};
  private static final MarkerShape[] KIND_SHAPES = {MarkerShape.CIRCLE, MarkerShape.TRIANGLE, MarkerShape.SQUARE,
      MarkerShape.HOLLOW_CIRCLE};

  private NetworkFigures() {}

  /**
   * Writes {@code fixed-points-pca.png} and {@code spectra.png} into {@code dir}.
   *
   * @param hidden trajectories {@code [steps][trials][units]} (the readout's state {@code h})
   * @param points fixed points (their first {@code units} coordinates are {@code h})
   * @return the files written
   */
  public static List<Path> write(Path dir, String title, float[] hidden, int steps, int trials, int units,
      FixedPointSet points, Spectrum spectrum, String spectrumMatrix) {
    List<Path> files = new ArrayList<>();
    files.add(pca(dir.resolve("fixed-points-pca.png"), title, hidden, steps, trials, units, points));
    files.add(spectra(dir.resolve("spectra.png"), title, points, spectrum, spectrumMatrix));
    return files;
  }

  private static Path pca(Path file, String title, float[] hidden, int steps, int trials, int units,
      FixedPointSet points) {
    int rows = steps * trials;
    double[] mean = new double[units];
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < units; u++) {
        mean[u] += hidden[r * units + u];
      }
    }
    for (int u = 0; u < units; u++) {
      mean[u] /= rows;
    }
    double[][] cov = new double[units][units];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < units; i++) {
        double di = hidden[r * units + i] - mean[i];
        for (int j = 0; j <= i; j++) {
          cov[i][j] += di * (hidden[r * units + j] - mean[j]);
        }
      }
    }
    for (int i = 0; i < units; i++) {
      for (int j = 0; j < i; j++) {
        cov[j][i] = cov[i][j];
      }
    }
    RealMatrix c = MatrixUtils.createRealMatrix(cov);
    EigenDecomposition e = new EigenDecomposition(c);
    double[] values = e.getRealEigenvalues();
    int[] top = topTwo(values);
    double[][] axes = {e.getEigenvector(top[0]).toArray(), e.getEigenvector(top[1]).toArray()};
    double total = 0;
    for (double v : values) {
      total += Math.max(v, 0);
    }
    List<Layer> layers = new ArrayList<>();
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int b = 0; b < trials; b++) {
      double[] x = new double[steps];
      double[] y = new double[steps];
      for (int t = 0; t < steps; t++) {
        int row = t * trials + b;
        x[t] = project(hidden, row * units, mean, axes[0], units);
        y[t] = project(hidden, row * units, mean, axes[1], units);
      }
      xs.add(x);
      ys.add(y);
      layers.add(new Layer.Line(x, y, TRAJECTORY, 1f, false));
    }
    List<Legend.Entry> legend = new ArrayList<>();
    legend.add(Legend.line("trajectories on the probe trials", TRAJECTORY));
    if (points != null) {
      addPoints(layers, legend, points, mean, axes, xs, ys);
    }
    double[] xr = Ranges.padded(xs, 0.05);
    double[] yr = Ranges.padded(ys, 0.05);
    String subtitle = String.format(java.util.Locale.ROOT, "PC1 and PC2 explain %.0f%% and %.0f%% of the "
        + "trajectories' variance", 100 * values[top[0]] / total, 100 * values[top[1]] / total);
    Panel panel = Panel.of(points == null ? "trajectories" : points.size() + " fixed and slow points", "PC1", "PC2",
        xr, yr, layers);
    Canvas.writePng(Chart.render(title + ": fixed points and trajectories", subtitle, List.of(panel), 1, 640, 520,
        legend), file);
    return file;
  }

  private static void addPoints(List<Layer> layers, List<Legend.Entry> legend, FixedPointSet points,
      double[] mean, double[][] axes, List<double[]> xs, List<double[]> ys) {
    String[] names = {"stable", "saddle", "unstable", "slow point"};
    Color[] colors = {STABLE, SADDLE, UNSTABLE, SLOW};
    MarkerShape[] shapes = KIND_SHAPES;
    for (int cls = 0; cls < 4; cls++) {
      List<double[]> sel = new ArrayList<>();
      for (FixedPoint p : points.points()) {
        if (classOf(p) == cls) {
          sel.add(new double[] {project(p.state(), mean, axes[0]), project(p.state(), mean, axes[1])});
        }
      }
      if (sel.isEmpty()) {
        continue;
      }
      double[] x = new double[sel.size()];
      double[] y = new double[sel.size()];
      for (int i = 0; i < sel.size(); i++) {
        x[i] = sel.get(i)[0];
        y[i] = sel.get(i)[1];
      }
      xs.add(x);
      ys.add(y);
      layers.add(new Layer.Points(x, y, colors[cls], shapes[cls], 9));
      legend.add(Legend.marker(names[cls] + " (" + sel.size() + ")", colors[cls], shapes[cls]));
    }
  }

  /** 0 stable, 1 saddle, 2 unstable, 3 slow point. */
  private static int classOf(FixedPoint p) {
    if (p.kind() == PointKind.SLOW) {
      return 3;
    }
    return p.stability() == Stability.STABLE ? 0 : p.stability() == Stability.SADDLE ? 1 : 2;
  }

  private static Path spectra(Path file, String title, FixedPointSet points, Spectrum spectrum, String matrix) {
    List<Panel> panels = new ArrayList<>();
    List<Legend.Entry> legend = new ArrayList<>();
    legend.add(Legend.marker("|λ| ≤ 1: stable (decaying) mode", STABLE, MarkerShape.CIRCLE));
    legend.add(Legend.marker("|λ| > 1: unstable (growing) mode", SADDLE, MarkerShape.CIRCLE));
    if (spectrum != null) {
      double[] re = spectrum.valuesReal();
      double[] im = spectrum.valuesImag();
      List<Layer> layers = new ArrayList<>(byModulus(re, im, MarkerShape.CIRCLE, 6));
      layers.add(new Layer.Text(String.format(java.util.Locale.ROOT, "spectral radius %s; %d of %d outside",
          Numbers.compact(spectrum.spectralRadius()), outside(re, im), re.length)));
      panels.add(complexPanel("eigenvalues of " + shortName(matrix), layers, re, im));
    }
    if (points != null && points.size() > 0) {
      List<Layer> layers = new ArrayList<>();
      List<double[]> re = new ArrayList<>();
      List<double[]> im = new ArrayList<>();
      boolean[] present = new boolean[KIND_NAMES.length];
      for (FixedPoint p : points.points()) {
        double[] r = p.eigen().valuesReal();
        double[] i = p.eigen().valuesImag();
        re.add(r);
        im.add(i);
        int cls = classOf(p);
        present[cls] = true;
        layers.addAll(byModulus(r, i, KIND_SHAPES[cls], 7));
      }
      double[] allRe = concat(re);
      double[] allIm = concat(im);
      layers.add(new Layer.Text(String.format(java.util.Locale.ROOT, "%d of %d eigenvalues outside",
          outside(allRe, allIm), allRe.length)));
      String where = points.size() == 1 ? "point" : points.size() + " points";
      panels.add(complexPanel("Jacobian eigenvalues at the " + where, layers, allRe, allIm));
      for (int cls = 0; cls < KIND_NAMES.length; cls++) {
        if (present[cls]) {
          legend.add(Legend.marker("at " + KIND_NAMES[cls], NEUTRAL, KIND_SHAPES[cls]));
        }
      }
    }
    legend.add(Legend.line("unit circle |λ| = 1", Color.DARK_GRAY));
    if (panels.isEmpty()) {
      panels.add(complexPanel("no spectrum", List.of(), new double[] {0}, new double[] {0}));
    }
    String subtitle = "complex plane, coloured by |λ| against 1: outside the unit circle a mode grows, inside it "
        + "decays" + (points != null && points.size() > 0 ? "; marker shape = kind of point" : "");
    if (points != null && points.continuousTime()) {
      subtitle += "\nEuler map of a continuous-time cell: |λ| < 1 near 1 means slow; the fixed-point classes count "
          + "Re λ > 1 as unstable (the flow's criterion)";
    }
    Canvas.writePng(Chart.render(title + ": eigenvalue spectra", subtitle, panels, 2, 460, 460, legend), file);
    return file;
  }

  /**
   * Markers for eigenvalues {@code re + i·im}: those inside or on the unit circle in the stable colour, those
   * outside it ({@code |λ| > 1}) in the unstable colour, drawn last so that they stay visible.
   */
  static List<Layer> byModulus(double[] re, double[] im, MarkerShape shape, double size) {
    int n = outside(re, im);
    double[][] in = new double[2][re.length - n];
    double[][] out = new double[2][n];
    int a = 0;
    int b = 0;
    for (int i = 0; i < re.length; i++) {
      if (Math.hypot(re[i], im[i]) > 1) {
        out[0][b] = re[i];
        out[1][b++] = im[i];
      } else {
        in[0][a] = re[i];
        in[1][a++] = im[i];
      }
    }
    return List.of(new Layer.Points(in[0], in[1], STABLE, shape, size),
        new Layer.Points(out[0], out[1], SADDLE, shape, size));
  }

  /** Number of eigenvalues outside the unit circle. */
  private static int outside(double[] re, double[] im) {
    int n = 0;
    for (int i = 0; i < re.length; i++) {
      if (Math.hypot(re[i], im[i]) > 1) {
        n++;
      }
    }
    return n;
  }

  private static Panel complexPanel(String title, List<Layer> points, double[] re, double[] im) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer.Circle(0, 0, 1, Color.DARK_GRAY, true));
    layers.addAll(points);
    double extent = 1.1;
    for (int i = 0; i < re.length; i++) {
      extent = Math.max(extent, 1.05 * Math.max(Math.abs(re[i]), Math.abs(im[i])));
    }
    return Panel.complexPlane(title, "Re λ", "Im λ", extent, layers);
  }

  private static String shortName(String matrix) {
    return matrix == null ? "W_rec" : matrix.startsWith("W_eff") ? "W_eff" : "dF/dh at the origin";
  }

  private static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static int[] topTwo(double[] values) {
    int a = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[a]) {
        a = i;
      }
    }
    int b = a == 0 ? (values.length > 1 ? 1 : 0) : 0;
    for (int i = 0; i < values.length; i++) {
      if (i != a && values[i] > values[b]) {
        b = i;
      }
    }
    return new int[] {a, b};
  }

  private static double project(float[] h, int offset, double[] mean, double[] axis, int units) {
    double s = 0;
    for (int u = 0; u < units; u++) {
      s += (h[offset + u] - mean[u]) * axis[u];
    }
    return s;
  }

  /** The coordinate along {@code axis} of the first {@code axis.length} values of {@code h}, less {@code mean}. */
  private static double project(double[] h, double[] mean, double[] axis) {
    double s = 0;
    for (int u = 0; u < axis.length; u++) {
      s += (h[u] - mean[u]) * axis[u];
    }
    return s;
  }
}
