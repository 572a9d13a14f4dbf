package cohort.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamTest {

  /** f(x) = ½ Σ aᵢ xᵢ², ∇ = a ⊙ x; values computed by hand (PyTorch's update rule, double precision). */
  @Test
  void firstStepsOnAQuadraticMatchHandComputedValues() {
    float[] x = {1.0f, -0.5f};
    float[] a = {2.0f, 0.5f};
    float[] g = new float[2];
    Adam adam = new Adam(2);
    double[][] expected = {
      {0.9000000005, -0.40000000399999974},
      {0.8004122286917927, -0.301187427873587},
      {0.70158627294603, -0.2048712620977535},
    };
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 2; i++) {
        g[i] = a[i] * x[i];
      }
      adam.step(x, g, 0.1);
      assertEquals(expected[t][0], x[0], 1e-6, "x0 after step " + (t + 1));
      assertEquals(expected[t][1], x[1], 1e-6, "x1 after step " + (t + 1));
    }
    assertEquals(3, adam.steps());
  }

  @Test
  void firstStepMovesEachParameterByTheLearningRateAgainstTheGradientSign() {
    float[] x = {3f, -2f, 0.25f};
    float[] g = {1e-3f, -50f, 7f};
    new Adam(3).step(x, g, 0.01);
    assertEquals(2.99f, x[0], 1e-5);
    assertEquals(-1.99f, x[1], 1e-5);
    assertEquals(0.24f, x[2], 1e-5);
  }

  @Test
  void minimisesAQuadratic() {
    float[] x = {5f, -3f, 1f};
    float[] g = new float[3];
    Adam adam = new Adam(3);
    for (int t = 0; t < 2000; t++) {
      for (int i = 0; i < 3; i++) {
        g[i] = (i + 1) * x[i];
      }
      adam.step(x, g, 0.05);
    }
    for (float v : x) {
      assertEquals(0, v, 1e-2);
    }
  }
}
