package cohort.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One Spark task of a distance matrix: the pairs (i, j), i &lt; j, with i in rows {@code [rowFrom, rowTo)} and j in
 * columns {@code [colFrom, colTo)} of the matrix over {@code ids}. A task prepares only the items of its tile, so a
 * matrix of N items in tiles of side s prepares each item about 2N/s times and computes each pair once.
 *
 * @param dir the study directory the items' run files are in
 * @param metric the metric's index in the spec's {@code comparisons.metrics}
 * @param ids every item of the matrix, in matrix order ({@code RUN} or {@code RUN:untrained})
 */
record PairTile(String dir, int metric, List<String> ids, int rowFrom, int rowTo, int colFrom, int colTo)
    implements Serializable {

  /** Cuts the upper triangle of an {@code n}-item matrix into square tiles of side {@code side}. */
  static List<PairTile> cover(String dir, int metric, List<String> ids, int side) {
    int n = ids.size();
    List<PairTile> tiles = new java.util.ArrayList<>();
    for (int r = 0; r < n; r += side) {
      for (int c = r; c < n; c += side) {
        tiles.add(new PairTile(dir, metric, List.copyOf(ids), r, Math.min(n, r + side), c, Math.min(n, c + side)));
      }
    }
    return tiles;
  }

  /** Its pairs (i, j) with i &lt; j, in row-major order, as {i0, j0, i1, j1, ...}. */
  int[] pairs() {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    for (int i = rowFrom; i < rowTo; i++) {
      for (int j = Math.max(colFrom, i + 1); j < colTo; j++) {
        out.add(i);
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
