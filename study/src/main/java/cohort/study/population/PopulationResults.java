package cohort.study.population;

import java.util.List;

/**
 * The population-level results of a study: distance matrices between networks, their embeddings and the
 * separability of labelled groups, each under {@code (metric, scope)}; the scope is a task label for the
 * geometric metrics (networks of one task saw the same probe trials) and {@code all} for DSA.
 */
public record PopulationResults(List<Comparison> comparisons, List<EmbeddingResult> embeddings,
    List<SeparabilityTest> separability) {

  /**
   * A symmetric distance matrix (row-major, M×M) between {@code items}, in {@code units} (the metric's own words,
   * e.g. {@code 1 − CKA}); {@code excluded} are the networks of the scope left out because their probe activity does
   * not vary (a dead ReLU network, say), which no metric can compare.
   */
  public record Comparison(String metric, String scope, String optionsJson, String units, List<String> items,
      double[] distance, List<String> excluded, String fingerprint, boolean reused) {}

  /**
   * Coordinates (M×k, row-major) of a classical MDS of one comparison, with its Kruskal stress, the fraction of the
   * double-centred matrix's positive spectrum the k axes keep, its negative mass relative to the positive one, and
   * all its eigenvalues in descending order.
   */
  public record EmbeddingResult(String metric, String scope, List<String> items, int dimensions,
      double[] coordinates, double stress, double keptFraction, double negativeMass, double[] eigenvalues) {}

  /**
   * Cross-validated linear separability of two groups of one comparison's items, on the MDS coordinates and on the
   * rows of the distance matrix, each with its permutation null.
   */
  public record SeparabilityTest(String metric, String scope, String grouping, String levelA, String levelB,
      int countA, int countB, int folds, int permutations, String classifier,
      double accuracyMds, double pValueMds, double[] nullMds,
      double accuracyRows, double pValueRows, double[] nullRows, String optionsJson) {}
}
