package cohort.models.linalg;

/**
 * The float matrix product of the fast path: {@code C[i][j] += Σ_p A(i,p) · B[p][j]}, i-k-j order.
 *
 * <p>{@code B} and {@code C} are given as arrays of rows, and the inner loop indexes every row with the same
 * {@code j}. HotSpot C2's SuperWord (JDK 17) vectorises {@code c[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}
 * (measured ≈ 28–33 GFLOP/s, thread CPU time, on the W1 shapes on this project's 2-core AMD EPYC) but falls back to
 * scalar code (≈ 5–7 GFLOP/s) when two accesses in the loop use different offset expressions into flat arrays,
 * when the loop stores to more than one array (register blocking over several C rows), or when it reads more than
 * four B rows. Hence one C row by four B rows per inner loop. {@code A} is read as scalars outside the inner loop,
 * so it may be any strided view: {@code A(i,p) = a[aOff + i·ars + p·acs]} (a transposed view is
 * {@code ars = 1, acs = lda}; a row of ones is {@code ars = acs = 0}).
 *
 * <p>The p range is cut into panels of {@link #PANEL} rows of B so that a panel stays in cache while every C row
 * passes over it. Each C element is accumulated in a fixed order (p ascending, in groups of four), so results are
 * reproducible bit for bit.
 *
 * <p>Opt-in: with {@code --add-modules jdk.incubator.vector -Dcohort.vector=true} the interior of every product goes
 * to {@link VectorGemm}'s register-blocked kernel instead ({@link #VECTOR}); this class's loops then only do the
 * edges.
 */
public final class FloatGemm {

  /** Rows of B per panel. */
  static final int PANEL = 64;

  /**
   * Whether the register-blocked {@link VectorGemm} kernel is used (opt-in): true when the JVM resolved
   * {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}) and the system property
   * {@code cohort.vector} is {@code true}. Off by default: the incubating API prints a warning at start-up and
   * allocates until C2 has compiled it, so a training iteration is allocation-free only after warm-up. Results are
   * reproducible for a given setting; the two kernels round differently.
   */
  public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && "true".equals(System.getProperty("cohort.vector"));

  private FloatGemm() {
  }

  /**
   * {@code c[cRow+i][j] += Σ_{p<k} a[aOff + i·ars + p·acs] · b[bRow+p][j]} for {@code i < m}, {@code j0 ≤ j < j1}.
   *
   * @param a A's elements; not modified
   * @param b B's rows; not modified
   * @param c C's rows; modified (must not share rows with {@code b})
   */
  public static void multiplyAdd(int m, int k, float[] a, int aOff, int ars, int acs, float[][] b, int bRow,
      float[][] c, int cRow, int j0, int j1) {
    multiplyAdd(VECTOR, m, k, a, aOff, ars, acs, b, bRow, c, cRow, j0, j1);
  }

  /** The flat-A product through the chosen kernel (the vector one for the interior when {@code vector}). */
  static void multiplyAdd(boolean vector, int m, int k, float[] a, int aOff, int ars, int acs, float[][] b, int bRow,
      float[][] c, int cRow, int j0, int j1) {
    if (m <= 0 || k <= 0 || j1 <= j0) {
      return;
    }
    if (vector) {
      int m4 = m & ~3;
      int jv = j0 + (j1 - j0) / VectorGemm.WIDTH * VectorGemm.WIDTH;
      if (m4 > 0 && jv > j0) {
        VectorGemm.flat(m4, k, a, aOff, ars, acs, b, bRow, c, cRow, j0, jv);
        scalar(m4, k, a, aOff, ars, acs, b, bRow, c, cRow, jv, j1);
        scalar(m - m4, k, a, aOff + m4 * ars, ars, acs, b, bRow, c, cRow + m4, j0, j1);
        return;
      }
    }
    scalar(m, k, a, aOff, ars, acs, b, bRow, c, cRow, j0, j1);
  }

