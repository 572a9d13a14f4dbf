package cohort.training;

import cohort.models.InitKind;
import cohort.models.InitOptions;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ParameterBlock;
import cohort.models.Workspace;
import cohort.tasks.Task;
import cohort.tasks.TrialBatch;
import cohort.training.RandomStreams.Purpose;
import cohort.training.TrainingResult.Status;
import cohort.training.TrainingResult.StopRule;
import cohort.training.loss.Loss;
import cohort.training.loss.LossKind;
import cohort.training.optim.GradientClipping;
import cohort.training.optim.Optimizer;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Trains one network on one task by backpropagation through time: the loop of the three source works
 * (Adam + BPTT over whole trials, a fresh batch of trials per iteration, masked MSE).
 *
 * <p>One iteration: draw a fresh batch from the task ({@link Purpose#TRAINING_BATCHES} stream); forward over all
 * {@code T} steps (with recurrent noise from the {@link Purpose#RECURRENT_NOISE} stream if the network has any);
 * loss and {@code ∂L/∂outputs}; the rate penalty's {@code ∂R/∂h}; backward; the weight penalty's gradient;
 * global-norm clipping; one optimiser step at the scheduled learning rate. Every {@code validateEvery} iterations
 * (and after the last) the network is scored, without noise, on a fixed set of validation batches drawn once from
 * the {@link Purpose#VALIDATION_BATCHES} stream, and the stopping rules are checked.
 *
 * <p>A NaN or infinite loss, gradient norm or validation loss ends the run as {@link Status#FAILED} with a reason;
 * the update that would have used it is not applied. With {@link TrainingSpec#rollbacks()} {@code k > 0}, the
 * first {@code k} divergences do not end the run, and while rollbacks are left a spike at a validation point counts
 * as one too: a validation loss above {@link #SPIKE} times the loss of an all-zero output on the validation batches
 * (a network in an exploding regime can wander for thousands of updates at finite losses of 1e9 or more; a single
 * training batch's spike is not judged, since networks often recover from it by the next update). The run returns
 * to its last healthy validation point (finite and no spike; the untrained network before the first), with its
 * parameters, optimiser state, curves and counters as they were there, and goes on at the same learning rate with
 * the next batches of its stream, so the stretch that diverged is not replayed on the same trials: PaLM's remedy for
 * loss spikes, restart from an earlier checkpoint and skip the batches that led to the spike (Chowdhery et al. 2022,
 * section 5.1). Measured on LSTM-ReLU networks learning the 51-frequency sine, halving the rate at each rollback
 * rescued fewer runs (they crept on at rates too small to learn), and so did judging every training batch. The
 * result counts the rollbacks; the run stays deterministic.
 *
 * <p>The curves of a failed run hold every validation point before the failure and, when the failure fell between
 * validation points, one more at the failure: the network as it was left (after the last applied update) scored on
 * the validation batches, with the mean training loss of the updates applied since the previous point (NaN if
 * none). So a run that fails before its first validation point still has a curve, and every curve ends where
 * training stopped.
 *
 * <p>Everything runs on the calling thread, all randomness comes from {@link RandomStreams} with the spec's seed,
 * and so the same seed gives bit-identical parameters. Apart from the task's own batch arrays, an iteration
 * allocates nothing: the workspace, gradient and optimiser state are allocated once per run.
 *
 * <p>The weight penalty applies to every block that is not a bias (blocks named {@code b} or {@code b_…}).
 */
public final class Trainer {

  /**
   * A loss above this many times that of an all-zero output is a spike ({@link TrainingSpec#rollbacks()}): under MSE
   * the zero output's loss is the targets' mean square, so a spike is a network far worse than one that outputs
   * nothing. That loss is taken as at least {@value #ZERO_OUTPUT_FLOOR}, so that a task whose targets are (nearly)
   * all zero does not call every validation loss a spike.
   */
  public static final double SPIKE = 100;

  /** The smallest all-zero-output loss a spike is measured against ({@link #SPIKE}). */
  private static final double ZERO_OUTPUT_FLOOR = 1e-3;

  private final TrainingSpec spec;

  public Trainer(TrainingSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  public TrainingSpec spec() {
    return spec;
  }

  /** A freshly initialised network for {@code seed}, from the {@link Purpose#INITIALIZATION} stream. */
  public static Network initialize(NetworkSpec networkSpec, long seed) {
    return Network.initialize(networkSpec, RandomStreams.of(seed, Purpose.INITIALIZATION));
  }

  /**
   * A freshly initialised network for {@code seed} whose input weights {@code W_in} start from {@code input} (gain 1)
   * instead of {@link InitOptions#defaults}' choice; everything else as {@link #initialize(NetworkSpec, long)}.
   * {@code null} is the default, the same network bit for bit.
   */
  public static Network initialize(NetworkSpec networkSpec, long seed, InitKind input) {
    if (input == null) {
      return initialize(networkSpec, seed);
    }
    InitOptions d = InitOptions.defaults(networkSpec);
    return Network.initialize(networkSpec, RandomStreams.of(seed, Purpose.INITIALIZATION),
        new InitOptions(input, 1.0, d.readout(), d.readoutGain(), d.gateBias()));
  }

  /** Trains {@code network} in place on {@code task}. */
  public TrainingResult train(Network network, Task task) {
    return train(network, task, null);
  }

  /**
   * Trains {@code network} in place on {@code task}, reporting to {@code listener} (may be null) at every
   * validation point.
   *
   * @throws IllegalArgumentException if the network's sizes do not fit the task, or cross-entropy is asked of a
   *     task whose outputs are not a choice
   */
  public TrainingResult train(Network network, Task task, ProgressListener listener) {
    long start = System.nanoTime();
    NetworkSpec ns = network.spec();
    if (ns.inputs() != task.inputSize() || ns.outputs() != task.outputSize()) {
      throw new IllegalArgumentException("network has " + ns.inputs() + " inputs and " + ns.outputs()
          + " outputs; task " + task.name() + " needs " + task.inputSize() + " and " + task.outputSize());
    }
    if (spec.loss() == LossKind.CE && task.outputKind() != Task.OutputKind.CHOICE) {
      throw new IllegalArgumentException("loss ce needs a choice task; task " + task.name()
          + " has continuous outputs (use mse)");
    }
    final int steps = task.steps();
    final int batch = spec.batch();
    final int outs = ns.outputs();
    final int hiddenCount = steps * batch * ns.hidden();

    RandomGenerator trainRandom = RandomStreams.of(spec.seed(), Purpose.TRAINING_BATCHES);
    RandomGenerator noiseRandom = RandomStreams.of(spec.seed(), Purpose.RECURRENT_NOISE);
    RandomGenerator validationRandom = RandomStreams.of(spec.seed(), Purpose.VALIDATION_BATCHES);
    Validation validation = new Validation(task, spec.validationBatches(), batch, validationRandom);

    float[] parameters = network.parameters();
    Workspace ws = network.workspace(steps, batch);
    float[] gradient = new float[parameters.length];
    float[] dOutputs = new float[steps * batch * outs];
    RatePenalty rate = new RatePenalty(spec.rateL2());
    float[] dHidden = spec.rateL2() > 0 ? new float[hiddenCount] : null;
    WeightPenalty weights = weightPenalty(network.blocks(), spec.weightL2());
    Optimizer optimizer = spec.optimizer().create(parameters.length);
    Loss loss = spec.loss().create();
    boolean noisy = ns.recurrentNoise() > 0;

    int capacity = spec.iterations() / spec.validateEvery() + 1;
    int[] curveIteration = new int[capacity];
    double[] curveTrain = new double[capacity];
    double[] curveValLoss = new double[capacity];
    double[] curveValAcc = new double[capacity];
    int points = 0;

    double windowLoss = 0;
    int windowCount = 0;
    long windowTrainNanos = 0;
    double bestValidation = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    Status status = Status.COMPLETED;
    StopRule rule = StopRule.NONE;
    String reason = "";
    int done = 0;
    // where a rollback returns: the last healthy validation point, first the untrained network
    Checkpoint saved = null;
    double spike = Double.POSITIVE_INFINITY;
    if (spec.rollbacks() > 0) {
      saved = new Checkpoint(parameters, spec.optimizer().create(parameters.length));
      spike = SPIKE * Math.max(validation.zeroOutputLoss(loss, steps, outs), ZERO_OUTPUT_FLOOR);
    }
    int rollbacks = 0;

    for (int it = 0; it < spec.iterations(); it++) {
      long iterStart = System.nanoTime();
      TrialBatch tb = task.sample(batch, trainRandom);
      if (noisy) {
        network.forward(tb.inputs(), steps, batch, ws, noiseRandom);
      } else {
        network.forward(tb.inputs(), steps, batch, ws);
      }
      double taskLoss = loss.evaluate(ws.outputs(), tb.targets(), tb.mask(), steps, batch, outs, dOutputs);
      double total = taskLoss;
      if (dHidden != null) {
        total += rate.apply(ws.hidden(), hiddenCount, dHidden);
      }
      String divergence = null;
      if (!Double.isFinite(total)) {
        divergence = "loss became " + total + " at iteration " + (it + 1);
      } else {
        network.backward(tb.inputs(), dOutputs, dHidden, ws, gradient);
        total += weights.apply(parameters, gradient);
        double norm = GradientClipping.clip(gradient, spec.clipNorm());
        if (!Double.isFinite(norm) || !Double.isFinite(total)) {
          divergence = (Double.isFinite(norm) ? "loss became " + total : "gradient norm became " + norm)
              + " at iteration " + (it + 1);
        }
      }
      if (divergence == null) {
        optimizer.step(parameters, gradient, spec.schedule().rate(spec.learningRate(), it));
        done = it + 1;
        windowLoss += taskLoss;
        windowCount++;
        windowTrainNanos += System.nanoTime() - iterStart;
      }

      if (divergence == null && (done % spec.validateEvery() == 0 || done == spec.iterations())) {
        validation.evaluate(network, ws, loss, steps, outs);
        double valLoss = validation.loss;
        double valAcc = validation.accuracy;
        double trainLoss = windowLoss / windowCount;
        curveIteration[points] = done;
        curveTrain[points] = trainLoss;
        curveValLoss[points] = valLoss;
        curveValAcc[points] = valAcc;
        points++;
        long now = System.nanoTime();
        if (listener != null) {
          double speed = windowTrainNanos > 0 ? windowCount / (windowTrainNanos * 1e-9) : Double.NaN;
          listener.onProgress(new ProgressListener.Progress(done, spec.iterations(), trainLoss, valLoss, valAcc,
              speed, (now - start) * 1e-9));
        }
        windowLoss = 0;
        windowCount = 0;
        windowTrainNanos = 0;
        if (!Double.isFinite(valLoss)) {
          divergence = "validation loss became " + valLoss + " at iteration " + done;
        } else if (rollbacks < spec.rollbacks() && valLoss > spike) {
          divergence = "validation loss spiked to " + valLoss + " at iteration " + done;
        } else {
          if (done < spec.iterations()) {
            if (spec.targetLoss() > 0 && valLoss <= spec.targetLoss()) {
              status = Status.STOPPED_EARLY;
              rule = StopRule.TARGET_LOSS;
              reason = "validation loss " + fmt(valLoss) + " reached the target " + spec.targetLoss()
                  + " at iteration " + done;
              break;
            }
            if (spec.targetAccuracy() > 0 && valAcc >= spec.targetAccuracy()) {
              status = Status.STOPPED_EARLY;
              rule = StopRule.TARGET_ACCURACY;
              reason = "validation accuracy " + fmt(valAcc) + " reached the target " + spec.targetAccuracy()
                  + " at iteration " + done;
              break;
            }
          }
          if (valLoss < bestValidation) {
            bestValidation = valLoss;
            sinceBest = 0;
          } else {
            sinceBest++;
            if (spec.patience() > 0 && sinceBest >= spec.patience() && done < spec.iterations()) {
              status = Status.STOPPED_EARLY;
              rule = StopRule.PATIENCE;
              reason = "no better validation loss than " + fmt(bestValidation) + " for " + sinceBest
                  + " validations (patience " + spec.patience() + ") at iteration " + done;
              break;
            }
          }
          if (saved != null) {
            saved.save(parameters, optimizer, done, points, bestValidation, sinceBest);
          }
        }
      }

      if (divergence != null) {
        if (rollbacks == spec.rollbacks()) {
          status = Status.FAILED;
          reason = divergence + (rollbacks == 0 ? "" : " (after " + rollbacks + " rollback"
              + (rollbacks == 1 ? "" : "s") + ")");
          break;
        }
        rollbacks++;
        if (listener != null) {
          listener.onRollback(saved.done, divergence, rollbacks);
        }
        saved.restore(parameters, optimizer);
        it = saved.done - 1;
        done = saved.done;
        points = saved.points;
        bestValidation = saved.bestValidation;
        sinceBest = saved.sinceBest;
        windowLoss = 0;
        windowCount = 0;
        windowTrainNanos = 0;
      }
    }
    if (status == Status.FAILED && (points == 0 || curveIteration[points - 1] != done)) {
      // the failure fell between validation points: close the curve at the failure, so that a run that fails
      // early still has one (points < capacity: no validation point was taken at or after this one)
      validation.evaluate(network, ws, loss, steps, outs);
      curveIteration[points] = done;
      curveTrain[points] = windowCount > 0 ? windowLoss / windowCount : Double.NaN;
      curveValLoss[points] = validation.loss;
      curveValAcc[points] = validation.accuracy;
      points++;
    }
    TrainingCurves curves = new TrainingCurves(
        java.util.Arrays.copyOf(curveIteration, points), java.util.Arrays.copyOf(curveTrain, points),
        java.util.Arrays.copyOf(curveValLoss, points), java.util.Arrays.copyOf(curveValAcc, points));
    return new TrainingResult(status, rule, reason, done, curves, (System.nanoTime() - start) * 1e-9, rollbacks);
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }

  /** The L2 penalty over every non-bias block (bias blocks are named {@code b} or {@code b_…}). */
  static WeightPenalty weightPenalty(List<ParameterBlock> blocks, double lambda) {
    int n = 0;
    for (ParameterBlock b : blocks) {
      if (!isBias(b)) {
        n++;
      }
    }
    int[] offsets = new int[n];
    int[] lengths = new int[n];
    int k = 0;
    for (ParameterBlock b : blocks) {
      if (!isBias(b)) {
        offsets[k] = b.offset();
        lengths[k] = b.size();
        k++;
      }
    }
    return new WeightPenalty(lambda, offsets, lengths);
  }

  static boolean isBias(ParameterBlock b) {
    return b.name().equals("b") || b.name().startsWith("b_");
  }

  /** The run's fixed validation batches, and their mean task loss and accuracy at the last evaluation. */
  private static final class Validation {

    private final Task task;
    private final TrialBatch[] batches;
    private final int batch;
    double loss;
    double accuracy;

    Validation(Task task, int count, int batch, RandomGenerator random) {
      this.task = task;
      this.batches = new TrialBatch[count];
      this.batch = batch;
      for (int i = 0; i < count; i++) {
        batches[i] = task.sample(batch, random);
      }
    }

    /** The mean loss of an all-zero output on the batches: the scale of a loss spike. */
    double zeroOutputLoss(Loss lossFunction, int steps, int outs) {
      float[] zeros = new float[steps * batch * outs];
      double sum = 0;
      for (TrialBatch vb : batches) {
        sum += lossFunction.evaluate(zeros, vb.targets(), vb.mask(), steps, batch, outs, null);
      }
      return sum / batches.length;
    }

    /** Runs {@code network} on every batch and sets {@link #loss} and {@link #accuracy} to their means. */
    void evaluate(Network network, Workspace ws, Loss lossFunction, int steps, int outs) {
      double sumLoss = 0;
      double sumAccuracy = 0;
      for (TrialBatch vb : batches) {
        network.forward(vb.inputs(), steps, batch, ws);
        sumLoss += lossFunction.evaluate(ws.outputs(), vb.targets(), vb.mask(), steps, batch, outs, null);
        sumAccuracy += task.accuracy(vb, ws.outputs());
      }
      loss = sumLoss / batches.length;
      accuracy = sumAccuracy / batches.length;
    }
  }

  /**
   * What a rollback returns to: the parameters, optimiser state, iteration, curve length and best-loss counters of
   * one validation point. Its arrays are allocated once per run and overwritten at each healthy point.
   */
  private static final class Checkpoint {
    final float[] parameters;
    final Optimizer optimizer;
    int done;
    int points;
    double bestValidation = Double.POSITIVE_INFINITY;
    int sinceBest;

    /** The untrained network, before any update: {@code parameters} copied, {@code fresh} an unused optimiser. */
    Checkpoint(float[] parameters, Optimizer fresh) {
      this.parameters = parameters.clone();
      this.optimizer = fresh;
    }

    void save(float[] from, Optimizer state, int done, int points, double bestValidation, int sinceBest) {
      System.arraycopy(from, 0, parameters, 0, parameters.length);
      optimizer.copyStateFrom(state);
      this.done = done;
      this.points = points;
      this.bestValidation = bestValidation;
      this.sinceBest = sinceBest;
    }

    void restore(float[] into, Optimizer state) {
      System.arraycopy(parameters, 0, into, 0, parameters.length);
      state.copyStateFrom(optimizer);
    }
  }
}
