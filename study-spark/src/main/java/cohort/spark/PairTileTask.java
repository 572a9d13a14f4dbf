package cohort.spark;

import cohort.analysis.similarity.Metric;
import cohort.study.population.PopulationAnalysis;
import cohort.study.population.PopulationItem;
import cohort.study.store.StudyDirectory;
import cohort.study.store.StudyMerger;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;

/**
 * The Spark task of one {@link PairTile}: reads its items from their run files with the merger's own code
 * ({@link StudyMerger#items}), builds the metric from the study's spec, prepares each item once and returns the
 * distances of the tile's pairs, in {@link PairTile#pairs()} order. Each distance is computed as the local engine
 * computes it, {@code metric.distance(prepare(x_i), prepare(x_j))}, so the matrix does not depend on the engine.
 */
final class PairTileTask implements Function<PairTile, double[]> {

  private static final long serialVersionUID = 1L;

  private final LongAccumulator done;

  /** @param done counts the pairs computed, for the driver's progress line */
  PairTileTask(LongAccumulator done) {
    this.done = done;
  }

  @Override
  public double[] call(PairTile tile) {
    Metric<?, ?> metric = ExecutorSide.spec(tile.dir()).comparisons().metrics().get(tile.metric()).metric();
    double[] out = distances(metric, tile);
    done.add(out.length);
    return out;
  }

  private static <I, P> double[] distances(Metric<I, P> metric, PairTile tile) {
    StudyDirectory dir = new StudyDirectory(Path.of(tile.dir()));
    Map<Integer, P> prepared = new HashMap<>();
    int[] pairs = tile.pairs();
    double[] out = new double[pairs.length / 2];
    for (int k = 0; k < out.length; k++) {
      P a = prepared.computeIfAbsent(pairs[2 * k], i -> prepare(metric, dir, tile.ids().get(i)));
      P b = prepared.computeIfAbsent(pairs[2 * k + 1], i -> prepare(metric, dir, tile.ids().get(i)));
      out[k] = metric.distance(a, b);
    }
    return out;
  }

  private static <I, P> P prepare(Metric<I, P> metric, StudyDirectory dir, String itemId) {
    int colon = itemId.indexOf(':');
    String runId = colon < 0 ? itemId : itemId.substring(0, colon);
    List<PopulationItem> items;
    try (HdfFile run = new HdfFile(dir.runFile(runId))) {
      items = StudyMerger.items(runId, run);
    }
    PopulationItem item = items.stream().filter(it -> it.id().equals(itemId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("item " + itemId + " is not in " + dir.runFile(runId)));
    return metric.prepare(PopulationAnalysis.input(metric, item));
  }
}
