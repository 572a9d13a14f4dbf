package cohort.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Optimizer#copyStateFrom}, what a trainer's rollback relies on: an optimiser given another's state steps
 * exactly as that one would, and only an optimiser of the same kind and size can give it.
 */
class OptimizerStateTest {

  private static float[] gradient(SplittableRandom random, int n) {
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = (float) random.nextGaussian();
    }
    return g;
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void aCopiedStateStepsExactlyAsTheOriginal(OptimizerKind kind) {
    int n = 17;
    SplittableRandom random = new SplittableRandom(3);
    Optimizer original = kind.create(n);
    float[] parameters = gradient(random, n);
    for (int i = 0; i < 5; i++) {
      original.step(parameters, gradient(random, n), 1e-2);
    }
    Optimizer copy = kind.create(n);
    copy.copyStateFrom(original);
    assertEquals(original.steps(), copy.steps());
    float[] a = parameters.clone();
    float[] b = parameters.clone();
    for (int i = 0; i < 3; i++) {
      float[] g = gradient(random, n);
      original.step(a, g, 1e-2);
      copy.step(b, g, 1e-2);
    }
    assertArrayEquals(a, b, "same moments and step count, same updates (bias corrections included)");
    Optimizer fresh = kind.create(n);
    float[] c = parameters.clone();
    original.copyStateFrom(fresh);
    original.step(c, gradient(new SplittableRandom(9), n), 1e-2);
    Optimizer again = kind.create(n);
    float[] d = parameters.clone();
    again.step(d, gradient(new SplittableRandom(9), n), 1e-2);
    assertArrayEquals(d, c, "a fresh optimiser's state resets one that has stepped");
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void anotherKindOrSizeIsRefused(OptimizerKind kind) {
    for (OptimizerKind other : OptimizerKind.values()) {
      if (other != kind) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> kind.create(4).copyStateFrom(other.create(4)));
        assertTrue(e.getMessage().startsWith("cannot copy the state of"), e.getMessage());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> kind.create(4).copyStateFrom(kind.create(5)));
  }
}
