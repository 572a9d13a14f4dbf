package cohort.analysis.fixedpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseSolverTest {

  @Test
  void luSolvesAPivotingSystemAndDetectsSingularity() {
    // first pivot is zero: needs a row exchange
    double[] a = {0, 2, 1, 1, 1, 0, 3, 0, 1};
    double[] z = {1, -2, 3};
    double[] b = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        b[i] += a[i * 3 + j] * z[j];
      }
    }
    assertTrue(DenseSolver.luSolve(a.clone(), b, 3, new int[3]));
    assertArrayEquals(z, b, 1e-14);
    assertFalse(DenseSolver.luSolve(new double[] {1, 2, 2, 4}, new double[] {1, 1}, 2, new int[2]));
    assertFalse(DenseSolver.luSolve(new double[4], new double[2], 2, new int[2]));
  }

  @Test
  void luAndCholeskyAgreeOnRandomSystems() {
    for (int n : new int[] {12, DenseSolver.LAPACK_FROM + 5}) {
      luAndCholeskyAgree(n);
    }
  }

  /** Below and above {@link DenseSolver#LAPACK_FROM}: the pure-Java LU and LAPACK's dgesv. */
  private static void luAndCholeskyAgree(int n) {
    SplittableRandom rng = new SplittableRandom(8);
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = rng.nextGaussian();
    }
    // M = AᵀA + I is SPD
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < n; k++) {
          s += a[k * n + i] * a[k * n + j];
        }
        m[i * n + j] = s;
      }
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i] += m[i * n + j] * z[j];
      }
    }
    double[] b1 = b.clone();
    double[] b2 = b.clone();
    assertTrue(DenseSolver.luSolve(m.clone(), b1, n, new int[n]));
    assertTrue(DenseSolver.choleskySolve(m.clone(), b2, n));
    assertArrayEquals(z, b1, 1e-10);
    assertArrayEquals(z, b2, 1e-10);
    assertFalse(DenseSolver.choleskySolve(new double[] {1, 2, 2, 1}, new double[2], 2), "indefinite");
    double[] singular = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        singular[i * n + j] = (i + 1) * (j + 1.0);
      }
    }
    assertFalse(DenseSolver.luSolve(singular, new double[n], n, new int[n]), "rank 1, n = " + n);
  }
}
