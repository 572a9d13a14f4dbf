package cohort.study.wiring;

import cohort.study.timing.PhaseTimes;
import cohort.analysis.MetricRegistry;
import cohort.study.run.Engine;
import cohort.study.run.EngineProvider;
import cohort.study.run.Engines;
import cohort.study.run.LocalEngine;
import cohort.study.run.StudyRunner;
import cohort.study.run.StudyRunner.ProgressFactory;
import cohort.study.spec.Grid;
import cohort.study.spec.RunSpec;
import cohort.study.spec.SpecReader;
import cohort.study.spec.StudySpec;
import cohort.study.progress.Notices;
import cohort.study.progress.PhaseProgress;
import cohort.study.store.RunClaim;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * The study application behind {@code cohort run}, {@code merge}, {@code status} and {@code analyze}: reads and
 * checks specs, runs grids into study directories and consolidates them.
 */
public final class Studies {

  private final TaskRegistry tasks;
  private final MetricRegistry metrics;
  private final String host;
  private final ProgressFactory progress;
  private final PhaseProgress phases;
  private final Notices notices;

  @Inject
  public Studies(TaskRegistry tasks, MetricRegistry metrics, @Named("host") String host, ProgressFactory progress,
      PhaseProgress phases, Notices notices) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.host = Objects.requireNonNull(host, "host");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.phases = Objects.requireNonNull(phases, "phases");
    this.notices = Objects.requireNonNull(notices, "notices");
  }

  /** The application wired for the command line: progress to {@code err}, redrawn in place on a terminal. */
  public static Studies create(PrintStream err, boolean terminal) {
    return create(err, terminal, MetricRegistry.standard());
  }

  /** As {@link #create(PrintStream, boolean)}, with the metrics of {@code metrics}. */
  public static Studies create(PrintStream err, boolean terminal, MetricRegistry metrics) {
    return Guice.createInjector(new StudyModule(err, terminal, metrics)).getInstance(Studies.class);
  }

  /** Reads and checks a spec file; every problem is reported at once. */
  public StudySpec read(Path specFile) {
    return new SpecReader(tasks, metrics).read(specFile);
  }

  /** What {@link #run} did. */
  public record RunSummary(StudyRunner.Summary runs, StudyMerger.Summary merge) {}

  /**
   * Runs the study of {@code specFile} (or one shard of it) into {@code out}, then consolidates
   * {@code out/study.h5} (with the population comparisons once every run of the study is done). Nothing is written
   * when the spec is invalid or the directory cannot hold a study.
   */
  public RunSummary run(Path specFile, Path out, int workers, int shard, int shards) throws InterruptedException {
    return run(specFile, out, workers, shard, shards, local());
  }

  /**
   * As {@link #run(Path, Path, int, int, int)}, with the networks trained and the distance matrices computed by
   * {@code engine} (which the caller opened and closes); {@code study.h5} is written here.
   */
  public RunSummary run(Path specFile, Path out, int workers, int shard, int shards, Engine engine)
      throws InterruptedException {
    StudySpec spec = read(specFile);
    List<RunSpec> runs = StudyRunner.select(spec, shard, shards);
    StudyDirectory dir = new StudyDirectory(out);
    dir.claim(readText(specFile), spec.canonicalJson());
    StudyRunner.Summary summary;
    try (PhaseTimes.Span all = PhaseTimes.GLOBAL.process("runs (all workers, whole process)")) {
      summary = engine.train(dir, spec, runs, workers, progress, notices);
    }
    StudyMerger.Summary merged;
    try (PhaseTimes.Span all = PhaseTimes.GLOBAL.process("consolidation (whole process)")) {
      merged = new StudyMerger(dir, engine.pairwise(dir, workers), phases, notices).merge(spec);
    }
    return new RunSummary(summary, merged);
  }

  /** The engine of this machine's threads. */
  public Engine local() {
    return new LocalEngine(tasks, host);
  }

  /**
   * Opens the engine {@code --engine} names: {@code local}, or one offered on the class path (Spark).
   *
   * @param master {@code --master}, or {@code null}
   */
  public Engine engine(String name, String master, String appName) {
    return Engines.open(name, new EngineProvider.Options(master, appName), tasks, host);
  }

  /**
   * (Re)builds {@code DIR/study.h5} from the run files there; see {@link StudyMerger} for when the population
   * comparisons are computed.
   */
  public StudyMerger.Summary merge(Path dirPath, int threads, StudyMerger.Options options) {
    return merge(dirPath, threads, options, local());
  }

  /** As {@link #merge(Path, int, StudyMerger.Options)}, with the distance matrices computed by {@code engine}. */
  public StudyMerger.Summary merge(Path dirPath, int threads, StudyMerger.Options options, Engine engine) {
    StudyDirectory dir = new StudyDirectory(dirPath);
    StudySpec spec = new SpecReader(tasks, metrics).parse(dir.specText(), dir.specYaml().toString());
    return new StudyMerger(dir, engine.pairwise(dir, threads), phases, notices).merge(spec, options);
  }

  /**
   * The state of a study directory: every run of its spec is done (with its summary and when its file appeared),
   * running (claimed by a live process, on this machine or another sharing the directory), damaged (a run file that
   * cannot be read), or left; and the files moved aside as damaged.
   */
  public record Status(StudySpec spec, int total, List<RunFile.Summary> finished, List<Instant> finishedAt,
      List<Running> running, List<String> damaged, List<Path> setAside, List<String> missing) {

    /** Runs done recently that {@link #networksPerHour} measures the pace over. */
    public static final int PACE_WINDOW = 50;

    /**
     * A run whose claim a live process holds.
     *
     * @param holder the claim file's text: host, process id and start time
     */
    public record Running(String runId, String holder) {
      /** The host that runs it: the first word of its holder. */
      public String host() {
        String h = holder.strip();
        int space = h.indexOf(' ');
        return space < 0 ? h : h.substring(0, space);
      }
    }

    public long failed() {
      return finished.stream().filter(s -> s.status().equals("failed")).count();
    }

    public double meanWallSeconds() {
      return finished.stream().mapToDouble(RunFile.Summary::runSeconds).filter(Double::isFinite).average()
          .orElse(Double.NaN);
    }

    /**
     * Networks finished per hour by every process and host together, from the times the files of the last
     * {@link #PACE_WINDOW} finished runs appeared; NaN with fewer than two.
     */
    public double networksPerHour() {
      List<Instant> times = finishedAt.stream().sorted().toList();
      List<Instant> recent = times.subList(Math.max(0, times.size() - PACE_WINDOW), times.size());
      if (recent.size() < 2) {
        return Double.NaN;
      }
      double seconds = java.time.Duration.between(recent.get(0), recent.get(recent.size() - 1)).toMillis() / 1000.0;
      return seconds <= 0 ? Double.NaN : (recent.size() - 1) * 3600 / seconds;
    }

    /** Per host (in order of first appearance): runs done there and runs it holds now, as {done, running}. */
    public Map<String, int[]> byHost() {
      Map<String, int[]> out = new LinkedHashMap<>();
      for (RunFile.Summary f : finished) {
        out.computeIfAbsent(f.host().isEmpty() ? "unknown" : f.host(), h -> new int[2])[0]++;
      }
      for (Running r : running) {
        out.computeIfAbsent(r.host(), h -> new int[2])[1]++;
      }
      return out;
    }
  }

  /** The state of the study in {@code dirPath}. */
  public Status status(Path dirPath) {
    StudyDirectory dir = new StudyDirectory(dirPath);
    StudySpec spec = new SpecReader(tasks, metrics).parse(dir.specText(), dir.specYaml().toString());
    List<RunSpec> runs = Grid.expand(spec);
    List<RunFile.Summary> finished = new ArrayList<>();
    List<Instant> finishedAt = new ArrayList<>();
    List<Status.Running> running = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (RunSpec r : runs) {
      if (dir.hasRun(r.id())) {
        String problem = RunFile.problem(dir.runFile(r.id()));
        if (problem == null) {
          finished.add(RunFile.summary(dir.runFile(r.id())));
          finishedAt.add(modified(dir.runFile(r.id())));
        } else {
          damaged.add(r.id() + ": " + problem);
        }
      } else {
        var holder = RunClaim.holder(dir, r.id());
        if (holder.isPresent()) {
          running.add(new Status.Running(r.id(), holder.get()));
        } else {
          missing.add(r.id());
        }
      }
    }
    return new Status(spec, runs.size(), finished, finishedAt, running, damaged, dir.setAside(), missing);
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the time of " + file + ": " + e.getMessage(), e);
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
