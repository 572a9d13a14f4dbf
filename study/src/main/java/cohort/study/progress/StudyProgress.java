package cohort.study.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a running study: runs done, failed and left, networks per hour and the time left.
 *
 * <p>On a terminal the line is redrawn in place ({@code \r}); otherwise one plain line is printed per finished
 * run, so logs of cluster jobs stay readable. Thread-safe: workers report as they finish.
 */
public final class StudyProgress {

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final int total;
  private final int alreadyDone;
  private final long startNanos;
  private int done;
  private int failed;

  /**
   * @param out where the line goes (standard error for the CLI)
   * @param terminal whether {@code out} is a terminal (redraw in place) or a log (one line per run)
   * @param nanoClock monotonic clock in nanoseconds
   * @param total runs in this invocation's share of the study
   * @param alreadyDone runs found finished on disk when it started
   */
  public StudyProgress(PrintStream out, boolean terminal, LongSupplier nanoClock, int total, int alreadyDone) {
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.total = total;
    this.alreadyDone = alreadyDone;
    this.startNanos = nanoClock.getAsLong();
    this.done = alreadyDone;
  }

  /** Prints the state before any run of this invocation finished. */
  public synchronized void start() {
    out.print(prefix() + line(null) + (terminal ? "" : System.lineSeparator()));
    out.flush();
  }

  /** Records one finished run and redraws the line. */
  public synchronized void finished(String runId, boolean ok, String reason) {
    done++;
    if (!ok) {
      failed++;
    }
    String what = ok ? runId : runId + " FAILED: " + reason;
    if (terminal) {
      if (!ok) {
        out.print("\r\033[K" + what + System.lineSeparator());
      }
      out.print(prefix() + line(null));
    } else {
      out.println(line(what));
    }
    out.flush();
  }

  /** Ends the line (on a terminal) once the study's share is finished. */
  public synchronized void close() {
    if (terminal) {
      out.println();
    }
    out.flush();
  }

  private String prefix() {
    return terminal ? "\r\033[K" : "";
  }

  /** The progress text, e.g. {@code [#####-----] 12/24 runs, 1 failed, 12 left | 310 networks/h | 2m20s left}. */
  String line(String last) {
    int left = total - done;
    int width = 20;
    int filled = total == 0 ? width : (int) ((long) width * done / total);
    StringBuilder sb = new StringBuilder();
    sb.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
    sb.append(done).append('/').append(total).append(" runs");
    if (failed > 0) {
      sb.append(", ").append(failed).append(" failed");
    }
    sb.append(", ").append(left).append(" left");
    double hours = (nanoClock.getAsLong() - startNanos) / 3.6e12;
    int fresh = done - alreadyDone;
    if (fresh > 0 && hours > 0) {
      double perHour = fresh / hours;
      sb.append(String.format(Locale.ROOT, " | %.0f networks/h", perHour));
      if (left > 0) {
        sb.append(" | ").append(format(Duration.ofSeconds((long) Math.ceil(left / perHour * 3600)))).append(" left");
      }
    } else if (left > 0) {
      sb.append(" | estimating time left");
    }
    if (last != null) {
      sb.append(" | ").append(last);
    }
    return sb.toString();
  }

  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
