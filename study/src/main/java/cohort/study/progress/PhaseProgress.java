package cohort.study.progress;

import cohort.analysis.similarity.PairProgress;
import cohort.study.population.ComparisonProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a study's phases after training (checking and consolidating run files, each distance matrix of
 * the population comparisons): {@code what: done/total unit | time left}, redrawn in place on a terminal, and in
 * a log one line at the start, at every tenth of the way (at most one line a second) and at the end. Thread-safe:
 * the pairwise workers report as they finish.
 */
public final class PhaseProgress implements ComparisonProgress {

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoClock;

  /**
   * @param out where the lines go (standard error for the CLI)
   * @param terminal whether {@code out} is a terminal (redraw in place) or a log
   * @param nanoClock monotonic clock in nanoseconds
   */
  public PhaseProgress(PrintStream out, boolean terminal, LongSupplier nanoClock) {
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  /** A counter for one phase of {@code total} steps named {@code unit}, e.g. {@code "run files"}. */
  public Counter counter(String what, long total, String unit) {
    return new Counter(what, total, unit);
  }

  @Override
  public PairProgress started(String what, long pairs) {
    Counter c = counter(what, pairs, "pairs");
    return (done, total) -> c.step(done);
  }

  @Override
  public void reused(String what) {
    synchronized (out) {
      out.println(what + ": unchanged since the last consolidation, taken from study.h5");
      out.flush();
    }
  }

  @Override
  public void finished(String what) {
    // each counter prints its own last line when it reaches its total
  }

  /** One phase's progress. */
  public final class Counter {
    private final String what;
    private final long total;
    private final String unit;
    private final long start;
    private long lastPrint;
    private int lastTenth = -1;

    Counter(String what, long total, String unit) {
      this.what = what;
      this.total = total;
      this.unit = unit;
      this.start = nanoClock.getAsLong();
      this.lastPrint = start;
      print(0);
    }

    /** {@code done} steps are finished (monotone; may be called from several threads). */
    public void step(long done) {
      long now = nanoClock.getAsLong();
      int tenth = total == 0 ? 10 : (int) (10 * done / total);
      synchronized (out) {
        boolean last = done >= total;
        boolean due = terminal ? now - lastPrint >= 200_000_000L : (tenth > lastTenth && now - lastPrint >= 1e9);
        if (last || due) {
          lastPrint = now;
          lastTenth = tenth;
          print(done);
        }
      }
    }

    private void print(long done) {
      long now = nanoClock.getAsLong();
      StringBuilder sb = new StringBuilder();
      sb.append(what).append(": ").append(done).append('/').append(total).append(' ').append(unit);
      double seconds = (now - start) / 1e9;
      if (done >= total) {
        sb.append(String.format(Locale.ROOT, " | done in %s", StudyProgress.format(Duration.ofMillis(
            (long) (seconds * 1000)))));
      } else if (done > 0 && seconds > 0) {
        long left = (long) Math.ceil(seconds / done * (total - done));
        sb.append(" | ").append(StudyProgress.format(Duration.ofSeconds(left))).append(" left");
      } else {
        sb.append(" | estimating time left");
      }
      synchronized (out) {
        if (terminal) {
          out.print("\r\033[K" + sb + (done >= total ? System.lineSeparator() : ""));
        } else {
          out.println(sb);
        }
        out.flush();
      }
    }
  }
}
