package cohort.study.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error and an exit status, never a stack trace.
 *
 * <ul>
 *   <li>2: the user's input was wrong or cannot be used. Picocli parameter errors (unknown option, missing value),
 *       the {@link IllegalArgumentException}s that Cohort's records, registries and file readers throw for bad
 *       values and bad files, and I/O failures ({@link UncheckedIOException}: an output that cannot be written, a
 *       disk that fills up), each with the message that names the file or field.
 *   <li>1: anything else, which is a bug in Cohort: one line naming the exception, and the stack trace only when
 *       the environment variable {@code COHORT_DEBUG} is set.
 * </ul>
 */
final class UsageErrors
    implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

  static final int USAGE = 2;
  static final int BUG = 1;

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    cl.getErr().println("cohort: " + oneLine(ex.getMessage()) + " (see '" + cl.getCommandSpec().qualifiedName()
        + " --help')");
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    Throwable t = ex;
    if (t instanceof IllegalStateException && t.getCause() instanceof UncheckedIOException io) {
      t = io; // a worker that could not store its run
    }
    if (t instanceof cohort.study.spec.SpecException spec) {
      cl.getErr().println("cohort: " + spec.getMessage().strip()); // every problem of the spec, one line each
      return USAGE;
    }
    if (t instanceof IllegalArgumentException || t instanceof UncheckedIOException || t instanceof IOException) {
      cl.getErr().println("cohort: " + oneLine(t.getMessage()));
      return USAGE;
    }
    if (t instanceof OutOfMemoryError || t.getCause() instanceof OutOfMemoryError) {
      cl.getErr().println("cohort: out of memory; give the JVM more with COHORT_JAVA_OPTS=-Xmx16g (default -Xmx8g)");
      return BUG;
    }
    cl.getErr().println("cohort: internal error: " + t.getClass().getSimpleName() + ": " + oneLine(t.getMessage())
        + " (please report it; set COHORT_DEBUG=1 to see where)");
    if (System.getenv("COHORT_DEBUG") != null) {
      t.printStackTrace(cl.getErr());
    }
    return BUG;
  }

  /** The first line of a message, so that nothing a library says spreads over the terminal. */
  static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
