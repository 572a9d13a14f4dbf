package cohort.study.cli;

import cohort.study.store.StudyMerger;
import cohort.study.timing.PhaseTimes;
import cohort.study.wiring.Studies;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cohort merge DIR} and {@code cohort analyze DIR}: consolidate the run files of a study directory into
 * {@code DIR/study.h5}; {@code merge} adds the population comparisons once the study is complete, {@code analyze}
 * computes them over whatever runs are there.
 */
final class MergeCommand {

  private MergeCommand() {}

  static int merge(CommandSpec spec, Path dir, int threads, StudyMerger.Options options) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads: got " + threads + "; accepted: an integer >= 1");
    }
    PhaseTimes.GLOBAL.reset();
    StudyMerger.Summary s = Studies.create(System.err, System.console() != null, CohortCommand.metrics(spec))
        .merge(dir, threads, options);
    PrintWriter out = spec.commandLine().getOut();
    describe(out, dir.resolve("study.h5"), s);
    timing(out);
    out.flush();
    return 0;
  }

  /** The per-phase timing lines ({@link PhaseTimes#GLOBAL}) and the JVM's own, shared with {@code cohort run}. */
  static void timing(PrintWriter out) {
    for (String line : PhaseTimes.GLOBAL.lines()) {
      out.println(line);
    }
    out.printf(java.util.Locale.ROOT, "timing: JVM so far: wall %.2f s, cpu %.2f s (start-up and spec reading "
        + "included)%n", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3,
        PhaseTimes.processCpuNanos() * 1e-9);
  }

  /** The summary lines of a consolidation, shared with {@code cohort run}. */
  static void describe(PrintWriter out, Path studyFile, StudyMerger.Summary s) {
    out.printf("%s: %d runs (%d completed, %d failed)%s, %d comparisons%s%n", studyFile, s.runs(), s.completed(),
        s.failed(), s.damaged().isEmpty() ? "" : ", " + s.damaged().size() + " damaged run files left out",
        s.comparisons(), s.upToDate() ? " (already up to date; nothing was recomputed)"
            : s.reused() > 0 ? " (" + s.reused() + " unchanged, taken from the previous study.h5)" : "");
    if (!s.complete()) {
      out.printf("study incomplete: %d of its %d runs have no run file yet (e.g. %s)%s%n", s.missing().size(),
          s.expected(), s.missing().get(0), s.comparisonsSkipped()
              ? "; no population comparisons until every run is done ('cohort merge DIR' then, or 'cohort analyze "
                  + "DIR' to compare the runs present now)"
              : "; the comparisons cover only the runs present");
    }
  }

  /**
   * What {@code merge} and {@code analyze} share: the study directory, {@code --threads}, {@code --skip-damaged} and
   * the run; each subcommand says when it adds the comparisons.
   */
  abstract static class Consolidate implements Callable<Integer> {
    private final StudyMerger.Comparisons comparisons;

    @Spec CommandSpec spec;

    @Mixin StudyDirectoryParameter study;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the comparisons (default ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--skip-damaged", description = "Leave damaged run files out (each named in a warning) instead of "
        + "refusing to ${COMMAND-NAME}.")
    boolean skipDamaged;

    Consolidate(StudyMerger.Comparisons comparisons) {
      this.comparisons = comparisons;
    }

    @Override
    public Integer call() {
      return merge(spec, study.dir, threads, new StudyMerger.Options(comparisons, skipDamaged));
    }
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = {"Consolidate DIR/runs/*.h5 (e.g. from several --shard jobs) into DIR/study.h5.",
          "The population comparisons are added once every run of the study is done; a damaged run file is named "
              + "and refused unless --skip-damaged."})
  static final class Merge extends Consolidate {
    Merge() {
      super(StudyMerger.Comparisons.WHEN_COMPLETE);
    }
  }

  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = {"(Re)compute the population comparisons (distances, MDS, separability) on the runs in DIR.",
          "Unlike merge, it compares the runs present even when the study is not complete, and says so in "
              + "study.h5."})
  static final class Analyze extends Consolidate {
    Analyze() {
      super(StudyMerger.Comparisons.ALWAYS);
    }
  }
}
