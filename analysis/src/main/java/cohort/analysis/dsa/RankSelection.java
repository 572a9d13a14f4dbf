package cohort.analysis.dsa;

import cohort.analysis.similarity.Checks;

/**
 * How many singular directions of the Hankel matrix the DMD keeps (DSA {@code base_dmd.py}
 * {@code _compute_rank_from_params}): all of them, a fixed number, those with singular value above a
 * threshold (at least one), or the smallest number whose cumulative explained variance S²/ΣS² reaches
 * a fraction ({@code searchsorted(cumsum, p) + 1}). The result is capped at the Hankel width.
 *
 * @param mode which rule
 * @param value the rank (FIXED), the singular-value threshold (THRESHOLD) or the variance fraction
 *     (EXPLAINED_VARIANCE); ignored (0) for FULL
 */
public record RankSelection(Mode mode, double value) {

  /** The rule. */
  public enum Mode {
    FULL,
    FIXED,
    THRESHOLD,
    EXPLAINED_VARIANCE
  }

  public RankSelection {
    Checks.given("rank mode", mode, "FULL, FIXED, THRESHOLD, EXPLAINED_VARIANCE");
    switch (mode) {
      case FIXED -> {
        if (!(value >= 1) || value != Math.rint(value) || value > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("rank: got " + value + "; accepted: an integer >= 1");
        }
      }
      case THRESHOLD -> {
        if (!(value >= 0) || Double.isInfinite(value)) {
          throw new IllegalArgumentException("rank threshold: got " + value + "; accepted: finite >= 0");
        }
      }
      case EXPLAINED_VARIANCE -> {
        if (!(value > 0 && value <= 1)) {
          throw new IllegalArgumentException(
              "rank explained variance: got " + value + "; accepted: (0, 1]");
        }
      }
      case FULL -> {
        if (value != 0) {
          throw new IllegalArgumentException("rank value for FULL: got " + value + "; accepted: 0");
        }
      }
      default -> throw new IllegalStateException("unreachable");
    }
  }

  /** The text forms {@link #parse} accepts, for messages and help. */
  public static final String ACCEPTED = "full, an integer R >= 1 (or rank=R), rank_thresh=S (singular values above "
      + "S >= 0) or rank_explained_variance=P (P in (0, 1])";

  /**
   * The rule written as {@link #toString()} writes it, or a bare integer for a fixed rank: {@code full},
   * {@code 30}, {@code rank=30}, {@code rank_thresh=0.1}, {@code rank_explained_variance=0.9}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static RankSelection parse(String text) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.equals("full")) {
        return full();
      }
      if (t.matches("[0-9]+")) {
        return fixed(Integer.parseInt(t));
      }
      if (t.startsWith("rank=")) {
        return new RankSelection(Mode.FIXED, Double.parseDouble(t.substring(5)));
      }
      if (t.startsWith("rank_thresh=")) {
        return threshold(Double.parseDouble(t.substring(12)));
      }
      if (t.startsWith("rank_explained_variance=")) {
        return explainedVariance(Double.parseDouble(t.substring(24)));
      }
    } catch (NumberFormatException e) {
      // falls through to the one message below
    }
    throw new IllegalArgumentException("rank: got '" + text + "'; accepted: " + ACCEPTED);
  }

  /**
   * Keep every direction the data has (the reference's default): all of them, or, when the Hankel matrix is
   * rank-deficient (a unit that is dead, saturated or a copy of others), those up to its numerical rank (singular
   * values above 1e-7 of the largest). The reference keeps the null directions too, whose coordinates are then
   * arbitrary.
   */
  public static RankSelection full() {
    return new RankSelection(Mode.FULL, 0);
  }

  /** Keep exactly {@code rank} directions. */
  public static RankSelection fixed(int rank) {
    return new RankSelection(Mode.FIXED, rank);
  }

  /** Keep the directions whose singular value exceeds {@code threshold}. */
  public static RankSelection threshold(double threshold) {
    return new RankSelection(Mode.THRESHOLD, threshold);
  }

  /** Keep the fewest directions whose cumulative explained variance reaches {@code fraction}. */
  public static RankSelection explainedVariance(double fraction) {
    return new RankSelection(Mode.EXPLAINED_VARIANCE, fraction);
  }

  /**
   * Applies the rule to singular values sorted descending.
   *
   * @param singularValues the singular values known (for FIXED possibly only the leading ones)
   * @param totalSquares Σ S² over all singular values (the trace of the Gram matrix)
   * @param maxRank the Hankel width (cap)
   */
  public int select(double[] singularValues, double totalSquares, int maxRank) {
    int r;
    switch (mode) {
      case FULL -> r = singularValues.length;
      case FIXED -> r = (int) value;
      case THRESHOLD -> {
        r = 0;
        for (double s : singularValues) {
          if (s > value) {
            r++;
          }
        }
        r = Math.max(r, 1);
      }
      case EXPLAINED_VARIANCE -> {
        double cum = 0;
        r = singularValues.length;
        for (int i = 0; i < singularValues.length; i++) {
          cum += singularValues[i] * singularValues[i] / totalSquares;
          if (cum >= value) {
            r = i + 1;
            break;
          }
        }
      }
      default -> throw new IllegalStateException("unreachable");
    }
    return Math.min(r, maxRank);
  }

  /** The flag form used on the command line and in records, e.g. {@code rank=30}. */
  @Override
  public String toString() {
    return switch (mode) {
      case FULL -> "full";
      case FIXED -> "rank=" + (int) value;
      case THRESHOLD -> "rank_thresh=" + value;
      case EXPLAINED_VARIANCE -> "rank_explained_variance=" + value;
    };
  }
}
