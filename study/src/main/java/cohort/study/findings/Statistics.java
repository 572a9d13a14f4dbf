package cohort.study.findings;

import java.util.SplittableRandom;

/**
 * The statistics of the findings: leave-one-out nearest-neighbour classification from a distance matrix with its
 * label-permutation null (how Maheswaranathan et al. 2019's MDS clusters are judged by number), the Wilson
 * interval of a proportion, the median with a distribution-free interval, a least-squares slope and a difference of
 * means with their Student and Welch intervals (Jarne's spectra).
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

  /** The median of {@code v} (NaN when empty). */
  public static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] a = v.clone();
    java.util.Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  /**
   * A distribution-free 95 % interval of the median: the order statistics of ranks {@code n/2 ∓ 0.98√n} (the
   * normal approximation of the binomial, 1.96·√n/2), clipped to the sample; {@code {low, high}}, NaN when empty.
   */
  public static double[] medianInterval(double[] v) {
    if (v.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] a = v.clone();
    java.util.Arrays.sort(a);
    int n = a.length;
    double half = 0.98 * Math.sqrt(n);
    int lo = (int) Math.max(0, Math.floor(n / 2.0 - half));
    int hi = (int) Math.min(n - 1, Math.ceil(n / 2.0 + half) - 1);
    return new double[] {a[lo], a[Math.max(lo, hi)]};
  }

  /**
   * The least-squares slope of {@code y} on {@code x} with its 95 % interval (Student's t with n − 2 degrees of
   * freedom), {@code {slope, low, high}}; NaN when there are fewer than three points or x does not vary.
   */
  public static double[] slope(double[] x, double[] y) {
    int n = x.length;
    if (n < 3) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    if (!(sxx > 0)) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double b = sxy / sxx;
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - my - b * (x[i] - mx);
      rss += r * r;
    }
    double se = Math.sqrt(rss / (n - 2) / sxx);
    double t = new org.apache.commons.math3.distribution.TDistribution(n - 2).inverseCumulativeProbability(0.975);
    return new double[] {b, b - t * se, b + t * se};
  }

  /**
   * The difference of means {@code mean(a) − mean(b)} with its 95 % Welch interval, {@code {difference, low, high}};
   * NaN when a group has fewer than two values.
   */
  public static double[] meanDifference(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double ma = mean(a);
    double mb = mean(b);
    double va = variance(a, ma) / a.length;
    double vb = variance(b, mb) / b.length;
    double se = Math.sqrt(va + vb);
    double d = ma - mb;
    if (!(se > 0)) {
      return new double[] {d, d, d};
    }
    double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    double t = new org.apache.commons.math3.distribution.TDistribution(df).inverseCumulativeProbability(0.975);
    return new double[] {d, d - t * se, d + t * se};
  }

  private static double mean(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x / v.length;
    }
    return m;
  }

  private static double variance(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }
}
