package cohort.study.run;

import cohort.study.store.RunOutcome;

import cohort.study.progress.Notices;
import cohort.study.progress.StudyProgress;
import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.StudySpec;
import cohort.io.Hdf5Files;
import cohort.study.store.RunFile;
import cohort.study.store.StudyDirectory;
import cohort.io.TrainingRun;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.training.Trainer;
import cohort.training.TrainingCurves;
import cohort.training.TrainingResult;
import cohort.study.store.RunClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /**
   * What an invocation did.
   *
   * @param total runs in this invocation's share of the study
   * @param alreadyDone runs whose file was there when it started (damaged ones excepted)
   * @param completed runs trained now that completed or stopped early
   * @param failed runs trained now that failed (diverged, or an analysis threw)
   * @param elsewhere runs left to other processes that held their claim (another {@code cohort run} on the same
   *     directory), with who holds them; they are neither done nor failed here
   * @param damaged run files found damaged, moved aside and trained again
   */
  public record Summary(int total, int alreadyDone, int completed, int failed, List<String> elsewhere,
      List<String> damaged) {
    public Summary {
      elsewhere = List.copyOf(elsewhere);
      damaged = List.copyOf(damaged);
    }
  }

  private enum Result { COMPLETED, FAILED, DONE_ELSEWHERE, BUSY }

  /**
   * Runs every run of {@code runs} that has no file yet, on {@code workers} threads, reporting to
   * {@code progressFactory}'s progress line. A run file that is damaged (truncated, overwritten) is moved aside as
   * {@code runs/ID.h5.damaged} and its run trained again, with a line to {@code notices}. Each run is claimed
   * ({@link RunClaim}) before it is trained, so other processes working on the same directory are never
   * duplicated: a run claimed elsewhere is skipped, tried once more when this process has nothing else to do, and
   * then left to its holder.
   */
  public Summary run(StudySpec spec, List<RunSpec> runs, int workers, ProgressFactory progressFactory,
      Notices notices) throws InterruptedException {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers: got " + workers + "; accepted: an integer >= 1");
    }
    List<String> damaged = new ArrayList<>();
    for (RunSpec r : runs) {
      Path file = directory.runFile(r.id());
      if (Files.exists(file)) {
        String problem = RunFile.problem(file);
        if (problem != null) {
          try {
            Path aside = directory.moveAside(r.id());
            notices.say("run file " + file + " is " + problem + "; moved to " + aside.getFileName()
                + " and trained again");
            damaged.add(r.id());
          } catch (java.io.UncheckedIOException e) {
            if (Files.exists(file)) {
              throw e; // another process moving it aside at the same time is the only benign failure
            }
          }
        }
      }
    }
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
    List<RunSpec> busy = new ArrayList<>();
    try {
      for (int pass = 0; pass < 2 && !pending.isEmpty(); pass++) {
        List<Future<Result>> futures = new ArrayList<>();
        for (RunSpec r : pending) {
          futures.add(pool.submit(() -> claimAndRun(executor, spec, r, progress)));
        }
        busy.clear();
        for (int i = 0; i < futures.size(); i++) {
          Result result;
          try {
            result = futures.get(i).get();
          } catch (ExecutionException e) {
            // Writing the run's file failed (disk full, permissions): nothing more can be stored.
            pool.shutdownNow();
            Throwable cause = e.getCause();
            throw new IllegalStateException("cannot store run " + pending.get(i).id() + ": " + cause.getMessage(),
                cause);
          }
          switch (result) {
            case COMPLETED -> completed++;
            case FAILED -> failed++;
            case BUSY -> busy.add(pending.get(i));
            case DONE_ELSEWHERE -> { }
          }
        }
        pending = new ArrayList<>(busy);
      }
    } finally {
      pool.shutdownNow();
      progress.close();
    }
    List<String> elsewhere = new ArrayList<>();
    for (RunSpec r : busy) {
      if (!directory.hasRun(r.id())) {
        elsewhere.add(r.id() + " (" + RunClaim.holder(directory, r.id()).orElse("its holder just finished") + ")");
      }
    }
    return new Summary(runs.size(), already, completed, failed, elsewhere, damaged);
  }

  /** Who this process is, in claim files: host and process id. */
  String holder() {
    return host + " pid " + ProcessHandle.current().pid();
  }

  private Result claimAndRun(NetworkRun executor, StudySpec spec, RunSpec r, StudyProgress progress) {
    Optional<RunClaim> claim = RunClaim.tryClaim(directory, r.id(), holder());
    if (claim.isEmpty()) {
      return Result.BUSY;
    }
    try (RunClaim c = claim.get()) { // closing releases the lock and keeps the claim file (the run is not stored)
      if (directory.hasRun(r.id())) {
        c.releaseAsDone();
        return Result.DONE_ELSEWHERE; // another process finished it between our listing and our claim
      }
      Hdf5Files.deleteTemporaries(directory.runFile(r.id()));
      RunOutcome outcome = executeSafely(executor, spec, r);
      RunFile.write(directory.runFile(r.id()), outcome);
      c.releaseAsDone();
      boolean ok = outcome.result().status() != TrainingResult.Status.FAILED;
      progress.finished(r.id(), ok, outcome.result().reason());
      return ok ? Result.COMPLETED : Result.FAILED;
    }
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
          result, List.of(), null, null, null, List.of(), false, "", null, host, now, now, 0.0);
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
