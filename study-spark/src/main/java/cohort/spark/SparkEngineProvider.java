package cohort.spark;

import cohort.study.run.Engine;
import cohort.study.run.EngineProvider;

/** Offers the Spark engine to {@code cohort run --engine spark} (listed in {@code META-INF/services}). */
public final class SparkEngineProvider implements EngineProvider {

  @Override
  public String name() {
    return SparkEngine.NAME;
  }

  @Override
  public Engine open(Options options) {
    return SparkEngine.start(options);
  }
}
