package cohort.training;

import java.util.Arrays;

/**
 * The learning curves of one run, one entry per validation point.
 *
 * @param iteration number of parameter updates done at that point (1-based)
 * @param trainLoss mean task loss of the training batches since the previous point (without penalties)
 * @param validationLoss mean task loss over the fixed validation batches
 * @param validationAccuracy mean task accuracy ({@link cohort.tasks.Task#accuracy}) over the validation batches
 */
public record TrainingCurves(int[] iteration, double[] trainLoss, double[] validationLoss,
    double[] validationAccuracy) {

  public TrainingCurves {
    int n = iteration.length;
    if (trainLoss.length != n || validationLoss.length != n || validationAccuracy.length != n) {
      throw new IllegalArgumentException("curves must have equal lengths; got iteration " + n + ", train loss "
          + trainLoss.length + ", validation loss " + validationLoss.length + ", validation accuracy "
          + validationAccuracy.length);
    }
    iteration = iteration.clone();
    trainLoss = trainLoss.clone();
    validationLoss = validationLoss.clone();
    validationAccuracy = validationAccuracy.clone();
  }

  /** Number of validation points. */
  public int size() {
    return iteration.length;
  }

  @Override
  public int[] iteration() {
    return iteration.clone();
  }

  @Override
  public double[] trainLoss() {
    return trainLoss.clone();
  }

  @Override
  public double[] validationLoss() {
    return validationLoss.clone();
  }

  @Override
  public double[] validationAccuracy() {
    return validationAccuracy.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingCurves c && Arrays.equals(iteration, c.iteration)
        && Arrays.equals(trainLoss, c.trainLoss) && Arrays.equals(validationLoss, c.validationLoss)
        && Arrays.equals(validationAccuracy, c.validationAccuracy);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(iteration) * 31 + Arrays.hashCode(validationLoss);
  }

  @Override
  public String toString() {
    return "TrainingCurves[" + size() + " points]";
  }
}
