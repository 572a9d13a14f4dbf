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
      double lrDecay) {}

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
    TrainingChoice t = training;
    m.put("training", SpecReader.trainingMap(t.iterations(), t.batch(), t.learningRate(), t.optimizer(), t.clip(),
        t.weightL2(), t.rateL2(), t.loss(), t.targetAccuracy(), t.validateEvery(), t.validationBatches(), t.lrDecay()));
    return m;
  }
}
