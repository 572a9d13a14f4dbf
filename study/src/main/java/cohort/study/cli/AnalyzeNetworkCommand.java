package cohort.study.cli;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.topology.TopologyGraph;
import cohort.models.Network;
import cohort.models.ReferenceNetwork;
import cohort.models.Workspace;
import cohort.study.report.NetworkFigures;
import cohort.study.report.figure.Canvas;
import cohort.study.run.NetworkAnalysis;
import cohort.io.NetworkFile;
import cohort.study.store.RunFile;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import cohort.training.RandomStreams;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cohort analyze-network FILE.h5}: fixed points, spectra and the fixed-point topology of one trained network,
 * added to its file, with a short summary and optional figures.
 */
@Command(name = "analyze-network", mixinStandardHelpOptions = true,
    description = {
      "Find a trained network's fixed points, their stability and topology, and its spectrum.",
      "The fixed and slow points at a constant input (Sussillo & Barak 2013), their stability, the eigenvalues of",
      "its recurrent matrix and the saddle-to-attractor graph are added to FILE.h5 as /fixed_points, /spectrum and",
      "/topology, and summarised."})
final class AnalyzeNetworkCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.h5", description = "A network file written by 'cohort train' or a run "
      + "file of a study.")
  Path file;

  @Option(names = "--inputs", paramLabel = "X1,X2,...", split = ",",
      description = "The constant input x* of the search, one value per input channel (default: all zeros).")
  double[] inputs;

  @Option(names = "--initial-states", paramLabel = "K",
      description = "Starts of the search, drawn from the network's trajectories; the search also starts where the "
          + "network settles when run at x* from them and from the end of every trial (default ${DEFAULT-VALUE}).")
  int initialStates = cohort.study.spec.StudySpec.AnalysisSpec.DEFAULT_INITIAL_STATES;

  @Option(names = "--noise", paramLabel = "SIGMA",
      description = "Standard deviation of the noise added to the starts (default ${DEFAULT-VALUE}).")
  double noise = cohort.study.spec.StudySpec.AnalysisSpec.DEFAULT_START_NOISE;

  @Option(names = "--trials", paramLabel = "B",
      description = "Trials of the task whose trajectories give the starts (default ${DEFAULT-VALUE}).")
  int trials = 32;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the trials and the starts (default 0).")
  long seed;

  @Option(names = "--png", paramLabel = "DIR",
      description = "Also draw the fixed points on the trajectories' top principal components and the spectra.")
  Path png;

  @Override
  public Integer call() {
    if (initialStates < 1 || trials < 1 || !(noise >= 0)) {
      throw new IllegalArgumentException("--initial-states and --trials must be >= 1 and --noise >= 0; got "
          + initialStates + ", " + trials + ", " + noise);
    }
    NetworkFile.Contents contents = NetworkFile.read(file);
    cohort.io.OutputPaths.requireWritableFile(file, "FILE.h5 (the analyses are added to it)");
    if (png != null) {
      cohort.io.OutputPaths.requireWritableDirectory(png, "--png");
    }
    Network network = contents.network();
    Task task = task(contents.specJson());
    int in = network.spec().inputs();
    double[] x = inputs == null ? new double[in] : inputs;
    if (x.length != in) {
      throw new IllegalArgumentException("--inputs: got " + x.length + " values; accepted: " + in
          + " (one per input channel: " + String.join(", ", task.inputNames()) + ")");
    }
    TrialBatch probe = task.sample(trials, RandomStreams.of(seed, 201));
    ReferenceNetwork reference = network.reference();
    NetworkAnalysis.RecurrentSpectrum spectrum = NetworkAnalysis.spectrum(reference);
    FixedPointSet points = NetworkAnalysis.fixedPoints(reference, probe, x, initialStates, noise,
        RandomStreams.of(seed, 202));
    TopologyGraph topology = NetworkAnalysis.topology(reference, points);
    NetworkFile.addAnalyses(file, points, spectrum.spectrum(), spectrum.matrix(), topology);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %d points at x* = %s (%d fixed, %d slow) from %d starts%n", file, points.size(),
        Arrays.toString(x), points.count(PointKind.FIXED), points.count(PointKind.SLOW), points.candidates());
    Map<Integer, Integer> byIndex = new LinkedHashMap<>();
    for (FixedPoint p : points.points()) {
      if (p.kind() == PointKind.FIXED) {
        byIndex.merge(p.unstableDimensions(), 1, Integer::sum);
      }
    }
    StringBuilder classes = new StringBuilder();
    byIndex.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> classes.append(classes.length() > 0
        ? ", " : "").append(e.getValue()).append(e.getKey() == 0 ? " stable" : " with " + e.getKey() + " unstable"));
    out.println("  fixed points: " + (classes.length() == 0 ? "none" : classes));
    out.println("  topology: " + cohort.io.NetworkAnalyses.describe(topology) + "; " + topology.edges().size()
        + " saddle-to-attractor edges");
    double tau = spectrum.spectrum().dominantTimeConstant();
    out.printf(Locale.ROOT, "  %s: spectral radius %.4f; dominant mode %s %.3g steps, %.3g cycles/step%n",
        spectrum.matrix().startsWith("W_eff") ? "W_eff" : "dF/dh at the origin",
        spectrum.spectrum().spectralRadius(), tau < 0 ? "grows with e-folding time" : "decays with time constant",
        Math.abs(tau), spectrum.spectrum().dominantFrequency());
    if (png != null) {
      try {
        Files.createDirectories(png);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--png " + png + ": cannot create the directory (" + e.getMessage() + ")");
      }
      Workspace ws = network.workspace(probe.steps(), probe.batch());
      network.forward(probe.inputs(), probe.steps(), probe.batch(), ws);
      Canvas.useHeadlessAwt();
      List<Path> written = NetworkFigures.write(png, file.getFileName().toString(), ws.hidden(), probe.steps(),
          probe.batch(), network.spec().hidden(), points, spectrum.spectrum(), spectrum.matrix());
      for (Path p : written) {
        out.println("  wrote " + p);
      }
    }
    return 0;
  }

  /** The task a network was trained on, from the run spec JSON in its file. */
  static Task task(String specJson) {
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(specJson);
    if (doc instanceof Map<?, ?> m && m.get("task") instanceof Map<?, ?> t && t.get("name") instanceof String name) {
      Map<String, String> params = new LinkedHashMap<>();
      if (t.get("parameters") instanceof Map<?, ?> p) {
        for (Map.Entry<?, ?> e : p.entrySet()) {
          params.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
      }
      return TaskRegistry.standard().create(name, params);
    }
    throw new IllegalArgumentException("the file's spec attribute names no task; accepted: a file written by "
        + "'cohort train' or 'cohort run'");
  }
}
