package cohort.study.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cohort} command line: the one place where users meet Cohort from a shell.
 *
 * <p>Each subcommand is its own class; this one only names them. Bad input anywhere below exits
 * with status 2 and one line on standard error naming what was wrong and what is accepted.
 */
@Command(
    name = "cohort",
    mixinStandardHelpOptions = true,
    versionProvider = CohortVersion.class,
    description = "Train populations of recurrent networks on neuroscience tasks and compare their dynamics.",
    subcommands = {
      TasksCommand.class,
      RunCommand.class,
      MergeCommand.Merge.class,
      MergeCommand.Analyze.class,
      StatusCommand.class,
      TrainCommand.class,
      AnalyzeNetworkCommand.class,
      CompareCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CohortCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code cohort} without a command: the usage, on standard error, and exit status 2. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("cohort: a command is needed");
    spec.commandLine().usage(spec.commandLine().getErr());
    return UsageErrors.USAGE;
  }

  /** Builds the picocli command line with Cohort's error handling. Tests call this directly. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CohortCommand());
    cl.setParameterExceptionHandler(new UsageErrors());
    cl.setExecutionExceptionHandler(new UsageErrors());
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
