package cohort.tasks.catalog;

import cohort.tasks.TrialBatch;
import java.util.function.IntPredicate;

/**
 * The per-trial scoring the continuous-output tasks share. A trial counts as solved only when the whole of its
 * scored period is right; a task's accuracy is the fraction of trials solved, never a fraction of time steps (a
 * per-step score lets a network that loses one memory, or sits near the decision boundary, still score near 1).
 * Only steps with a positive mask are scored.
 */
final class TrialScores {

  private TrialScores() {}

  /** {@code solved / scored}; 1 when no trial had anything to score. */
  static double fraction(int solved, int scored) {
    return scored == 0 ? 1.0 : solved / (double) scored;
  }

  /** The fraction of the trials of {@code trials} that {@code solved} accepts (trial index {@code b}). */
  static double fractionSolved(TrialBatch trials, IntPredicate solved) {
    int n = 0;
    for (int b = 0; b < trials.batch(); b++) {
      if (solved.test(b)) {
        n++;
      }
    }
    return fraction(n, trials.batch());
  }

  /**
   * Whether output {@code d} of trial {@code b} holds the level of a 0/1 target at every scored step: at least
   * {@code 0.5 + margin} where the target is above 0.5 and at most {@code 0.5 − margin} where it is not. Steps
   * within {@code settle} steps of a change of that level ({@code [s − settle, s + settle)} around the first
   * step {@code s} of the new level) are not scored, so a switch may come a little early or late.
   */
  static boolean holdsLevels(TrialBatch trials, float[] outputs, int b, int d, double margin, int settle) {
    int steps = trials.steps();
    float[] targets = trials.targets();
    float[] mask = trials.mask();
    boolean[] exempt = new boolean[steps];
    for (int t = 1; t < steps; t++) {
      if ((targets[trials.outputIndex(t, b, d)] > 0.5f) != (targets[trials.outputIndex(t - 1, b, d)] > 0.5f)) {
        for (int u = Math.max(0, t - settle); u < Math.min(steps, t + settle); u++) {
          exempt[u] = true;
        }
      }
    }
    for (int t = 0; t < steps; t++) {
      int i = trials.outputIndex(t, b, d);
      if (exempt[t] || mask[i] <= 0) {
        continue;
      }
      boolean right = targets[i] > 0.5f ? outputs[i] >= 0.5 + margin : outputs[i] <= 0.5 - margin;
      if (!right) {
        return false;
      }
    }
    return true;
  }

  /**
   * The root-mean-square of {@code outputs − reference} over output {@code d} of trial {@code b} at the scored
   * steps of {@code [from, to)}; 0 when there is none. {@code reference} is indexed like the targets.
   */
  static double rmsError(TrialBatch trials, float[] outputs, float[] reference, int b, int d, int from, int to) {
    float[] mask = trials.mask();
    double sum = 0;
    int n = 0;
    for (int t = Math.max(0, from); t < Math.min(trials.steps(), to); t++) {
      int i = trials.outputIndex(t, b, d);
      if (mask[i] > 0) {
        double e = outputs[i] - reference[i];
        sum += e * e;
        n++;
      }
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }
}
