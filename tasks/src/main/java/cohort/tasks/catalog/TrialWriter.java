package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.TrialBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A batch under construction: the time-major arrays of {@link TrialBatch}, small writers for periods of one
 * trial (fill a channel, add Gaussian noise, write one-hot targets and the mask) and the trials' labels. Periods
 * are half-open step ranges {@code [from, to)}.
 */
final class TrialWriter {

  final int steps;
  final int batch;
  final int inputSize;
  final int outputSize;
  final float[] inputs;
  final float[] targets;
  final float[] mask;
  private final Map<String, double[]> labels = new LinkedHashMap<>();

  TrialWriter(int steps, int batch, int inputSize, int outputSize) {
    this.steps = steps;
    this.batch = batch;
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.inputs = new float[steps * batch * inputSize];
    this.targets = new float[steps * batch * outputSize];
    this.mask = new float[steps * batch * outputSize];
  }

  void setInput(int t, int b, int d, double v) {
    inputs[(t * batch + b) * inputSize + d] = (float) v;
  }

  void addInput(int t, int b, int d, double v) {
    inputs[(t * batch + b) * inputSize + d] += (float) v;
  }

  /** Sets input {@code d} of trial {@code b} to {@code v} over {@code [from, to)}. */
  void fillInput(int b, int d, int from, int to, double v) {
    for (int t = from; t < to; t++) {
      inputs[(t * batch + b) * inputSize + d] = (float) v;
    }
  }

  /** Adds {@code sigma * N(0, 1)} to input {@code d} of trial {@code b} over {@code [from, to)}, in time order. */
  void addNoise(int b, int d, int from, int to, double sigma, RandomGenerator random) {
    if (sigma == 0) {
      return;
    }
    for (int t = from; t < to; t++) {
      inputs[(t * batch + b) * inputSize + d] += (float) (sigma * random.nextGaussian());
    }
  }

  void setTarget(int t, int b, int d, double v) {
    targets[(t * batch + b) * outputSize + d] = (float) v;
  }

  /** Sets target {@code d} of trial {@code b} to {@code v} over {@code [from, to)}. */
  void fillTarget(int b, int d, int from, int to, double v) {
    for (int t = from; t < to; t++) {
      targets[(t * batch + b) * outputSize + d] = (float) v;
    }
  }

  /** Sets the mask of every output of trial {@code b} to {@code v} over {@code [from, to)}. */
  void fillMask(int b, int from, int to, double v) {
    for (int t = from; t < to; t++) {
      int base = (t * batch + b) * outputSize;
      for (int d = 0; d < outputSize; d++) {
        mask[base + d] = (float) v;
      }
    }
  }

  /** One-hot target {@code action} over {@code [from, to)} (other outputs 0), mask 1 on every output there. */
  void oneHot(int b, int from, int to, int action) {
    for (int t = from; t < to; t++) {
      int base = (t * batch + b) * outputSize;
      for (int d = 0; d < outputSize; d++) {
        targets[base + d] = d == action ? 1f : 0f;
        mask[base + d] = 1f;
      }
    }
  }

  /** Sets label {@code name} of trial {@code b}; the labels of the batch come in the order they are first set. */
  void label(String name, int b, double value) {
    double[] column = labels.get(name);
    if (column == null) {
      column = new double[batch];
      labels.put(name, column);
    }
    column[b] = value;
  }

  TrialBatch build(double dtMs) {
    Conditions.Builder conditions = Conditions.builder(batch);
    labels.forEach(conditions::put);
    return new TrialBatch(steps, batch, inputSize, outputSize, dtMs, inputs, targets, mask, conditions.build());
  }
}
