package cohort.training;

/** Receives the progress of a training run at every validation point (every {@code validateEvery} iterations). */
@FunctionalInterface
public interface ProgressListener {

  /** Called on the training thread; must be quick. */
  void onProgress(Progress progress);

  /**
   * Called when the run diverged and returns to an earlier validation point ({@link TrainingSpec#rollbacks()}):
   * the reports that follow count again from {@code iteration}. Does nothing unless overridden.
   *
   * @param iteration updates done at the point the run returns to
   * @param reason what diverged, e.g. {@code gradient norm became NaN at iteration 94}
   * @param rollback this rollback's number, from 1
   */
  default void onRollback(int iteration, String reason, int rollback) {}

  /**
   * One progress report.
   *
   * @param iteration updates done so far
   * @param iterations the run's maximum number of updates
   * @param trainLoss mean training loss since the previous report
   * @param validationLoss validation loss now
   * @param validationAccuracy validation accuracy now
   * @param iterationsPerSecond training speed since the previous report (validation excluded)
   * @param elapsedSeconds wall time since the start of the run
   */
  record Progress(int iteration, int iterations, double trainLoss, double validationLoss,
      double validationAccuracy, double iterationsPerSecond, double elapsedSeconds) {

    /** Estimated seconds to the last iteration at the current speed. */
    public double secondsLeft() {
      return iterationsPerSecond > 0 ? (iterations - iteration) / iterationsPerSecond : Double.NaN;
    }
  }
}
