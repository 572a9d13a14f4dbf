package cohort.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cohort.training.loss.Loss;
import cohort.training.loss.MaskedCrossEntropy;
import cohort.training.loss.MaskedMse;
import cohort.training.optim.GradientClipping;
import cohort.training.optim.Optimizer;
import cohort.training.optim.OptimizerKind;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-iteration work of this module (losses, penalties, clipping, optimisers) allocates nothing. */
class NoAllocationTest {

  @Test
  void lossesPenaltiesClippingAndOptimizersDoNotAllocate() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 20 * 16 * 3;
    int p = 5000;
    SplittableRandom r = new SplittableRandom(1);
    float[] y = new float[n];
    float[] t = new float[n];
    float[] m = new float[n];
    float[] d = new float[n];
    float[] h = new float[n];
    float[] dh = new float[n];
    float[] params = new float[p];
    float[] grad = new float[p];
    for (int i = 0; i < n; i++) {
      y[i] = (float) r.nextGaussian();
      t[i] = i % 3 == 0 ? 1f : 0f;
      m[i] = 1f;
      h[i] = (float) r.nextGaussian();
    }
    Loss[] losses = {new MaskedMse(), new MaskedCrossEntropy()};
    Optimizer[] optimizers = new Optimizer[OptimizerKind.values().length];
    for (OptimizerKind k : OptimizerKind.values()) {
      optimizers[k.ordinal()] = k.create(p);
    }
    WeightPenalty wp = new WeightPenalty(1e-3, new int[] {0, 3000}, new int[] {2000, 1000});
    RatePenalty rp = new RatePenalty(1e-3);
    long tid = Thread.currentThread().getId();
    long before = 0;
    for (int round = 0; round < 3; round++) {
      // rounds 0 and 1 warm up (JIT, class loading); round 2 is measured
      if (round == 2) {
        before = mx.getThreadAllocatedBytes(tid);
      }
      for (int rep = 0; rep < 200; rep++) {
        for (Loss loss : losses) {
          loss.evaluate(y, t, m, 20, 16, 3, d);
        }
        rp.apply(h, n, dh);
        for (int i = 0; i < p; i++) {
          grad[i] = 1e-3f * (i % 7);
        }
        wp.apply(params, grad);
        GradientClipping.clip(grad, 1.0);
        for (Optimizer o : optimizers) {
          o.step(params, grad, 1e-4);
        }
      }
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    assertEquals(0, allocated, "bytes allocated by 200 iterations");
  }
}
