package cohort.study.report;

import cohort.study.report.figure.Chart;
import cohort.study.report.figure.Layer;
import cohort.study.report.figure.Legend;
import cohort.study.report.figure.MarkerShape;
import cohort.study.report.figure.Numbers;
import cohort.study.report.figure.Panel;
import cohort.study.report.figure.Ranges;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Eigenvalue spectra on the complex plane, one panel per architecture, every eigenvalue coloured by the stability
 * of its mode ({@link ModeSets}): those of the trained recurrent matrix (W_eff, or the Jacobian at the origin of a
 * gated cell) with the unit circle, the marker's shape giving the task when several are drawn; and those of the
 * Jacobians at the fixed and slow points, the shape giving the kind of point. The Jacobians of continuous-time
 * (Euler) cells are drawn as the flow's eigenvalues {@code μ = (λ − 1)/α}, with the imaginary axis as the
 * boundary.
 */
final class SpectraSection implements Section {

  static final String TITLE = "Eigenvalue spectra";

  private static final Color NEUTRAL = new Color(85, 85, 85);
  private static final Color BOUNDARY = new Color(90, 90, 90);
  private static final MarkerShape[] TASK_SHAPES = {MarkerShape.CIRCLE, MarkerShape.TRIANGLE, MarkerShape.SQUARE,
      MarkerShape.DIAMOND, MarkerShape.HOLLOW_CIRCLE, MarkerShape.HOLLOW_TRIANGLE, MarkerShape.CROSS};
  /** Stable fixed point, saddle (at least one unstable direction), slow point. */
  private static final MarkerShape[] KIND_SHAPES = {MarkerShape.CIRCLE, MarkerShape.TRIANGLE,
      MarkerShape.HOLLOW_CIRCLE};
  private static final String[] KIND_NAMES = {"at stable fixed points", "at saddles (≥ 1 unstable direction)",
      "at slow points"};

  @Override
  public Content write(ReportContext report) {
    String recurrent = recurrent(report);
    String html = (recurrent == null ? "" : recurrent) + jacobians(report);
    return new Content(html, recurrent == null ? "no run has a W_rec spectrum (/runs/*/spectrum)." : null);
  }

