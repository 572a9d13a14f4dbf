package cohort.study.run;

import cohort.study.timing.PhaseTimes;
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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /**
   * This machine's name as run files, claims and {@code cohort status} record it: the {@code HOSTNAME} variable,
   * else the resolver's name, else {@code unknown}.
   */
  public static String localHost() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

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

  /** What became of one run handed to {@link #runOne}. */
  public enum RunResult {
    /** Trained here and stored; it completed or stopped early. */
    COMPLETED,
    /** Trained here and stored as failed (diverged, or an analysis threw). */
    FAILED,
    /** Its run file appeared while we waited for or took its claim: another process or task did it. */
    DONE_ELSEWHERE,
    /** Another process or thread holds its claim (only when not waiting for it). */
    BUSY
  }

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
    List<String> damaged = checkRunFiles(runs, notices);
    List<RunSpec> pending = pending(runs);
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
        List<Future<RunResult>> futures = new ArrayList<>();
        for (RunSpec r : pending) {
          futures.add(pool.submit(() -> {
            Attempt attempt = runOne(executor, r, Duration.ZERO);
            if (attempt.trainedHere()) {
              progress.finished(r.id(), attempt.result() == RunResult.COMPLETED, attempt.reason());
            }
            return attempt.result();
          }));
        }
        busy.clear();
        for (int i = 0; i < futures.size(); i++) {
          RunResult result;
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

  /**
   * Checks the run files of {@code runs} before any is trained: moves the damaged ones aside
   * ({@code runs/ID.h5.damaged}) so that they are trained again, with a line each to {@code notices}, and deletes
   * the claim file a process killed between storing a sound run and deleting its claim left behind
   * ({@link RunClaim#removeStale}); returns the damaged runs' ids.
   */
  public List<String> checkRunFiles(List<RunSpec> runs, Notices notices) {
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
        } else {
          RunClaim.removeStale(directory, r.id());
        }
      }
    }
    return damaged;
  }

  /** The runs of {@code runs} that have no run file yet. */
  public List<RunSpec> pending(List<RunSpec> runs) {
    List<RunSpec> pending = new ArrayList<>();
    for (RunSpec r : runs) {
      if (!directory.hasRun(r.id())) {
        pending.add(r);
      }
    }
    return pending;
  }

  /** Who this process is, in claim files: host and process id. */
  String holder() {
    return host + " pid " + ProcessHandle.current().pid();
  }

  /**
   * Claims, trains and stores one run: the unit of work of every engine (a thread of the local pool, a Spark task).
   * The run is trained only by the holder of its claim ({@link RunClaim}) that finds no run file after taking it,
   * and its file appears whole by a rename, so a run handed to several processes or tasks at once (a retried or
   * speculative Spark task, two {@code cohort run} on one directory) is trained and stored exactly once.
   *
   * @param executor trains and analyses the network ({@link NetworkRun} of the run's study)
   * @param waitForClaim how long to wait for a claim held by someone else: {@link Duration#ZERO} returns
   *     {@link RunResult#BUSY} at once; a longer wait returns {@link RunResult#DONE_ELSEWHERE} as soon as the
   *     holder has stored the run, or trains it here if the holder ended without storing it
   * @throws java.io.UncheckedIOException if the run file cannot be written (disk full, permissions)
   */
  public Attempt runOne(NetworkRun executor, RunSpec r, Duration waitForClaim) throws InterruptedException {
    long deadline = System.nanoTime() + waitForClaim.toNanos();
    Optional<RunClaim> claim = RunClaim.tryClaim(directory, r.id(), holder());
    while (claim.isEmpty()) {
      if (directory.hasRun(r.id())) {
        return new Attempt(RunResult.DONE_ELSEWHERE, "");
      }
      if (System.nanoTime() - deadline >= 0) {
        return new Attempt(RunResult.BUSY, "");
      }
      Thread.sleep(CLAIM_POLL_MILLIS);
      claim = RunClaim.tryClaim(directory, r.id(), holder());
    }
    try (RunClaim c = claim.get()) { // closing releases the lock and keeps the claim file (the run is not stored)
      if (directory.hasRun(r.id())) {
        c.releaseAsDone();
        return new Attempt(RunResult.DONE_ELSEWHERE, ""); // another process finished it between listing and claim
      }
      Hdf5Files.deleteTemporaries(directory.runFile(r.id()));
      RunOutcome outcome = executeSafely(executor, r);
      // the span closes after the release: nothing of the timing runs between the run file's rename and the claim's
      // release, the window a kill at that moment leaves a done run with its claim file
      PhaseTimes.Span writing = PhaseTimes.GLOBAL.thread("runs > writing run files");
      RunFile.write(directory.runFile(r.id()), outcome);
      c.releaseAsDone();
      writing.close();
      return new Attempt(outcome.result().status() != TrainingResult.Status.FAILED ? RunResult.COMPLETED
          : RunResult.FAILED, outcome.result().reason());
    }
  }

  /** How often a run waiting for a claim held elsewhere looks again. */
  private static final long CLAIM_POLL_MILLIS = 250;

  /**
   * What {@link #runOne} did with a run.
   *
   * @param reason why training stopped (or failed), when it was trained here; empty otherwise
   */
  public record Attempt(RunResult result, String reason) {
    /** Whether the run was trained and stored by this call. */
    public boolean trainedHere() {
      return result == RunResult.COMPLETED || result == RunResult.FAILED;
    }
  }

  /**
   * Executes one run; an exception (an analysis that cannot handle this network, say) becomes a failed run with
   * the exception as its reason, so that one network cannot stop a study.
   */
  private RunOutcome executeSafely(NetworkRun executor, RunSpec run) {
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
      var input = NetworkRun.inputInit(run);
      return new RunOutcome(run, new TrainingRun(task.name(), task.parameters(), ns, ts, input),
          Trainer.initialize(ns, run.seed(), input),
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
