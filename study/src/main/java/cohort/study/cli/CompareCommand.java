package cohort.study.cli;

import cohort.analysis.MetricInfo;
import cohort.analysis.MetricOption;
import cohort.analysis.MetricRegistry;
import cohort.analysis.dsa.Trajectories;
import cohort.analysis.similarity.Checks;
import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.MetricKind;
import cohort.io.ArraySource;
import cohort.io.Npy;
import cohort.study.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohort compare}: one similarity score between two of the user's own arrays (.npy files or HDF5 datasets),
 * with any metric of the registry. Every metric option is a flag ({@code --keep-variance}, {@code --alpha},
 * {@code --n-delays}, ...) made from the metric's options record when the command line is built
 * ({@link #addMetricOptions}), with its help and default from the record, so nothing here names a metric or
 * repeats a default. Prints the score as a number on the last line, or one JSON object with the metric, its
 * options, the score and what else the comparison found.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two activity arrays with a similarity metric.",
      "A and B are .npy files or FILE.h5:/path/to/dataset: samples x units for a geometry metric (the same samples "
          + "in both), trials x time x units or time x units for a dynamics metric. The score is printed on the "
          + "last line."
    })
public final class CompareCommand implements Callable<Integer> {

  @CommandLine.Spec CommandSpec spec;

  @Option(names = "--metric", required = true, paramLabel = "NAME",
      description = "The metric (see the list below).")
  String metric;

  @Option(names = "--json", description = "Print one JSON object with the metric, its options and the score.")
  boolean json;

  @Parameters(index = "0", paramLabel = "A", description = "First array: FILE.npy or FILE.h5:/dataset.")
  String first;

  @Parameters(index = "1", paramLabel = "B", description = "Second array: FILE.npy or FILE.h5:/dataset.")
  String second;

  /**
   * Adds to the {@code compare} command one flag per option name of the registry's metrics (a name shared by
   * several metrics, such as {@code --score}, once, with each metric's meaning), and the list of metrics to its
   * help.
   */
  static void addMetricOptions(CommandSpec compare, MetricRegistry metrics) {
    Map<String, List<String>> help = new LinkedHashMap<>();
    Map<String, Boolean> flagOnly = new LinkedHashMap<>();
    List<String> footer = new ArrayList<>();
    footer.add("");
    footer.add("Metrics (geometry: rows matched across A and B; dynamics: any trajectories):");
    for (String name : metrics.names()) {
      MetricInfo info = metrics.info(name);
      List<String> flags = new ArrayList<>();
      for (MetricOption o : info.options()) {
        flags.add(o.flag());
        help.computeIfAbsent(o.flag(), k -> new ArrayList<>())
            .add(name + ": " + o.help() + " (default " + o.defaultText() + ").");
        flagOnly.merge(o.flag(), o.type() == boolean.class, Boolean::logicalAnd);
      }
      footer.add(String.format("  %-13s %s (%s)%s", name, info.caption(), info.kind().name().toLowerCase(Locale.ROOT),
          flags.isEmpty() ? "" : ": " + String.join(" ", flags)));
      footer.add(String.format("  %-13s distance: %s", "", info.units()));
    }
    for (Map.Entry<String, List<String>> e : help.entrySet()) {
      boolean bool = flagOnly.get(e.getKey());
      // a boolean flag alone means true; picocli takes a following word as its value only if it is true or false
      compare.addOption(OptionSpec.builder(e.getKey()).type(bool ? Boolean.class : String.class)
          .arity(bool ? "0..1" : "1")
          .paramLabel(bool ? "true|false" : e.getKey().substring(2).toUpperCase(Locale.ROOT).replace('-', '_'))
          .description(e.getValue().toArray(new String[0])).build());
    }
    compare.usageMessage().footer(footer.toArray(new String[0]));
  }

