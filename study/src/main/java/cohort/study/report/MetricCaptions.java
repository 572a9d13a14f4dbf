package cohort.study.report;

import cohort.analysis.MetricRegistry;
import java.util.Map;

/**
 * What the report says about a similarity metric that a comparison group may not: the order in which metrics are
 * shown and what a distance of the metric is, for the captions of distance matrices. The report's one place for
 * this, and it reads the study's metric registry: display order is registration order (metrics the registry does
 * not know come after); a distance's units are the ones the file stores with the comparison (the {@code units}
 * attribute), else the registry's units for the metric's defaults.
 */
final class MetricCaptions {

  /** The captions of Cohort's own metrics. */
  static final MetricCaptions STANDARD = new MetricCaptions(MetricRegistry.standard());

  private final MetricRegistry metrics;

  /** The captions of the metrics of {@code metrics} (a study's own registry, outside metrics included). */
  MetricCaptions(MetricRegistry metrics) {
    this.metrics = metrics;
  }

  /** The position of {@code metric} in the display order; unknown metrics after every known one. */
  int order(String metric) {
    return metrics.has(metric) ? metrics.order(metric) : 100;
  }

  /** A metric's caption, e.g. {@code linear CKA}; its name when the registry does not know it. */
  String caption(String metric) {
    return metrics.has(metric) ? metrics.info(metric).caption() : metric;
  }

  /**
   * What a distance of {@code metric} is, in parentheses after a leading space (" (1 − CKA)"), or "" when
   * unknown; {@code attributes} are the comparison group's, whose {@code units} attribute, when present, says it.
   */
  String distanceUnits(String metric, Map<String, Object> attributes) {
    Object stored = attributes.get("units");
    if (stored != null && !String.valueOf(stored).isBlank()) {
      return " (" + stored + ")";
    }
    if (metrics.has(metric)) {
      String units = metrics.info(metric).units();
      return units == null || units.isBlank() ? "" : " (" + units + ")";
    }
    return "";
  }
}
