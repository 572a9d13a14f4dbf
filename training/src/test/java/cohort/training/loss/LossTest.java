package cohort.training.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossTest {

  @Test
  void mseIsTheMeanOverMaskedElements() {
    // T=1, B=2, D=2; second trial's second channel is masked out.
    float[] y = {1f, 2f, 3f, 100f};
    float[] t = {0f, 0f, 1f, 0f};
    float[] m = {1f, 1f, 1f, 0f};
    float[] d = new float[4];
    double l = new MaskedMse().evaluate(y, t, m, 1, 2, 2, d);
    assertEquals((1 + 4 + 4) / 3.0, l, 1e-12);
    assertArrayEquals(new float[] {2f / 3, 4f / 3, 4f / 3, 0f}, d, 1e-6f);
  }

  @Test
  void mseWithNothingScoredIsZero() {
    float[] d = {9f, 9f};
    assertEquals(0, new MaskedMse().evaluate(new float[] {1, 2}, new float[2], new float[2], 1, 1, 2, d));
    assertArrayEquals(new float[2], d);
  }

  @Test
  void crossEntropyValueAndTarget() {
    // one scored step, logits (0, ln 3): p = (1/4, 3/4); target class 1 ⇒ L = −ln(3/4)
    float[] y = {0f, (float) Math.log(3), 5f, 5f};
    float[] t = {0f, 1f, 1f, 0f};
    float[] m = {1f, 1f, 0f, 0f};
    float[] d = new float[4];
    double l = new MaskedCrossEntropy().evaluate(y, t, m, 2, 1, 2, d);
    assertEquals(-Math.log(0.75), l, 1e-6);
    assertArrayEquals(new float[] {0.25f, -0.25f, 0f, 0f}, d, 1e-6f);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(7);
    int steps = 3;
    int batch = 2;
    int size = 3;
    int n = steps * batch * size;
    float[] y = new float[n];
    float[] t = new float[n];
    float[] m = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) r.nextGaussian();
      m[i] = r.nextBoolean() ? 1f : 0.5f;
    }
    for (int row = 0; row < steps * batch; row++) {
      t[row * size + r.nextInt(size)] = 1f;
    }
    for (Loss loss : new Loss[] {new MaskedMse(), new MaskedCrossEntropy()}) {
      float[] d = new float[n];
      loss.evaluate(y, t, m, steps, batch, size, d);
      for (int i = 0; i < n; i++) {
        float keep = y[i];
        float h = 1e-2f;
        y[i] = keep + h;
        double up = loss.evaluate(y, t, m, steps, batch, size, null);
        y[i] = keep - h;
        double down = loss.evaluate(y, t, m, steps, batch, size, null);
        y[i] = keep;
        assertEquals((up - down) / (2 * h), d[i], 2e-3, loss.getClass().getSimpleName() + " element " + i);
      }
    }
  }

  @Test
  void kindsParse() {
    assertEquals(LossKind.CE, LossKind.parse("CE"));
    assertEquals("loss 'l1' is not known; accepted: mse, ce",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LossKind.parse("l1"))
            .getMessage());
  }
}