  @Override
  public Integer call() {
    MetricRegistry metrics = CohortCommand.metrics(spec);
    String name = metric.toLowerCase(Locale.ROOT);
    if (!metrics.has(name)) {
      throw new IllegalArgumentException("compare --metric: got '" + metric + "'; accepted: "
          + String.join(", ", metrics.names()));
    }
    MetricInfo info = metrics.info(name);
    Map<String, String> given = new LinkedHashMap<>();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    Set<String> flags = new LinkedHashSet<>();
    for (String other : metrics.names()) {
      for (MetricOption o : metrics.info(other).options()) {
        flags.add(o.flag());
      }
    }
    for (String flag : flags) {
      if (!parsed.hasMatchedOption(flag)) {
        continue;
      }
      String key = flag.substring(2).replace('-', '_');
      if (info.option(key) == null) {
        List<String> own = new ArrayList<>();
        for (MetricOption mo : info.options()) {
          own.add(mo.flag());
        }
        throw new IllegalArgumentException("compare " + flag + ": not an option of --metric " + name
            + "; its options: " + (own.isEmpty() ? "none" : String.join(", ", own)));
      }
      given.put(key, String.valueOf((Object) parsed.matchedOption(flag).getValue()));
    }
    Metric<?, ?> m = info.create(given);
    Metric.Evaluation result;
    if (m.kind() == MetricKind.TOPOLOGY) {
      throw new IllegalArgumentException("compare --metric " + name + ": compares the fixed-point topologies of a "
          + "study's networks (comparisons.metrics in a spec), not arrays; accepted here: the geometry and dynamics "
          + "metrics of 'cohort compare --help'");
    }
    if (m.kind() == MetricKind.GEOMETRY) {
      Matrix a = matrix(first, ArraySource.load(first));
      Matrix b = matrix(second, ArraySource.load(second));
      if (a.rows() != b.rows()) {
        throw new IllegalArgumentException("compare: " + first + " has " + a.rows() + " rows and " + second + " has "
            + b.rows() + "; accepted: the same samples (rows) in both arrays");
      }
      @SuppressWarnings("unchecked")
      Metric<Matrix, ?> g = (Metric<Matrix, ?>) m;
      result = evaluate(g, a, b);
    } else {
      @SuppressWarnings("unchecked")
      Metric<Trajectories, ?> d = (Metric<Trajectories, ?>) m;
      result = evaluate(d, trajectories(first, ArraySource.load(first)),
          trajectories(second, ArraySource.load(second)));
    }
    Map<String, Object> options = MetricInfo.describe(m);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("metric", name);
      o.put("options", options);
      o.put("a", first);
      o.put("b", second);
      o.put("score", result.score());
      o.putAll(result.details());
      out.println(Json.write(o));
    } else {
      List<String> said = new ArrayList<>();
      options.forEach((k, v) -> said.add(k + " " + MetricOption.text(v)));
      result.details().forEach((k, v) -> {
        if (!(v instanceof double[])) {
          said.add(k + " " + (v instanceof int[] ints ? Arrays.toString(ints) : MetricOption.text(v)));
        }
      });
      out.println(info.caption() + (said.isEmpty() ? "" : " (" + String.join(", ", said) + ")") + ": " + first
          + " vs " + second);
      out.println(result.score());
    }
    out.flush();
    return 0;
  }

  /** Prepares both inputs and compares them. */
  private static <I, P> Metric.Evaluation evaluate(Metric<I, P> m, I a, I b) {
    return m.evaluate(m.prepare(a), m.prepare(b));
  }

  private static Matrix matrix(String name, Npy.Array a) {
    if (a.shape().length != 2) {
      throw new IllegalArgumentException("input " + name + ": shape " + Arrays.toString(a.shape())
          + "; accepted: 2 dimensions (samples x units)");
    }
    if (a.shape()[0] < 2 || a.shape()[1] < 1) {
      throw new IllegalArgumentException("input " + name + ": shape " + Arrays.toString(a.shape())
          + "; accepted: at least 2 samples and 1 unit");
    }
    Checks.usable("input " + name, a.data(), a.shape());
    return new Matrix(a.shape()[0], a.shape()[1], a.data());
  }

  private static Trajectories trajectories(String name, Npy.Array a) {
    int[] s = a.shape();
    if ((s.length == 2 || s.length == 3) && a.data().length > 0) {
      Checks.usable("input " + name, a.data(), s);
    }
    if (s.length == 2 && s[0] >= 2 && s[1] >= 1) {
      return new Trajectories(1, s[0], s[1], a.data());
    }
    if (s.length == 3 && s[0] >= 1 && s[1] >= 2 && s[2] >= 1) {
      return new Trajectories(s[0], s[1], s[2], a.data());
    }
    throw new IllegalArgumentException("input " + name + ": shape " + Arrays.toString(s)
        + "; accepted for a dynamics metric: trials x time x units or time x units (at least 2 time steps)");
  }
}
