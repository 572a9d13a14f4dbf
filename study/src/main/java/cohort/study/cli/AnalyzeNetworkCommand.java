package cohort.study.cli;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.topology.TopologyGraph;
import cohort.models.Network;
import cohort.models.ReferenceNetwork;
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
      "/topology, and summarised.",
      "The starts of the search come from the network's own trajectories: on trials of the task it was trained on,",
      "on your inputs (--trajectory-inputs), or, for a network without a task (imported from PyTorch or Keras), on",
      "its zero-input dynamics from random states."})
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
      description = "Trials of the task (or, without a task, runs of the zero-input dynamics) whose trajectories give "
          + "the starts (default ${DEFAULT-VALUE}).")
  int trials = 32;

  @Option(names = "--trajectory-inputs", paramLabel = "X",
      description = "Draw the starts from the network's trajectories on these inputs [T][B][I] (.npy, FILE.npz:NAME "
          + "or FILE.h5:/dataset) instead of the task's trials.")
  String trajectoryInputs;

  @Option(names = "--steps", paramLabel = "T",
      description = "Without a task or --trajectory-inputs: steps of the zero-input dynamics, run from --trials "
          + "states drawn uniformly in [-1, 1] (default ${DEFAULT-VALUE}).")
  int steps = 100;

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
          + " (one per input channel" + (task == null ? "" : ": " + String.join(", ", task.inputNames())) + ")");
    }
    ReferenceNetwork reference = network.reference();
    ReferenceNetwork.Trajectory trajectory;
    String startsFrom;
    if (trajectoryInputs != null) {
      trajectory = userTrajectory(reference, trajectoryInputs);
      startsFrom = "its trajectories on " + trajectoryInputs;
    } else if (task != null) {
      TrialBatch probe = task.sample(trials, RandomStreams.of(seed, 201));
      trajectory = reference.forward(probe.inputs(), probe.steps(), probe.batch());
      startsFrom = trials + " trials of " + task.name();
    } else {
      if (steps < 1) {
        throw new IllegalArgumentException("--steps must be >= 1; got " + steps);
      }
      trajectory = freeDynamics(reference, trials, steps, RandomStreams.of(seed, 203));
      startsFrom = "its zero-input dynamics (" + trials + " runs of " + steps + " steps from random states; the file "
          + "names no task)";
    }
    NetworkAnalysis.RecurrentSpectrum spectrum = NetworkAnalysis.spectrum(reference);
    FixedPointSet points = NetworkAnalysis.fixedPoints(reference, trajectory, x, initialStates, noise, new double[0],
        RandomStreams.of(seed, 202));
    TopologyGraph topology = NetworkAnalysis.topology(reference, points);
    NetworkFile.addAnalyses(file, points, spectrum.spectrum(), spectrum.matrix(), topology);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %d points at x* = %s (%d fixed, %d slow) from %d starts drawn from %s%n", file,
        points.size(), Arrays.toString(x), points.count(PointKind.FIXED), points.count(PointKind.SLOW),
        points.candidates(), startsFrom);
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
      float[] hidden = new float[trajectory.hidden().length];
      for (int i = 0; i < hidden.length; i++) {
        hidden[i] = (float) trajectory.hidden()[i];
      }
      Canvas.useHeadlessAwt();
      List<Path> written = NetworkFigures.write(png, file.getFileName().toString(), hidden, trajectory.steps(),
          trajectory.batch(), network.spec().hidden(), points, spectrum.spectrum(), spectrum.matrix());
      for (Path p : written) {
        out.println("  wrote " + p);
      }
    }
    return 0;
  }

  /** The network's trajectories on the user's inputs {@code [T][B][I]}. */
  private static ReferenceNetwork.Trajectory userTrajectory(ReferenceNetwork reference, String spec) {
    cohort.io.Npy.Array a = cohort.io.ArraySource.load(spec);
    int[] d = a.shape();
    int in = reference.spec().inputs();
    if (d.length != 3 || d[0] < 1 || d[1] < 1 || d[2] != in) {
      throw new IllegalArgumentException("--trajectory-inputs " + spec + ": shape " + Arrays.toString(d)
          + "; accepted: [T][B][" + in + "] (time, trials, the network's input channels)");
    }
    for (int i = 0; i < a.data().length; i++) {
      if (!Double.isFinite(a.data()[i])) {
        throw new IllegalArgumentException("--trajectory-inputs " + spec + ": " + a.data()[i] + " at flat index " + i
            + "; accepted: finite values");
      }
    }
    return reference.forward(a.data(), d[0], d[1]);
  }

  /** The network run at zero input for {@code steps} steps from {@code runs} states uniform in [−1, 1]. */
  static ReferenceNetwork.Trajectory freeDynamics(ReferenceNetwork reference, int runs, int steps,
      java.util.random.RandomGenerator random) {
    int s = reference.stateSize();
    double[] h0 = new double[runs * s];
    for (int i = 0; i < h0.length; i++) {
      h0[i] = random.nextDouble(-1, 1);
    }
    return reference.forward(new double[steps * runs * reference.spec().inputs()], steps, runs, h0);
  }

  /**
   * The task a network was trained on, from the run spec JSON in its file, or {@code null} for a network with no
   * task (imported: {@code "task": null}).
   */
  static Task task(String specJson) {
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(specJson);
    if (doc instanceof Map<?, ?> m && m.containsKey("task") && m.get("task") == null) {
      return null;
    }
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
