package cohort.tasks;

import java.util.Arrays;
import java.util.Objects;

/**
 * A batch of trials of one task, time-major: element {@code (t, b, d)} of {@code inputs} is at
 * {@code (t * batch + b) * inputSize + d}, and likewise for {@code targets} and {@code mask} with
 * {@code outputSize}.
 *
 * <p>One trial per batch column, padded to {@code steps} and masked, never a concatenated stream (as
 * NeuroGym's {@code Dataset} does), so that condition-averaged trajectories line up. {@code mask} is the loss
 * weight per step and output (0 outside the scored periods and in the padding). {@code conditions} holds the
 * per-trial labels that generated each trial (coherence, context, pulse history, ...).
 *
 * <p>The arrays are never mutated after construction; callers must not write to them.
 *
 * @param steps number of time steps T
 * @param batch number of trials B
 * @param inputSize input channels D_in
 * @param outputSize output channels D_out
 * @param dtMs the time step in milliseconds (for tasks without a physical time, 1)
 * @param inputs {@code [T][B][D_in]}
 * @param targets {@code [T][B][D_out]}
 * @param mask {@code [T][B][D_out]}, the loss weight of each target
 * @param conditions per-trial labels, one column per name, each of length B
 */
public record TrialBatch(
    int steps,
    int batch,
    int inputSize,
    int outputSize,
    double dtMs,
    float[] inputs,
    float[] targets,
    float[] mask,
    Conditions conditions) {

  public TrialBatch {
    if (steps <= 0 || batch <= 0 || inputSize <= 0 || outputSize <= 0) {
      throw new IllegalArgumentException(
          "TrialBatch sizes must be positive; got steps=" + steps + ", batch=" + batch
              + ", inputSize=" + inputSize + ", outputSize=" + outputSize);
    }
    checkLength("inputs", inputs, (long) steps * batch * inputSize);
    checkLength("targets", targets, (long) steps * batch * outputSize);
    checkLength("mask", mask, (long) steps * batch * outputSize);
    Objects.requireNonNull(conditions, "conditions");
    if (conditions.trials() != batch) {
      throw new IllegalArgumentException(
          "conditions hold " + conditions.trials() + " trials; the batch has " + batch);
    }
  }

  private static void checkLength(String name, float[] a, long expected) {
    Objects.requireNonNull(a, name);
    if (a.length != expected) {
      throw new IllegalArgumentException(
          name + " has length " + a.length + "; expected steps*batch*size = " + expected);
    }
  }

  /** Index of input {@code (t, b, d)} in {@link #inputs()}. */
  public int inputIndex(int t, int b, int d) {
    return (t * batch + b) * inputSize + d;
  }

  /** Index of target or mask element {@code (t, b, d)} in {@link #targets()} and {@link #mask()}. */
  public int outputIndex(int t, int b, int d) {
    return (t * batch + b) * outputSize + d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrialBatch other
        && steps == other.steps
        && batch == other.batch
        && inputSize == other.inputSize
        && outputSize == other.outputSize
        && Double.compare(dtMs, other.dtMs) == 0
        && Arrays.equals(inputs, other.inputs)
        && Arrays.equals(targets, other.targets)
        && Arrays.equals(mask, other.mask)
        && conditions.equals(other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(steps, batch, inputSize, outputSize, dtMs,
        Arrays.hashCode(inputs), Arrays.hashCode(targets), Arrays.hashCode(mask), conditions);
  }

  @Override
  public String toString() {
    return "TrialBatch[steps=" + steps + ", batch=" + batch + ", inputSize=" + inputSize
        + ", outputSize=" + outputSize + ", dtMs=" + dtMs + ", conditions=" + conditions.names() + "]";
  }
}
