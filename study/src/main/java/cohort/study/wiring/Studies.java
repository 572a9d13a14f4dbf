package cohort.study.wiring;

import cohort.study.run.StudyRunner;
import cohort.study.run.StudyRunner.ProgressFactory;
import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.SpecReader;
import cohort.study.spec.StudySpec;
import cohort.study.store.RunFile;
import cohort.study.store.StudyDirectory;
import cohort.study.store.StudyMerger;
import cohort.tasks.TaskRegistry;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.name.Named;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The study application behind {@code cohort run}, {@code merge}, {@code status} and {@code analyze}: reads and
 * checks specs, runs grids into study directories and consolidates them.
 */
public final class Studies {

  private final TaskRegistry tasks;
  private final String host;
  private final ProgressFactory progress;

  @Inject
  public Studies(TaskRegistry tasks, @Named("host") String host, ProgressFactory progress) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.host = Objects.requireNonNull(host, "host");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** The application wired for the command line: progress to {@code err}, redrawn in place on a terminal. */
  public static Studies create(PrintStream err, boolean terminal) {
    return Guice.createInjector(new StudyModule(err, terminal)).getInstance(Studies.class);
  }

  /** Reads and checks a spec file; every problem is reported at once. */
  public StudySpec read(Path specFile) {
    return new SpecReader(tasks).read(specFile);
  }

  /** What {@link #run} did. */
  public record RunSummary(StudyRunner.Summary runs, StudyMerger.Summary merge) {}

  /**
   * Runs the study of {@code specFile} (or one shard of it) into {@code out}, then consolidates
   * {@code out/study.h5}. Nothing is written when the spec is invalid.
   */
  public RunSummary run(Path specFile, Path out, int workers, int shard, int shards) throws InterruptedException {
    StudySpec spec = read(specFile);
    List<RunSpec> runs = StudyRunner.select(spec, shard, shards);
    StudyDirectory dir = new StudyDirectory(out);
    dir.claim(readText(specFile), spec.canonicalJson());
    StudyRunner.Summary summary = new StudyRunner(dir, tasks, host).run(spec, runs, workers, progress);
    StudyMerger.Summary merged = new StudyMerger(dir, workers).merge(spec);
    return new RunSummary(summary, merged);
  }

  /** (Re)builds {@code DIR/study.h5} from the run files there, with the population comparisons. */
  public StudyMerger.Summary merge(Path dirPath, int threads) {
    StudyDirectory dir = new StudyDirectory(dirPath);
    StudySpec spec = new SpecReader(tasks).parse(dir.specText(), dir.specYaml().toString());
    return new StudyMerger(dir, threads).merge(spec);
  }

  /** Counts and failures of a study directory. */
  public record Status(StudySpec spec, int total, List<RunFile.Summary> finished, List<String> missing) {
    public long failed() {
      return finished.stream().filter(s -> s.status().equals("failed")).count();
    }

    public double meanWallSeconds() {
      return finished.stream().mapToDouble(RunFile.Summary::runSeconds).filter(Double::isFinite).average()
          .orElse(Double.NaN);
    }
  }

  /** The state of the study in {@code dirPath}. */
  public Status status(Path dirPath) {
    StudyDirectory dir = new StudyDirectory(dirPath);
    StudySpec spec = new SpecReader(tasks).parse(dir.specText(), dir.specYaml().toString());
    List<RunSpec> runs = Grid.expand(spec);
    List<RunFile.Summary> finished = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (RunSpec r : runs) {
      if (dir.hasRun(r.id())) {
        finished.add(RunFile.summary(dir.runFile(r.id())));
      } else {
        missing.add(r.id());
      }
    }
    return new Status(spec, runs.size(), finished, missing);
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