  /** The auto-vectorised kernel of {@link #multiplyAdd(int, int, float[], int, int, int, float[][], int, float[][],
   * int, int, int)}, whatever {@link #VECTOR} says. */
  static void scalar(int m, int k, float[] a, int aOff, int ars, int acs, float[][] b, int bRow,
      float[][] c, int cRow, int j0, int j1) {
    if (m <= 0 || k <= 0 || j1 <= j0) {
      return;
    }
    for (int p0 = 0; p0 < k; p0 += PANEL) {
      int pEnd = Math.min(k, p0 + PANEL);
      for (int i = 0; i < m; i++) {
        float[] ci = c[cRow + i];
        int ai = aOff + i * ars;
        int p = p0;
        for (; p + 4 <= pEnd; p += 4) {
          int q = ai + p * acs;
          float x0 = a[q];
          float x1 = a[q + acs];
          float x2 = a[q + 2 * acs];
          float x3 = a[q + 3 * acs];
          float[] b0 = b[bRow + p];
          float[] b1 = b[bRow + p + 1];
          float[] b2 = b[bRow + p + 2];
          float[] b3 = b[bRow + p + 3];
          for (int j = j0; j < j1; j++) {
            ci[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
          }
        }
        for (; p < pEnd; p++) {
          float x = a[ai + p * acs];
          float[] bp = b[bRow + p];
          for (int j = j0; j < j1; j++) {
            ci[j] += x * bp[j];
          }
        }
      }
    }
  }

  /**
   * The same product with A given as rows: {@code A(i,p) = a[aRow+i][aCol+p]}, or, with {@code transposeA},
   * {@code A(i,p) = a[aRow+p][aCol+i]}.
   *
   * @param a A's rows; not modified
   * @param b B's rows; not modified
   * @param c C's rows; modified (must not share rows with {@code a} or {@code b})
   */
  public static void multiplyAdd(int m, int k, float[][] a, int aRow, int aCol, boolean transposeA, float[][] b,
      int bRow, float[][] c, int cRow, int j0, int j1) {
    multiplyAdd(VECTOR, m, k, a, aRow, aCol, transposeA, b, bRow, c, cRow, j0, j1);
  }

  /** The rows-A product through the chosen kernel (the vector one for the interior when {@code vector}). */
  static void multiplyAdd(boolean vector, int m, int k, float[][] a, int aRow, int aCol, boolean transposeA,
      float[][] b, int bRow, float[][] c, int cRow, int j0, int j1) {
    if (m <= 0 || k <= 0 || j1 <= j0) {
      return;
    }
    if (vector) {
      int m4 = m & ~3;
      int jv = j0 + (j1 - j0) / VectorGemm.WIDTH * VectorGemm.WIDTH;
      if (m4 > 0 && jv > j0) {
        VectorGemm.rows(m4, k, a, aRow, aCol, transposeA, b, bRow, c, cRow, j0, jv);
        scalar(m4, k, a, aRow, aCol, transposeA, b, bRow, c, cRow, jv, j1);
        if (transposeA) {
          scalar(m - m4, k, a, aRow, aCol + m4, true, b, bRow, c, cRow + m4, j0, j1);
        } else {
          scalar(m - m4, k, a, aRow + m4, aCol, false, b, bRow, c, cRow + m4, j0, j1);
        }
        return;
      }
    }
    scalar(m, k, a, aRow, aCol, transposeA, b, bRow, c, cRow, j0, j1);
  }

  /** The auto-vectorised kernel of the rows-A {@code multiplyAdd}, whatever {@link #VECTOR} says. */
  static void scalar(int m, int k, float[][] a, int aRow, int aCol, boolean transposeA, float[][] b,
      int bRow, float[][] c, int cRow, int j0, int j1) {
    if (m <= 0 || k <= 0 || j1 <= j0) {
      return;
    }
    for (int p0 = 0; p0 < k; p0 += PANEL) {
      int pEnd = Math.min(k, p0 + PANEL);
      for (int i = 0; i < m; i++) {
        float[] ci = c[cRow + i];
        int p = p0;
        for (; p + 4 <= pEnd; p += 4) {
          float x0;
          float x1;
          float x2;
          float x3;
          if (transposeA) {
            x0 = a[aRow + p][aCol + i];
            x1 = a[aRow + p + 1][aCol + i];
            x2 = a[aRow + p + 2][aCol + i];
            x3 = a[aRow + p + 3][aCol + i];
          } else {
            float[] ai = a[aRow + i];
            x0 = ai[aCol + p];
            x1 = ai[aCol + p + 1];
            x2 = ai[aCol + p + 2];
            x3 = ai[aCol + p + 3];
          }
          float[] b0 = b[bRow + p];
          float[] b1 = b[bRow + p + 1];
          float[] b2 = b[bRow + p + 2];
          float[] b3 = b[bRow + p + 3];
          for (int j = j0; j < j1; j++) {
            ci[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
          }
        }
        for (; p < pEnd; p++) {
          float x = transposeA ? a[aRow + p][aCol + i] : a[aRow + i][aCol + p];
          float[] bp = b[bRow + p];
          for (int j = j0; j < j1; j++) {
            ci[j] += x * bp[j];
          }
        }
      }
    }
  }
}
