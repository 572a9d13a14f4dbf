package cohort.analysis.separability;

/**
 * The result of agglomerative clustering of N items.
 *
 * @param merges (N−1)×2 cluster ids merged at each step, smaller id first; ids 0..N−1 are the items,
 *     N + s is the cluster formed at step s (SciPy's linkage convention)
 * @param heights the linkage distance of each merge, non-decreasing for average linkage
 * @param sizes the number of items in the cluster formed at each step
 * @param leafOrder the items in dendrogram order (depth-first, first-listed child first)
 */
public record Dendrogram(int[][] merges, double[] heights, int[] sizes, int[] leafOrder) {}
