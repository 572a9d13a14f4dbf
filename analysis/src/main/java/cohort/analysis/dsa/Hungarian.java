package cohort.analysis.dsa;

/**
 * The assignment problem by the Hungarian algorithm with potentials (Kuhn 1955; Munkres 1957; the
 * O(n³) shortest-augmenting-path form of Jonker &amp; Volgenant): the permutation σ minimising
 * Σ_i cost[i][σ(i)] for a square cost matrix. Exact; used for optimal transport between two
 * equal-size point sets with uniform weights, whose optimum is a permutation (Birkhoff).
 */
public final class Hungarian {

  private Hungarian() {}

  /**
   * @param cost row-major n×n cost matrix, not modified
   * @return assignment[i] = column assigned to row i
   */
  public static int[] solve(double[] cost, int n) {
    double[] u = new double[n + 1];
    double[] v = new double[n + 1];
    int[] p = new int[n + 1];
    int[] way = new int[n + 1];
    double[] minv = new double[n + 1];
    boolean[] used = new boolean[n + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      java.util.Arrays.fill(minv, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] assignment = new int[n];
    for (int j = 1; j <= n; j++) {
      assignment[p[j] - 1] = j - 1;
    }
    return assignment;
  }
}