  /** The figure of the recurrent matrices' eigenvalues, or null when no run has a spectrum. */
  private static String recurrent(ReportContext report) {
    List<StudyData.Run> runs = report.data().runs();
    List<String> tasks = Factors.levels(runs, "task");
    boolean byTask = tasks.size() > 1 && tasks.size() <= TASK_SHAPES.length;
    double radius = 1.1;
    for (StudyData.Run r : runs) {
      if (r.wRecRe() != null) {
        radius = Math.max(radius, largestModulus(r.wRecRe(), r.wRecIm()) * 1.05);
      }
    }
    MarkerShape[] shapes = new MarkerShape[byTask ? tasks.size() : 1];
    System.arraycopy(TASK_SHAPES, 0, shapes, 0, shapes.length);
    List<Panel> panels = new ArrayList<>();
    for (String a : report.factors().architectures().keySet()) {
      ModeSets modes = new ModeSets(shapes.length);
      int networks = 0;
      double sumRadius = 0;
      for (StudyData.Run r : runs) {
        if (r.wRecRe() != null && r.text("architecture", "?").equals(a)) {
          networks++;
          sumRadius += largestModulus(r.wRecRe(), r.wRecIm());
          modes.add(byTask ? tasks.indexOf(r.text("task", "?")) : 0, r.wRecRe(), r.wRecIm(), false);
        }
      }
      if (networks > 0) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer.Circle(0, 0, 1, BOUNDARY, true));
        layers.addAll(modes.layers(shapes));
        layers.add(new Layer.Text(networks + " networks\nmean spectral radius " + Numbers.orNa(sumRadius / networks)
            + "\n" + modes.count(1) + " of " + (modes.count(0) + modes.count(1)) + " eigenvalues outside"));
        panels.add(Panel.complexPlane(a, "Re λ", "Im λ", radius, layers));
      }
    }
    if (panels.isEmpty()) {
      return null;
    }
    List<Legend.Entry> legend = new ArrayList<>(List.of(
        Legend.marker("|λ| ≤ 1: stable mode", ModeSets.STABLE, MarkerShape.CIRCLE),
        Legend.marker("|λ| > 1: unstable (growing) mode", ModeSets.UNSTABLE, MarkerShape.CIRCLE)));
    if (byTask) {
      for (int k = 0; k < tasks.size(); k++) {
        legend.add(Legend.marker("task " + tasks.get(k), NEUTRAL, shapes[k]));
      }
    }
    legend.add(Legend.line("unit circle (dashed)", BOUNDARY));
    return report.figure(Chart.render("Eigenvalues of the trained recurrent dynamics",
            "W_eff for vanilla and continuous-time cells; dF/dh at h = 0, x = 0 for gated cells (no single W_rec); "
                + "one panel per architecture; red: outside the unit circle", panels, Math.min(3, panels.size()),
            360, 360, legend),
        "spectra-w-rec.png", "W_rec eigenvalues",
        "Eigenvalues of the effective recurrent weight matrix W_eff of every trained vanilla or "
            + "continuous-time network, and of the Jacobian at the origin of every gated network (which has no "
            + "single recurrent matrix; each run's /spectrum attribute 'matrix' says which), on the complex plane, "
            + "one panel per architecture, with the unit circle (dashed). Each eigenvalue is coloured by its "
            + "modulus: red outside the unit circle (|λ| > 1, a mode that grows), blue inside or on it"
            + (byTask ? "; the marker shape gives the task" : "") + ".");
  }

  /** The figure of the Jacobians' eigenvalues at the fixed points, or "" when no run has any. */
  private static String jacobians(ReportContext report) {
    List<StudyData.Run> runs = report.data().runs();
    double radius = 1.1;
    for (StudyData.Run r : runs) {
      StudyData.FixedPoints fp = r.fixedPoints();
      if (fp != null && fp.eigRe() != null && !flow(fp)) {
        for (int p = 0; p < fp.count(); p++) {
          radius = Math.max(radius, largestModulus(fp.eigRe()[p], fp.eigIm()[p]) * 1.05);
        }
      }
    }
    boolean anyFlow = false;
    boolean anyMap = false;
    boolean[] kinds = new boolean[KIND_SHAPES.length];
    List<Panel> panels = new ArrayList<>();
    for (String a : report.factors().architectures().keySet()) {
      for (boolean asFlow : new boolean[] {false, true}) {
        ModeSets modes = new ModeSets(KIND_SHAPES.length);
        int points = 0;
        int networks = 0;
        for (StudyData.Run r : runs) {
          StudyData.FixedPoints fp = r.fixedPoints();
          if (fp == null || fp.eigRe() == null || fp.count() == 0 || !r.text("architecture", "?").equals(a)
              || flow(fp) != asFlow) {
            continue;
          }
          networks++;
          for (int p = 0; p < fp.count(); p++) {
            int kind = fp.slow()[p] != 0 ? 2 : fp.unstableDims()[p] > 0 ? 1 : 0;
            kinds[kind] = true;
            if (asFlow) {
              modes.add(kind, flow(fp.eigRe()[p], 1, fp.alpha()), flow(fp.eigIm()[p], 0, fp.alpha()), true);
            } else {
              modes.add(kind, fp.eigRe()[p], fp.eigIm()[p], false);
            }
            points++;
          }
        }
        if (points == 0) {
          continue;
        }
        anyFlow |= asFlow;
        anyMap |= !asFlow;
        panels.add(jacobianPanel(a, modes, points, networks, asFlow, radius));
      }
    }
    if (panels.isEmpty()) {
      return "";
    }
    String stableText = anyMap && anyFlow ? "|λ| ≤ 1 or Re μ ≤ 0" : anyMap ? "|λ| ≤ 1" : "Re μ ≤ 0";
    String unstableText = anyMap && anyFlow ? "|λ| > 1 or Re μ > 0" : anyMap ? "|λ| > 1" : "Re μ > 0";
    List<Legend.Entry> legend = new ArrayList<>(List.of(
        Legend.marker(stableText + ": stable mode", ModeSets.STABLE, MarkerShape.CIRCLE),
        Legend.marker(unstableText + ": unstable mode", ModeSets.UNSTABLE, MarkerShape.CIRCLE)));
    for (int k = 0; k < KIND_SHAPES.length; k++) {
      if (kinds[k]) {
        legend.add(Legend.marker(KIND_NAMES[k], NEUTRAL, KIND_SHAPES[k]));
      }
    }
    if (anyMap) {
      legend.add(Legend.line("unit circle (dashed)", BOUNDARY));
    }
    if (anyFlow) {
      legend.add(Legend.line("Re μ = 0", BOUNDARY));
    }
    return report.figure(Chart.render("Eigenvalues of the Jacobian at the fixed points",
            "linearised dynamics at every fixed and slow point; one panel per architecture; colour: stability of "
                + "the mode, shape: kind of point", panels, Math.min(3, panels.size()), 360, 360, legend),
        "spectra-jacobian.png", "Jacobian eigenvalues at the fixed points",
        "Eigenvalues of the linearised dynamics at every fixed and slow point found, one panel per architecture. "
            + "Each eigenvalue is coloured by the stability of its mode (red: unstable, blue: stable); the "
            + "marker's shape gives the kind of point it belongs to (filled circle: stable fixed point, "
            + "triangle: saddle, open circle: slow point)."
            + (anyMap ? " Discrete-time cells: eigenvalues λ of the one-step Jacobian ∂F/∂h; outside the unit "
            + "circle (dashed, |λ| > 1) is an unstable direction, near 1 a slow, line-attractor-like direction."
            : "")
            + (anyFlow ? " Continuous-time (Euler) cells, F(h) = h + α f(h): eigenvalues μ = (λ − 1)/α of the "
            + "flow τ dh/dt = f(h), in units of 1/τ; right of the imaginary axis (Re μ > 0) is an unstable "
            + "direction, the criterion the fixed-point analysis used." : ""));
  }

  /**
   * The panel of one architecture's Jacobian eigenvalues: on the λ plane with the unit circle for a map, or on the
   * μ plane with the imaginary axis for a flow.
   */
  private static Panel jacobianPanel(String arch, ModeSets modes, int points, int networks, boolean asFlow,
      double radius) {
    List<Layer> layers = new ArrayList<>();
    if (!asFlow) {
      layers.add(new Layer.Circle(0, 0, 1, BOUNDARY, true));
    }
    layers.addAll(modes.layers(KIND_SHAPES));
    layers.add(new Layer.Text(points + " points in " + networks + " networks\n" + modes.count(1) + " of "
        + (modes.count(0) + modes.count(1)) + " eigenvalues unstable"));
    if (!asFlow) {
      return Panel.complexPlane(arch, "Re λ", "Im λ", radius, layers);
    }
    layers.add(new Layer.VLine(0, BOUNDARY, 1.2f, null));
    double[] xr = Ranges.of(modes.all(0));
    double[] yr = Ranges.of(modes.all(1));
    double[] xp = Ranges.pad(Math.min(xr[0], -0.1), Math.max(xr[1], 0.1), 0.06);
    double ym = Math.max(Math.max(Math.abs(yr[0]), Math.abs(yr[1])), 0.1) * 1.1;
    return new Panel(arch + " (continuous time, flow eigenvalues)", "Re μ (1/τ)", "Im μ (1/τ)", xp[0], xp[1], -ym,
        ym, false, true, null, layers);
  }

  /** Whether a run's fixed-point eigenvalues are shown as flow eigenvalues μ = (λ − 1)/α. */
  private static boolean flow(StudyData.FixedPoints fp) {
    return fp.continuousTime() && fp.alpha() > 0 && Double.isFinite(fp.alpha());
  }

  /**
   * {@code (v − shift)/α} of each value: the real ({@code shift} 1) or imaginary ({@code shift} 0) parts of the
   * flow eigenvalues μ = (λ − 1)/α.
   */
  private static double[] flow(double[] v, double shift, double alpha) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (v[i] - shift) / alpha;
    }
    return out;
  }

  private static double largestModulus(double[] re, double[] im) {
    double rho = 0;
    for (int i = 0; i < re.length; i++) {
      rho = Math.max(rho, Math.hypot(re[i], im[i]));
    }
    return rho;
  }
}
