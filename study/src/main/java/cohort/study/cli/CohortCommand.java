package cohort.study.cli;

import cohort.analysis.MetricRegistry;
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
      ImportCommand.class,
      ExportCommand.class,
      SimulateCommand.class,
      CompareCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CohortCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final MetricRegistry metrics;

  /** The command line with Cohort's standard metrics. */
  public CohortCommand() {
    this(MetricRegistry.standard());
  }

  /** The command line with the metrics of {@code metrics} (an outside project's own among them). */
  public CohortCommand(MetricRegistry metrics) {
    this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
  }

  /** The metrics every subcommand uses: the spec's, {@code compare}'s and the report's. */
  MetricRegistry metrics() {
    return metrics;
  }

  /** The metric registry of the {@code cohort} command that {@code sub} belongs to (the standard one if none). */
  static MetricRegistry metrics(CommandLine.Model.CommandSpec sub) {
    CommandLine.Model.CommandSpec root = sub;
    while (root.parent() != null) {
      root = root.parent();
    }
    return root.userObject() instanceof CohortCommand c ? c.metrics : MetricRegistry.standard();
  }

  /** {@code cohort} without a command: the usage, on standard error, and exit status 2. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("cohort: a command is needed");
    spec.commandLine().usage(spec.commandLine().getErr());
    return UsageErrors.USAGE;
  }

  /** Builds the picocli command line with Cohort's error handling. Tests call this directly. */
  public static CommandLine commandLine() {
    return commandLine(MetricRegistry.standard());
  }

  /**
   * Builds the command line with {@code metrics} as the metrics of specs, {@code compare} (one flag per metric
   * option) and reports: how an outside project's {@code main} offers its own metrics.
   */
  public static CommandLine commandLine(MetricRegistry metrics) {
    CommandLine cl = new CommandLine(new CohortCommand(metrics));
    CompareCommand.addMetricOptions(cl.getSubcommands().get("compare").getCommandSpec(), metrics);
    cl.setParameterExceptionHandler(new UsageErrors());
    cl.setExecutionExceptionHandler(new UsageErrors());
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
