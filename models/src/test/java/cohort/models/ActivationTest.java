package cohort.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float kernels against the double definitions, including special values. */
class ActivationTest {

  @Test
  void floatKernelsMatchDoubleDefinitions() {
    int len = 4001;
    for (Activation a : Activation.values()) {
      float[] z = new float[len + 3];
      float[] d = new float[len + 3];
      for (int i = 0; i < len; i++) {
        z[i + 3] = (float) (-20.0 + 40.0 * i / (len - 1));
      }
      float[] x = z.clone();
      a.apply(z, d, 3, len + 3);
      for (int i = 3; i < len + 3; i++) {
        double v = a.apply(x[i]);
        assertEquals(v, z[i], 4e-7 * Math.max(1.0, Math.abs(v)), a + " value at " + x[i]);
        if (x[i] != 0f) {
          assertEquals(a.derivative(x[i]), d[i], 1e-6, a + " derivative at " + x[i]);
        }
      }
    }
    float[] s = new float[len];
    for (int i = 0; i < len; i++) {
      s[i] = (float) (-30.0 + 60.0 * i / (len - 1));
    }
    float[] x = s.clone();
    Activation.sigmoid(s, 0, len);
    for (int i = 0; i < len; i++) {
      assertEquals(Activation.sigmoid(x[i]), s[i], 3e-7, "sigmoid at " + x[i]);
    }
  }

  @Test
  void specialValues() {
    assertEquals(0f, Activation.tanh(0f));
    assertEquals(1f, Activation.tanh(Float.POSITIVE_INFINITY), 1e-6);
    assertEquals(-1f, Activation.tanh(Float.NEGATIVE_INFINITY), 1e-6);
    assertTrue(Float.isNaN(Activation.tanh(Float.NaN)));
    assertEquals(1e-20f, Activation.tanh(1e-20f), 1e-26f);
    assertEquals(0.0, Activation.RELU.apply(-0.0));
    assertEquals(0.0, Activation.RELU.derivative(0.0));
    assertEquals(1000.0, Activation.SOFTPLUS.apply(1000.0));
    assertEquals(Math.log(2), Activation.SOFTPLUS.apply(0.0), 1e-15);
    assertEquals(0.0, Activation.SOFTPLUS.apply(-1000.0));
    assertEquals(1.0, Activation.IDENTITY.derivative(5.0));
    assertTrue(Double.isNaN(Activation.TANH.apply(Double.NaN)));
  }
}
