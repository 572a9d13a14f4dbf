package cohort.study.cli;

import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.io.NetworkFile;
import cohort.io.OutputPaths;
import cohort.io.TrainingRun;
import cohort.tasks.Task;
import cohort.tasks.TaskParameters;
import cohort.tasks.TaskRegistry;
import cohort.training.ProgressListener;
import cohort.training.Trainer;
import cohort.training.TrainingResult;
import cohort.training.TrainingSpec;
import cohort.training.loss.LossKind;
import cohort.training.optim.OptimizerKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohort train}: trains one network on one task and writes it to an HDF5 file ({@link NetworkFile}).
 *
 * <p>Every value is checked before training starts (one line and exit status 2 on a bad one, no file written).
 * Progress goes to standard error, the one-line summary to standard output. The file is written once, at the
 * end, under a temporary name and renamed, so an interrupted run leaves nothing behind. A run that diverges is
 * still recorded, with status {@code failed} and its reason, and the command exits with status 1.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    defaultValueProvider = TrainCommand.Defaults.class,
    sortOptions = false,
    description = "Train one recurrent network on one task and write it to an HDF5 file.",
    footer = {
      "",
      "Example:",
      "  cohort train --task flipflop --arch gru --units 64 --seed 1 --lr 0.01 --out gru.h5",
      "",
      "The file holds /weights/<block> (float32, [in][out]), the curves",
      "/training/{iteration, train_loss, val_loss, val_accuracy} and the full run",
      "spec as JSON in the root attribute 'spec'.",
      "Exit status: 0 trained; 1 training diverged (the file records status",
      "'failed' and the reason); 2 bad arguments (nothing is written)."
    })
