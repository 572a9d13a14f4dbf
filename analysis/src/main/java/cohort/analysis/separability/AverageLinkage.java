package cohort.analysis.separability;

/**
 * Agglomerative clustering with average linkage (UPGMA; Sokal &amp; Michener 1958): repeatedly merge
 * the two clusters with the smallest mean pairwise dissimilarity, updating by Lance–Williams
 * d(k, i∪j) = (n_i·d(k, i) + n_j·d(k, j)) / (n_i + n_j). Ties go to the lowest (i, j). O(N³) time,
 * O(N²) memory; meant for populations of up to a few thousand networks. The leaf order puts similar
 * networks next to each other for plotting a reordered distance matrix.
 */
public final class AverageLinkage {

  private AverageLinkage() {}

  /** Clusters N items from a row-major N×N symmetric dissimilarity matrix (not modified). */
  public static Dendrogram fit(double[] dissimilarity, int n) {
    if (n < 1 || dissimilarity == null || dissimilarity.length != n * n) {
      throw new IllegalArgumentException("average linkage: got " + (dissimilarity == null ? "null"
          : dissimilarity.length + " values") + " for " + n + " items; accepted: a row-major N x N matrix");
    }
    double[] d = dissimilarity.clone();
    int[] id = new int[n];
    int[] size = new int[n];
    boolean[] active = new boolean[n];
    for (int i = 0; i < n; i++) {
      id[i] = i;
      size[i] = 1;
      active[i] = true;
    }
    int[][] merges = new int[Math.max(n - 1, 0)][2];
    double[] heights = new double[Math.max(n - 1, 0)];
    int[] sizes = new int[Math.max(n - 1, 0)];
    for (int step = 0; step < n - 1; step++) {
      int bi = -1;
      int bj = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (!active[i]) {
          continue;
        }
        for (int j = i + 1; j < n; j++) {
          if (active[j] && d[i * n + j] < best) {
            best = d[i * n + j];
            bi = i;
            bj = j;
          }
        }
      }
      if (bi < 0) {
        throw new IllegalArgumentException("average linkage: dissimilarities must be finite (NaN found)");
      }
      int a = Math.min(id[bi], id[bj]);
      int b = Math.max(id[bi], id[bj]);
      merges[step][0] = a;
      merges[step][1] = b;
      heights[step] = best;
      int ni = size[bi];
      int nj = size[bj];
      for (int k = 0; k < n; k++) {
        if (active[k] && k != bi && k != bj) {
          double v = (ni * d[k * n + bi] + nj * d[k * n + bj]) / (ni + nj);
          d[k * n + bi] = v;
          d[bi * n + k] = v;
        }
      }
      active[bj] = false;
      size[bi] = ni + nj;
      sizes[step] = ni + nj;
      id[bi] = n + step;
    }
    int[] order = new int[n];
    if (n == 1) {
      order[0] = 0;
    } else {
      int pos = 0;
      int[] stack = new int[2 * n];
      int top = 0;
      stack[top++] = 2 * n - 2;
      while (top > 0) {
        int c = stack[--top];
        if (c < n) {
          order[pos++] = c;
        } else {
          int[] m = merges[c - n];
          stack[top++] = m[1];
          stack[top++] = m[0];
        }
      }
    }
    return new Dendrogram(merges, heights, sizes, order);
  }
}
