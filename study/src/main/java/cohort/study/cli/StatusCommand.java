package cohort.study.cli;

import cohort.study.store.RunFile;
import cohort.study.wiring.Studies;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code cohort status DIR}: counts, failures with their reasons, throughput and the time left. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show how far a study is: runs done, failed (with reasons) and left, and the time left at this pace.")
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "A study directory made by 'cohort run'.")
  Path dir;

  @Override
  public Integer call() {
    Studies.Status s = Studies.create(System.err, false).status(dir);
    int done = s.finished().size();
    spec.commandLine().getOut().printf(Locale.ROOT, "study %s: %d runs, %d done (%d failed), %d left%n", s.spec().name(), s.total(),
        done, s.failed(), s.missing().size());
    double mean = s.meanWallSeconds();
    if (done > 0 && Double.isFinite(mean)) {
      int workers = Runtime.getRuntime().availableProcessors();
      spec.commandLine().getOut().printf(Locale.ROOT, "throughput: %.1f s per network on one thread (%.0f networks/h on %d cores)%n",
          mean, 3600 / mean * workers, workers);
      if (!s.missing().isEmpty()) {
        spec.commandLine().getOut().printf(Locale.ROOT, "time left: about %s with %d workers%n",
            cohort.study.run.StudyProgress.format(java.time.Duration.ofSeconds(
                (long) Math.ceil(mean * s.missing().size() / workers))), workers);
      }
    }
    for (RunFile.Summary f : s.finished()) {
      if (f.status().equals("failed")) {
        spec.commandLine().getOut().println("failed: " + f.runId() + ": " + f.reason());
      }
    }
    return 0;
  }
}
