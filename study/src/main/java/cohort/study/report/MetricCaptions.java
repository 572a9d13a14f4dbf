package cohort.study.report;

import java.util.List;
import java.util.Map;

/**
 * What the report says about a similarity metric that the file does not: the order in which metrics are shown
 * (geometry, then dynamics; metrics it does not know after them) and what a distance of the metric is, for the
 * captions of distance matrices. The report's one place for this: when the metrics are listed in a registry, these
 * two methods read it.
 */
final class MetricCaptions {

  private MetricCaptions() {}

  /** The metrics the report knows, in display order. */
  private static final List<String> ORDER = List.of("cka", "cka-rbf", "cka-debiased", "svcca", "procrustes", "dsa");

  /** The position of {@code metric} in the display order; unknown metrics after every known one. */
  static int order(String metric) {
    int i = ORDER.indexOf(metric);
    return i < 0 ? 100 : i;
  }

  /**
   * What a distance of {@code metric} is, in parentheses after a leading space (" (1 − CKA)"), or "" when
   * unknown; {@code attributes} are the comparison group's, whose {@code options} may name DSA's score.
   */
  static String distanceUnits(String metric, Map<String, Object> attributes) {
    if (metric.equals("dsa")) {
      Object options = attributes.get("options");
      String text = options == null ? "" : String.valueOf(options);
      if (text.contains("\"score\":\"wasserstein\"")) {
        return " (DSA Wasserstein score: W2² between operator eigenvalues)";
      }
      if (text.contains("\"score\":\"euclidean\"")) {
        return " (DSA Euclidean distance)";
      }
    }
    return switch (metric) {
      case "cka", "cka-rbf", "cka-debiased" -> " (1 − CKA)";
      case "svcca" -> " (1 − mean CCA correlation)";
      case "procrustes" -> " (angular Procrustes, radians)";
      case "dsa" -> " (DSA angular distance, radians)";
      default -> "";
    };
  }
}
