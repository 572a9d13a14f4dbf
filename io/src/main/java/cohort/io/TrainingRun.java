package cohort.io;

import cohort.models.InitKind;
import cohort.models.NetworkSpec;
import cohort.tasks.TaskParameters;
import cohort.training.TrainingSpec;
import java.util.Objects;

/**
 * The full description of one trained network: the task with every parameter, the network spec and the training
 * spec (whose seed seeds every random stream of the run, initialisation included). {@link #toJson()} is the
 * provenance string stored in each result file.
 *
 * @param task the task's registry name, e.g. {@code flipflop}
 * @param taskParameters every task parameter, defaults included
 * @param network the network spec
 * @param training the training spec
 * @param inputInit the initialiser the input weights started from when it was not the default of
 *     {@code InitOptions.defaults} ({@code cohort train --input-init}, a spec's {@code init.input}), else {@code null}
 */
public record TrainingRun(String task, TaskParameters taskParameters, NetworkSpec network, TrainingSpec training,
    InitKind inputInit) {

  public TrainingRun {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(taskParameters, "taskParameters");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(training, "training");
  }

  /** A run whose input weights started from the default initialiser. */
  public TrainingRun(String task, TaskParameters taskParameters, NetworkSpec network, TrainingSpec training) {
    this(task, taskParameters, network, training, null);
  }

  /** The run's seed (the training spec's). */
  public long seed() {
    return training.seed();
  }

  /**
   * The canonical JSON form: one line, no spaces, keys in the fixed order written here, task parameters in the
   * task's declaration order, whole numbers without a decimal point, other numbers as Java's
   * {@link Double#toString} (which reads back to the same double), names as the ids users type:
   *
   * <pre>{"task":{"name":…,"parameters":{…}},
   *  "network":{"architecture","activation","inputs","hidden","outputs","init","gain","alpha","recurrent_noise",
   *             "excitatory_fraction","rank"[,"input_init"]},
   *  "training":{"iterations","batch","learning_rate","optimizer","clip_norm","weight_l2","rate_l2","schedule",
   *              "schedule_factor","schedule_every","target_loss","target_accuracy","patience","validate_every",
   *              "validation_batches","loss"[,"rollbacks"]},
   *  "seed":…}</pre>
   */
  public String toJson() {
    StringBuilder s = new StringBuilder(512);
    s.append("{\"task\":{\"name\":").append(str(task)).append(",\"parameters\":").append(taskParameters).append('}');
    s.append(",\"network\":").append(networkJson(network, inputInit));
    s.append(",\"training\":{");
    field(s, "iterations", num(training.iterations()), true);
    field(s, "batch", num(training.batch()), false);
    field(s, "learning_rate", num(training.learningRate()), false);
    field(s, "optimizer", str(training.optimizer().id()), false);
    field(s, "clip_norm", num(training.clipNorm()), false);
    field(s, "weight_l2", num(training.weightL2()), false);
    field(s, "rate_l2", num(training.rateL2()), false);
    field(s, "schedule", str(training.schedule().kind().name().toLowerCase(java.util.Locale.ROOT)), false);
    field(s, "schedule_factor", num(training.schedule().factor()), false);
    field(s, "schedule_every", num(training.schedule().every()), false);
    field(s, "target_loss", num(training.targetLoss()), false);
    field(s, "target_accuracy", num(training.targetAccuracy()), false);
    field(s, "patience", num(training.patience()), false);
    field(s, "validate_every", num(training.validateEvery()), false);
    field(s, "validation_batches", num(training.validationBatches()), false);
    field(s, "loss", str(training.loss().id()), false);
    if (training.rollbacks() > 0) {
      // only when allowed, so that every other run keeps its provenance string
      field(s, "rollbacks", num(training.rollbacks()), false);
    }
    s.append("},\"seed\":").append(training.seed()).append('}');
    return s.toString();
  }

  /**
   * The network spec as canonical JSON, the {@code "network"} object of {@link #toJson()}: {@code {"architecture",
   * "activation","inputs","hidden","outputs","init","gain","alpha","recurrent_noise","excitatory_fraction","rank"}}.
   */
  public static String networkJson(NetworkSpec network) {
    return networkJson(network, null);
  }

  /**
   * {@link #networkJson(NetworkSpec)} with {@code "input_init"} last when the input weights did not start from the
   * default ({@code inputInit} not null); only then, so that every other run keeps its provenance string.
   */
  private static String networkJson(NetworkSpec network, InitKind inputInit) {
    StringBuilder s = new StringBuilder("{");
    field(s, "architecture", str(network.architecture().id()), true);
    field(s, "activation", str(network.activation().id()), false);
    field(s, "inputs", num(network.inputs()), false);
    field(s, "hidden", num(network.hidden()), false);
    field(s, "outputs", num(network.outputs()), false);
    field(s, "init", str(network.init().id()), false);
    field(s, "gain", num(network.gain()), false);
    field(s, "alpha", num(network.alpha()), false);
    field(s, "recurrent_noise", num(network.recurrentNoise()), false);
    field(s, "excitatory_fraction", num(network.excitatoryFraction()), false);
    field(s, "rank", num(network.rank()), false);
    if (inputInit != null) {
      field(s, "input_init", str(inputInit.id()), false);
    }
    return s.append('}').toString();
  }

  private static void field(StringBuilder s, String key, String value, boolean first) {
    if (!first) {
      s.append(',');
    }
    s.append('"').append(key).append("\":").append(value);
  }

  private static String num(double v) {
    return TaskParameters.format(v);
  }

  private static String str(String v) {
    return JsonText.quote(v);
  }
}
