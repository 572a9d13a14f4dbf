package cohort.analysis.similarity;

/**
 * Receives the progress of an all-pairs computation ({@link Pairwise}): called after every finished pair, from
 * the worker threads, so implementations must be thread-safe and cheap (a counter and, now and then, a line).
 */
@FunctionalInterface
public interface PairProgress {

  /** Does nothing. */
  PairProgress NONE = (done, total) -> {};

  /**
   * @param done pairs finished so far (including this one)
   * @param total pairs in the whole matrix
   */
  void pairsDone(long done, long total);
}
