package cohort.spark;

import cohort.analysis.similarity.PairProgress;
import cohort.analysis.similarity.RepresentationalMetric;
import cohort.study.population.PairwiseEngine;
import cohort.study.population.PopulationItem;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

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

  private static int rows(PopulationItem it) {
    return it.steps() * it.trials();
  }

  @Override
  public <I, P> double[] distances(Request<I, P> r, PairProgress progress) {
    int n = r.items().size();
    if (r.metric() instanceof RepresentationalMetric<?> && n > 0) {
      // a geometry input's rows are its item's probe steps x trials: read them there, not by converting every
      // item's activations on the driver (the executors convert and prepare them)
      int a = rows(r.items().get(0));
      for (int i = 1; i < n; i++) {
        int b = rows(r.items().get(i));
        if (a != b) {
          throw new IllegalArgumentException(r.metric().name() + " (networks 0 and " + i + "): rows " + a + " and "
              + b + "; accepted: the same probe trials for every network");
        }
      }
    }
    List<String> ids = r.items().stream().map(PopulationItem::id).toList();
    List<PairTile> tiles = PairTile.cover(dir, r.index(), ids, side(n, spark.defaultParallelism()));
    long total = (long) n * (n - 1) / 2;
    List<double[]> values = collect(tiles, total, progress);
    double[] out = new double[n * n];
    for (int t = 0; t < tiles.size(); t++) {
      int[] pairs = tiles.get(t).pairs();
      double[] v = values.get(t);
      for (int k = 0; k < v.length; k++) {
        out[pairs[2 * k] * n + pairs[2 * k + 1]] = v[k];
        out[pairs[2 * k + 1] * n + pairs[2 * k]] = v[k];
      }
    }
    progress.pairsDone(total, total);
    return out;
  }

  /** Runs one task per tile, reporting the pairs of the tiles done (a Spark accumulator) while they run. */
  private List<double[]> collect(List<PairTile> tiles, long total, PairProgress progress) {
    LongAccumulator done = spark.sc().longAccumulator("cohort pairs done");
    JavaFutureAction<List<double[]>> job = spark.parallelize(tiles, tiles.size()).map(new PairTileTask(done))
        .collectAsync();
    long shown = 0;
    while (true) {
      try {
        return job.get(500, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long now = Math.min(done.value(), total);
        if (now > shown) {
          shown = now;
          progress.pairsDone(now, total);
        }
      } catch (InterruptedException e) {
        job.cancel(true);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("pairwise distances interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof RuntimeException r ? r : new IllegalStateException("the Spark job of the pairwise "
            + "distances failed: " + c.getMessage(), c);
      }
    }
  }

  /** The side of the tiles: about {@link #TILES_PER_CORE} tiles per core, at least one item. */
  static int side(int n, int cores) {
    double groups = Math.sqrt(2.0 * TILES_PER_CORE * Math.max(1, cores));
    return Math.max(1, (int) Math.ceil(n / groups));
  }
}
