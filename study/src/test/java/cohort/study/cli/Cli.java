package cohort.study.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the {@code cohort} command line in-process, capturing what it prints, for the command tests. */
final class Cli {

  private Cli() {}

  /** Exit status and what the command printed on standard output and standard error. */
  record Outcome(int exit, String out, String err) {
    /** The number on the last line of standard output (where {@code cohort compare} prints its score). */
    double lastNumber() {
      String[] lines = out.strip().split("\\R");
      return Double.parseDouble(lines[lines.length - 1].trim());
    }
  }

  /** Runs {@code cohort args...}. */
  static Outcome cohort(String... args) {
    CommandLine cl = CohortCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  /**
   * Sets each {@code NAME VALUE} pair of {@code pairs} in {@code args}: replaces the value of an option already there
   * (later options of the same name win in picocli only for single-valued ones), appends a new one. A last unpaired
   * element is ignored.
   */
  static void setOptions(List<String> args, String... pairs) {
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      int at = args.indexOf(pairs[i]);
      if (at >= 0) {
        args.set(at + 1, pairs[i + 1]);
      } else {
        args.add(pairs[i]);
        args.add(pairs[i + 1]);
      }
    }
  }
}
