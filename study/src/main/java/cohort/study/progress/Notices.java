package cohort.study.progress;

import java.io.PrintStream;

/**
 * One-line warnings a long command gives while it works (a damaged run file moved aside, a study left incomplete),
 * on the same stream as its progress lines, prefixed {@code cohort: }.
 */
@FunctionalInterface
public interface Notices {

  /** Says nothing. */
  Notices NONE = line -> { };

  void say(String line);

  /** Notices printed to {@code out}, one line each. */
  static Notices to(PrintStream out) {
    return line -> {
      synchronized (out) {
        out.println("cohort: " + line);
        out.flush();
      }
    };
  }
}
