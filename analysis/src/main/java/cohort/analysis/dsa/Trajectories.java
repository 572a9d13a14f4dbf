package cohort.analysis.dsa;

/**
 * Activity of one network for DSA: {@code trials × steps × units} in C order, element
 * (k, t, i) at {@code (k * steps + t) * units + i}. A single (steps × units) recording is one trial.
 *
 * @param trials number of trials, ≥ 1
 * @param steps time steps per trial, ≥ 2
 * @param units recorded units, ≥ 1
 * @param data the values, not copied and not to be modified
 */
public record Trajectories(int trials, int steps, int units, double[] data) {

  public Trajectories {
    if (trials < 1 || steps < 2 || units < 1) {
      throw new IllegalArgumentException("trajectories shape: got " + trials + " x " + steps + " x " + units
          + "; accepted: trials >= 1, steps >= 2, units >= 1");
    }
    if (data == null || data.length != (long) trials * steps * units) {
      throw new IllegalArgumentException("trajectories data: got "
          + (data == null ? "null" : data.length + " values") + " for shape " + trials + " x " + steps
          + " x " + units + "; accepted: exactly trials * steps * units values");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trajectories t && t.trials == trials && t.steps == steps && t.units == units
        && java.util.Arrays.equals(t.data, data);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(trials, steps, units, java.util.Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Trajectories[" + trials + " x " + steps + " x " + units + "]";
  }
}
