package cohort.tasks;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A constant input at which a trained network's autonomous dynamics are worth analysing (its fixed points, their
 * stability and linearisation): zero for a memory task, each frequency cue of a sine generator, each context cue of
 * a context-dependent integrator (Sussillo &amp; Barak 2013; Maheswaranathan et al. 2019 analyse "input-dependent"
 * fixed points the same way).
 *
 * @param name a short name, unique within the task, e.g. {@code zero}, {@code frequency-17}, {@code context-1}
 * @param values the input vector, one value per input channel
 * @param labels what the input stands for, e.g. {@code omega} (rad per step) or {@code context}
 */
public record ConstantInput(String name, double[] values, Map<String, Double> labels) {

  public ConstantInput {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("constant input name: missing; accepted: a short name such as 'zero'");
    }
    values = values.clone();
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("constant input " + name + ": value " + v + "; accepted: finite numbers");
      }
    }
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The zero input of a task with {@code channels} input channels. */
  public static ConstantInput zero(int channels) {
    return new ConstantInput("zero", new double[channels], Map.of());
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstantInput c && c.name.equals(name) && Arrays.equals(c.values, values)
        && c.labels.equals(labels);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(values);
  }
}
