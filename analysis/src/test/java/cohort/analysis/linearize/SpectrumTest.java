package cohort.analysis.linearize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectrumTest {

  @Test
  void discreteMapTimeConstantsAndFrequencies() {
    double r = 0.9;
    double theta = 0.4;
    double dt = 0.01;
    // blockdiag(r R(θ), 0.5, 1.1)
    double[] a = new double[16];
    a[0] = r * Math.cos(theta);
    a[1] = -r * Math.sin(theta);
    a[4] = r * Math.sin(theta);
    a[5] = r * Math.cos(theta);
    a[10] = 0.5;
    a[15] = 1.1;
    Spectrum s = Spectrum.of(a, 4, dt, false);
    assertEquals(1.1, s.spectralRadius(), 1e-14);
    assertEquals(0, s.dominant());
    assertEquals(-dt / Math.log(1.1), s.dominantTimeConstant(), 1e-12, "growing mode: negative τ");
    assertEquals(0.0, s.dominantFrequency(), 0.0);
    double[] tau = s.timeConstants();
    double[] f = s.frequencies();
    assertEquals(-dt / Math.log(r), tau[1], 1e-12);
    assertEquals(theta / (2 * Math.PI * dt), f[1], 1e-10);
    assertEquals(-theta / (2 * Math.PI * dt), f[2], 1e-10);
    assertEquals(-dt / Math.log(0.5), tau[3], 1e-12);
    assertEquals(Math.log(1.1) / dt, s.growthRates()[0], 1e-10);
  }

  @Test
  void continuousFlowReadingOfAnEulerJacobian() {
    // Flow Jacobian M with eigenvalues −2 ± 3i and −0.5; Euler map J = I + dt M.
    double dt = 0.001;
    double[] m = {-2, -3, 0, 3, -2, 0, 0, 0, -0.5};
    double[] j = new double[9];
    for (int i = 0; i < 9; i++) {
      j[i] = dt * m[i] + (i % 4 == 0 ? 1 : 0);
    }
    Spectrum s = Spectrum.of(j, 3, dt, true);
    assertTrue(s.continuousTime());
    assertEquals(2.0, s.dominantTimeConstant(), 1e-9, "slowest mode: μ = −0.5 → τ = 2");
    double[] tau = s.timeConstants();
    double[] f = s.frequencies();
    assertEquals(0.5, tau[1], 1e-9);
    assertEquals(3 / (2 * Math.PI), Math.abs(f[1]), 1e-9);
    assertEquals(-0.5, s.growthRates()[0], 1e-9);
  }

  @Test
  void weightMatrixSpectrumAndEdgeCases() {
    Spectrum s = Spectrum.of(new double[] {0, 0, 0, 0}, 2);
    assertEquals(0.0, s.spectralRadius(), 0.0);
    assertEquals(0.0, s.timeConstants()[0], 0.0);
    Spectrum id = Spectrum.of(new double[] {1, 0, 0, 1}, 2);
    assertEquals(Double.POSITIVE_INFINITY, id.timeConstants()[0]);
    assertThrows(IllegalArgumentException.class, () -> Spectrum.of(new double[] {1, 0, 0, 1}, 2, 0.0, false));
  }
}
