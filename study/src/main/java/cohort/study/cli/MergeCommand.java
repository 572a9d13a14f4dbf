package cohort.study.cli;

import cohort.study.store.StudyMerger;
import cohort.study.wiring.Studies;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohort merge DIR} and {@code cohort analyze DIR}: consolidate the run files of a study directory into
 * {@code DIR/study.h5} and (re)compute the population comparisons on the runs that are there.
 */
final class MergeCommand {

  private MergeCommand() {}

  static int merge(CommandSpec spec, Path dir, int threads) {
    StudyMerger.Summary s = Studies.create(System.err, false).merge(dir, threads);
    spec.commandLine().getOut().printf("%s: %d runs (%d completed, %d failed), %d comparisons%n", dir.resolve("study.h5"), s.runs(),
        s.completed(), s.failed(), s.comparisons());
    return 0;
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Consolidate DIR/runs/*.h5 (e.g. from several --shard jobs) into DIR/study.h5.")
  static final class Merge implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A study directory made by 'cohort run'.")
    Path dir;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the comparisons (default ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
      return merge(spec, dir, threads);
    }
  }

  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = "(Re)compute the population comparisons (distance matrices, MDS, separability) on the runs in DIR.")
  static final class Analyze implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A study directory made by 'cohort run'.")
    Path dir;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the comparisons (default ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
      return merge(spec, dir, threads);
    }
  }
}
