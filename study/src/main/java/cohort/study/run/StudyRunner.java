package cohort.study.run;

import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.StudySpec;
import cohort.study.store.Hdf5Files;
import cohort.study.store.RunFile;
import cohort.study.store.StudyDirectory;
import cohort.study.store.TrainingRun;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.training.Trainer;
import cohort.training.TrainingCurves;
import cohort.training.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs the pending runs of a study (or of one shard of it) on a pool of worker threads, one network per thread,
 * writing each finished run to its own file as soon as it is done.
 *
 * <p>Resumable by construction: a run whose file exists is never redone, and files appear whole (written under a
 * temporary name and renamed), so killing the process at any moment and starting it again finishes the study
 * without redoing or duplicating a run. A run that diverges, or whose analysis throws, is stored as
 * {@code failed} with its reason and the study goes on.
 */
public final class StudyRunner {

  private final StudyDirectory directory;
  private final TaskRegistry tasks;
  private final String host;

  public StudyRunner(StudyDirectory directory, TaskRegistry tasks, String host) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.host = Objects.requireNonNull(host, "host");
  }

  /** What an invocation did. */
  public record Summary(int total, int alreadyDone, int completed, int failed) {}

  /**
   * Runs every run of {@code runs} that has no file yet, on {@code workers} threads, reporting to
   * {@code progressFactory}'s progress line.
   */
  public Summary run(StudySpec spec, List<RunSpec> runs, int workers, ProgressFactory progressFactory)
      throws InterruptedException {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers: got " + workers + "; accepted: an integer >= 1");
    }
    Hdf5Files.deleteTemporaries(directory.runsDir());
    List<RunSpec> pending = new ArrayList<>();
    for (RunSpec r : runs) {
      if (!directory.hasRun(r.id())) {
        pending.add(r);
      }
    }
    int already = runs.size() - pending.size();
    StudyProgress progress = progressFactory.create(runs.size(), already);
    progress.start();
    NetworkRun executor = new NetworkRun(spec, tasks, host);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "cohort-worker");
      t.setDaemon(true);
      return t;
    });
    int completed = 0;
    int failed = 0;
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (RunSpec r : pending) {
        futures.add(pool.submit(() -> {
          RunOutcome outcome = executeSafely(executor, spec, r);
          RunFile.write(directory.runFile(r.id()), outcome);
          boolean ok = outcome.result().status() != TrainingResult.Status.FAILED;
          progress.finished(r.id(), ok, outcome.result().reason());
          return ok;
        }));
      }
      for (Future<Boolean> f : futures) {
        try {
          if (f.get()) {
            completed++;
          } else {
            failed++;
          }
        } catch (ExecutionException e) {
          // Writing the run's file failed (disk full, permissions): nothing more can be stored.
          pool.shutdownNow();
          Throwable cause = e.getCause();
          throw new IllegalStateException("cannot store a run: " + cause.getMessage(), cause);
        }
      }
    } finally {
      pool.shutdownNow();
      progress.close();
    }
    return new Summary(runs.size(), already, completed, failed);
  }

  /**
   * Executes one run; an exception (an analysis that cannot handle this network, say) becomes a failed run with
   * the exception as its reason, so that one network cannot stop a study.
   */
  private RunOutcome executeSafely(NetworkRun executor, StudySpec spec, RunSpec run) {
    try {
      return executor.execute(run);
    } catch (RuntimeException | StackOverflowError e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      Task task = tasks.create(run.task().name(), run.task().params());
      var ns = NetworkRun.networkSpec(run, task);
      var ts = NetworkRun.trainingSpec(run.training(), run.seed());
      long now = System.currentTimeMillis() / 1000;
      TrainingResult result = new TrainingResult(TrainingResult.Status.FAILED, TrainingResult.StopRule.NONE,
          reason, 0, new TrainingCurves(new int[0], new double[0], new double[0], new double[0]), 0);
      return new RunOutcome(run, new TrainingRun(task.name(), task.parameters(), ns, ts),
          Trainer.initialize(ns, run.seed()),
          result, null, null, null, null, null, host, now, now, 0.0);
    }
  }

  /** Makes the progress line once the number of runs is known. */
  @FunctionalInterface
  public interface ProgressFactory {
    StudyProgress create(int total, int alreadyDone);
  }

  /** All runs of {@code spec}, or shard {@code shard} of {@code shards}. */
  public static List<RunSpec> select(StudySpec spec, int shard, int shards) {
    return Grid.shard(Grid.expand(spec), shard, shards);
  }
}
