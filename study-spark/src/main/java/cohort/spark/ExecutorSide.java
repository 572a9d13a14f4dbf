package cohort.spark;

import cohort.analysis.MetricRegistry;
import cohort.study.spec.SpecReader;
import cohort.study.spec.StudySpec;
import cohort.study.store.StudyDirectory;
import cohort.tasks.TaskRegistry;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a Spark task needs on its executor, built there from the study directory on the shared filesystem rather
 * than shipped from the driver: the registries, the host name, and the study's spec, parsed once per executor JVM.
 */
final class ExecutorSide {

  static final TaskRegistry TASKS = TaskRegistry.standard();

  private static final ConcurrentMap<String, StudySpec> SPECS = new ConcurrentHashMap<>();

  private ExecutorSide() {}

  /** The spec of the study in {@code dir}, as every {@code cohort} command reads it. */
  static StudySpec spec(String dir) {
    return SPECS.computeIfAbsent(dir, d -> {
      StudyDirectory study = new StudyDirectory(Path.of(d));
      return new SpecReader(TASKS, MetricRegistry.standard()).parse(study.specText(), study.specYaml().toString());
    });
  }
}
