package cohort.study.dynamics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table a per-input measure fills: one column a quantity, one row an analysed input condition (a frequency cue,
 * a context cue), and each condition's verdict. The measure is ok when there is at least one condition and every
 * condition is ok; its attributes start with the number of conditions and of good ones and end with {@code ok}
 * and the description, its datasets are the columns in the order they were made.
 */
final class PerInput {

  private final int conditions;
  private final Map<String, double[]> columns = new LinkedHashMap<>();
  private int good;

  /** A table of {@code conditions} rows. */
  PerInput(int conditions) {
    this.conditions = conditions;
  }

  /** A new column of zeros, stored as the dataset {@code name}. */
  double[] column(String name) {
    double[] c = new double[conditions];
    columns.put(name, c);
    return c;
  }

  /** A new column of NaN (no value until one is found), stored as the dataset {@code name}. */
  double[] unknown(String name) {
    double[] c = column(name);
    Arrays.fill(c, Double.NaN);
    return c;
  }

  /** Records the verdict of condition {@code row}: 1 or 0 in {@code verdicts}, and counted when good. */
  void judge(double[] verdicts, int row, boolean ok) {
    verdicts[row] = ok ? 1 : 0;
    good += ok ? 1 : 0;
  }

  /** Whether there is a condition and every one is ok. */
  boolean ok() {
    return conditions > 0 && good == conditions;
  }

  /**
   * The measurement: attributes {@code noun} (the number of conditions), {@code noun_ok} (how many are ok), then
   * {@code criteria} in order, {@code ok} and {@code description}; the columns as datasets.
   */
  Measurement measurement(String name, String noun, Map<String, Object> criteria, String description) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(noun, conditions);
    attributes.put(noun + "_ok", good);
    attributes.putAll(criteria);
    attributes.put("ok", ok() ? 1 : 0);
    attributes.put("description", description);
    return new Measurement(name, ok(), attributes, columns);
  }
}
