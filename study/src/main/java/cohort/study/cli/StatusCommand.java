package cohort.study.cli;

import cohort.study.progress.StudyProgress;
import cohort.study.store.RunFile;
import cohort.study.wiring.Studies;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cohort status DIR}: runs done, running (with the host and process that holds each), failed (with
 * reasons), damaged and left, runs done and running per host, the throughput of every host together (from the
 * times the run files appeared) and the time left at that pace; it reads the directory only, so it works while
 * {@code cohort run} processes (on this machine or others sharing the directory) are at work.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show how far a study is: runs done, running (and where), failed (with reasons), damaged and left.",
        "Also gives the throughput and the time left at this pace; it changes nothing."})
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin StudyDirectoryParameter study;

  @Override
  public Integer call() {
    Studies.Status s = Studies.create(System.err, false, CohortCommand.metrics(spec)).status(study.dir);
    int done = s.finished().size();
    PrintWriter out = spec.commandLine().getOut();
    int left = s.missing().size() + s.damaged().size();
    out.printf(Locale.ROOT, "study %s: %d runs, %d done (%d failed), %d running, %d left%s%n", s.spec().name(),
        s.total(), done, s.failed(), s.running().size(), left,
        s.damaged().isEmpty() ? "" : " (" + s.damaged().size() + " of them damaged run files)");
    out.println(done == s.total() ? "complete: every run is done" : "incomplete: " + (s.total() - done)
        + " runs are not done yet");
    double mean = s.meanWallSeconds();
    if (done > 0 && Double.isFinite(mean)) {
      out.printf(Locale.ROOT, "per network: %.1f s of one thread on average%n", mean);
    }
    Map<String, int[]> hosts = s.byHost();
    if (!hosts.isEmpty()) {
      StringBuilder line = new StringBuilder("hosts:");
      for (Map.Entry<String, int[]> h : hosts.entrySet()) {
        line.append(line.length() > 6 ? "; " : " ").append(h.getKey()).append(' ').append(h.getValue()[0])
            .append(" done, ").append(h.getValue()[1]).append(" running");
      }
      out.println(line);
    }
    double pace = s.networksPerHour();
    if (Double.isFinite(pace)) {
      out.printf(Locale.ROOT, "throughput: %.0f networks/h, every host together (from the times of the last %d "
          + "run files)%n", pace, Math.min(done, Studies.Status.PACE_WINDOW));
      if (left + s.running().size() > 0) {
        out.printf(Locale.ROOT, "time left: about %s at that pace%n",
            StudyProgress.format(Duration.ofSeconds((long) Math.ceil(3600 * (left + s.running().size()) / pace))));
      }
    }
    for (Studies.Status.Running r : s.running()) {
      out.println("running: " + r.runId() + " on " + r.holder());
    }
    for (RunFile.Summary f : s.finished()) {
      if (f.status().equals("failed")) {
        out.println("failed: " + f.runId() + ": " + f.reason());
      }
    }
    for (String d : s.damaged()) {
      out.println("damaged: " + d + " ('cohort run' moves it aside and trains the run again)");
    }
    for (Path p : s.setAside()) {
      out.println("set aside: " + p + " (a damaged run file moved aside earlier; safe to delete)");
    }
    out.flush();
    return 0;
  }
}
