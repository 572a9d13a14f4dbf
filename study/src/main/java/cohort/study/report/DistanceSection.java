package cohort.study.report;

import cohort.analysis.separability.AverageLinkage;
import cohort.study.report.figure.HeatMap;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Each distance matrix between networks as a heat map, rows and columns ordered by average-linkage clustering
 * ({@link AverageLinkage}; grouped by architecture when the distances cannot be clustered), with the networks'
 * architectures as coloured strips and the metric's distance as the colour bar's caption ({@link
 * MetricCaptions}).
 */
final class DistanceSection implements Section {

  static final String TITLE = "Distance matrices";

  @Override
  public Content write(ReportContext report) {
    StringBuilder h = new StringBuilder();
    for (StudyData.Comparison c : report.data().comparisons()) {
      h.append(heatMap(report, c));
    }
    return h.length() > 0 ? Content.of(h.toString())
        : Content.leftOut("the study has no /comparisons group (no similarity metric was computed).");
  }

  /** The heat map of one distance matrix. */
  private static String heatMap(ReportContext report, StudyData.Comparison c) {
    int n = c.n();
    String[] groups = new String[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      StudyData.Run r = report.run(c.items()[i]);
      groups[i] = r == null ? "unknown run" : r.text("architecture", "?");
      labels[i] = Item.of(c.items()[i]).label();
    }
    int[] order;
    String how;
    try {
      order = AverageLinkage.fit(c.distance(), n).leafOrder();
      how = "rows and columns ordered by average-linkage clustering";
    } catch (IllegalArgumentException ex) {
      order = byGroupThenLabel(groups, labels);
      how = "rows and columns grouped by architecture (clustering impossible: " + ex.getMessage() + ")";
    }
    String units = report.captions().distanceUnits(c.metric(), c.attributes());
    String caption = report.captions().caption(c.metric());
    String scope = Html.scope(c.scope());
    return report.figure(HeatMap.render(caption + " distance between networks — " + scope,
            networks(c.items()) + "; " + how + "\nside strips and white lines: architecture", c.distance(), n,
            order, labels, groups, report.factors().architectures(), caption + " distance" + units),
        "distance-" + Html.slug(c.metric()) + "-" + Html.slug(c.scope()) + ".png",
        caption + " distances, " + scope,
        "Pairwise " + caption + " distances" + units + " between " + n + " networks (" + scope + "), " + how
            + ". The coloured strips on the left and top give each network's architecture; white lines mark "
            + "where the architecture changes along the order. Dark = similar, yellow = dissimilar.");
  }

  /** The item indices sorted by group, then label. */
  private static int[] byGroupThenLabel(String[] groups, String[] labels) {
    Integer[] o = new Integer[groups.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, Comparator.comparing((Integer i) -> groups[i]).thenComparing(i -> labels[i]));
    return Arrays.stream(o).mapToInt(Integer::intValue).toArray();
  }

  /** "12 networks" or "6 trained and 6 untrained networks". */
  private static String networks(String[] items) {
    int untrained = Item.untrained(items);
    return untrained == 0 ? items.length + " networks"
        : (items.length - untrained) + " trained and " + untrained + " untrained networks";
  }
}
