package cohort.training;

import cohort.training.loss.LossKind;
import cohort.training.optim.OptimizerKind;
import cohort.training.optim.Schedule;

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
    long seed) {

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

  public TrainingSpec withIterations(int v) {
    return new TrainingSpec(v, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withBatch(int v) {
    return new TrainingSpec(iterations, v, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withLearningRate(double v) {
    return new TrainingSpec(iterations, batch, v, optimizer, clipNorm, weightL2, rateL2, schedule, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withOptimizer(OptimizerKind v) {
    return new TrainingSpec(iterations, batch, learningRate, v, clipNorm, weightL2, rateL2, schedule, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withClipNorm(double v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, v, weightL2, rateL2, schedule, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withWeightL2(double v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, v, rateL2, schedule, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withRateL2(double v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, v, schedule, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withSchedule(Schedule v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, v, targetLoss,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withTargetLoss(double v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule, v,
        targetAccuracy, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withTargetAccuracy(double v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule,
        targetLoss, v, patience, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withPatience(int v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule,
        targetLoss, targetAccuracy, v, validateEvery, validationBatches, loss, seed);
  }

  public TrainingSpec withValidation(int every, int batches) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule,
        targetLoss, targetAccuracy, patience, every, batches, loss, seed);
  }

  public TrainingSpec withLoss(LossKind v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule,
        targetLoss, targetAccuracy, patience, validateEvery, validationBatches, v, seed);
  }

  public TrainingSpec withSeed(long v) {
    return new TrainingSpec(iterations, batch, learningRate, optimizer, clipNorm, weightL2, rateL2, schedule,
        targetLoss, targetAccuracy, patience, validateEvery, validationBatches, loss, v);
  }
}
