package cohort.spark;

import cohort.study.run.NetworkRun;
import cohort.study.run.StudyRunner;
import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.StudySpec;
import cohort.study.store.StudyDirectory;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.api.java.function.Function;

/**
 * The Spark task of one run: claims, trains and stores it with the local runner's own code
 * ({@link StudyRunner#runOne}), so its run id, seed and file are those of a local run. A task that Spark retries
 * or runs speculatively while another copy holds the claim waits for that copy: it finds the run stored and does
 * nothing, or, when the copy died (a lost executor releases its lock), trains the run itself.
 *
 * @param dir the study directory, on a filesystem every executor shares
 */
record TrainTask(String dir) implements Function<String, RunReport> {

  /** How long a copy waits for another copy holding the claim; a lost holder releases it at once. */
  static final Duration WAIT_FOR_CLAIM = Duration.ofDays(7);

  @Override
  public RunReport call(String runId) throws Exception {
    StudySpec spec = ExecutorSide.spec(dir);
    RunSpec run = Grid.expand(spec).stream().filter(r -> r.id().equals(runId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("run " + runId + " is not in the study of " + dir));
    String host = StudyRunner.localHost();
    StudyRunner runner = new StudyRunner(new StudyDirectory(Path.of(dir)), ExecutorSide.TASKS, host);
    StudyRunner.Attempt a = runner.runOne(new NetworkRun(spec, ExecutorSide.TASKS, host), run, WAIT_FOR_CLAIM);
    return new RunReport(runId, a.result().name(), a.reason(), host);
  }
}
