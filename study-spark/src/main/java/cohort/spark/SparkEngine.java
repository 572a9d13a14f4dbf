package cohort.spark;

import cohort.study.population.PairwiseEngine;
import cohort.study.progress.Notices;
import cohort.study.progress.StudyProgress;
import cohort.study.run.Engine;
import cohort.study.run.EngineProvider;
import cohort.study.run.StudyRunner;
import cohort.study.run.StudyRunner.RunResult;
import cohort.study.spec.RunSpec;
import cohort.study.spec.StudySpec;
import cohort.study.store.RunFile;
import cohort.study.store.StudyDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark engine: one network per Spark task ({@link TrainTask}), then the distance matrices as tasks over tiles
 * of pairs ({@link SparkPairwise}); the driver (this process) writes {@code study.h5}. ExecutorSide read the spec and
 * write the run files in the study directory, which must be on a filesystem every executor shares (with
 * {@code local[N]} that is this machine's disk).
 */
public final class SparkEngine implements Engine {

  /** Its name for {@code --engine}. */
  public static final String NAME = "spark";

  private final JavaSparkContext spark;

  private SparkEngine(JavaSparkContext spark) {
    this.spark = spark;
  }

  /**
   * Connects to the cluster of {@code options.master()}, or to the one {@code spark-submit} set.
   *
   * @throws IllegalArgumentException when no master is given either way
   */
  public static SparkEngine start(EngineProvider.Options options) {
    SparkConf conf = new SparkConf().setAppName(options.appName() == null ? "cohort" : options.appName());
    if (options.master() != null) {
      conf.setMaster(options.master());
    } else if (!conf.contains("spark.master")) {
      throw new IllegalArgumentException("--master: missing with --engine spark; accepted: a Spark master URL, e.g. "
          + "--master 'local[2]' or --master spark://HOST:7077 (or run under spark-submit --master)");
    }
    // A run is the unit of retry; a lost executor's runs are claimed again by other tasks (see TrainTask).
    conf.setIfMissing("spark.task.maxFailures", "4");
    conf.setIfMissing("spark.ui.enabled", "false");
    return new SparkEngine(new JavaSparkContext(conf));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StudyRunner.Summary train(StudyDirectory dir, StudySpec spec, List<RunSpec> runs, int workers,
      StudyRunner.ProgressFactory progressFactory, Notices notices) throws InterruptedException {
    StudyRunner runner = new StudyRunner(dir, ExecutorSide.TASKS, StudyRunner.localHost());
    List<String> damaged = runner.checkRunFiles(runs, notices);
    List<String> pending = runner.pending(runs).stream().map(RunSpec::id).toList();
    StudyProgress progress = progressFactory.create(runs.size(), runs.size() - pending.size());
    progress.start();
    int completed = 0;
    int failed = 0;
    try {
      if (!pending.isEmpty()) {
        String root = dir.root().toAbsolutePath().toString();
        JavaFutureAction<List<RunReport>> job = spark.parallelize(pending, pending.size())
            .map(new TrainTask(root)).collectAsync();
        Set<String> shown = new HashSet<>();
        List<RunReport> reports = null;
        while (reports == null) {
          try {
            reports = job.get(1, TimeUnit.SECONDS);
          } catch (TimeoutException e) {
            if (spark.sc().isStopped()) { // the cluster gave up on the application (no executor could start)
              throw new IllegalStateException("the Spark application of " + dir.root() + " was stopped before its "
                  + "runs were done; see the Spark master's and workers' logs");
            }
          } catch (ExecutionException e) {
            throw new IllegalStateException("the Spark job of " + dir.root() + " failed: " + e.getCause().getMessage(),
                e.getCause());
          }
          show(dir, pending, shown, progress);
        }
        for (RunReport r : reports) {
          switch (RunResult.valueOf(r.result())) {
            case COMPLETED -> completed++;
            case FAILED -> failed++;
            default -> { }
          }
        }
      }
    } finally {
      progress.close();
    }
    return new StudyRunner.Summary(runs.size(), runs.size() - pending.size(), completed, failed, List.of(), damaged);
  }

  /** Reports the runs whose files have appeared since the last look. */
  private static void show(StudyDirectory dir, List<String> pending, Set<String> shown, StudyProgress progress) {
    for (String id : pending) {
      if (!shown.contains(id) && dir.hasRun(id)) {
        shown.add(id);
        String reason = "";
        boolean ok = true;
        try {
          RunFile.Summary s = RunFile.summary(dir.runFile(id));
          ok = !s.status().equals("failed");
          reason = s.reason();
        } catch (RuntimeException e) {
          // a file that cannot be read yet is reported as done; the merge reads it again
        }
        progress.finished(id, ok, reason);
      }
    }
  }

  @Override
  public PairwiseEngine pairwise(StudyDirectory dir, int threads) {
    return new SparkPairwise(spark, dir.root().toAbsolutePath().toString());
  }

  @Override
  public void close() {
    spark.close();
  }
}
