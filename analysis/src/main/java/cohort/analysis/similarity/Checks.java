package cohort.analysis.similarity;

import java.util.Arrays;

/**
 * Input checks shared by the metrics (netrep's validation helper): shapes, and values no metric can use. A NaN or
 * an infinity would come out of a metric as a NaN score or a LAPACK failure, and a constant input has no variance,
 * so every metric (CKA, SVCCA, Procrustes, DSA, ...) refuses both in the same words, naming the first bad index.
 * The one-line option checks ({@link #atLeast}, {@link #nonNegative}, {@link #given}) word a refused option the
 * same way everywhere: {@code "<what>: got <value>; accepted: <range>"}.
 */
public final class Checks {
  private Checks() {}

  /** Refuses {@code value < min}. */
  public static void atLeast(String what, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(what + ": got " + value + "; accepted: >= " + min);
    }
  }

  /** Refuses a value that is not {@code >= 0} (a negative number or NaN). */
  public static void nonNegative(String what, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(what + ": got " + value + "; accepted: >= 0");
    }
  }

  /** Refuses a null {@code value}; {@code accepted} lists what may be given. */
  public static void given(String what, Object value, String accepted) {
    if (value == null) {
      throw new IllegalArgumentException(what + ": got null; accepted: " + accepted);
    }
  }

  static void sameRows(String metric, int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException(metric + ": the two inputs have " + a + " and " + b
          + " rows; accepted: the same samples (rows) on both sides");
    }
  }

  /** At least {@code min} rows, every value finite, and not constant. */
  static void input(String metric, Matrix x, int min) {
    if (x.rows() < min) {
      throw new IllegalArgumentException(metric + ": input has " + x.rows() + " rows; accepted: at least "
          + min + " samples");
    }
    usable(metric + ": input", x.data(), new int[] {x.rows(), x.cols()});
  }

  /** The checked input ({@link #input}) with every column's mean subtracted: where the centred metrics start. */
  static Matrix centered(String metric, Matrix x, int min) {
    input(metric, x, min);
    return x.centerColumns();
  }

  /**
   * Refuses a centred input whose {@code size} (its norm or squared norm) is not positive: nothing varies across
   * samples once the means are gone.
   */
  static void hasVariance(String metric, double size) {
    if (!(size > 0)) {
      throw new IllegalArgumentException(metric + ": input has no variance after centring; accepted: "
          + "activity that varies across samples");
    }
  }

  /** The arguments every all-pairs routine takes: at least one network and one thread ({@code what} names it). */
  static void pairwise(String what, int networks, int threads) {
    if (networks < 1) {
      throw new IllegalArgumentException(what + " networks: got 0; accepted: at least 1");
    }
    atLeast(what + " threads", threads, 1);
  }

  /**
   * Refuses values no metric can use: the first non-finite value (with its index in {@code shape}, C order), or an
   * input that does not vary across samples (every row, along the last dimension, the same: a constant array, or
   * one unit per column each stuck at its own value), which has no variance to compare.
   *
   * @param what names the input in the message, e.g. {@code "cka: input"} or {@code "input a.npy"}
   */
  public static void usable(String what, double[] values, int[] shape) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(what + ": value " + values[i] + " at index " + index(i, shape)
            + "; accepted: finite numbers only (no NaN or infinity)");
      }
    }
    int cols = shape.length == 0 ? 1 : Math.max(1, shape[shape.length - 1]);
    for (int i = cols; i < values.length; i++) {
      if (values[i] != values[i % cols]) {
        return;
      }
    }
    boolean allEqual = true;
    for (int i = 1; i < values.length && allEqual; i++) {
      allEqual = values[i] == values[0];
    }
    throw new IllegalArgumentException(what + ": " + (allEqual ? "constant (every value is "
        + (values.length == 0 ? "missing" : values[0]) + ")" : "the same in every sample (no unit varies)")
        + "; accepted: activity that varies across samples");
  }

  /** The C-order multi-index of flat position {@code flat} in {@code shape}, e.g. {@code [3, 2]}. */
  static String index(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    int rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      int size = Math.max(1, shape[d]);
      idx[d] = rest % size;
      rest /= size;
    }
    return Arrays.toString(idx);
  }
}
