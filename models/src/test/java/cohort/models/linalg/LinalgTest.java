package cohort.models.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.bytedeco.openblas.global.openblas;
import org.junit.jupiter.api.Test;

/**
 * The double facade against textbook loops and known answers (products, Gram matrices, decompositions rebuilt
 * from their factors, solves), its blocked Gram matrix independent of the thread count, and OpenBLAS on one
 * thread from the first call on.
 */
class LinalgTest {

  static double[] random(SplittableRandom rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  /** {@code op(A)·op(B)} by the definition. */
  static double[] product(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  @Test
  void gemmMatchesTheDefinitionInEveryTransposeAndShape() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int m : new int[] {1, 3, 7}) {
      for (int n : new int[] {1, 4}) {
        for (int k : new int[] {1, 5}) {
          for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
              double[] a = random(rng, m * k);
              double[] b = random(rng, k * n);
              double[] c = random(rng, m * n);
              double[] want = product(ta, tb, m, n, k, a, b);
              for (int i = 0; i < want.length; i++) {
                want[i] = 2 * want[i] + 0.5 * c[i];
              }
              Linalg.gemm(ta, tb, m, n, k, 2.0, a, b, 0.5, c);
              assertArrayEquals(want, c, 1e-12, m + "x" + n + "x" + k + " " + ta + " " + tb);
            }
          }
        }
      }
    }
  }

  @Test
  void gramIsAtAAndTheBlockedOneDoesNotDependOnThreads() {
    SplittableRandom rng = new SplittableRandom(2);
    int m = 9;
    int n = 7;
    double[] a = random(rng, m * n);
    assertArrayEquals(product(true, false, n, n, m, a, a), Linalg.gram(a, m, n), 1e-12);
    // more columns than one block: every block kind (diagonal, above it, ragged last)
    int wide = Linalg.GRAM_BLOCK + 37;
    double[] w = random(rng, 5 * wide);
    double[] one = Linalg.gram(w, 5, wide, 1);
    double[] two = Linalg.gram(w, 5, wide, 2);
    double[] three = Linalg.gram(w, 5, wide, 3);
    assertArrayEquals(one, two);
    assertArrayEquals(one, three);
    assertArrayEquals(Linalg.gram(w, 5, wide), one, 1e-12);
    assertEquals(one[3 * wide + wide - 1], one[(wide - 1) * wide + 3]);
  }

  @Test
  void symmetricEigenAndTopKRebuildTheMatrix() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 6;
    double[] g = Linalg.gram(random(rng, 10 * n), 10, n);
    double[] lam = new double[n];
    double[] v = Linalg.symmetricEigen(g, n, lam);
    for (int j = 1; j < n; j++) {
      assertTrue(lam[j] >= lam[j - 1], "ascending");
    }
    double[] rebuilt = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < n; p++) {
          rebuilt[i * n + j] += v[i * n + p] * lam[p] * v[j * n + p];
        }
      }
    }
    assertArrayEquals(g, rebuilt, 1e-10);
    double[] top = new double[2];
    double[] vt = Linalg.symmetricEigenTop(g, n, 2, top);
    assertEquals(lam[n - 1], top[0], 1e-10);
    assertEquals(lam[n - 2], top[1], 1e-10);
    for (int i = 0; i < n; i++) {
      assertEquals(Math.abs(v[i * n + n - 1]), Math.abs(vt[i * 2]), 1e-8);
    }
    assertThrows(IllegalArgumentException.class, () -> Linalg.symmetricEigenTop(g, n, 0, new double[1]));
  }

  @Test
  void generalEigenpairsSatisfyAvEqualsLambdaV() {
    // a rotation by 0.3 scaled by 0.9 (eigenvalues 0.9 e^{±0.3i}) next to a real eigenvalue 0.5
    double c = 0.9 * Math.cos(0.3);
    double s = 0.9 * Math.sin(0.3);
    double[] a = {c, -s, 0, s, c, 0, 0, 0, 0.5};
    Linalg.Eigen e = Linalg.eigen(a, 3);
    double[][] values = Linalg.eigenvalues(a, 3);
    assertArrayEquals(values[0], e.real(), 1e-14);
    assertArrayEquals(values[1], e.imag(), 1e-14);
    for (int k = 0; k < 3; k++) {
      double[] xr = new double[3];
      double[] xi = new double[3];
      boolean pair = e.imag()[k] != 0;
      int col = pair && e.imag()[k] < 0 ? k - 1 : k;
      double sign = pair && e.imag()[k] < 0 ? -1 : 1;
      for (int i = 0; i < 3; i++) {
        xr[i] = e.vectors()[i * 3 + col];
        xi[i] = pair ? sign * e.vectors()[i * 3 + col + 1] : 0;
      }
      for (int i = 0; i < 3; i++) {
        double axr = 0;
        double axi = 0;
        for (int j = 0; j < 3; j++) {
          axr += a[i * 3 + j] * xr[j];
          axi += a[i * 3 + j] * xi[j];
        }
        assertEquals(e.real()[k] * xr[i] - e.imag()[k] * xi[i], axr, 1e-12, "re, k = " + k);
        assertEquals(e.real()[k] * xi[i] + e.imag()[k] * xr[i], axi, 1e-12, "im, k = " + k);
      }
    }
  }

  @Test
  void svdRebuildsTheMatrixAndPolarFactorsAreOrthonormal() {
    SplittableRandom rng = new SplittableRandom(4);
    int m = 7;
    int n = 4;
    double[] a = random(rng, m * n);
    Linalg.Svd d = Linalg.svd(a, m, n);
    double[] us = d.u().clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        us[i * n + j] *= d.s()[j];
      }
    }
    assertArrayEquals(a, product(false, false, m, n, n, us, d.vt()), 1e-12);
    assertArrayEquals(d.s(), Linalg.singularValues(a, m, n), 1e-12);
    double[] q = Linalg.polarTall(a, m, n);
    assertArrayEquals(identity(n), product(true, false, n, n, m, q, q), 1e-12);
    double[] sq = random(rng, 16);
    double[] r = Linalg.polar(sq, 4);
    assertArrayEquals(identity(4), product(true, false, 4, 4, 4, r, r), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Linalg.polarTall(new double[] {1, 2, 2, 4}, 2, 2));
  }

  @Test
  void solvesRecoverTheSolution() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 5;
    double[] a = random(rng, n * n);
    double[] x = random(rng, n * 2);
    double[] b = product(false, false, n, 2, n, a, x);
    assertArrayEquals(x, Linalg.solve(a, n, b, 2), 1e-10);
    double[] lu = a.clone();
    double[] bb = b.clone();
    Linalg.solveInPlace(lu, n, bb, 2, new int[n]);
    assertArrayEquals(x, bb, 1e-10);
    assertThrows(ArithmeticException.class, () -> Linalg.solve(new double[4], 2, new double[2], 1));
  }

  @Test
  void luSolvesAPivotingSystemAndDetectsSingularity() {
    // first pivot is zero: needs a row exchange
    double[] a = {0, 2, 1, 1, 1, 0, 3, 0, 1};
    double[] z = {1, -2, 3};
    double[] b = product(false, false, 3, 1, 3, a, z);
    assertTrue(Linalg.luSolve(a.clone(), b, 3, new int[3]));
    assertArrayEquals(z, b, 1e-14);
    assertFalse(Linalg.luSolve(new double[] {1, 2, 2, 4}, new double[] {1, 1}, 2, new int[2]));
    assertFalse(Linalg.luSolve(new double[4], new double[2], 2, new int[2]));
  }

  /** Below and above {@link Linalg#LAPACK_LU_FROM}: the loops and LAPACK's dgesv; and Cholesky. */
  @Test
  void luAndCholeskyAgreeOnRandomSystems() {
    for (int n : new int[] {12, Linalg.LAPACK_LU_FROM + 5}) {
      SplittableRandom rng = new SplittableRandom(8);
      double[] a = random(rng, n * n);
      double[] z = random(rng, n);
      double[] m = product(true, false, n, n, n, a, a);
      for (int i = 0; i < n; i++) {
        m[i * n + i] += 1; // AᵀA + I is SPD
      }
      double[] b = product(false, false, n, 1, n, m, z);
      double[] b1 = b.clone();
      double[] b2 = b.clone();
      assertTrue(Linalg.luSolve(m.clone(), b1, n, new int[n]));
      assertTrue(Linalg.choleskySolve(m.clone(), b2, n));
      double[] b3 = b.clone();
      assertTrue(Linalg.spdSolve(m.clone(), n, b3, 1));
      assertArrayEquals(z, b3, 1e-10);
      assertFalse(Linalg.spdSolve(new double[] {1, 2, 2, 1}, 2, new double[2], 1), "indefinite");
      assertArrayEquals(z, b1, 1e-10);
      assertArrayEquals(z, b2, 1e-10);
      assertFalse(Linalg.choleskySolve(new double[] {1, 2, 2, 1}, new double[2], 2), "indefinite");
      double[] singular = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          singular[i * n + j] = (i + 1) * (j + 1.0);
        }
      }
      assertFalse(Linalg.luSolve(singular, new double[n], n, new int[n]), "rank 1, n = " + n);
    }
  }

  @Test
  void parallelRunsEveryTaskOnceAndRethrowsTheFirstFailure() {
    for (int threads = 1; threads <= 3; threads++) {
      AtomicIntegerArray runs = new AtomicIntegerArray(50);
      try (Parallel p = Parallel.of(threads)) {
        p.forEach(50, runs::incrementAndGet);
        for (int i = 0; i < 50; i++) {
          assertEquals(1, runs.get(i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.forEach(10, i -> {
          if (i == 4) {
            throw new IllegalArgumentException("task 4");
          }
        }));
        assertEquals("task 4", e.getMessage());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Parallel.of(0));
  }

  /**
   * In a fresh JVM, OpenBLAS runs on one thread as soon as the facade has been used, and stays there: nothing
   * in Cohort changes it afterwards.
   */
  @Test
  void openBlasRunsOnOneThreadFromTheFirstDoubleCall() throws Exception {
    String out = FreshJvm.run(FirstCallProbe.class);
    assertEquals("threads=1 c=11.0", out.lines().reduce((x, y) -> y).orElse(""), out);
  }

  private static double[] identity(int n) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      d[i * n + i] = 1;
    }
    return d;
  }

  /** One double product as the first thing it does, then OpenBLAS's thread count and the result. */
  public static final class FirstCallProbe {
    public static void main(String[] args) {
      double[] c = new double[1];
      Linalg.gemm(false, false, 1, 1, 2, 1.0, new double[] {1, 2}, new double[] {3, 4}, 0.0, c);
      System.out.println("threads=" + openblas.blas_get_num_threads() + " c=" + c[0]);
    }
  }
}
