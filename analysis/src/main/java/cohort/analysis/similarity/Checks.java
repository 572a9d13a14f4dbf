package cohort.analysis.similarity;

/** Shape checks shared by the metrics (netrep's validation helper). */
final class Checks {
  private Checks() {}

  static void sameRows(String metric, int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException(metric + ": the two inputs have " + a + " and " + b
          + " rows; accepted: the same samples (rows) on both sides");
    }
  }

  static void minRows(String metric, Matrix x, int min) {
    if (x.rows() < min) {
      throw new IllegalArgumentException(metric + ": input has " + x.rows() + " rows; accepted: at least "
          + min + " samples");
    }
  }
}
