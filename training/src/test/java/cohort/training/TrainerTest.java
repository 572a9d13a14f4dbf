package cohort.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.Activation;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.ParameterBlock;
import cohort.models.NetworkSpec;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.training.TrainingResult.Status;
import cohort.training.TrainingResult.StopRule;
import cohort.training.loss.LossKind;
import cohort.training.optim.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour of the training loop through its public API (small, fast runs). */
class TrainerTest {

  private static Task flipflop() {
    return TaskRegistry.standard().create("flipflop", Map.of("steps", "20"));
  }

  private static NetworkSpec gru(int n) {
    return NetworkSpec.of(Gru.CELL, Activation.TANH, 3, n, 3);
  }

  private static TrainingSpec small() {
    return TrainingSpec.defaults().withIterations(12).withBatch(8).withLearningRate(1e-2).withValidation(4, 2)
        .withSeed(5);
  }

  @Test
  void theInputInitialiserReplacesOnlyTheDefaultInputWeights() {
    NetworkSpec spec = new NetworkSpec(LeakyRnn.VANILLA, Activation.TANH, 2, 50, 1, InitKind.NORMAL, 1.0, 1.0, 0, 0, 0);
    assertArrayEquals(Trainer.initialize(spec, 7).parameters(), Trainer.initialize(spec, 7, null).parameters(),
        "no input initialiser: the default network, bit for bit");
    Network glorot = Trainer.initialize(spec, 7, InitKind.GLOROT);
    ParameterBlock w = glorot.block("W_in");
    double limit = Math.sqrt(6.0 / (50 + 2));
    double sq = 0;
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 2; j++) {
        float v = glorot.parameters()[w.index(j, i)];
        assertTrue(Math.abs(v) <= limit, "Keras glorot_uniform: |w| <= sqrt(6 / (fan_in + fan_out)), got " + v);
        sq += v * v;
      }
    }
    // U(-a, a) has variance a^2 / 3; 100 draws: within 30 % of it; N(0, 1/I) would give 0.5, three times more.
    assertEquals(limit * limit / 3, sq / 100, 0.3 * limit * limit / 3);
    assertEquals(Trainer.initialize(spec, 7, InitKind.GLOROT).parameters().length, glorot.parameters().length);
    assertArrayEquals(glorot.parameters(), Trainer.initialize(spec, 7, InitKind.GLOROT).parameters(),
        "same seed, same bits");
  }

  @Test
  void sameSeedGivesByteIdenticalParameters() {
    float[][] out = new float[2][];
    TrainingResult[] results = new TrainingResult[2];
    for (int r = 0; r < 2; r++) {
      Network net = Trainer.initialize(gru(12), 5);
      results[r] = new Trainer(small()).train(net, flipflop());
      out[r] = net.parameters();
    }
    assertArrayEquals(out[0], out[1]);
    assertEquals(results[0].curves(), results[1].curves());
    Network other = Trainer.initialize(gru(12), 5);
    new Trainer(small().withSeed(6)).train(other, flipflop());
    assertFalse(java.util.Arrays.equals(out[0], other.parameters()), "another seed gives other batches");
  }

  @Test
  void completedRunHasCurvesAtEveryValidationPoint() {
    List<ProgressListener.Progress> seen = new ArrayList<>();
    Network net = Trainer.initialize(gru(8), 1);
    TrainingResult r = new Trainer(small().withIterations(10)).train(net, flipflop(), seen::add);
    assertEquals(Status.COMPLETED, r.status());
    assertEquals(StopRule.NONE, r.stopRule());
    assertEquals("", r.reason());
    assertEquals(10, r.iterations());
    assertArrayEquals(new int[] {4, 8, 10}, r.curves().iteration());
    assertEquals(3, seen.size());
    assertEquals(10, seen.get(2).iteration());
    assertEquals(r.finalValidationLoss(), seen.get(2).validationLoss());
    for (double a : r.curves().validationAccuracy()) {
      assertTrue(a >= 0 && a <= 1, "accuracy " + a);
    }
    assertTrue(seen.get(0).iterationsPerSecond() > 0);
    assertTrue(r.wallSeconds() > 0);
  }

  /** 50 plain SGD steps of rate 1e30 without clipping on a fresh GRU: the loss diverges within a few steps. */
  private static TrainingResult absurdLearningRateRun() {
    Network net = Trainer.initialize(gru(8), 2);
    TrainingSpec spec = small().withOptimizer(OptimizerKind.SGD).withLearningRate(1e30).withClipNorm(0)
        .withIterations(50);
    return new Trainer(spec).train(net, flipflop());
  }

  @Test
  void absurdLearningRateFailsWithAReasonAndNoException() {
    TrainingResult r = absurdLearningRateRun();
    assertEquals(Status.FAILED, r.status());
    assertTrue(r.reason().matches("(loss|gradient norm) became (NaN|Infinity) at iteration \\d+"), r.reason());
    assertTrue(r.iterations() < 50, "stopped at " + r.iterations());
  }

  @Test
  void aFailedRunKeepsItsCurveUpToTheFailure() {
    // validation every 4 iterations; the absurd step makes the loss non-finite long before the fourth
    TrainingResult r = absurdLearningRateRun();
    assertEquals(Status.FAILED, r.status());
    assertTrue(r.iterations() < 4, "failed after the first validation point: " + r.iterations());
    int[] it = r.curves().iteration();
    assertTrue(it.length >= 1, "a failed run must keep its curve up to the failure, got none");
    assertEquals(r.iterations(), it[it.length - 1], "the curve ends where training stopped");
    for (int i = 0; i + 1 < it.length; i++) {
      assertEquals(0, it[i] % 4, "point " + i + " is not a regular validation point: " + it[i]);
    }
  }

  @Test
  void aRunThatNeverDivergesIsTheSameWithRollbacksAllowed() {
    Network plain = Trainer.initialize(gru(8), 4);
    Network allowed = Trainer.initialize(gru(8), 4);
    TrainingResult a = new Trainer(small()).train(plain, flipflop());
    TrainingResult b = new Trainer(small().withRollbacks(3)).train(allowed, flipflop());
    assertArrayEquals(plain.parameters(), allowed.parameters(), "same bits");
    assertEquals(a.curves(), b.curves());
    assertEquals(0, b.rollbacks());
  }

  /** What the {@code n}-th call of a task's {@code sample} returns (n from 1), drawn from {@code flipflop}. */
  private interface Draws {
    cohort.tasks.TrialBatch draw(int n, Task flipflop, int batch, java.util.random.RandomGenerator random);
  }

  /** The flip-flop with its draws made by {@code draws}; validation batches are drawn first, so they are calls 1-2. */
  private static Task flipflopWith(Draws draws) {
    Task f = flipflop();
    return new Task() {
      int calls;

      @Override public String name() { return f.name(); }
      @Override public List<String> inputNames() { return f.inputNames(); }
      @Override public List<String> outputNames() { return f.outputNames(); }
      @Override public double dtMs() { return f.dtMs(); }
      @Override public int steps() { return f.steps(); }
      @Override public OutputKind outputKind() { return f.outputKind(); }
      @Override public cohort.tasks.TaskParameters parameters() { return f.parameters(); }
      @Override public double accuracy(cohort.tasks.TrialBatch t, float[] o) { return f.accuracy(t, o); }

      @Override
      public cohort.tasks.TrialBatch sample(int batch, java.util.random.RandomGenerator random) {
        return draws.draw(++calls, f, batch, random);
      }
    };
  }

  /**
   * The flip-flop, except that the {@code poisoned}-th batch has its targets multiplied by {@code factor}: a spike
   * (1e6) or a NaN loss that one batch causes, whatever the network.
   */
  private static Task poisoned(int poisoned, float factor) {
    return flipflopWith((n, f, batch, random) -> {
      cohort.tasks.TrialBatch b = f.sample(batch, random);
      if (n == poisoned) {
        for (int i = 0; i < b.targets().length; i++) {
          b.targets()[i] *= factor;
        }
      }
      return b;
    });
  }

  /** The flip-flop, except that at its {@code from}-th call {@code count} batches are drawn and thrown away first. */
  private static Task skipping(int from, int count) {
    return flipflopWith((n, f, batch, random) -> {
      if (n == from) {
        for (int k = 0; k < count; k++) {
          f.sample(batch, random);
        }
      }
      return f.sample(batch, random);
    });
  }

  @Test
  void aNaNLossRollsBackToTheLastHealthyPointAndTrainingGoesOnWithTheNextBatches() {
    // validation: 2 batches (draws 1-2); the 9th draw is the 7th training batch, between points 4 and 8
    TrainingSpec spec = small().withRollbacks(2);
    Network net = Trainer.initialize(gru(8), 2);
    TrainingResult r = new Trainer(spec).train(net, poisoned(9, Float.NaN));
    assertEquals(Status.COMPLETED, r.status(), r.reason());
    assertEquals(1, r.rollbacks(), "the NaN, once");
    List<String> told = new ArrayList<>();
    new Trainer(spec).train(Trainer.initialize(gru(8), 2), poisoned(9, Float.NaN), new ProgressListener() {
      @Override public void onProgress(Progress p) { told.add("at " + p.iteration()); }
      @Override public void onRollback(int iteration, String reason, int n) {
        told.add("rollback " + n + " to " + iteration + ": " + reason);
      }
    });
    assertEquals(List.of("at 4", "rollback 1 to 4: loss became NaN at iteration 7", "at 8", "at 12"), told,
        "the listener hears of the rollback, then the kept path's points");
    assertEquals(12, r.iterations(), "the kept path has every update");
    assertArrayEquals(new int[] {4, 8, 12}, r.curves().iteration(), "the curve is the kept path's");
    Network again = Trainer.initialize(gru(8), 2);
    new Trainer(spec).train(again, poisoned(9, Float.NaN));
    assertArrayEquals(net.parameters(), again.parameters(), "same seed, same bits, rollbacks included");
    // the kept path is updates 1-4 on draws 3-6, then (after the NaN on draw 9 sent it back to point 4) updates
    // 5-12 on draws 10-17: the same network as one trained on a task whose draws 7-9 never reach it
    Network clean = Trainer.initialize(gru(8), 2);
    new Trainer(small()).train(clean, skipping(7, 3));
    assertArrayEquals(clean.parameters(), net.parameters(), "back to point 4, then on with the next batches");
    TrainingResult failed = new Trainer(small()).train(Trainer.initialize(gru(8), 2), poisoned(9, Float.NaN));
    assertEquals(Status.FAILED, failed.status(), "without rollbacks the same run fails");
    assertEquals("loss became NaN at iteration 7", failed.reason());
  }

  @Test
  void aSpikeAtAValidationPointRollsBackButASpikingTrainingBatchAloneDoesNot() {
    // plain SGD without clipping: the batch whose targets are 1e6 times larger throws the readout far off, and the
    // next validation point (8) sees a finite loss far above 100 times an all-zero output's
    TrainingSpec sgd = small().withOptimizer(OptimizerKind.SGD).withClipNorm(0).withLearningRate(1e-2);
    Network net = Trainer.initialize(gru(8), 2);
    TrainingResult r = new Trainer(sgd.withRollbacks(1)).train(net, poisoned(9, 1e6f));
    assertEquals(Status.COMPLETED, r.status(), r.reason());
    assertEquals(1, r.rollbacks());
    assertArrayEquals(new int[] {4, 8, 12}, r.curves().iteration());
    // back to point 4 when point 8 spiked: updates 5-8 (draws 7-10) are dropped, updates 5-12 use draws 11-18
    Network clean = Trainer.initialize(gru(8), 2);
    new Trainer(sgd).train(clean, skipping(7, 4));
    assertArrayEquals(clean.parameters(), net.parameters());
    // with its rollbacks spent, a spike is only a large loss: the run goes on through it
    Network plain = Trainer.initialize(gru(8), 2);
    TrainingResult p = new Trainer(sgd).train(plain, poisoned(9, 1e6f));
    assertEquals(Status.COMPLETED, p.status());
    assertTrue(p.curves().validationLoss()[1] > 100, "point 8 spiked: " + p.curves().validationLoss()[1]);
    // a training batch that spikes between points, with clipping on, does not move the network far enough to spike
    // a validation point: no rollback, the same network as without the allowance
    Network clipped = Trainer.initialize(gru(8), 2);
    TrainingResult c = new Trainer(small().withRollbacks(3)).train(clipped, poisoned(9, 1e6f));
    assertEquals(0, c.rollbacks());
    Network clippedPlain = Trainer.initialize(gru(8), 2);
    new Trainer(small()).train(clippedPlain, poisoned(9, 1e6f));
    assertArrayEquals(clippedPlain.parameters(), clipped.parameters());
  }

  @Test
  void aRunThatKeepsDivergingFailsOnceItsRollbacksAreSpent() {
    Network net = Trainer.initialize(gru(8), 2);
    TrainingSpec spec = small().withOptimizer(OptimizerKind.SGD).withLearningRate(1e30).withClipNorm(0)
        .withIterations(50).withRollbacks(2);
    TrainingResult r = new Trainer(spec).train(net, flipflop());
    assertEquals(Status.FAILED, r.status());
    assertEquals(2, r.rollbacks());
    assertTrue(r.reason().matches(
        "(loss|gradient norm) became (NaN|Infinity) at iteration \\d+ \\(after 2 rollbacks\\)"), r.reason());
  }

  @Test
  void targetLossStopsEarly() {
    Network net = Trainer.initialize(gru(8), 3);
    TrainingResult r = new Trainer(small().withTargetLoss(10.0)).train(net, flipflop());
    assertEquals(Status.STOPPED_EARLY, r.status());
    assertEquals(StopRule.TARGET_LOSS, r.stopRule());
    assertEquals(4, r.iterations());
    assertTrue(r.reason().startsWith("validation loss "), r.reason());
  }

  @Test
  void patienceStopsWhenValidationStopsImproving() {
    Network net = Trainer.initialize(gru(8), 3);
    // a learning rate of 1e-12 leaves the validation loss where it is (no strict improvement)
    TrainingSpec spec = small().withLearningRate(1e-12).withIterations(100).withPatience(2).withValidation(1, 1);
    TrainingResult r = new Trainer(spec).train(net, flipflop());
    assertEquals(Status.STOPPED_EARLY, r.status());
    assertEquals(StopRule.PATIENCE, r.stopRule());
    assertTrue(r.iterations() < 100, "iterations " + r.iterations());
  }

  @Test
  void penaltiesAreAppliedAndDoNotAllocateNaN() {
    Network net = Trainer.initialize(gru(8), 4);
    TrainingResult r = new Trainer(small().withWeightL2(1e-2).withRateL2(1e-2)).train(net, flipflop());
    assertEquals(Status.COMPLETED, r.status());
    for (double l : r.curves().trainLoss()) {
      assertTrue(Double.isFinite(l));
    }
  }

  @Test
  void crossEntropyNeedsAChoiceTask() {
    Network net = Trainer.initialize(gru(4), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(small().withLoss(LossKind.CE)).train(net, flipflop()));
    assertEquals("loss ce needs a choice task; task flipflop has continuous outputs (use mse)", e.getMessage());
  }

  @Test
  void sizesMustFitTheTask() {
    Network net = Trainer.initialize(NetworkSpec.of(Gru.CELL, Activation.TANH, 2, 4, 3), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(small()).train(net, flipflop()));
    assertEquals("network has 2 inputs and 3 outputs; task flipflop needs 3 and 3", e.getMessage());
  }

  @Test
  void specValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingSpec.defaults().withBatch(0));
    assertEquals("training batch got 0; accepted: an integer >= 1", e.getMessage());
  }
}
