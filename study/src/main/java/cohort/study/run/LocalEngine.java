package cohort.study.run;

import cohort.study.population.PairwiseEngine;
import cohort.study.progress.Notices;
import cohort.study.spec.RunSpec;
import cohort.study.spec.StudySpec;
import cohort.study.store.StudyDirectory;
import cohort.tasks.TaskRegistry;
import java.util.List;
import java.util.Objects;

/** The engine of one machine: runs on a pool of threads ({@link StudyRunner}), matrices on threads too. */
public final class LocalEngine implements Engine {

  /** Its name for {@code --engine}. */
  public static final String NAME = "local";

  private final TaskRegistry tasks;
  private final String host;

  /** @param host this machine's name, recorded in run files and claim files */
  public LocalEngine(TaskRegistry tasks, String host) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.host = Objects.requireNonNull(host, "host");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StudyRunner.Summary train(StudyDirectory dir, StudySpec spec, List<RunSpec> runs, int workers,
      StudyRunner.ProgressFactory progress, Notices notices) throws InterruptedException {
    return new StudyRunner(dir, tasks, host).run(spec, runs, workers, progress, notices);
  }

  @Override
  public PairwiseEngine pairwise(StudyDirectory dir, int threads) {
    return PairwiseEngine.local(threads);
  }
}
