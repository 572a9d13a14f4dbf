package cohort.study.findings;

import java.util.SplittableRandom;

/**
 * The statistics of the findings: leave-one-out nearest-neighbour classification from a distance matrix with its
 * label-permutation null (how Maheswaranathan et al. 2019's MDS clusters are judged by number), and the Wilson
 * interval of a proportion.
 */
public final class Statistics {

  private Statistics() {}

  /**
   * Leave-one-out 1-nearest-neighbour accuracy: each network takes the label of its nearest other network (ties go
   * to the lower index).
   *
   * @param d row-major n×n distances
   * @param labels one per network
   */
  public static double nearestNeighbourAccuracy(double[] d, int n, int[] labels) {
    if (n < 2) {
      return Double.NaN;
    }
    int right = 0;
    for (int i = 0; i < n; i++) {
      int best = -1;
      for (int j = 0; j < n; j++) {
        if (j != i && (best < 0 || d[i * n + j] < d[i * n + best])) {
          best = j;
        }
      }
      right += labels[best] == labels[i] ? 1 : 0;
    }
    return (double) right / n;
  }

  /**
   * The permutation p-value of {@link #nearestNeighbourAccuracy}: (1 + the number of label shuffles scoring at
   * least the observed accuracy) / (1 + {@code permutations}), shuffles drawn from {@code seed}.
   */
  public static double permutationP(double[] d, int n, int[] labels, int permutations, long seed) {
    double observed = nearestNeighbourAccuracy(d, n, labels);
    SplittableRandom random = new SplittableRandom(seed);
    int[] shuffled = labels.clone();
    int atLeast = 0;
    for (int p = 0; p < permutations; p++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      atLeast += nearestNeighbourAccuracy(d, n, shuffled) >= observed - 1e-12 ? 1 : 0;
    }
    return (1.0 + atLeast) / (1.0 + permutations);
  }

  /** The 95 % Wilson score interval of {@code k} successes in {@code n} trials, {@code {low, high}}. */
  public static double[] wilson(int k, int n) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double z = 1.959963984540054;
    double p = (double) k / n;
    double denom = 1 + z * z / n;
    double centre = (p + z * z / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
