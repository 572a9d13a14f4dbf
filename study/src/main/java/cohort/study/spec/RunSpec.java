package cohort.study.spec;

import cohort.study.spec.StudySpec.InitChoice;
import cohort.study.spec.StudySpec.TaskChoice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a study's grid: one network to generate, train, analyse and store.
 *
 * @param id stable, readable id, e.g. {@code flipflop-gru-tanh-n32-normal1-s0}; the same spec always gives the
 *     same ids
 * @param index position in the expanded grid (shards slice by it)
 * @param seed this run's seed, derived from the study seed and the id (see {@link Grid#runSeed})
 * @param replicate which of the cell's seeds this run is (0-based)
 */
public record RunSpec(
    String id,
    int index,
    long seed,
    TaskChoice task,
    String architecture,
    String activation,
    int units,
    InitChoice init,
    double excitatoryFraction,
    int rank,
    double alpha,
    double recurrentNoise,
    int replicate,
    TrainingChoice training) {

  /** The training hyper-parameters of one run. */
  public record TrainingChoice(
      int iterations,
      int batch,
      double learningRate,
      String optimizer,
      double clip,
      double weightL2,
      double rateL2,
      String loss,
      double targetAccuracy,
      int validateEvery,
      int validationBatches,
      double lrDecay,
      int rollbacks) {

    /**
     * These values with {@code values} (training keys as a spec names them, to single values, as a
     * {@link StudySpec.TrainingOverride} holds them) in place of their own.
     */
    public TrainingChoice with(Map<String, Object> values) {
      Map<String, Object> m = toMap();
      m.putAll(values);
      return new TrainingChoice(((Number) m.get("iterations")).intValue(), ((Number) m.get("batch")).intValue(),
          ((Number) m.get("lr")).doubleValue(), (String) m.get("optimizer"), ((Number) m.get("clip")).doubleValue(),
          ((Number) m.get("weight_l2")).doubleValue(), ((Number) m.get("rate_l2")).doubleValue(),
          (String) m.get("loss"), ((Number) m.get("target_accuracy")).doubleValue(),
          ((Number) m.get("validate_every")).intValue(), ((Number) m.get("validation_batches")).intValue(),
          ((Number) m.get("lr_decay")).doubleValue(), ((Number) m.getOrDefault("rollbacks", 0)).intValue());
    }

    /** These values under the keys of a spec's {@code training} section, in its order. */
    public Map<String, Object> toMap() {
      return SpecReader.trainingMap(iterations, batch, learningRate, optimizer, clip, weightL2, rateL2, loss,
          targetAccuracy, validateEvery, validationBatches, lrDecay, rollbacks);
    }
  }

  /** This run as nested maps, for its canonical JSON provenance. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("seed", seed);
    m.put("replicate", replicate);
    m.put("task", Map.of("label", task.label(), "name", task.name(), "params", task.typedParams()));
    m.put("architecture", architecture);
    m.put("activation", activation);
    m.put("units", units);
    m.put("init", SpecReader.initMap(init));
    m.put("dale", excitatoryFraction);
    m.put("rank", rank);
    m.put("alpha", alpha);
    m.put("recurrent_noise", recurrentNoise);
    m.put("training", training.toMap());
    return m;
  }
}
