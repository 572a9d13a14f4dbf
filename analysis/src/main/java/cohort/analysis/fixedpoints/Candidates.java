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
 * @param polishSteps accepted Newton / Levenberg–Marquardt steps per state of a polish that was kept (it reached
 *     {@code q < tolQ}); 0 when there was none or it was discarded
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

  /** These candidates followed by {@code other}'s (same state size and input), for a joint {@link FixedPointFinder#select}. */
  public Candidates concat(Candidates other) {
    if (other.stateSize != stateSize || !java.util.Arrays.equals(other.input, input)) {
      throw new IllegalArgumentException("Candidates.concat: state size " + other.stateSize + " and input "
          + java.util.Arrays.toString(other.input) + " must equal " + stateSize + " and "
          + java.util.Arrays.toString(input));
    }
    return new Candidates(stateSize, input, join(initialStates, other.initialStates), join(states, other.states),
        join(q, other.q), join(iterations, other.iterations), join(polishSteps, other.polishSteps));
  }

  /** The candidates with {@code q < bound}, in order, or null when there is none. */
  public Candidates keepBelow(double bound) {
    int kept = 0;
    for (double v : q) {
      kept += v < bound ? 1 : 0;
    }
    if (kept == 0) {
      return null;
    }
    int n = stateSize;
    double[] init = new double[kept * n];
    double[] st = new double[kept * n];
    double[] qs = new double[kept];
    int[] it = new int[kept];
    int[] ps = new int[kept];
    int m = 0;
    for (int k = 0; k < q.length; k++) {
      if (q[k] < bound) {
        System.arraycopy(initialStates, k * n, init, m * n, n);
        System.arraycopy(states, k * n, st, m * n, n);
        qs[m] = q[k];
        it[m] = iterations[k];
        ps[m] = polishSteps[k];
        m++;
      }
    }
    return new Candidates(n, input, init, st, qs, it, ps);
  }

  private static double[] join(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int[] join(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
