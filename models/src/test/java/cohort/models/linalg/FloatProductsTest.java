package cohort.models.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pure-Java fallback product against OpenBLAS's sgemm, every transpose combination, odd shapes and offsets. */
class FloatProductsTest {

  @Test
  void javaFallbackMatchesOpenBlas() {
    assertTrue(OpenBlas.available(), OpenBlas.unavailableReason());
    SplittableRandom r = new SplittableRandom(3);
    int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 4, 9}, {8, 33, 2}};
    for (int[] shape : shapes) {
      int m = shape[0];
      int n = shape[1];
      int k = shape[2];
      for (int variant = 0; variant < 4; variant++) {
        boolean ta = (variant & 1) != 0;
        boolean tb = (variant & 2) != 0;
        int lda = (ta ? m : k) + 2;
        int ldb = (tb ? k : n) + 1;
        int ldc = n + 3;
        OffHeapMatrix a = random(5 + lda * (ta ? k : m), r);
        OffHeapMatrix b = random(4 + ldb * (tb ? n : k), r);
        OffHeapMatrix c1 = random(2 + ldc * m, r);
        OffHeapMatrix c2 = new OffHeapMatrix(c1.length());
        for (int i = 0; i < c1.length(); i++) {
          c2.set(i, c1.get(i));
        }
        float beta = variant == 3 ? 0.5f : 0f;
        OpenBlas.gemm(ta, tb, m, n, k, 1.5f, a, 5, lda, b, 4, ldb, beta, c1, 2, ldc);
        FloatProducts.java(ta, tb, m, n, k, 1.5f, a, 5, lda, b, 4, ldb, beta, c2, 2, ldc);
        for (int i = 0; i < c1.length(); i++) {
          float e = c1.get(i);
          assertTrue(Math.abs(e - c2.get(i)) <= 1e-5f * (1 + Math.abs(e)),
              m + "×" + n + "×" + k + " variant " + variant + " element " + i + ": " + e + " vs " + c2.get(i));
        }
      }
    }
  }

  private static OffHeapMatrix random(int length, SplittableRandom r) {
    OffHeapMatrix x = new OffHeapMatrix(length);
    for (int i = 0; i < length; i++) {
      x.set(i, (float) r.nextGaussian());
    }
    return x;
  }
}
