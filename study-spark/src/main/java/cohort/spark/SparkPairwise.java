package cohort.spark;

import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.PairProgress;
import cohort.analysis.similarity.RepresentationalMetric;
import cohort.study.population.PairwiseEngine;
import cohort.study.population.PopulationItem;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Distance matrices as Spark tasks: the upper triangle is cut into square tiles ({@link PairTile}), about four per
 * executor core so that a slow or lost executor delays little, and each tile is one task that reads its items from
 * the run files on the shared filesystem. The driver only assembles the matrix.
 */
final class SparkPairwise implements PairwiseEngine {

  /** Tiles per core of the cluster, so that the cores finish together. */
  static final int TILES_PER_CORE = 4;

  private final JavaSparkContext spark;
  private final String dir;

  SparkPairwise(JavaSparkContext spark, String dir) {
    this.spark = spark;
    this.dir = dir;
  }

  @Override
  public <I, P> double[] distances(Request<I, P> r, PairProgress progress) {
    int n = r.items().size();
    if (r.metric() instanceof RepresentationalMetric<?>) {
      for (int i = 1; i < n; i++) {
        int a = ((Matrix) r.inputs().get(0)).rows();
        int b = ((Matrix) r.inputs().get(i)).rows();
        if (a != b) {
          throw new IllegalArgumentException(r.metric().name() + " (networks 0 and " + i + "): rows " + a + " and "
              + b + "; accepted: the same probe trials for every network");
        }
      }
    }
    List<String> ids = r.items().stream().map(PopulationItem::id).toList();
    List<PairTile> tiles = PairTile.cover(dir, r.index(), ids, side(n, spark.defaultParallelism()));
    List<double[]> values = spark.parallelize(tiles, tiles.size()).map(new PairTileTask()).collect();
    double[] out = new double[n * n];
    long total = (long) n * (n - 1) / 2;
    long done = 0;
    for (int t = 0; t < tiles.size(); t++) {
      int[] pairs = tiles.get(t).pairs();
      double[] v = values.get(t);
      for (int k = 0; k < v.length; k++) {
        out[pairs[2 * k] * n + pairs[2 * k + 1]] = v[k];
        out[pairs[2 * k + 1] * n + pairs[2 * k]] = v[k];
      }
      done += v.length;
      progress.pairsDone(done, total);
    }
    return out;
  }

  /** The side of the tiles: about {@link #TILES_PER_CORE} tiles per core, at least one item. */
  static int side(int n, int cores) {
    double groups = Math.sqrt(2.0 * TILES_PER_CORE * Math.max(1, cores));
    return Math.max(1, (int) Math.ceil(n / groups));
  }
}
