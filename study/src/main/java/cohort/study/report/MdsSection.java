package cohort.study.report;

import cohort.study.report.figure.Chart;
import cohort.study.report.figure.Layer;
import cohort.study.report.figure.Legend;
import cohort.study.report.figure.MarkerShape;
import cohort.study.report.figure.Numbers;
import cohort.study.report.figure.Palette;
import cohort.study.report.figure.Panel;
import cohort.study.report.figure.Ranges;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The networks' representational and dynamical geometry: each MDS embedding of a distance matrix as a scatter
 * plot, trained networks as filled circles and the same networks before training as open triangles, one figure per
 * grid factor that varies over the embedded networks (architecture when none does), coloured by that factor.
 */
final class MdsSection implements Section {

  static final String TITLE = "Representational and dynamical geometry (MDS)";

  private static final Color TRAINED_MARK = new Color(60, 60, 60);

  @Override
  public Content write(ReportContext report) {
    return report.data().embeddings().isEmpty()
        ? Content.leftOut("the study has no /embeddings group (no comparisons were embedded).")
        : Content.of(figures(report));
  }

  /** One figure per embedding and factor. */
  private static String figures(ReportContext report) {
    StringBuilder h = new StringBuilder();
    for (StudyData.Embedding e : report.data().embeddings()) {
      List<StudyData.Run> embedded = new ArrayList<>();
      for (String item : e.items()) {
        StudyData.Run r = report.run(item);
        if (r != null && !embedded.contains(r)) {
          embedded.add(r);
        }
      }
      List<String> varies = Factors.varying(embedded, null);
      for (String by : varies.isEmpty() ? List.of("architecture") : varies) {
        String[] groups = new String[e.items().length];
        List<String> distinct = new ArrayList<>(Factors.levels(embedded, by));
        for (int i = 0; i < groups.length; i++) {
          StudyData.Run r = report.run(e.items()[i]);
          groups[i] = r == null ? "unknown run" : r.text(by, "?");
          if (!distinct.contains(groups[i])) {
            distinct.add(groups[i]);
          }
        }
        String scope = Html.scope(e.scope());
        h.append(report.figure(figure(e, groups, report.factors().colours(by, distinct), by),
            "mds-" + Html.slug(e.metric()) + "-" + Html.slug(e.scope()) + "-by-" + by + ".png",
            "MDS of " + report.captions().caption(e.metric()) + " distances, " + scope + ", coloured by " + by,
            "Classical multidimensional scaling of the " + report.captions().caption(e.metric())
                + " distance matrix between " + e.items().length
                + " networks (" + scope + "). Each point is a network, coloured by " + by
                + (varies.isEmpty() ? " (no grid factor varies across these networks)"
                    : varies.size() == 1 ? " (the one grid factor that varies across these networks)"
                    : " (one figure for each grid factor that varies across these networks: "
                        + String.join(", ", varies) + ")")
                + "; filled circles are trained networks, open triangles the same networks before training. "
                + "Stress = " + Numbers.orNa(e.stress()) + " (0 = the distances are reproduced exactly)."));
      }
    }
    return h.toString();
  }

  private static BufferedImage figure(StudyData.Embedding e, String[] groups, Map<String, Color> cols, String by) {
    int m = e.items().length;
    int k = m == 0 ? 0 : e.coordinates()[0].length;
    List<Layer> layers = new ArrayList<>();
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (Map.Entry<String, Color> c : cols.entrySet()) {
      for (boolean untrained : new boolean[] {true, false}) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < m; i++) {
          if (groups[i].equals(c.getKey()) && Item.of(e.items()[i]).untrained() == untrained) {
            idx.add(i);
          }
        }
        double[] x = new double[idx.size()];
        double[] y = new double[idx.size()];
        for (int j = 0; j < x.length; j++) {
          double[] p = e.coordinates()[idx.get(j)];
          x[j] = p.length > 0 ? p[0] : 0;
          y[j] = p.length > 1 ? p[1] : 0;
        }
        xs.add(x);
        ys.add(y);
        layers.add(untrained
            ? new Layer.Points(x, y, c.getValue(), MarkerShape.HOLLOW_TRIANGLE, 11)
            : new Layer.Points(x, y, Palette.withAlpha(c.getValue(), 215), MarkerShape.CIRCLE, 11));
      }
    }
    int untrainedCount = Item.untrained(e.items());
    List<Legend.Entry> legend = Factors.legend(by, cols, false);
    legend.add(Legend.marker("trained", TRAINED_MARK, MarkerShape.CIRCLE));
    if (untrainedCount > 0) {
      legend.add(Legend.marker("untrained", TRAINED_MARK, MarkerShape.HOLLOW_TRIANGLE));
    }
    String unit = e.metric() + " distance";
    String what = untrainedCount == 0 ? m + " trained networks"
        : (m - untrainedCount) + " trained and " + untrainedCount + " untrained networks";
    double[] xr = Ranges.padded(xs, 0.08);
    double[] yr = Ranges.padded(ys, 0.08);
    Panel p = new Panel(what + ", " + Html.scope(e.scope()), "MDS dimension 1 (" + unit + ")",
        k > 1 ? "MDS dimension 2 (" + unit + ")" : "(one-dimensional embedding)", xr[0], xr[1], yr[0], yr[1],
        false, k > 1, null, layers);
    return Chart.render("MDS of " + e.metric() + " distances — coloured by " + by,
        "stress = " + Numbers.orNa(e.stress()) + "   ·   " + Html.scope(e.scope()), List.of(p), 1, 720, 560, legend);
  }
}
