package cohort.models.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.openblas.global.openblas;
import org.junit.jupiter.api.Test;

/** The OpenBLAS product: its result, and that it never runs on more than one thread. */
class OpenBlasTest {

  @Test
  void gemmComputesTheRowMajorProductWithOffsetsAndTransposes() {
    assumeTrue(OpenBlas.available(), OpenBlas.unavailableReason());
    // A = [[1, 2, 3], [4, 5, 6]] stored transposed after one float of padding; B = [[1, 0], [0, 1], [1, 1]].
    OffHeapMatrix a = matrix(new float[] {9, 1, 4, 2, 5, 3, 6});
    OffHeapMatrix b = matrix(new float[] {1, 0, 0, 1, 1, 1});
    OffHeapMatrix c = matrix(new float[] {1, 1, 1, 1});
    OpenBlas.gemm(true, false, 2, 2, 3, 2f, a, 1, 2, b, 0, 2, 1f, c, 0, 2);
    float[] got = new float[4];
    c.get(0, got, 0, 4);
    assertArrayEquals(new float[] {2 * 4 + 1, 2 * 5 + 1, 2 * 10 + 1, 2 * 11 + 1}, got);
  }

  /**
   * In a fresh JVM whose first OpenBLAS use is a product (no call to {@link OpenBlas#available()} before it),
   * OpenBLAS must already be down to one thread: at its default it takes every core, which would make a
   * one-network-per-thread study oversubscribe the machine.
   */
  @Test
  void theFirstProductOfAFreshJvmRunsOnOneThread() throws Exception {
    assumeTrue(OpenBlas.available(), OpenBlas.unavailableReason());
    String out = FreshJvm.run(FirstProductProbe.class);
    assertEquals("threads=1 c=11.0", out.lines().reduce((x, y) -> y).orElse(""), out);
  }

  private static OffHeapMatrix matrix(float[] values) {
    OffHeapMatrix m = new OffHeapMatrix(values.length);
    m.put(0, values, 0, values.length);
    return m;
  }

  /** Runs one product as the first thing it does, then prints OpenBLAS's thread count and the result. */
  public static final class FirstProductProbe {
    public static void main(String[] args) {
      OffHeapMatrix a = matrix(new float[] {1, 2});
      OffHeapMatrix b = matrix(new float[] {3, 4});
      OffHeapMatrix c = matrix(new float[] {0});
      OpenBlas.gemm(false, false, 1, 1, 2, 1f, a, 0, 2, b, 0, 1, 0f, c, 0, 1);
      float[] got = new float[1];
      c.get(0, got, 0, 1);
      System.out.println("threads=" + openblas.blas_get_num_threads() + " c=" + got[0]);
    }
  }
}
