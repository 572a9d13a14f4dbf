package cohort.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A training iteration's forward and backward allocate nothing once the workspace exists. */
class AllocationTest {

  @Test
  void secondForwardBackwardAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(mx.isThreadAllocatedMemorySupported());
    mx.setThreadAllocatedMemoryEnabled(true);
    long self = Thread.currentThread().getId();
    for (NetworkSpec spec : TestNetworks.grid(3, 16, 2)) {
      Network net = TestNetworks.network(spec, 1);
      RandomGenerator r = TestNetworks.random(2);
      RandomGenerator noise = TestNetworks.random(3);
      int steps = 12;
      int batch = 5;
      float[] x = TestNetworks.gaussian(steps * batch * 3, 1.0, r);
      float[] dOut = TestNetworks.gaussian(steps * batch * 2, 1.0, r);
      float[] dHidden = TestNetworks.gaussian(steps * batch * 16, 0.1, r);
      float[] grad = new float[net.parameters().length];
      Workspace ws = net.workspace(steps, batch);
      net.forward(x, steps, batch, ws, noise);
      net.backward(x, dOut, dHidden, ws, grad);
      // While the JIT warms up, HotSpot itself now and then allocates a few hundred bytes on the calling thread
      // (seen with the committed pure-Java path too); an iteration of ours allocates nothing, so the fewest bytes
      // of three iterations must be (about) zero.
      long fewest = Long.MAX_VALUE;
      for (int k = 0; k < 3; k++) {
        long before = mx.getThreadAllocatedBytes(self);
        net.forward(x, steps, batch, ws, noise);
        net.backward(x, dOut, dHidden, ws, grad);
        fewest = Math.min(fewest, mx.getThreadAllocatedBytes(self) - before);
      }
      assertTrue(fewest <= 64, spec + ": allocated " + fewest + " bytes");
    }
  }
}
