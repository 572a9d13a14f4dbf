package cohort.analysis.fixedpoints;

/**
 * The optimised states before selection, as returned by {@link FixedPointFinder#optimize}: row {@code i} of
 * {@code states} is where initial state {@code i} (row {@code i} of {@code initialStates}, noise included) ended.
 * Rows are in the finder's canonical (lexicographic) order of the caller's initial states, not the caller's order.
 *
 * @param stateSize {@code N}
 * @param input {@code x*}
 * @param initialStates the initial states actually optimised, {@code count × N}
 * @param states final states, {@code count × N}
 * @param q final {@code ½‖F(h) − h‖²} per state
 * @param iterations Adam updates taken per state
 * @param polishSteps accepted Newton / Levenberg–Marquardt steps per state
 */
public record Candidates(int stateSize, double[] input, double[] initialStates, double[] states, double[] q,
    int[] iterations, int[] polishSteps) {

  /** Validates shapes (arrays are owned by the record; accessors return them without copying). */
  public Candidates {
    int count = q.length;
    if (stateSize < 1 || initialStates.length != count * stateSize || states.length != count * stateSize
        || iterations.length != count || polishSteps.length != count) {
      throw new IllegalArgumentException("Candidates: arrays must hold count = " + count + " rows of stateSize = "
          + stateSize);
    }
  }

  /** Number of candidates. */
  public int count() {
    return q.length;
  }
}
