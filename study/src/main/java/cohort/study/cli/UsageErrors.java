package cohort.study.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns every user mistake into one line on standard error and exit status 2.
 *
 * <p>Picocli parameter errors (unknown option, missing value) and the {@link IllegalArgumentException}s that
 * Cohort's records and registries throw for bad values are reported the same way; anything else is a bug and
 * keeps its stack trace.
 */
final class UsageErrors
    implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

  static final int USAGE = 2;

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    cl.getErr().println("cohort: " + ex.getMessage());
    cl.getErr().println("(see '" + cl.getCommandSpec().qualifiedName() + " --help')");
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult)
      throws Exception {
    if (ex instanceof IllegalArgumentException) {
      cl.getErr().println("cohort: " + ex.getMessage());
      return USAGE;
    }
    throw ex;
  }
}
