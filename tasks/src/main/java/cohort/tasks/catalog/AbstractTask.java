package cohort.tasks.catalog;

import cohort.tasks.Task;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/** The immutable fields every task has: name, channel names, time step, trial length, parameters. */
abstract class AbstractTask implements Task {

  private final String name;
  private final List<String> inputNames;
  private final List<String> outputNames;
  private final double dtMs;
  private final int steps;
  private final OutputKind outputKind;
  private final TaskParameters parameters;

  AbstractTask(String name, TaskParameters parameters, List<String> inputNames, List<String> outputNames,
      double dtMs, int steps, OutputKind outputKind) {
    if (steps <= 0) {
      throw new IllegalArgumentException("task '" + name + "': the timing gives " + steps
          + " steps per trial; accepted: at least 1 (lengthen a period or shorten dt)");
    }
    this.name = name;
    this.parameters = parameters;
    this.inputNames = List.copyOf(inputNames);
    this.outputNames = List.copyOf(outputNames);
    this.dtMs = dtMs;
    this.steps = steps;
    this.outputKind = outputKind;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<String> inputNames() {
    return inputNames;
  }

  @Override
  public final List<String> outputNames() {
    return outputNames;
  }

  @Override
  public final double dtMs() {
    return dtMs;
  }

  @Override
  public final int steps() {
    return steps;
  }

  @Override
  public final OutputKind outputKind() {
    return outputKind;
  }

  @Override
  public final TaskParameters parameters() {
    return parameters;
  }

  /** Checks the arguments of {@link #accuracy}. */
  final void checkOutputs(TrialBatch trials, float[] outputs) {
    if (trials.outputSize() != outputSize() || trials.inputSize() != inputSize()) {
      throw new IllegalArgumentException("task '" + name + "': the batch has " + trials.inputSize() + " inputs and "
          + trials.outputSize() + " outputs; this task has " + inputSize() + " and " + outputSize());
    }
    long expected = (long) trials.steps() * trials.batch() * trials.outputSize();
    if (outputs.length != expected) {
      throw new IllegalArgumentException("task '" + name + "': outputs have length " + outputs.length
          + "; expected steps*batch*outputs = " + expected);
    }
  }

  /** Checks the batch size, writes each trial with {@link #writeTrial} and builds the batch. */
  @Override
  public final TrialBatch sample(int batch, RandomGenerator random) {
    checkBatch(batch);
    TrialWriter w = new TrialWriter(steps, batch, inputNames.size(), outputNames.size());
    for (int b = 0; b < batch; b++) {
      writeTrial(w, b, random);
    }
    return w.build(dtMs);
  }

  /**
   * Draws trial {@code b} (in a fixed order of random draws) and writes its inputs, targets, mask and labels
   * into {@code w}.
   */
  abstract void writeTrial(TrialWriter w, int b, RandomGenerator random);

  /** A checked positive batch size. */
  private void checkBatch(int batch) {
    if (batch <= 0) {
      throw new IllegalArgumentException("task '" + name + "': batch must be at least 1; got " + batch);
    }
  }

  @Override
  public String toString() {
    return name + parameters;
  }
}
