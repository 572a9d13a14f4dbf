package cohort.spark;

import java.io.Serializable;

/**
 * What one Spark task did with one run, sent back to the driver.
 *
 * @param runId the run
 * @param result a {@link cohort.study.run.StudyRunner.RunResult} name
 * @param reason why training stopped or failed, when it was trained by this task
 * @param host where the task ran
 */
record RunReport(String runId, String result, String reason, String host) implements Serializable {}
