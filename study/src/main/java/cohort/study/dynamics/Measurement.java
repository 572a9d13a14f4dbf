package cohort.study.dynamics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one {@link RunMeasure} found in one network, stored under {@code /measures/NAME} of its run file: scalar
 * attributes (integers, numbers, text) and one-dimensional datasets (one value per analysis input, say).
 *
 * @param name the measure's name
 * @param ok whether the network shows the structure the measure looks for (the source work's claim)
 * @param attributes scalar results, in order
 * @param datasets per-item results, in order
 */
public record Measurement(String name, boolean ok, Map<String, Object> attributes, Map<String, double[]> datasets) {

  public Measurement {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
  }
}
