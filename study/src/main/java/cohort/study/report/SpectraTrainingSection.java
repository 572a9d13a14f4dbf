package cohort.study.report;

import cohort.study.report.figure.Chart;
import cohort.study.report.figure.Layer;
import cohort.study.report.figure.Legend;
import cohort.study.report.figure.MarkerShape;
import cohort.study.report.figure.Panel;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eigenvalues of the recurrent matrix before and after training, as Jarne's talks draw them: on the complex
 * plane with the unit circle, one column per initialisation (random normal and random orthogonal side by side, then
 * the same with Dale's law), the untrained networks in the top row and the trained ones below, every network of the
 * group overlaid. A run has both spectra when its study asked for the untrained baseline ({@code analysis.untrained})
 * and for spectra; a study with none has no such section.
 */
final class SpectraTrainingSection implements Section {

  static final String TITLE = "Spectra before and after training";

  private static final Color BOUNDARY = new Color(90, 90, 90);

  @Override
  public boolean appliesTo(StudyData data) {
    return data.runs().stream().anyMatch(r -> r.untrainedRe() != null && r.wRecRe() != null);
  }

  @Override
  public Content write(ReportContext report) {
    Map<String, List<StudyData.Run>> groups = new LinkedHashMap<>();
    List<StudyData.Run> runs = new ArrayList<>(report.data().runs());
    runs.sort(java.util.Comparator.comparing((StudyData.Run r) -> dale(r) > 0).thenComparing(r -> r.text("init",
        "?")));
    double extent = 1.2;
    for (StudyData.Run r : runs) {
      if (r.untrainedRe() == null || r.wRecRe() == null || "failed".equals(r.text("status", ""))) {
        continue;
      }
      groups.computeIfAbsent(r.text("init", "?") + (dale(r) > 0 ? ", Dale" : ""), k -> new ArrayList<>()).add(r);
      extent = Math.max(extent, 1.05 * Math.max(largest(r.wRecRe(), r.wRecIm()), largest(r.untrainedRe(),
          r.untrainedIm())));
    }
    List<Panel> before = new ArrayList<>();
    List<Panel> after = new ArrayList<>();
    for (Map.Entry<String, List<StudyData.Run>> g : groups.entrySet()) {
      before.add(panel(g.getKey() + ": before training", g.getValue(), false, extent));
      after.add(panel(g.getKey() + ": after training", g.getValue(), true, extent));
    }
    List<Panel> panels = new ArrayList<>(before);
    panels.addAll(after);
    List<Legend.Entry> legend = List.of(
        Legend.marker("|λ| ≤ 1", ModeSets.STABLE, MarkerShape.CIRCLE),
        Legend.marker("|λ| > 1", ModeSets.UNSTABLE, MarkerShape.CIRCLE),
        Legend.line("unit circle (dashed)", BOUNDARY));
    return Content.of(report.figure(Chart.render("Recurrent eigenvalues before and after training",
            "W_eff of every network of each group overlaid; columns: initialisation (and Dale's law); rows: before, "
                + "after training", panels, groups.size(), 300, 300, legend),
        "spectra-before-after.png", "Eigenvalues before and after training",
        "The eigenvalues of the effective recurrent matrix W_eff of every network, on the complex plane with the unit "
            + "circle (dashed), before training (top row) and after (bottom row), one column per initialisation, "
            + "with and without Dale's law; each panel overlays every network of its group whose training did not "
            + "fail (every task and size, solving or not), red outside the unit circle. Random-normal initialisation starts as a disk (the circular law), "
            + "random-orthogonal as a ring on the unit circle; Jarne reports that the trained bulk keeps that "
            + "shape while a few dominant eigenvalues leave it."));
  }

  private static Panel panel(String title, List<StudyData.Run> runs, boolean trained, double extent) {
    ModeSets modes = new ModeSets(1);
    for (StudyData.Run r : runs) {
      modes.add(0, trained ? r.wRecRe() : r.untrainedRe(), trained ? r.wRecIm() : r.untrainedIm(), false);
    }
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer.Circle(0, 0, 1, BOUNDARY, true));
    layers.addAll(modes.layers(new MarkerShape[] {MarkerShape.CIRCLE}));
    layers.add(new Layer.Text(runs.size() + " networks\n" + modes.count(1) + " of " + (modes.count(0)
        + modes.count(1)) + " eigenvalues outside"));
    return Panel.complexPlane(title, "Re λ", "Im λ", extent, layers);
  }

  private static double dale(StudyData.Run r) {
    double d = r.number("dale");
    return Double.isNaN(d) ? 0 : d;
  }

  private static double largest(double[] re, double[] im) {
    double rho = 0;
    for (int i = 0; i < re.length; i++) {
      rho = Math.max(rho, Math.hypot(re[i], im[i]));
    }
    return rho;
  }
}
