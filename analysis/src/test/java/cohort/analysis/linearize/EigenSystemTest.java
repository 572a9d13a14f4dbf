package cohort.analysis.linearize;

import static cohort.analysis.TestMath.mul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EigenSystemTest {

  /** max_k ‖A v_k − λ_k v_k‖ over all (complex) eigenpairs. */
  static double maxResidual(double[] a, int n, EigenSystem e) {
    double worst = 0;
    for (int k = 0; k < n; k++) {
      double lr = e.real(k);
      double li = e.imag(k);
      double s = 0;
      for (int i = 0; i < n; i++) {
        double avr = 0;
        double avi = 0;
        for (int j = 0; j < n; j++) {
          avr += a[i * n + j] * e.vectorReal(j, k);
          avi += a[i * n + j] * e.vectorImag(j, k);
        }
        double lvr = lr * e.vectorReal(i, k) - li * e.vectorImag(i, k);
        double lvi = lr * e.vectorImag(i, k) + li * e.vectorReal(i, k);
        s += (avr - lvr) * (avr - lvr) + (avi - lvi) * (avi - lvi);
      }
      worst = Math.max(worst, Math.sqrt(s));
    }
    return worst;
  }

  static double[] rotation(double r, double theta) {
    return new double[] {r * Math.cos(theta), -r * Math.sin(theta), r * Math.sin(theta), r * Math.cos(theta)};
  }

  @Test
  void rotationMatrixHasConjugatePairAndExactEigenvectors() {
    double r = 0.9;
    double theta = 0.3;
    double[] a = rotation(r, theta);
    EigenSystem e = EigenSystem.of(a, 2, EigenOrder.MODULUS_DESCENDING);
    assertEquals(r * Math.cos(theta), e.real(0), 1e-14);
    assertEquals(r * Math.sin(theta), e.imag(0), 1e-14, "positive imaginary part first");
    assertEquals(r * Math.cos(theta), e.real(1), 1e-14);
    assertEquals(-r * Math.sin(theta), e.imag(1), 1e-14);
    assertEquals(r, e.spectralRadius(), 1e-14);
    assertTrue(maxResidual(a, 2, e) < 1e-14);
    // v = (1, -i)/√2 up to phase; normalised with the first (tied largest) component real positive.
    assertEquals(1 / Math.sqrt(2), e.vectorReal(0, 0), 1e-14);
    assertEquals(0.0, e.vectorImag(0, 0), 0.0);
    assertEquals(-1 / Math.sqrt(2), e.vectorImag(1, 0), 1e-14);
    // conjugate eigenvector for the conjugate eigenvalue
    assertEquals(1 / Math.sqrt(2), e.vectorImag(1, 1), 1e-14);
  }

  @Test
  void pureRotationsOfSeveralAnglesIncludingHalfTurn() {
    for (double theta : new double[] {0.01, 0.5, 1.0, 2.0, 3.0}) {
      double[] a = rotation(1.0, theta);
      EigenSystem e = EigenSystem.of(a, 2, EigenOrder.MODULUS_DESCENDING);
      assertEquals(1.0, e.modulus(0), 1e-14);
      assertEquals(theta, Math.atan2(e.imag(0), e.real(0)), 1e-13);
      assertTrue(maxResidual(a, 2, e) < 1e-13);
    }
    EigenSystem half = EigenSystem.of(rotation(1.0, Math.PI), 2, EigenOrder.MODULUS_DESCENDING);
    assertEquals(-1.0, half.real(0), 1e-14);
    assertEquals(-1.0, half.real(1), 1e-14);
    assertEquals(0.0, half.imag(0), 1e-14);
  }

  @Test
  void conjugatedBlockDiagonalRecoversKnownSpectrum() {
    // A = S · blockdiag(0.8 R(0.5), 0.3, -1.2) · S⁻¹ with S well-conditioned: eigenvalues 0.8e^{±0.5i}, 0.3, -1.2.
    int n = 4;
    double[] d = new double[n * n];
    double[] rot = rotation(0.8, 0.5);
    d[0] = rot[0];
    d[1] = rot[1];
    d[4] = rot[2];
    d[5] = rot[3];
    d[10] = 0.3;
    d[15] = -1.2;
    double[] s = {1, 0.2, -0.1, 0.3, 0.1, 1, 0.2, 0, -0.3, 0.1, 1, 0.2, 0.2, 0, 0.1, 1};
    double[] sInv = invert(s, n);
    double[] a = mul(mul(s, d, n), sInv, n);
    EigenSystem e = EigenSystem.of(a, n, EigenOrder.MODULUS_DESCENDING);
    assertEquals(-1.2, e.real(0), 1e-12);
    assertEquals(0.8 * Math.cos(0.5), e.real(1), 1e-12);
    assertEquals(0.8 * Math.sin(0.5), e.imag(1), 1e-12);
    assertEquals(-0.8 * Math.sin(0.5), e.imag(2), 1e-12);
    assertEquals(0.3, e.real(3), 1e-12);
    assertTrue(maxResidual(a, n, e) < 1e-12);
    EigenSystem byReal = EigenSystem.of(a, n, EigenOrder.REAL_PART_DESCENDING);
    assertEquals(0.8 * Math.cos(0.5), byReal.real(0), 1e-12);
    assertTrue(byReal.imag(0) > 0);
    assertEquals(0.3, byReal.real(2), 1e-12);
    assertEquals(-1.2, byReal.real(3), 1e-12);
  }

  @Test
  void randomNonSymmetricMatricesSatisfyEigenEquationAndTrace() {
    SplittableRandom rng = new SplittableRandom(42);
    for (int n : new int[] {1, 3, 8, 30}) {
      double[] a = ginibre(rng, n);
      EigenSystem e = EigenSystem.of(a, n, EigenOrder.MODULUS_DESCENDING);
      assertTrue(maxResidual(a, n, e) < 1e-11, "residual for n = " + n);
      double trace = 0;
      double sumRe = 0;
      double sumIm = 0;
      for (int k = 0; k < n; k++) {
        trace += a[k * n + k];
        sumRe += e.real(k);
        sumIm += e.imag(k);
        double norm = 0;
        for (int i = 0; i < n; i++) {
          norm += e.vectorReal(i, k) * e.vectorReal(i, k) + e.vectorImag(i, k) * e.vectorImag(i, k);
        }
        assertEquals(1.0, norm, 1e-12);
        if (k > 0) {
          assertTrue(e.modulus(k - 1) >= e.modulus(k) - 1e-15, "sorted by modulus");
        }
      }
      assertEquals(trace, sumRe, 1e-11);
      assertEquals(0.0, sumIm, 1e-11);
    }
  }

  @Test
  void theLapackFallbackGivesTheSameEigenSystem() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int n : new int[] {1, 4, 9, 40}) {
      double[] a = ginibre(rng, n);
      EigenSystem commons = EigenSystem.of(a, n, EigenOrder.MODULUS_DESCENDING);
      EigenSystem lapack = EigenSystem.of(a, n, EigenOrder.MODULUS_DESCENDING, true);
      assertTrue(maxResidual(a, n, lapack) < 1e-11, "LAPACK residual for n = " + n);
      for (int k = 0; k < n; k++) {
        assertEquals(commons.real(k), lapack.real(k), 1e-10);
        assertEquals(commons.imag(k), lapack.imag(k), 1e-10);
      }
    }
  }

  @Test
  void rankDeficientClusterOfZeroEigenvaluesConverges() {
    // J = [½ M; M] with M 8×16 (the structure of an LSTM Jacobian at the origin): rank 8, eight zero eigenvalues.
    // Commons Math's QR iteration alone fails to converge on most of these; the shifted retry must succeed.
    SplittableRandom rng = new SplittableRandom(2);
    int k = 8;
    int n = 16;
    for (int trial = 0; trial < 20; trial++) {
      double[] j = new double[n * n];
      for (int i = 0; i < k; i++) {
        for (int c = 0; c < n; c++) {
          double v = 0.3 * rng.nextGaussian();
          j[i * n + c] = 0.5 * v;
          j[(k + i) * n + c] = v;
        }
      }
      EigenSystem e = EigenSystem.of(j, n, EigenOrder.MODULUS_DESCENDING);
      assertTrue(maxResidual(j, n, e) < 1e-12, "residual, trial " + trial);
      for (int q = k; q < n; q++) {
        assertEquals(0.0, e.modulus(q), 1e-7, "zero eigenvalue " + q);
      }
    }
  }

  @Test
  void symmetricAndDefectiveMatrices() {
    EigenSystem sym = EigenSystem.of(new double[] {2, 1, 1, 2}, 2, EigenOrder.MODULUS_DESCENDING);
    assertEquals(3.0, sym.real(0), 1e-14);
    assertEquals(1.0, sym.real(1), 1e-14);
    EigenSystem jordan = EigenSystem.of(new double[] {1, 1, 0, 1}, 2, EigenOrder.MODULUS_DESCENDING);
    assertEquals(1.0, jordan.real(0), 1e-12);
    assertEquals(1.0, jordan.real(1), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> EigenSystem.of(new double[] {1, Double.NaN, 0, 1}, 2, EigenOrder.MODULUS_DESCENDING));
    assertThrows(IllegalArgumentException.class, () -> EigenSystem.of(new double[3], 2, EigenOrder.MODULUS_DESCENDING));
  }

  /**
   * {@link EigenSystem#valuesOf}: below {@link EigenSystem#LAPACK_FROM} the same eigenvalue bits as {@link EigenSystem#of};
   * at n = 128 (LAPACK without eigenvectors) the same eigenvalues to round-off, in the same order; never vectors.
   */
  @Test
  void valuesOnlyAgreeWithTheFullDecompositionAndHoldNoVectors() {
    SplittableRandom rng = new SplittableRandom(19);
    for (int n : new int[] {5, 24, 128}) {
      for (EigenOrder order : EigenOrder.values()) {
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
          a[i] = rng.nextGaussian() / Math.sqrt(n);
        }
        EigenSystem full = EigenSystem.of(a, n, order);
        EigenSystem values = EigenSystem.valuesOf(a, n, order);
        assertTrue(full.hasVectors());
        assertTrue(!values.hasVectors());
        assertThrows(IllegalStateException.class, values::vectorsReal);
        assertThrows(IllegalStateException.class, () -> values.vectorImag(0));
        for (int k = 0; k < n; k++) {
          if (n < EigenSystem.LAPACK_FROM) {
            assertEquals(full.real(k), values.real(k), 0.0, "n " + n + ", eigenvalue " + k);
            assertEquals(full.imag(k), values.imag(k), 0.0, "n " + n + ", eigenvalue " + k);
          } else {
            assertEquals(full.real(k), values.real(k), 1e-12, "n " + n + ", eigenvalue " + k);
            assertEquals(full.imag(k), values.imag(k), 1e-12, "n " + n + ", eigenvalue " + k);
          }
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> EigenSystem.valuesOf(new double[] {1, Double.NaN, 0, 1}, 2,
        EigenOrder.MODULUS_DESCENDING));
  }

  static double[] invert(double[] a, int n) {
    double[] m = a.clone();
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      inv[i * n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) {
          p = r;
        }
      }
      for (int j = 0; j < n; j++) {
        double t = m[c * n + j];
        m[c * n + j] = m[p * n + j];
        m[p * n + j] = t;
        t = inv[c * n + j];
        inv[c * n + j] = inv[p * n + j];
        inv[p * n + j] = t;
      }
      double piv = m[c * n + c];
      for (int j = 0; j < n; j++) {
        m[c * n + j] /= piv;
        inv[c * n + j] /= piv;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r * n + c];
          for (int j = 0; j < n; j++) {
            m[r * n + j] -= f * m[c * n + j];
            inv[r * n + j] -= f * inv[c * n + j];
          }
        }
      }
    }
    return inv;
  }

  /** An {@code n × n} matrix of IID {@code N(0, 1/n)} entries (spectrum near the unit disk). */
  static double[] ginibre(SplittableRandom rng, int n) {
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian() / Math.sqrt(n);
    }
    return a;
  }
}
