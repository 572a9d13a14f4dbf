package cohort.study.run;

import cohort.tasks.TaskRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds an engine by its {@code --engine} name: {@code local}, or one an {@link EngineProvider} on the class path offers. */
public final class Engines {

  private Engines() {}

  /**
   * Opens the engine called {@code name}.
   *
   * @param tasks and {@code host}: what the local engine needs
   * @throws IllegalArgumentException one line when no engine has that name (naming the ones there are), or when
   *     the local engine is given a master
   */
  public static Engine open(String name, EngineProvider.Options options, TaskRegistry tasks, String host) {
    if (LocalEngine.NAME.equals(name)) {
      if (options.master() != null) {
        throw new IllegalArgumentException("--master: got '" + options.master() + "' with --engine local; accepted: "
            + "--master only with a cluster engine, e.g. --engine spark --master spark://HOST:7077");
      }
      return new LocalEngine(tasks, host);
    }
    List<String> known = new ArrayList<>(List.of(LocalEngine.NAME));
    for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
      if (p.name().equals(name)) {
        return p.open(options);
      }
      known.add(p.name());
    }
    String hint = "spark".equals(name)
        ? " (the Spark engine is not on this class path: './cohort run ... --engine spark' builds and adds it; "
            + "spark-submit runs study-spark/target/cohort-study-spark-0.1.0-SNAPSHOT.jar, see docs/cluster.md)"
        : "";
    throw new IllegalArgumentException("--engine: got '" + name + "'; accepted: " + String.join(", ", known) + hint);
  }
}
