package cohort.study.cli;

import cohort.study.timing.PhaseTimes;
import cohort.study.wiring.Studies;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cohort run SPEC --out DIR}: runs a study, resumably, then consolidates {@code DIR/study.h5}. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
      "Run a study: train, analyse and compare every network of the spec's grid.",
      "Each network is stored as DIR/runs/ID.h5; then DIR/study.h5 holds all runs and the population comparisons.",
      "Resumable: run the same command again after a crash or kill and only the missing runs are done."})
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The study spec (YAML or JSON), e.g. presets/smoke.yaml.")
  Path specFile;

  @Option(names = "--out", paramLabel = "DIR", description = "The study directory (created if new); required unless "
      + "--dry-run.")
  Path out;

  @Option(names = "--workers", paramLabel = "N",
      description = "Networks trained at once, one per thread (default: all cores, ${DEFAULT-VALUE}).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--shard", paramLabel = "i/n",
      description = "Run only the i-th of n disjoint slices of the grid (0 <= i < n), for cluster job arrays.")
  String shard;

  @Option(names = "--engine", paramLabel = "NAME", description = "Where the networks are trained and compared: "
      + "local (this machine's threads, the default) or spark (a Spark cluster, see --master; './cohort' adds the "
      + "Spark module when asked for it).")
  String engine = "local";

  @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master, e.g. "
      + "'local[2]' or spark://HOST:7077 (default: what spark-submit sets).")
  String master;

  @Option(names = "--dry-run",
      description = "Check the spec and list the runs it expands into, without running or writing anything.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    int i = 0;
    int n = 1;
    if (shard != null) {
      String[] parts = shard.split("/");
      try {
        i = Integer.parseInt(parts[0].trim());
        n = Integer.parseInt(parts[1].trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--shard: got '" + shard + "'; accepted: i/n with 0 <= i < n, e.g. 0/4");
      }
      if (parts.length != 2 || n < 1 || i < 0 || i >= n) {
        throw new IllegalArgumentException("--shard: got '" + shard + "'; accepted: i/n with 0 <= i < n, e.g. 0/4");
      }
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers: got " + workers + "; accepted: an integer >= 1");
    }
    Studies studies = Studies.create(System.err, System.console() != null, CohortCommand.metrics(spec));
    if (out == null && !dryRun) {
      throw new IllegalArgumentException("--out: missing; accepted: the study directory, e.g. --out studies/NAME "
          + "(only --dry-run runs without one)");
    }
    if (dryRun) {
      var study = studies.read(specFile);
      var runs = cohort.study.run.StudyRunner.select(study, i, n);
      var w = spec.commandLine().getOut();
      boolean overrides = !study.training().overrides().isEmpty();
      for (var r : runs) {
        // with training overrides, each run's own training values, so that a user sees which recipe it gets
        w.println(r.id() + "  seed=" + r.seed() + (overrides ? "  training=" + r.training().toMap() : ""));
      }
      w.println(runs.size() + " runs" + (n > 1 ? " in shard " + i + "/" + n : "") + "; nothing was run or written");
      return 0;
    }
    Studies.RunSummary s;
    PhaseTimes.GLOBAL.reset();
    try (cohort.study.run.Engine e = studies.engine(engine, master, "cohort " + specFile.getFileName())) {
      s = studies.run(specFile, out, workers, i, n, e);
    }
    var w = spec.commandLine().getOut();
    var r = s.runs();
    w.printf("study %s: %d runs%s (%d already done, %d trained now, %d failed now%s%s); %d comparisons in %s%n",
        out, r.total(), n > 1 ? " in shard " + i + "/" + n : "", r.alreadyDone(), r.completed(), r.failed(),
        r.damaged().isEmpty() ? "" : ", " + r.damaged().size() + " damaged run files moved aside and retrained",
        r.elsewhere().isEmpty() ? "" : ", " + r.elsewhere().size() + " being trained by another process",
        s.merge().comparisons(), out.resolve("study.h5"));
    for (String e : r.elsewhere()) {
      w.println("running elsewhere: " + e);
    }
    MergeCommand.describe(w, out.resolve("study.h5"), s.merge());
    MergeCommand.timing(w);
    w.flush();
    return 0;
  }
}
