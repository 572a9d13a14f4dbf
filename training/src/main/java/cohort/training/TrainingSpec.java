package cohort.training;

import cohort.training.loss.LossKind;
import cohort.training.optim.OptimizerKind;
import cohort.training.optim.Schedule;
import java.util.function.Consumer;

/**
 * Everything that decides how one network is trained. Immutable; {@link #defaults()} gives Cohort's defaults
 * and the {@code with…} methods change one field.
 *
 * <p>Defaults follow the source works: Adam, lr 1e-3 (PyTorch, PsychRNN, W1), batch 64, gradient clipping at
 * global norm 1 (PsychRNN), masked MSE, no regularisation, constant learning rate, validation every 100
 * iterations on 4 fixed batches (W1 uses 8 × 64 every 100).
 *
 * @param iterations maximum number of parameter updates, >= 1
 * @param batch trials per batch, >= 1
 * @param learningRate base learning rate, > 0
 * @param optimizer the optimiser
 * @param clipNorm global gradient-norm clip, > 0; 0 disables clipping
 * @param weightL2 λ of the L2 penalty on weight matrices ({@link WeightPenalty}), >= 0
 * @param rateL2 λ of the activity penalty ({@link RatePenalty}), >= 0
 * @param schedule the learning-rate schedule
 * @param targetLoss stop when the validation loss is ≤ this, > 0; 0 disables the rule
 * @param targetAccuracy stop when the validation accuracy is >= this, in (0, 1]; 0 disables the rule
 * @param patience stop after this many validations without a new best validation loss, >= 1; 0 disables
 * @param validateEvery validate (and report progress) every this many iterations, >= 1; also after the last one
 * @param validationBatches number of fixed validation batches of {@code batch} trials, >= 1
 * @param loss the loss
 * @param seed the run's seed: every random stream of the run derives from it ({@link RandomStreams})
 * @param rollbacks how many times a diverging run returns to its last healthy validation point and goes on with the
 *     next batches before it is given up ({@link Trainer}), >= 0; 0 (the default) ends the run at its first
 *     divergence
 */
