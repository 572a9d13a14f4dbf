package cohort.study.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
