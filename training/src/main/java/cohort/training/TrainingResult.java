package cohort.training;

import java.util.Locale;

/**
 * The outcome of one training run.
 *
 * @param status how the run ended
 * @param stopRule the rule that ended a {@link Status#STOPPED_EARLY} run; {@link StopRule#NONE} otherwise
 * @param reason one line for people: why it stopped or failed (e.g. {@code loss became NaN at iteration 312});
 *     empty for a completed run
 * @param iterations parameter updates done
 * @param curves the learning curves
 * @param wallSeconds wall-clock time of the run
 * @param rollbacks how many times the run diverged and returned to its last healthy validation point
 *     ({@link TrainingSpec#rollbacks()}); {@code iterations} counts the updates of the path kept
 */
public record TrainingResult(Status status, StopRule stopRule, String reason, int iterations,
    TrainingCurves curves, double wallSeconds, int rollbacks) {

  /** How a run ended. */
  public enum Status {
    /** All iterations were run. */
    COMPLETED,
    /** A stopping rule ended the run before the last iteration. */
    STOPPED_EARLY,
    /**
     * Training diverged (NaN or infinite loss, gradient norm or validation loss). The update that would have used
     * the bad value is not applied; the parameters are left as they were when it was detected (after a huge
     * learning rate they may already hold very large or infinite values).
     */
    FAILED;

    /** Lower-case name for files and reports: {@code completed}, {@code stopped_early}, {@code failed}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The stopping rules of a {@link TrainingSpec}. */
  public enum StopRule { NONE, TARGET_LOSS, TARGET_ACCURACY, PATIENCE }

  public TrainingResult {
    if (status == null || stopRule == null || reason == null || curves == null) {
      throw new IllegalArgumentException("TrainingResult fields must not be null");
    }
    if ((status == Status.STOPPED_EARLY) != (stopRule != StopRule.NONE)) {
      throw new IllegalArgumentException("stop rule " + stopRule + " does not fit status " + status);
    }
    if (rollbacks < 0) {
      throw new IllegalArgumentException("rollbacks must be >= 0; got " + rollbacks);
    }
  }

  /** A result of a run that never rolled back. */
  public TrainingResult(Status status, StopRule stopRule, String reason, int iterations, TrainingCurves curves,
      double wallSeconds) {
    this(status, stopRule, reason, iterations, curves, wallSeconds, 0);
  }

  /** The last validation loss, NaN if there was no validation point. */
  public double finalValidationLoss() {
    double[] v = curves.validationLoss();
    return v.length == 0 ? Double.NaN : v[v.length - 1];
  }

  /** The last validation accuracy, NaN if there was no validation point. */
  public double finalValidationAccuracy() {
    double[] v = curves.validationAccuracy();
    return v.length == 0 ? Double.NaN : v[v.length - 1];
  }
}