public record TrainingSpec(
    int iterations,
    int batch,
    double learningRate,
    OptimizerKind optimizer,
    double clipNorm,
    double weightL2,
    double rateL2,
    Schedule schedule,
    double targetLoss,
    double targetAccuracy,
    int patience,
    int validateEvery,
    int validationBatches,
    LossKind loss,
    long seed,
    int rollbacks) {

  public TrainingSpec {
    require(iterations >= 1, "iterations", iterations, "an integer >= 1");
    require(batch >= 1, "batch", batch, "an integer >= 1");
    require(learningRate > 0 && Double.isFinite(learningRate), "learning rate", learningRate, "a number > 0");
    require(optimizer != null, "optimizer", optimizer, "adam, sgd or rmsprop");
    require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip norm", clipNorm, "a number > 0, or 0 for no clipping");
    require(weightL2 >= 0 && Double.isFinite(weightL2), "weight L2", weightL2, "a number >= 0");
    require(rateL2 >= 0 && Double.isFinite(rateL2), "rate L2", rateL2, "a number >= 0");
    require(schedule != null, "schedule", schedule, "constant, exponential or step");
    require(targetLoss >= 0 && Double.isFinite(targetLoss), "target loss", targetLoss, "a number > 0, or 0 for none");
    require(targetAccuracy >= 0 && targetAccuracy <= 1, "target accuracy", targetAccuracy,
        "a number in (0, 1], or 0 for none");
    require(patience >= 0, "patience", patience, "an integer >= 1, or 0 for none");
    require(validateEvery >= 1, "validate-every", validateEvery, "an integer >= 1");
    require(validationBatches >= 1, "validation batches", validationBatches, "an integer >= 1");
    require(loss != null, "loss", loss, "mse or ce");
    require(rollbacks >= 0, "rollbacks", rollbacks, "an integer >= 0 (0 = end the run at its first divergence)");
  }

  /** A spec without rollbacks: a diverging run ends at once. */
  public TrainingSpec(int iterations, int batch, double learningRate, OptimizerKind optimizer, double clipNorm,
      double weightL2, double rateL2, Schedule schedule, double targetLoss, double targetAccuracy, int patience,
      int validateEvery, int validationBatches, LossKind loss, long seed) {
    this(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule, targetLoss, targetAccuracy,
        patience, validateEvery, validationBatches, loss, seed, 0);
  }

  private static void require(boolean ok, String field, Object value, String accepted) {
    if (!ok) {
      throw new IllegalArgumentException("training " + field + " got " + value + "; accepted: " + accepted);
    }
  }

  /** Cohort's defaults: 2,000 iterations, batch 64, Adam lr 1e-3, clip 1, MSE, no stopping rule, seed 0. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(2000, 64, 1e-3, OptimizerKind.ADAM, 1.0, 0, 0, Schedule.constant(),
        0, 0, 0, 100, 4, LossKind.MSE, 0L);
  }

  /** Copy with another {@code iterations}. */
  public TrainingSpec withIterations(int v) {
    return copy(c -> c.iterations = v);
  }

  /** Copy with another {@code batch}. */
  public TrainingSpec withBatch(int v) {
    return copy(c -> c.batch = v);
  }

  /** Copy with another {@code learningRate}. */
  public TrainingSpec withLearningRate(double v) {
    return copy(c -> c.learningRate = v);
  }

  /** Copy with another {@code optimizer}. */
  public TrainingSpec withOptimizer(OptimizerKind v) {
    return copy(c -> c.optimizer = v);
  }

  /** Copy with another {@code clipNorm}. */
  public TrainingSpec withClipNorm(double v) {
    return copy(c -> c.clipNorm = v);
  }

  /** Copy with another {@code weightL2}. */
  public TrainingSpec withWeightL2(double v) {
    return copy(c -> c.weightL2 = v);
  }

  /** Copy with another {@code rateL2}. */
  public TrainingSpec withRateL2(double v) {
    return copy(c -> c.rateL2 = v);
  }

  /** Copy with another {@code schedule}. */
  public TrainingSpec withSchedule(Schedule v) {
    return copy(c -> c.schedule = v);
  }

  /** Copy with another {@code targetLoss}. */
  public TrainingSpec withTargetLoss(double v) {
    return copy(c -> c.targetLoss = v);
  }

  /** Copy with another {@code targetAccuracy}. */
  public TrainingSpec withTargetAccuracy(double v) {
    return copy(c -> c.targetAccuracy = v);
  }

  /** Copy with another {@code patience}. */
  public TrainingSpec withPatience(int v) {
    return copy(c -> c.patience = v);
  }

  /** Copy validating every {@code every} iterations on {@code batches} fixed batches. */
  public TrainingSpec withValidation(int every, int batches) {
    return copy(c -> {
      c.validateEvery = every;
      c.validationBatches = batches;
    });
  }

  /** Copy with another {@code loss}. */
  public TrainingSpec withLoss(LossKind v) {
    return copy(c -> c.loss = v);
  }

  /** Copy with another {@code seed}. */
  public TrainingSpec withSeed(long v) {
    return copy(c -> c.seed = v);
  }

  /** Copy with another {@code rollbacks}. */
  public TrainingSpec withRollbacks(int v) {
    return copy(c -> c.rollbacks = v);
  }

  /** A copy with the components {@code change} sets, validated by the canonical constructor. */
  private TrainingSpec copy(Consumer<Components> change) {
    Components c = new Components(this);
    change.accept(c);
    return c.build();
  }

  /** The components as mutable fields, for {@link #copy}. */
  private static final class Components {
    int iterations, batch, patience, validateEvery, validationBatches, rollbacks;
    double learningRate, clipNorm, weightL2, rateL2, targetLoss, targetAccuracy;
    OptimizerKind optimizer;
    Schedule schedule;
    LossKind loss;
    long seed;

    Components(TrainingSpec s) {
      iterations = s.iterations;
      batch = s.batch;
      learningRate = s.learningRate;
      optimizer = s.optimizer;
      clipNorm = s.clipNorm;
      weightL2 = s.weightL2;
      rateL2 = s.rateL2;
      schedule = s.schedule;
      targetLoss = s.targetLoss;
      targetAccuracy = s.targetAccuracy;
      patience = s.patience;
      validateEvery = s.validateEvery;
      validationBatches = s.validationBatches;
      loss = s.loss;
      seed = s.seed;
      rollbacks = s.rollbacks;
    }

    TrainingSpec build() {
      return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule,
          targetLoss, targetAccuracy, patience, validateEvery, validationBatches, loss, seed, rollbacks);
    }
  }
}
