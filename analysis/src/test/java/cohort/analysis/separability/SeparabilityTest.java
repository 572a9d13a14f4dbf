package cohort.analysis.separability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.TestMath;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeparabilityTest {

  /** Two Gaussian clouds in 5-D, the second shifted by {@code shift} along every axis. */
  static double[] clusters(int perGroup, double shift, long seed, int[] labels) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 2 * perGroup;
    int dim = 5;
    double[] p = new double[n * dim];
    for (int i = 0; i < n; i++) {
      labels[i] = i < perGroup ? 0 : 1;
      for (int a = 0; a < dim; a++) {
        p[i * dim + a] = rng.nextGaussian() + (labels[i] == 1 ? shift : 0);
      }
    }
    return TestMath.distances(p, n, dim);
  }

  @Test
  void wellSeparatedGroupsAreSeparableWithSmallP() {
    int[] labels = new int[30];
    double[] d = clusters(15, 10, 1, labels);
    SeparabilityOptions o = new SeparabilityOptions(5, 99, SeparabilityOptions.Classifier.LOGISTIC, 0.1, 7);
    SeparabilityResult mds = LinearSeparability.onEmbedding(d, 30, 2, labels, o);
    assertEquals(1.0, mds.accuracy(), 1e-12);
    assertEquals(0.01, mds.pValue(), 1e-12);
    SeparabilityResult rows = LinearSeparability.onDistanceRows(d, 30, labels,
        new SeparabilityOptions(5, 99, SeparabilityOptions.Classifier.LOGISTIC, 0.1, 7));
    assertEquals(1.0, rows.accuracy(), 1e-12);
    assertTrue(rows.pValue() <= 0.02);
    SeparabilityResult lda = LinearSeparability.onEmbedding(d, 30, 2, labels,
        new SeparabilityOptions(5, 49, SeparabilityOptions.Classifier.LDA, 0, 7));
    assertEquals(1.0, lda.accuracy(), 1e-12);
    assertEquals(0.02, lda.pValue(), 1e-12);
  }

  @Test
  void randomLabelsAreNotSignificantAndResultsAreSeeded() {
    int[] labels = new int[30];
    double[] d = clusters(15, 0, 2, labels);
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = labels.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    SeparabilityOptions o = new SeparabilityOptions(5, 99, SeparabilityOptions.Classifier.LOGISTIC, 0.1, 3);
    SeparabilityResult r = LinearSeparability.onEmbedding(d, 30, 2, labels, o);
    assertTrue(r.pValue() > 0.05, "p " + r.pValue() + " acc " + r.accuracy());
    SeparabilityResult again = LinearSeparability.onEmbedding(d, 30, 2, labels, o);
    assertEquals(r.accuracy(), again.accuracy());
    assertArrayEquals(r.nullAccuracies(), again.nullAccuracies());
  }

  @Test
  void averageLinkageGroupsClustersInTheLeafOrder() {
    int[] labels = new int[12];
    double[] d = clusters(6, 20, 3, labels);
    // interleave the groups so the order has to be recovered
    int n = 12;
    int[] perm = {0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11};
    double[] shuffled = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        shuffled[i * n + j] = d[perm[i] * n + perm[j]];
      }
    }
    Dendrogram tree = AverageLinkage.fit(shuffled, n);
    assertEquals(n - 1, tree.merges().length);
    for (int s = 1; s < n - 1; s++) {
      assertTrue(tree.heights()[s] >= tree.heights()[s - 1] - 1e-12);
    }
    assertEquals(n, tree.sizes()[n - 2]);
    int[] order = tree.leafOrder();
    boolean[] seen = new boolean[n];
    for (int v : order) {
      seen[v] = true;
    }
    for (boolean b : seen) {
      assertTrue(b);
    }
    // the first six leaves all come from one group
    int g = labels[perm[order[0]]];
    for (int i = 0; i < 6; i++) {
      assertEquals(g, labels[perm[order[i]]]);
    }
  }
}
