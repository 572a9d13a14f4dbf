package cohort.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SgdRmsPropTest {

  @Test
  void sgdMomentumFollowsPyTorchsRule() {
    float[] x = {1f};
    Sgd sgd = new Sgd(1, 0.9);
    // step 1: b = g = 2; x = 1 - 0.1*2 = 0.8
    sgd.step(x, new float[] {2f}, 0.1);
    assertEquals(0.8f, x[0], 1e-7);
    // step 2: b = 0.9*2 + 1 = 2.8; x = 0.8 - 0.28 = 0.52
    sgd.step(x, new float[] {1f}, 0.1);
    assertEquals(0.52f, x[0], 1e-6);
  }

  @Test
  void rmsPropFollowsPyTorchsRule() {
    float[] x = {1f};
    RmsProp r = new RmsProp(1);
    // v = 0.01*4 = 0.04, x = 1 - 0.01*2/(0.2 + 1e-8)
    r.step(x, new float[] {2f}, 0.01);
    assertEquals(1 - 0.01 * 2 / (0.2 + 1e-8), x[0], 1e-6);
    // v = 0.99*0.04 + 0.01*1 = 0.0496
    r.step(x, new float[] {1f}, 0.01);
    assertEquals(1 - 0.01 * 2 / (0.2 + 1e-8) - 0.01 / (Math.sqrt(0.0496) + 1e-8), x[0], 1e-6);
  }

  @Test
  void sizesAreChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Adam(3).step(new float[2], new float[2], 0.1));
    assertEquals("optimizer built for 3 parameters; got parameters 2, gradient 2", e.getMessage());
  }

  @Test
  void kindsParse() {
    assertEquals(OptimizerKind.RMSPROP, OptimizerKind.parse("RMSProp"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerKind.parse("lbfgs"));
    assertEquals("optimizer 'lbfgs' is not known; accepted: adam, sgd, rmsprop", e.getMessage());
  }
}
