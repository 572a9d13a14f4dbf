package cohort.analysis.separability;

import cohort.analysis.embed.ClassicalMds;
import cohort.analysis.embed.Embedding;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Whether two labelled groups of networks are linearly separable in a comparison space, as in
 * Ghalambor et al. 2024 (DSA distances between networks of two tasks): the stratified k-fold
 * cross-validated accuracy of a linear classifier (features standardised on each training split),
 * and a label-permutation null distribution of the same statistic with its p-value. The features are
 * either coordinates (e.g. an MDS embedding of the distance matrix) or the rows of the distance matrix
 * themselves. Folds and permutations are drawn from a generator seeded with the options' seed.
 */
public final class LinearSeparability {

  private LinearSeparability() {}

  /**
   * @param features N rows of equal length, not modified
   * @param labels N labels, 0 or 1, at least {@code folds} of each
   */
  public static SeparabilityResult test(double[][] features, int[] labels, SeparabilityOptions o, String name) {
    int n = features.length;
    if (labels.length != n) {
      throw new IllegalArgumentException("separability labels: got " + labels.length + " for " + n
          + " networks; accepted: one label per network");
    }
    int ones = 0;
    for (int y : labels) {
      if (y != 0 && y != 1) {
        throw new IllegalArgumentException("separability label: got " + y + "; accepted: 0 or 1");
      }
      ones += y;
    }
    if (ones < o.folds() || n - ones < o.folds()) {
      throw new IllegalArgumentException("separability groups: got " + (n - ones) + " and " + ones
          + " networks; accepted: at least folds = " + o.folds() + " in each group");
    }
    RandomGenerator rng = new SplittableRandom(o.seed());
    double acc = crossValidate(features, labels, o, rng);
    double[] nulls = new double[o.permutations()];
    int atLeast = 0;
    int[] perm = labels.clone();
    for (int p = 0; p < o.permutations(); p++) {
      shuffle(perm, rng);
      nulls[p] = crossValidate(features, perm, o, rng);
      if (nulls[p] >= acc - 1e-12) {
        atLeast++;
      }
    }
    double pValue = (1.0 + atLeast) / (1.0 + o.permutations());
    return new SeparabilityResult(acc, nulls, pValue, name, o);
  }

  /** Separability on the first k classical-MDS coordinates of a distance matrix. */
  public static SeparabilityResult onEmbedding(double[] distance, int n, int k, int[] labels, SeparabilityOptions o) {
    Embedding e = ClassicalMds.fit(distance, n, k);
    return test(e.coordinates().toArray(), labels, o, "mds-" + k);
  }

  /** Separability on the rows of a distance matrix (each network described by its distances to all). */
  public static SeparabilityResult onDistanceRows(double[] distance, int n, int[] labels, SeparabilityOptions o) {
    double[][] rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(distance, i * n, rows[i], 0, n);
    }
    return test(rows, labels, o, "distance-rows");
  }

  /** Mean held-out accuracy over stratified folds (fold of the r-th shuffled member of a class = r mod k). */
  static double crossValidate(double[][] x, int[] y, SeparabilityOptions o, RandomGenerator rng) {
    int n = x.length;
    int k = o.folds();
    int[] fold = new int[n];
    for (int cls = 0; cls < 2; cls++) {
      int count = 0;
      for (int v : y) {
        if (v == cls) {
          count++;
        }
      }
      int[] members = new int[count];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (y[i] == cls) {
          members[m++] = i;
        }
      }
      shuffle(members, rng);
      for (int r = 0; r < count; r++) {
        fold[members[r]] = r % k;
      }
    }
    double sum = 0;
    for (int f = 0; f < k; f++) {
      int nTrain = 0;
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          nTrain++;
        }
      }
      double[][] train = new double[nTrain][];
      int[] trainY = new int[nTrain];
      int t = 0;
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          train[t] = x[i];
          trainY[t++] = y[i];
        }
      }
      int dim = x[0].length;
      double[] mean = new double[dim];
      double[] sd = new double[dim];
      for (double[] row : train) {
        for (int j = 0; j < dim; j++) {
          mean[j] += row[j];
        }
      }
      for (int j = 0; j < dim; j++) {
        mean[j] /= nTrain;
      }
      for (double[] row : train) {
        for (int j = 0; j < dim; j++) {
          double d = row[j] - mean[j];
          sd[j] += d * d;
        }
      }
      for (int j = 0; j < dim; j++) {
        sd[j] = Math.sqrt(sd[j] / nTrain);
        if (!(sd[j] > 1e-12)) {
          sd[j] = 1.0;
        }
      }
      double[][] z = new double[nTrain][];
      for (int i = 0; i < nTrain; i++) {
        z[i] = standardise(train[i], mean, sd);
      }
      boolean bothClasses = false;
      for (int i = 1; i < nTrain; i++) {
        if (trainY[i] != trainY[0]) {
          bothClasses = true;
          break;
        }
      }
      int correct = 0;
      int tested = 0;
      LinearRule model = null;
      if (bothClasses) {
        model = o.classifier() == SeparabilityOptions.Classifier.LDA
            ? LinearDiscriminant.fit(z, trainY)
            : LogisticRegression.fit(z, trainY, o.ridge());
      }
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          int pred = model != null ? model.predict(standardise(x[i], mean, sd)) : trainY[0];
          if (pred == y[i]) {
            correct++;
          }
          tested++;
        }
      }
      sum += (double) correct / tested;
    }
    return sum / k;
  }

  private static double[] standardise(double[] row, double[] mean, double[] sd) {
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - mean[j]) / sd[j];
    }
    return out;
  }

  private static void shuffle(int[] a, RandomGenerator rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
