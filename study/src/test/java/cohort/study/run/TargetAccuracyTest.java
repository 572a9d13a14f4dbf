package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.models.Activation;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.cells.Gru;
import cohort.study.spec.RunSpec.TrainingChoice;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.training.Trainer;
import cohort.training.TrainingResult;
import cohort.training.TrainingResult.Status;
import cohort.training.TrainingResult.StopRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A study's {@code training.target_accuracy} reaches the trainer with the meaning it has on {@code cohort train}:
 * A in (0, 1] stops at the first validation whose accuracy is at least A, 0 never stops.
 */
class TargetAccuracyTest {

  /** A one-step, one-bit flip-flop: two kinds of trial (+1 and -1), learnt to 100 % within a few dozen updates. */
  static Task trivialFlipFlop() {
    return TaskRegistry.standard().create("flipflop", Map.of("bits", "1", "steps", "1"));
  }

  private static TrainingChoice choice(double targetAccuracy) {
    return new TrainingChoice(300, 8, 0.05, "adam", 1.0, 0, 0, "mse", targetAccuracy, 5, 2, 1.0, 0);
  }

  private static TrainingResult train(double targetAccuracy) {
    Task task = trivialFlipFlop();
    Network network = Trainer.initialize(NetworkSpec.of(Gru.CELL, Activation.TANH, 1, 8, 1), 4);
    return new Trainer(NetworkRun.trainingSpec(choice(targetAccuracy), 4)).train(network, task);
  }

  @Test
  void theSpecValueReachesTheTrainerUnchanged() {
    assertEquals(1.0, NetworkRun.trainingSpec(choice(1.0), 1).targetAccuracy());
    assertEquals(0.9, NetworkRun.trainingSpec(choice(0.9), 1).targetAccuracy());
    assertEquals(0.0, NetworkRun.trainingSpec(choice(0.0), 1).targetAccuracy());
  }

  @Test
  void rollbacksReachTheTrainerToo() {
    TrainingChoice c = new TrainingChoice(300, 8, 0.05, "adam", 1.0, 0, 0, "mse", 0, 5, 2, 1.0, 4);
    assertEquals(4, NetworkRun.trainingSpec(c, 1).rollbacks());
    assertEquals(0, NetworkRun.trainingSpec(choice(0), 1).rollbacks());
  }

  @Test
  void oneStopsAtTheFirstValidationAtOneHundredPercent() {
    TrainingResult r = train(1.0);
    assertEquals(Status.STOPPED_EARLY, r.status(), r.reason());
    assertEquals(StopRule.TARGET_ACCURACY, r.stopRule());
    assertEquals(1.0, r.finalValidationAccuracy());
    double[] accuracy = r.curves().validationAccuracy();
    for (int i = 0; i < accuracy.length - 1; i++) {
      assertTrue(accuracy[i] < 1.0, "validation " + i + " was already at 100 %");
    }
    assertTrue(r.iterations() < 300, "stopped after " + r.iterations());
  }

  @Test
  void zeroNeverStops() {
    TrainingResult r = train(0.0);
    assertEquals(Status.COMPLETED, r.status(), r.reason());
    assertEquals(300, r.iterations());
    assertEquals(1.0, r.finalValidationAccuracy(), "the task is learnt, and training went on regardless");
  }
}
