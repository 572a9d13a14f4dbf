package cohort.study.run;

/**
 * A service that makes an {@link Engine} other than the local one, found with {@link java.util.ServiceLoader} on
 * the class path (a module lists its provider in {@code META-INF/services/cohort.study.run.EngineProvider}). This is
 * how the Spark engine joins the {@code cohort} application without the {@code study} module knowing of Spark: its
 * module is on the class path only when {@code --engine spark} is asked for ({@code ./cohort} then builds and adds
 * it) or when the application runs under {@code spark-submit}.
 */
public interface EngineProvider {

  /** The name {@code --engine} takes, e.g. {@code spark}. */
  String name();

  /**
   * Starts the engine (connects to its cluster).
   *
   * @param options what the command line gave for it
   * @throws IllegalArgumentException one line naming the option that is wrong and what is accepted
   */
  Engine open(Options options);

  /**
   * What the command line gives an engine.
   *
   * @param master the cluster to use ({@code --master}, e.g. {@code spark://host:7077} or {@code local[2]}), or
   *     {@code null} to take it from the engine's own configuration (what {@code spark-submit --master} sets)
   * @param appName a name for the job on the cluster, e.g. the study's name
   */
  record Options(String master, String appName) {}
}
