package cohort.study.report;

import cohort.study.report.figure.Chart;
import cohort.study.report.figure.Layer;
import cohort.study.report.figure.Legend;
import cohort.study.report.figure.MarkerShape;
import cohort.study.report.figure.Palette;
import cohort.study.report.figure.Panel;
import cohort.study.report.figure.Ranges;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training curves: validation accuracy and validation loss (the training loss where no validation loss was
 * recorded) against the iteration, one row of two panels per task and one line per network, coloured by the first
 * grid factor other than the task that varies over the runs drawn ({@link Factors}). A failed run is drawn dashed,
 * up to its failure.
 */
final class CurvesSection implements Section {

  static final String TITLE = "Training";

  @Override
  public Content write(ReportContext report) {
    Map<String, List<StudyData.Run>> byTask = report.runsByTask(r -> r.curves() != null
        && r.curves().iteration().length > 0);
    return byTask.isEmpty() ? Content.leftOut("no run has training curves (no /runs/*/training group with data).")
        : Content.of(figure(report, byTask));
  }

  private static String figure(ReportContext report, Map<String, List<StudyData.Run>> byTask) {
    // one row per task, so the lines are coloured by the first other grid factor that varies
    List<StudyData.Run> drawn = new ArrayList<>();
    byTask.values().forEach(drawn::addAll);
    List<String> varies = Factors.varying(drawn, "task");
    String by = varies.isEmpty() ? "architecture" : varies.get(0);
    Map<String, Color> cols = report.factors().colours(by, Factors.levels(drawn, by));
    List<Panel> panels = new ArrayList<>();
    boolean anyTrainFallback = false;
    for (Map.Entry<String, List<StudyData.Run>> e : byTask.entrySet()) {
      anyTrainFallback |= row(panels, e.getKey(), e.getValue(), by, cols);
    }
    int failedDrawn = failed(drawn);
    int failedUndrawn = failed(report.data().runs()) - failedDrawn;
    List<Legend.Entry> legend = Factors.legend(by, cols, true);
    if (failedDrawn > 0) {
      legend.add(Legend.dashed("failed run, up to the failure (dashed, open markers)", Color.DARK_GRAY));
    }
    String failures = (failedDrawn == 0 ? "" : " Dashed lines are the " + Html.plural(failedDrawn, "run")
        + " that failed, drawn up to the failure (with open markers where points are marked).")
        + (failedUndrawn == 0 ? "" : " " + Html.plural(failedUndrawn, "failed run") + " stored no curve and "
            + (failedUndrawn == 1 ? "is" : "are") + " not drawn.");
    return report.figure(Chart.render("Training curves", "one line per network, coloured by " + by
            + (failedDrawn > 0 ? "; dashed = failed runs" : ""), panels, 2, 520, 280, legend),
        "curves.png", "Validation accuracy and loss during training",
        "Validation accuracy (left) and " + (anyTrainFallback ? "loss (training loss where no validation loss was "
            + "recorded)" : "validation loss") + " (right) against the training iteration, one row per task and "
            + "one line per network, coloured by " + Factors.colourByText(by, !varies.isEmpty(), "task") + "."
            + failures);
  }

  /**
   * Adds the accuracy and loss panels of one task's runs; returns whether the loss is the training loss (no
   * validation loss was recorded).
   */
  private static boolean row(List<Panel> panels, String task, List<StudyData.Run> runs, String by,
      Map<String, Color> cols) {
    List<Layer> acc = new ArrayList<>();
    List<Layer> loss = new ArrayList<>();
    List<double[]> xs = new ArrayList<>();
    List<double[]> accs = new ArrayList<>();
    List<double[]> losses = new ArrayList<>();
    boolean fallback = false;
    for (StudyData.Run r : runs) {
      StudyData.Curves c = r.curves();
      Color col = cols.getOrDefault(r.text(by, "?"), Color.GRAY);
      double[] l = c.valLoss();
      if (Double.isNaN(Ranges.of(List.of(l))[0])) { // no validation loss recorded: use the training loss
        l = c.trainLoss();
        fallback = true;
      }
      xs.add(c.iteration());
      accs.add(c.valAccuracy());
      losses.add(l);
      boolean failed = "failed".equals(r.text("status", ""));
      acc.add(new Layer.Line(c.iteration(), c.valAccuracy(), Palette.withAlpha(col, 200), 1.6f, failed));
      loss.add(new Layer.Line(c.iteration(), l, Palette.withAlpha(col, 200), 1.6f, failed));
      if (c.iteration().length <= 25) { // few validation points: mark them (open for a failed run)
        MarkerShape mark = failed ? MarkerShape.HOLLOW_CIRCLE : MarkerShape.CIRCLE;
        double size = failed ? 7 : 5;
        acc.add(new Layer.Points(c.iteration(), c.valAccuracy(), Palette.withAlpha(col, 220), mark, size));
        loss.add(new Layer.Points(c.iteration(), l, Palette.withAlpha(col, 220), mark, size));
      }
    }
    double[] xr = Ranges.of(xs);
    double[] x = {Math.min(0, xr[0]), xr[1] > xr[0] ? xr[1] : xr[0] + 1};
    double[] ar = Ranges.of(accs);
    boolean fraction = ar[0] >= 0 && ar[1] <= 1;
    double[] a = fraction ? new double[] {0, 1.02} : Ranges.pad(ar[0], ar[1], 0.05);
    panels.add(Panel.of(task + " — validation accuracy (" + runs.size() + " runs)", "training iteration",
        "validation accuracy (fraction correct)", x, a, acc));
    double[] lr = Ranges.of(losses);
    boolean log = lr[0] > 0 && lr[1] / lr[0] > 20;
    double lLo;
    double lHi;
    if (log) {
      lLo = Math.pow(10, Math.floor(Math.log10(lr[0]) * 10) / 10 - 0.05);
      lHi = Math.pow(10, Math.ceil(Math.log10(lr[1]) * 10) / 10 + 0.05);
    } else {
      double[] p = Ranges.pad(Math.min(0, lr[0]), lr[1], 0.05);
      lLo = Math.min(0, lr[0]) >= 0 ? 0 : p[0];
      lHi = p[1];
    }
    String what = fallback ? "training loss" : "validation loss";
    panels.add(new Panel(task + " — " + what, "training iteration", what + (log ? " (log scale)" : ""), x[0], x[1],
        lLo, lHi, log, false, null, loss));
    return fallback;
  }

  private static int failed(List<StudyData.Run> runs) {
    int n = 0;
    for (StudyData.Run r : runs) {
      n += "failed".equals(r.text("status", "")) ? 1 : 0;
    }
    return n;
  }
}
