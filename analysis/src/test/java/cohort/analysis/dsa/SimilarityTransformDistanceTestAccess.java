package cohort.analysis.dsa;

import java.util.random.RandomGenerator;

/** Test access to the Haar-orthogonal generator used for random starts. */
public final class SimilarityTransformDistanceTestAccess {
  private SimilarityTransformDistanceTestAccess() {}

  public static void haar(double[] c, int n, RandomGenerator rng) {
    SimilarityTransformDistance.haar(c, n, rng);
  }
}
