package cohort.study.population;

import cohort.analysis.similarity.PairProgress;

/**
 * Where the population comparisons report what they are doing, so that no phase of a study is silent: each
 * distance matrix announces itself, then reports its pairs as they finish; a matrix taken unchanged from an
 * earlier {@code study.h5} says so instead.
 */
public interface ComparisonProgress {

  /** Reports nothing (library use and tests). */
  ComparisonProgress NONE = new ComparisonProgress() {
    @Override
    public PairProgress started(String what, long pairs) {
      return PairProgress.NONE;
    }

    @Override
    public void reused(String what) {}

    @Override
    public void finished(String what) {}
  };

  /**
   * A matrix of {@code pairs} pairs is being computed.
   *
   * @param what e.g. {@code "cka flipflop (24 networks)"}
   * @return told of every finished pair
   */
  PairProgress started(String what, long pairs);

  /** A matrix was taken from the earlier {@code study.h5}: its inputs and options have not changed. */
  void reused(String what);

  /** The matrix announced by {@link #started} is done. */
  void finished(String what);
}