public final class TrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--task", required = true, paramLabel = "NAME",
      description = "Task to train on (see 'cohort tasks'), e.g. flipflop, xor, perceptual-dm.")
  String task;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "A task parameter; repeatable. Unset parameters keep the task's defaults.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--arch", required = true, paramLabel = "ARCH", completionCandidates = CellNames.class,
      description = "Architecture: ${COMPLETION-CANDIDATES}.")
  String arch;

  /** The registered cells' names, for {@code --arch}'s help. */
  static final class CellNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return CellRegistry.standard().names().iterator();
    }
  }

  @Option(names = "--activation", defaultValue = "tanh", paramLabel = "ACT",
      description = "Activation: tanh, relu, softplus, identity (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--units", required = true, paramLabel = "N", description = "Hidden units (>= 1).")
  int units;

  @Option(names = "--init", paramLabel = "INIT",
      description = "Recurrent initialiser: normal, orthogonal, identity, glorot, uniform "
          + "(default: uniform = PyTorch defaults for discrete and gated cells, normal for ctrnn, scaled-ctrnn, low-rank).")
  String init;

  @Option(names = "--gain", defaultValue = "1", paramLabel = "G",
      description = "Initialiser gain g (> 0; default: ${DEFAULT-VALUE}).")
  double gain;

  @Option(names = "--input-init", paramLabel = "INIT",
      description = "Initialiser of the input weights, gain 1: normal, orthogonal, identity, glorot, uniform "
          + "(default: N(0, 1/I), or PyTorch's uniform with --init uniform). glorot is Keras' glorot_uniform. "
          + "Same as init.input in a study spec.")
  String inputInit;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "Seed of every random draw: initial weights, batches, noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--batch", paramLabel = "B", description = "Trials per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--iterations", paramLabel = "K",
      description = "Maximum number of parameter updates (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--lr-decay", defaultValue = "1", paramLabel = "F",
      description = "The learning rate at the last iteration as a fraction of --lr, in (0, 1]: an exponential decay; "
          + "1 = constant (default: ${DEFAULT-VALUE}). Same as training.lr_decay in a study spec.")
  double lrDecay;

  @Option(names = "--rollbacks", defaultValue = "0", paramLabel = "K",
      description = "On a divergence (a NaN or infinite loss or gradient, or, while rollbacks are left, a validation "
          + "loss above " + (int) Trainer.SPIKE + " times an all-zero output's), return to the last healthy validation point and go on "
          + "with the next batches, at most K times, before giving the run up (default: ${DEFAULT-VALUE}: fail at "
          + "once). Same as training.rollbacks in a study spec.")
  int rollbacks;

  @Option(names = "--optimizer", paramLabel = "OPT",
      description = "adam, sgd (momentum 0.9) or rmsprop (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--clip", paramLabel = "C",
      description = "Clip the gradient to this global L2 norm; 0 = no clipping (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--alpha", paramLabel = "DT/TAU",
      description = "Euler factor dt/tau in (0, 1] for ctrnn, scaled-ctrnn, low-rank (default: " + NetworkSpec.DEFAULT_ALPHA
          + "); discrete cells take none.")
  Double alpha;

  @Option(names = "--noise", defaultValue = "0", paramLabel = "SIGMA",
      description = "Recurrent noise sigma_rec >= 0 for vanilla, ctrnn, scaled-ctrnn, low-rank (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--dale", defaultValue = "0", paramLabel = "FRACTION",
      description = "Dale's law with this fraction of excitatory units, in [0, 1]; 0 = off (default: ${DEFAULT-VALUE}).")
  double dale;

  @Option(names = "--rank", paramLabel = "R", description = "Rank of W for low-rank (default: 1); other cells take none.")
  Integer rank;

  @Option(names = "--loss", paramLabel = "LOSS",
      description = "mse (masked mean-squared error) or ce (masked cross-entropy, choice tasks) (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--weight-l2", paramLabel = "L",
      description = "L2 penalty on the weight matrices (not biases), lambda * mean(w^2) each (default: ${DEFAULT-VALUE}).")
  double weightL2;

  @Option(names = "--rate-l2", paramLabel = "L",
      description = "Activity penalty lambda * mean(h^2) (default: ${DEFAULT-VALUE}).")
  double rateL2;

  @Option(names = "--target-accuracy", paramLabel = "A",
      description = "Stop at the first validation whose accuracy is >= A, for A in (0, 1] (1 = stop at 100 %%); "
          + "0 = never stop early (default: ${DEFAULT-VALUE}). Same meaning as training.target_accuracy in a study spec.")
  double targetAccuracy;

  @Option(names = "--validate-every", paramLabel = "K",
      description = "Validate and report progress every K iterations (default: ${DEFAULT-VALUE}).")
  int validateEvery;

  @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "The HDF5 file to write.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = commandSpec.commandLine().getErr();
    PrintWriter stdout = commandSpec.commandLine().getOut();

    // Everything is checked before any work: each constructor throws one line on a bad value, and the output
    // is tried before training, so that an unwritable --out never costs a training run.
    OutputPaths.requireWritableFile(out, "--out");
    Cell architecture = CellRegistry.standard().parse(arch);
    Task t = TaskRegistry.standard().create(task, params);
    if (!(targetAccuracy >= 0 && targetAccuracy <= 1)) {
      throw new IllegalArgumentException("--target-accuracy got " + targetAccuracy + "; accepted: A in (0, 1] to stop "
          + "at the first validation whose accuracy is >= A, or 0 to never stop early");
    }
    TrainingSpec trainingSpec = new TrainingSpec(iterations, batch, lr, OptimizerKind.parse(optimizer), clip, weightL2,
        rateL2, schedule(), 0, targetAccuracy, 0, validateEvery,
        TrainingSpec.defaults().validationBatches(), LossKind.parse(loss), seed, rollbacks);
    NetworkSpec networkSpec = networkSpec(architecture, t);
    if (trainingSpec.loss() == LossKind.CE && t.outputKind() != Task.OutputKind.CHOICE) {
      throw new IllegalArgumentException("--loss ce needs a choice task; task " + t.name()
          + " has continuous outputs (use --loss mse)");
    }

    InitKind input = inputInit == null ? null : inputInit(inputInit);
    Network network = Trainer.initialize(networkSpec, seed, input);
    // \r-updated progress only on an interactive terminal (Java 17 cannot ask about stderr alone; a console
    // exists when stdin and stdout are terminals, and tests and pipes never have one).
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    ProgressListener listener = new ProgressListener() {
      @Override
      public void onProgress(Progress p) {
        String line = String.format(Locale.ROOT,
            "iteration %d/%d  loss %.4g  val loss %.4g  accuracy %.3f  %.1f it/s  %s left",
            p.iteration(), p.iterations(), p.trainLoss(), p.validationLoss(), p.validationAccuracy(),
            p.iterationsPerSecond(), duration(p.secondsLeft()));
        if (terminal) {
          err.print("\r" + line + "   ");
        } else {
          err.println(line);
        }
        err.flush();
      }

      @Override
      public void onRollback(int iteration, String reason, int rollback) {
        // a line of its own even on a terminal: the iteration count goes back, and the reader should see why
        err.println((terminal ? "\n" : "") + "rollback " + rollback + "/" + rollbacks + ": " + reason
            + "; back to iteration " + iteration);
        err.flush();
      }
    };
    TrainingResult result = new Trainer(trainingSpec).train(network, t, listener);
    if (terminal) {
      err.println();
    }
    NetworkFile.write(out, new TrainingRun(t.name(), t.parameters(), networkSpec, trainingSpec, input), network,
        result);
    String validation = result.curves().size() == 0 ? "no validation point"
        : String.format(Locale.ROOT, "validation loss %.4g, accuracy %.3f", result.finalValidationLoss(),
            result.finalValidationAccuracy());
    stdout.println(String.format(Locale.ROOT, "%s %s N=%d on %s: %s after %d iterations in %s; %s -> %s",
        architecture.id(), networkSpec.activation().id(), units, t.name(),
        result.status().id() + (result.reason().isEmpty() ? "" : " (" + result.reason() + ")")
            + (result.rollbacks() > 0 && result.status() != TrainingResult.Status.FAILED
                ? " with " + result.rollbacks() + " rollback" + (result.rollbacks() == 1 ? "" : "s") : ""),
        result.iterations(), duration(result.wallSeconds()), validation, out));
    stdout.flush();
    return result.status() == TrainingResult.Status.FAILED ? 1 : 0;
  }

  /**
   * The training options' defaults, read from {@link TrainingSpec#defaults()}: defined once, for {@code cohort train},
   * study specs and library users alike.
   */
  public static final class Defaults implements CommandLine.IDefaultValueProvider {
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      if (!(arg instanceof CommandLine.Model.OptionSpec o)) {
        return null;
      }
      TrainingSpec d = TrainingSpec.defaults();
      return switch (o.longestName()) {
        case "--batch" -> String.valueOf(d.batch());
        case "--iterations" -> String.valueOf(d.iterations());
        case "--lr" -> TaskParameters.format(d.learningRate());
        case "--optimizer" -> d.optimizer().id();
        case "--clip" -> TaskParameters.format(d.clipNorm());
        case "--loss" -> d.loss().id();
        case "--weight-l2" -> TaskParameters.format(d.weightL2());
        case "--rate-l2" -> TaskParameters.format(d.rateL2());
        case "--target-accuracy" -> TaskParameters.format(d.targetAccuracy());
        case "--validate-every" -> String.valueOf(d.validateEvery());
        default -> null;
      };
    }
  }

  private cohort.training.optim.Schedule schedule() {
    if (!(lrDecay > 0 && lrDecay <= 1)) {
      throw new IllegalArgumentException("--lr-decay got " + lrDecay + "; accepted: a fraction in (0, 1], 1 = constant");
    }
    return lrDecay >= 1 ? cohort.training.optim.Schedule.constant()
        : cohort.training.optim.Schedule.exponential(Math.pow(lrDecay, 1.0 / Math.max(1, iterations)));
  }

  /** {@code --input-init}'s initialiser, or one line naming the option and what it accepts. */
  private static InitKind inputInit(String id) {
    try {
      return InitKind.parse(id);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      throw new IllegalArgumentException("--input-init" + (m.startsWith("init:") ? m.substring(4) : ": " + m));
    }
  }

  /** The options that set each {@link NetworkSpec} field, to name them in messages. */
  private static final Map<String, String> OPTION_OF_FIELD = Map.of("activation", "--activation", "hidden",
      "--units", "init", "--init", "gain", "--gain", "alpha", "--alpha", "recurrentNoise", "--noise",
      "excitatoryFraction", "--dale", "rank", "--rank", "architecture", "--arch");

  /** The network spec of the options; a bad value is reported under the option that set it. */
  private NetworkSpec networkSpec(Cell architecture, Task t) {
    try {
      NetworkSpec defaults = NetworkSpec.of(architecture, Activation.parse(activation), 1, units, 1);
      return new NetworkSpec(architecture, defaults.activation(), t.inputSize(), units, t.outputSize(),
          init == null ? defaults.init() : InitKind.parse(init), gain, alpha == null ? defaults.alpha() : alpha,
          noise, dale, rank == null ? defaults.rank() : rank);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      int colon = m.indexOf(':');
      String option = colon > 0 ? OPTION_OF_FIELD.get(m.substring(0, colon)) : null;
      throw option == null ? e : new IllegalArgumentException(option + m.substring(colon));
    }
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
