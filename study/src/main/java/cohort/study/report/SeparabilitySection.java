package cohort.study.report;

import cohort.study.report.figure.Chart;
import cohort.study.report.figure.Layer;
import cohort.study.report.figure.Legend;
import cohort.study.report.figure.Numbers;
import cohort.study.report.figure.Panel;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear separability of groups of networks in a metric's space: a table of every permutation test (accuracy of a
 * cross-validated linear classifier on MDS coordinates and on distance-matrix rows, with p-values), and for each
 * metric and scope a figure of the tests' permutation nulls as histograms with the observed accuracy.
 */
final class SeparabilitySection implements Section {

  static final String TITLE = "Separability";

  private static final Color OBSERVED = new Color(200, 30, 30);
  private static final Color CHANCE = new Color(90, 90, 90);

  @Override
  public Content write(ReportContext report) {
    List<StudyData.SeparabilityTest> all = report.data().separability();
    return all.isEmpty() ? Content.leftOut("the study has no /separability group (no permutation tests were run).")
        : Content.of(table(all) + figures(report, all));
  }

  /** One figure per metric and scope: the null histograms of its tests. */
  private static String figures(ReportContext report, List<StudyData.SeparabilityTest> all) {
    StringBuilder h = new StringBuilder();
    Map<String, List<StudyData.SeparabilityTest>> byMetricScope = new LinkedHashMap<>();
    for (StudyData.SeparabilityTest t : all) {
      byMetricScope.computeIfAbsent(t.metric() + "\u0000" + t.scope(), k -> new ArrayList<>()).add(t);
    }
    List<Legend.Entry> legend = List.of(Legend.box("accuracy under label permutation (null)",
        new Color(150, 150, 150)), Legend.line("observed accuracy", OBSERVED), Legend.line("chance (0.5)", CHANCE));
    for (List<StudyData.SeparabilityTest> tests : byMetricScope.values()) {
      List<Panel> panels = new ArrayList<>();
      for (StudyData.SeparabilityTest t : tests) {
        panels.add(nullPanel(t, "MDS", t.nullMds(), t.number("accuracy_mds"), t.number("p_value_mds")));
        panels.add(nullPanel(t, "rows", t.nullRows(), t.number("accuracy_rows"), t.number("p_value_rows")));
      }
      StudyData.SeparabilityTest first = tests.get(0);
      String scope = Html.scope(first.scope());
      h.append(report.figure(Chart.render("Linear separability — " + first.metric() + ", " + scope,
              "cross-validated accuracy of a linear classifier on MDS coordinates (left) and on distance-matrix "
                  + "rows (right)", panels, 2, 470, 220, legend),
          "separability-" + Html.slug(first.metric()) + "-" + Html.slug(first.scope()) + ".png",
          "Separability tests, " + first.metric() + ", " + scope,
          "For each pair of groups, the cross-validated accuracy of a linear classifier that tells the two groups "
              + "apart from the networks' " + first.metric() + " MDS coordinates (left) or distance-matrix rows "
              + "(right), as a red line over the histogram of accuracies after permuting the group labels. The "
              + "p-value is the fraction of permutations at least as accurate."));
    }
    return h.toString();
  }

  private static String table(List<StudyData.SeparabilityTest> tests) {
    StringBuilder h = new StringBuilder();
    h.append("<p>Each row tests whether two groups of networks are linearly separable in a metric's space: the "
        + "cross-validated accuracy of a linear classifier on the networks' MDS coordinates and on the rows of "
        + "the distance matrix, and the fraction of label permutations that reach that accuracy (p).</p>\n");
    h.append("<div class=\"scroll\"><table class=\"runs\">\n")
        .append("<tr><th>metric</th><th>scope</th><th>grouping</th><th>groups</th>")
        .append("<th>n</th><th>accuracy (MDS)</th><th>p (MDS)</th><th>accuracy (rows)</th><th>p (rows)</th>")
        .append("<th>permutations</th><th>classifier</th></tr>\n");
    for (StudyData.SeparabilityTest t : tests) {
      h.append("<tr><td>").append(Html.esc(t.metric())).append("</td><td>").append(Html.esc(t.scope()))
          .append("</td><td>").append(Html.esc(t.grouping())).append("</td><td>")
          .append(Html.esc(t.pair().replace("_vs_", " vs "))).append("</td><td class=\"num\">")
          .append(Numbers.orNa(t.number("n_a"))).append(" + ").append(Numbers.orNa(t.number("n_b")))
          .append("</td><td class=\"num\">").append(Numbers.fixed(t.number("accuracy_mds"), 3))
          .append("</td><td class=\"num\">").append(Numbers.orNa(t.number("p_value_mds")))
          .append("</td><td class=\"num\">").append(Numbers.fixed(t.number("accuracy_rows"), 3))
          .append("</td><td class=\"num\">").append(Numbers.orNa(t.number("p_value_rows")))
          .append("</td><td class=\"num\">").append(Numbers.orNa(t.number("permutations"))).append("</td><td>")
          .append(Html.esc(StudyData.text(t.attributes(), "classifier", ""))).append("</td></tr>\n");
    }
    h.append("</table></div>\n");
    return h.toString();
  }

  /** The histogram of one test's null accuracies (20 bins over [0, 1]), with chance and the observed accuracy. */
  private static Panel nullPanel(StudyData.SeparabilityTest t, String features, double[] nul, double observed,
      double p) {
    List<Layer> layers = new ArrayList<>();
    int bins = 20;
    double w = 1.0 / bins;
    int[] counts = new int[bins];
    int n = 0;
    for (double v : nul) {
      if (Double.isFinite(v)) {
        counts[Math.max(0, Math.min(bins - 1, (int) Math.floor(v / w)))]++;
        n++;
      }
    }
    int maxCount = 1;
    for (int b = 0; b < bins; b++) {
      maxCount = Math.max(maxCount, counts[b]);
      if (counts[b] > 0) {
        layers.add(new Layer.Rect(b * w, (b + 1) * w, 0, counts[b], new Color(170, 170, 170),
            new Color(110, 110, 110)));
      }
    }
    layers.add(new Layer.VLine(0.5, CHANCE, 1f, null));
    if (Double.isFinite(observed)) {
      layers.add(new Layer.VLine(observed, OBSERVED, 2.5f, "observed " + Numbers.orNa(observed)
          + (Double.isFinite(p) ? ", p = " + Numbers.orNa(p) : "")));
    }
    if (n == 0) {
      layers.add(new Layer.Text("no permutations stored"));
    }
    String groups = t.grouping() + ": " + t.pair().replace("_vs_", " vs ");
    String sizes = Double.isFinite(t.number("n_a")) ? " (n = " + Numbers.orNa(t.number("n_a")) + " + "
        + Numbers.orNa(t.number("n_b")) + ")" : "";
    return new Panel(groups + sizes + " — " + features, "cross-validated accuracy (fraction correct)",
        "permutations (count)", 0, 1.04, 0, Math.ceil(maxCount * 1.25), false, false, null, layers);
  }
}
