package cohort.study.cli;

import cohort.study.report.TrialPlot;
import cohort.study.report.figure.Canvas;
import cohort.study.report.figure.Numbers;
import cohort.tasks.ParameterSpec;
import cohort.tasks.Task;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohort tasks}: lists the registered tasks; {@code cohort tasks describe NAME} prints a task's parameters;
 * {@code cohort tasks sample NAME} draws one trial and writes it as a picture (PNG) and a table (CSV).
 *
 * <p>Unknown tasks and parameters, and values a parameter does not accept, are one line on standard error naming
 * what is accepted, and exit status 2 ({@link UsageErrors}).
 */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description = {
      "List the tasks networks can be trained on.",
      "'cohort tasks describe NAME' shows a task's parameters; 'cohort tasks sample NAME' draws one trial."
    },
    subcommands = {TasksCommand.Describe.class, TasksCommand.Sample.class})
public final class TasksCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TaskRegistry registry = TaskRegistry.standard();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "INPUTS", "OUTPUTS", "STEPS", "SOURCE"});
    for (String name : registry.names()) {
      Task t = registry.create(name);
      rows.add(new String[] {
        name,
        Integer.toString(t.inputSize()),
        t.outputSize() + (t.outputKind() == Task.OutputKind.CHOICE ? " (choice)" : ""),
        t.steps() + " x " + Numbers.compact(t.dtMs()) + " ms",
        shortSource(registry.info(name).source())
      });
    }
    printTable(out, rows);
    out.println();
    out.println(registry.names().size() + " tasks. 'cohort tasks describe NAME' lists a task's parameters;"
        + " set them with --param KEY=VALUE.");
    out.flush();
    return 0;
  }

  /** The citation up to its first ';' (the full one is in 'describe'). */
  static String shortSource(String source) {
    int i = source.indexOf(';');
    return i < 0 ? source : source.substring(0, i);
  }

  static void printTable(PrintWriter out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        sb.append(r[c]);
        if (c < columns - 1) {
          sb.append(" ".repeat(width[c] - r[c].length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** {@code cohort tasks describe NAME [--param K=V ...]}. */
  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = {"Show a task: what it is, where it comes from, its channels and every parameter.",
        "Example: cohort tasks describe context-dm --param dt=20"})
  static final class Describe implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Task name (see 'cohort tasks').")
    String name;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
        description = "A task parameter; repeatable. Shown as the value in effect.")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
      TaskRegistry registry = TaskRegistry.standard();
      Task task = registry.create(name, params);
      TaskInfo info = registry.info(name);
      PrintWriter out = spec.commandLine().getOut();
      out.println(info.name() + ": " + info.description());
      out.println("source:  " + info.source());
      out.println("inputs:  " + String.join(", ", task.inputNames()));
      out.println("outputs: " + String.join(", ", task.outputNames())
          + (task.outputKind() == Task.OutputKind.CHOICE
              ? "  (one per action, one-hot targets; the decision is the arg-max)"
              : "  (continuous)"));
      out.println("trial:   " + task.steps() + " steps of " + Numbers.compact(task.dtMs()) + " ms"
          + " (variable-length trials are padded to this and masked)");
      out.println();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"PARAMETER", "VALUE", "DEFAULT", "ACCEPTED", "MEANING"});
      TaskParameters values = task.parameters();
      for (ParameterSpec p : info.parameters()) {
        Object v = values.get(p.name());
        rows.add(new String[] {
          p.name(),
          TaskParameters.format(v) + (v.equals(p.defaultValue()) ? "" : " *"),
          TaskParameters.format(p.defaultValue()),
          p.accepted(),
          p.description()
        });
      }
      printTable(out, rows);
      out.println();
      out.println("Set with --param KEY=VALUE (values marked * differ from the default). Provenance form:");
      out.println(values);
      out.flush();
      return 0;
    }
  }

  /** {@code cohort tasks sample NAME --seed S [--param K=V ...] [--png FILE] [--csv FILE]}. */
  @Command(name = "sample", mixinStandardHelpOptions = true,
      description = {"Draw one trial of a task and write it as a picture (inputs, targets, mask over time)"
          + " and/or a CSV table.",
        "Example: cohort tasks sample context-dm --seed 1 --png trial.png --csv trial.csv"},
      footer = {"", "The CSV has a header (t, time_ms, in_<input>..., target_<output>..., mask_<output>...) and one row"
          + " per time step.", "The same seed and parameters give the same trial."})
  static final class Sample implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Task name (see 'cohort tasks').")
    String name;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
        description = "Random seed of the trial (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A task parameter; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--png", paramLabel = "FILE", description = "Write the trial as a PNG picture.")
    Path png;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the trial as a CSV table.")
    Path csv;

    @Override
    public Integer call() {
      Task task = TaskRegistry.standard().create(name, params);
      if (png != null) {
        cohort.io.OutputPaths.requireWritableFile(png, "--png");
      }
      if (csv != null) {
        cohort.io.OutputPaths.requireWritableFile(csv, "--csv");
      }
      TrialBatch trial = task.sample(1, random(seed));
      PrintWriter out = spec.commandLine().getOut();
      out.println(task.name() + " " + task.parameters());
      out.println("seed " + seed + ": " + task.steps() + " steps of " + Numbers.compact(task.dtMs()) + " ms; "
          + labels(trial));
      try {
        if (png != null) {
          Path tmp = temporary(png);
          try {
            Canvas.useHeadlessAwt();
            Canvas.writePng(TrialPlot.render(task, trial, 0, "seed " + seed), tmp);
            move(tmp, png);
          } finally {
            deleteQuietly(tmp);
          }
          out.println("wrote " + png);
        }
        if (csv != null) {
          Path tmp = temporary(csv);
          try {
            writeCsv(task, trial, tmp);
            move(tmp, csv);
          } finally {
            deleteQuietly(tmp);
          }
          out.println("wrote " + csv);
        }
      } catch (UncheckedIOException e) {
        // an unwritable path is the user's to fix: one line, exit status 2
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      if (png == null && csv == null) {
        out.println("(add --png FILE and/or --csv FILE to write the trial)");
      }
      out.flush();
      return 0;
    }

    /** The trial's generator: an {@code L64X128MixRandom} seeded with {@code seed}. */
    static RandomGenerator random(long seed) {
      return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
    }

    private static String labels(TrialBatch trial) {
      StringBuilder sb = new StringBuilder();
      for (String label : trial.conditions().names()) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(label).append('=').append(Numbers.compact(trial.conditions().value(label, 0)));
      }
      return sb.toString();
    }

    static void writeCsv(Task task, TrialBatch trial, Path file) {
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          StringBuilder header = new StringBuilder("t,time_ms");
          for (String n : task.inputNames()) {
            header.append(",in_").append(n);
          }
          for (String n : task.outputNames()) {
            header.append(",target_").append(n);
          }
          for (String n : task.outputNames()) {
            header.append(",mask_").append(n);
          }
          w.write(header.append('\n').toString());
          StringBuilder row = new StringBuilder();
          for (int t = 0; t < trial.steps(); t++) {
            row.setLength(0);
            row.append(t).append(',').append(Numbers.compact(t * trial.dtMs()));
            for (int d = 0; d < trial.inputSize(); d++) {
              row.append(',').append(trial.inputs()[trial.inputIndex(t, 0, d)]);
            }
            for (int d = 0; d < trial.outputSize(); d++) {
              row.append(',').append(trial.targets()[trial.outputIndex(t, 0, d)]);
            }
            for (int d = 0; d < trial.outputSize(); d++) {
              row.append(',').append(trial.mask()[trial.outputIndex(t, 0, d)]);
            }
            w.write(row.append('\n').toString());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }

    private static Path temporary(Path target) {
      Path abs = target.toAbsolutePath();
      return abs.resolveSibling("." + abs.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
    }

    private static void move(Path from, Path to) {
      try {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + to + ": " + e.getMessage(), e);
      }
    }

    private static void deleteQuietly(Path p) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // the temporary file is already gone or was never written
      }
    }
  }
}
