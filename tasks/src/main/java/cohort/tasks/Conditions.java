package cohort.tasks;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-trial condition labels of a {@link TrialBatch}: named columns of numbers, one value per trial
 * (e.g. {@code coherence}, {@code context}, {@code choice}, {@code f1}). Categorical labels are coded as
 * integers and documented by the task that writes them. Immutable; columns keep their insertion order.
 */
public final class Conditions {

  private final int trials;
  private final Map<String, double[]> columns;

  private Conditions(int trials, Map<String, double[]> columns) {
    this.trials = trials;
    this.columns = columns;
  }

  /** Starts a set of labels for {@code trials} trials. */
  public static Builder builder(int trials) {
    return new Builder(trials);
  }

  /** Number of trials each column covers. */
  public int trials() {
    return trials;
  }

  /** Column names in the order they were added. */
  public List<String> names() {
    return List.copyOf(columns.keySet());
  }

  /** Whether a column of this name exists. */
  public boolean has(String name) {
    return columns.containsKey(name);
  }

  /** A copy of one column. */
  public double[] column(String name) {
    return get(name).clone();
  }

  /** The label of one trial. */
  public double value(String name, int trial) {
    return get(name)[trial];
  }

  private double[] get(String name) {
    double[] c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "no condition label '" + name + "'; labels are " + columns.keySet());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Conditions other) || other.trials != trials
        || !other.columns.keySet().equals(columns.keySet())) {
      return false;
    }
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.columns.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = trials;
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "Conditions" + columns.keySet() + " x " + trials;
  }

  /** Collects label columns; each must have one value per trial. */
  public static final class Builder {
    private final int trials;
    private final Map<String, double[]> columns = new LinkedHashMap<>();

    private Builder(int trials) {
      if (trials <= 0) {
        throw new IllegalArgumentException("trials must be positive; got " + trials);
      }
      this.trials = trials;
    }

    /** Adds a column (copied). */
    public Builder put(String name, double[] values) {
      Objects.requireNonNull(name, "name");
      if (values.length != trials) {
        throw new IllegalArgumentException(
            "label '" + name + "' has " + values.length + " values; expected one per trial (" + trials + ")");
      }
      if (columns.putIfAbsent(name, values.clone()) != null) {
        throw new IllegalArgumentException("label '" + name + "' added twice");
      }
      return this;
    }

    public Conditions build() {
      return new Conditions(trials, Collections.unmodifiableMap(new LinkedHashMap<>(columns)));
    }
  }
}
