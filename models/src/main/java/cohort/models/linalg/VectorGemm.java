package cohort.models.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The opt-in register-blocked micro-kernel behind {@link FloatGemm} when the JVM runs with
 * {@code --add-modules jdk.incubator.vector -Dcohort.vector=true} (JDK 17's incubating Vector API): blocks of 4 rows of
 * C by two vectors
 * of columns are held in registers over a panel of {@link #PANEL} rows of B, so each B load feeds four
 * fused multiply-adds and each C element is loaded and stored once per panel (measured on a loaded 2-core AMD EPYC,
 * thread CPU time: 30–40 GFLOP/s against 23–32 for the auto-vectorised kernel on the W1 shapes; 1.2–1.4× end to end).
 * Only the interior (multiples of 4 rows and two
 * vectors of columns) is done here; {@link FloatGemm} does the edges with its scalar-path kernel. Never load this
 * class unless {@link FloatGemm#VECTOR} is true.
 */
final class VectorGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Columns per block: two vectors. */
  static final int WIDTH = 2 * S.length();
  /** Rows of B per panel (the B block and A panel stay in L1). */
  static final int PANEL = 64;

  private VectorGemm() {
  }

  /**
   * {@link FloatGemm#multiplyAdd(int, int, float[], int, int, int, float[][], int, float[][], int, int, int)} for
   * {@code m} a multiple of 4 and {@code j1 − j0} a multiple of {@link #WIDTH}.
   */
  static void flat(int m, int k, float[] a, int aOff, int ars, int acs, float[][] b, int bRow, float[][] c, int cRow,
      int j0, int j1) {
    int l = S.length();
    for (int p0 = 0; p0 < k; p0 += PANEL) {
      int pEnd = Math.min(k, p0 + PANEL);
      for (int j = j0; j < j1; j += WIDTH) {
        for (int i = 0; i < m; i += 4) {
          float[] r0 = c[cRow + i];
          float[] r1 = c[cRow + i + 1];
          float[] r2 = c[cRow + i + 2];
          float[] r3 = c[cRow + i + 3];
          FloatVector c00 = FloatVector.fromArray(S, r0, j);
          FloatVector c01 = FloatVector.fromArray(S, r0, j + l);
          FloatVector c10 = FloatVector.fromArray(S, r1, j);
          FloatVector c11 = FloatVector.fromArray(S, r1, j + l);
          FloatVector c20 = FloatVector.fromArray(S, r2, j);
          FloatVector c21 = FloatVector.fromArray(S, r2, j + l);
          FloatVector c30 = FloatVector.fromArray(S, r3, j);
          FloatVector c31 = FloatVector.fromArray(S, r3, j + l);
          int a0 = aOff + i * ars;
          for (int p = p0; p < pEnd; p++) {
            float[] bp = b[bRow + p];
            FloatVector b0 = FloatVector.fromArray(S, bp, j);
            FloatVector b1 = FloatVector.fromArray(S, bp, j + l);
            int q = a0 + p * acs;
            FloatVector x = FloatVector.broadcast(S, a[q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[q + ars]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[q + 2 * ars]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[q + 3 * ars]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
          }
          c00.intoArray(r0, j);
          c01.intoArray(r0, j + l);
          c10.intoArray(r1, j);
          c11.intoArray(r1, j + l);
          c20.intoArray(r2, j);
          c21.intoArray(r2, j + l);
          c30.intoArray(r3, j);
          c31.intoArray(r3, j + l);
        }
      }
    }
  }

  /** The rows-A variant of {@link #flat}: {@code A(i,p) = a[aRow+i][aCol+p]} or, transposed, {@code a[aRow+p][aCol+i]}. */
  static void rows(int m, int k, float[][] a, int aRow, int aCol, boolean transposeA, float[][] b, int bRow,
      float[][] c, int cRow, int j0, int j1) {
    int l = S.length();
    for (int p0 = 0; p0 < k; p0 += PANEL) {
      int pEnd = Math.min(k, p0 + PANEL);
      for (int j = j0; j < j1; j += WIDTH) {
        for (int i = 0; i < m; i += 4) {
          float[] r0 = c[cRow + i];
          float[] r1 = c[cRow + i + 1];
          float[] r2 = c[cRow + i + 2];
          float[] r3 = c[cRow + i + 3];
          FloatVector c00 = FloatVector.fromArray(S, r0, j);
          FloatVector c01 = FloatVector.fromArray(S, r0, j + l);
          FloatVector c10 = FloatVector.fromArray(S, r1, j);
          FloatVector c11 = FloatVector.fromArray(S, r1, j + l);
          FloatVector c20 = FloatVector.fromArray(S, r2, j);
          FloatVector c21 = FloatVector.fromArray(S, r2, j + l);
          FloatVector c30 = FloatVector.fromArray(S, r3, j);
          FloatVector c31 = FloatVector.fromArray(S, r3, j + l);
          float[] a0 = transposeA ? null : a[aRow + i];
          float[] a1 = transposeA ? null : a[aRow + i + 1];
          float[] a2 = transposeA ? null : a[aRow + i + 2];
          float[] a3 = transposeA ? null : a[aRow + i + 3];
          for (int p = p0; p < pEnd; p++) {
            float[] bp = b[bRow + p];
            FloatVector b0 = FloatVector.fromArray(S, bp, j);
            FloatVector b1 = FloatVector.fromArray(S, bp, j + l);
            float x0;
            float x1;
            float x2;
            float x3;
            if (transposeA) {
              float[] ap = a[aRow + p];
              x0 = ap[aCol + i];
              x1 = ap[aCol + i + 1];
              x2 = ap[aCol + i + 2];
              x3 = ap[aCol + i + 3];
            } else {
              x0 = a0[aCol + p];
              x1 = a1[aCol + p];
              x2 = a2[aCol + p];
              x3 = a3[aCol + p];
            }
            FloatVector x = FloatVector.broadcast(S, x0);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, x1);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, x2);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, x3);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
          }
          c00.intoArray(r0, j);
          c01.intoArray(r0, j + l);
          c10.intoArray(r1, j);
          c11.intoArray(r1, j + l);
          c20.intoArray(r2, j);
          c21.intoArray(r2, j + l);
          c30.intoArray(r3, j);
          c31.intoArray(r3, j + l);
        }
      }
    }
  }
}
