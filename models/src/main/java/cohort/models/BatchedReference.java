package cohort.models;

import java.util.Arrays;

/**
 * The batched double kernels behind {@link ReferenceNetwork#cell()}'s {@link ReferenceCell#stepBatch},
 * {@link ReferenceCell#jacobianTransposeTimesBatch} and {@link ReferenceCell#residualGradientBatch}, cell-agnostic: per
 * block of {@link #BLOCK} rows, the recurrent products of all gates as one
 * matrix product {@code P = H·W_f} ({@code W_f[k][g·N + j] = W_g[j][k]}, {@code H} the rows' {@code h} parts), the
 * cell's gates element-wise ({@link Cell.BatchKernels#elementwise}), and for the vector–Jacobian product the
 * gate-space gradients {@code D} and {@code Jᵀv = D·W_b + diag} ({@code W_b = W_fᵀ}; {@code diag} the direct paths
 * such as GRU's {@code z⊙v} or the LSTM's {@code c} part). A cell without batch kernels
 * ({@link Cell.Reference#batched()} is {@code null}) is run row by row through its {@code step} and
 * {@code backStep}.
 *
 * <p>Determinism: with OpenBLAS every product has the fixed shape {@code BLOCK × …} (a last partial block is padded
 * with zero rows), because {@code cblas_dgemm}'s result for one row can change with the row count {@code m}
 * (seen with OpenBLAS 0.3.26 on an AMD EPYC: 165 of 350 sub-batches of a 64 × 128 · 128 × 384 product differed in
 * some bit) but not with the row's position in a fixed-shape product; the pure-Java loops accumulate each row in a
 * fixed order. So a row's result never depends on the other rows, its position or the count. Shared by all
 * threads: the packed weights are read-only (OpenBLAS reads them off the heap), the scratch is per thread
 * ({@link ThreadLocal}, fixed size {@code BLOCK} rows, allocated once per thread and cell).
 */
final class BatchedReference {
  static final int STEP = Cell.BatchKernels.STEP;
  static final int VJP = Cell.BatchKernels.VJP;
  static final int RESIDUAL = Cell.BatchKernels.RESIDUAL;
  /** Rows per matrix product. */
  static final int BLOCK = 32;

  private final Layout layout;
  private final Cell.Reference equations;
  private final boolean blas;
  /** The cell's element-wise part, or {@code null} (row by row through the single-state equations). */
  private final Cell.BatchKernels kernels;
  /**
   * Single-precision activations ({@link ReferenceCell#residualGradientBatchSingle}), see {@link BatchMath}; the
   * products stay in double: OpenBLAS's sgemm on this class of CPU (AMD EPYC, 0.3.26) gives a row different bits
   * at different row positions of the same product, which would make a row's result depend on its neighbours.
   */
  private final BatchMath math;
  private final int n;
  private final int s;
  private final int gn;
  /** {@code W_f}, {@code [N][G·N]}, and {@code W_b = W_fᵀ}, {@code [G·N][N]}; written once, then read-only. */
  private final Operand wf;
  private final Operand wb;
  private final ThreadLocal<Scratch> scratch;

  /** The kernels of one cell's equations: OpenBLAS's {@code cblas_dgemm} ({@code blas}) or pure Java. */
  BatchedReference(NetworkSpec spec, Layout layout, Cell.Reference equations, boolean blas, boolean single) {
    this.layout = layout;
    this.equations = equations;
    this.kernels = equations.batched();
    this.blas = blas && kernels != null;
    this.math = new BatchMath(spec.activation(), single);
    this.n = layout.hidden();
    this.s = spec.stateSize();
    int gates = kernels == null ? 0 : kernels.blocks();
    this.gn = gates * n;
    this.wf = new Operand(n * gn, this.blas);
    this.wb = new Operand(gn * n, this.blas);
    for (int g = 0; g < gates; g++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          double w = kernels.weight(g, j, k);
          wf.heap[k * gn + g * n + j] = w;
          wb.heap[(g * n + j) * n + k] = w;
        }
      }
    }
    if (this.blas) {
      wf.off.put(0, wf.heap);
      wb.off.put(0, wb.heap);
    }
    this.scratch = ThreadLocal.withInitial(Scratch::new);
  }

  /**
   * A row-major matrix on the heap and, on the OpenBLAS path, its off-heap copy and that copy's pointer (never
   * repositioned; both {@code null} in pure Java).
   */
  private static final class Operand {
    final double[] heap;
    final java.nio.DoubleBuffer off;
    final org.bytedeco.javacpp.DoublePointer ptr;

    Operand(int length, boolean blas) {
      this.heap = new double[length];
      this.off = blas ? direct(length) : null;
      this.ptr = blas ? new org.bytedeco.javacpp.DoublePointer(off) : null;
    }
  }

  /** Per-thread scratch: {@code BLOCK} rows of each operand, on the heap and (for OpenBLAS) off it. */
  private final class Scratch {
    final double[] xd = new double[gn];
    final Operand hb = new Operand(BLOCK * n, blas);
    final Operand pre = new Operand(BLOCK * gn, blas);
    final Operand d = new Operand(BLOCK * gn, blas);
    final Operand prev = new Operand(BLOCK * n, blas);
    final double[] diag = new double[BLOCK * s];
    /** Row by row: one state, one output, one vector. */
    final double[] row = new double[kernels == null ? s : 0];
    final double[] rowOut = new double[kernels == null ? s : 0];
    final double[] rowV = new double[kernels == null ? s : 0];
  }

  /**
   * The kernel behind the batched methods. {@code STEP}: {@code o1 = F(h)}; {@code VJP}: {@code o1 = Jᵀ v};
   * {@code RESIDUAL}: {@code o1 = F(h) − h}, {@code o2 = Jᵀ o1 − o1}.
   */
  void run(int mode, int count, double[] h, double[] x, double[] v, double[] o1, double[] o2) {
    int len = count * s;
    if (count < 0 || h == null || h.length < len || x == null || x.length < layout.inputs() || o1 == null
        || o1.length < len || (mode == VJP && (v == null || v.length < len))
        || (mode == RESIDUAL && (o2 == null || o2.length < len))) {
      throw new IllegalArgumentException("batched cell call: count " + count + " with arrays of lengths h "
          + (h == null ? "null" : h.length) + ", x " + (x == null ? "null" : x.length) + " is not accepted; "
          + "need count ≥ 0, every state array ≥ count·S = " + len + " and x ≥ " + layout.inputs());
    }
    Scratch sc = scratch.get();
    if (kernels == null) {
      rows(mode, count, h, x, v, o1, o2, sc);
      return;
    }
    kernels.inputDrive(x, sc.xd);
    for (int start = 0; start < count; start += BLOCK) {
      int rows = Math.min(BLOCK, count - start);
      for (int b = 0; b < rows; b++) {
        System.arraycopy(h, (start + b) * s, sc.hb.heap, b * n, n);
      }
      product(rows, gn, n, sc.hb, wf, sc.pre);
      kernels.elementwise(mode, rows, start, h, v, o1, sc.pre.heap, sc.xd, sc.d.heap, sc.diag, math);
      if (mode == STEP) {
        continue;
      }
      product(rows, n, gn, sc.d, wb, sc.prev);
      double[] out = mode == VJP ? o1 : o2;
      double[] prev = sc.prev.heap;
      for (int b = 0; b < rows; b++) {
        int base = (start + b) * s;
        int db = b * s;
        int pb = b * n;
        for (int k = 0; k < n; k++) {
          out[base + k] = prev[pb + k] + sc.diag[db + k];
        }
        for (int k = n; k < s; k++) {
          out[base + k] = sc.diag[db + k];
        }
        if (mode == RESIDUAL) {
          for (int k = 0; k < s; k++) {
            out[base + k] -= o1[base + k];
          }
        }
      }
    }
  }

  /** {@link #run} row by row through the cell's {@code step} and {@code backStep} (no batch kernels). */
  private void rows(int mode, int count, double[] h, double[] x, double[] v, double[] o1, double[] o2,
      Scratch sc) {
    for (int b = 0; b < count; b++) {
      int base = b * s;
      System.arraycopy(h, base, sc.row, 0, s);
      if (mode == VJP) {
        System.arraycopy(v, base, sc.rowV, 0, s);
        equations.backStep(sc.row, x, sc.rowV, sc.rowOut, null, null);
        System.arraycopy(sc.rowOut, 0, o1, base, s);
        continue;
      }
      equations.step(sc.row, x, sc.rowOut);
      if (mode == STEP) {
        System.arraycopy(sc.rowOut, 0, o1, base, s);
        continue;
      }
      for (int k = 0; k < s; k++) {
        sc.rowV[k] = sc.rowOut[k] - sc.row[k];
      }
      System.arraycopy(sc.rowV, 0, o1, base, s);
      equations.backStep(sc.row, x, sc.rowV, sc.rowOut, null, null);
      for (int k = 0; k < s; k++) {
        o2[base + k] = sc.rowOut[k] - sc.rowV[k];
      }
    }
  }

  /**
   * {@code c = a·b} for the block's first {@code rows} rows of {@code a} ({@code inner} columns) and {@code b}
   * ({@code inner × cols}): through OpenBLAS at the fixed shape {@code BLOCK × inner} ({@code a}'s rows past
   * {@code rows} zeroed), or in Java over the {@code rows} rows alone.
   */
  private void product(int rows, int cols, int inner, Operand a, Operand b, Operand c) {
    if (blas) {
      Arrays.fill(a.heap, rows * inner, BLOCK * inner, 0.0);
      a.off.put(0, a.heap, 0, BLOCK * inner);
      dgemm(BLOCK, cols, inner, a.ptr, b.ptr, c.ptr);
      c.off.get(0, c.heap, 0, rows * cols);
    } else {
      gemm(rows, cols, inner, a.heap, b.heap, c.heap);
    }
  }

  /** {@code c[m×nc] = a[m×k]·b[k×nc]}, row-major, each row accumulated over {@code k} in order. */
  private static void gemm(int m, int nc, int k, double[] a, double[] b, double[] c) {
    for (int i = 0; i < m; i++) {
      int co = i * nc;
      int ao = i * k;
      java.util.Arrays.fill(c, co, co + nc, 0.0);
      for (int q = 0; q < k; q++) {
        double av = a[ao + q];
        int bo = q * nc;
        for (int j = 0; j < nc; j++) {
          c[co + j] += av * b[bo + j];
        }
      }
    }
  }

  /** {@code c ← a·b} through OpenBLAS ({@code m×k} times {@code k×nc}, row-major, packed). */
  private static void dgemm(int m, int nc, int k, org.bytedeco.javacpp.DoublePointer a,
      org.bytedeco.javacpp.DoublePointer b, org.bytedeco.javacpp.DoublePointer c) {
    org.bytedeco.openblas.global.openblas.cblas_dgemm(org.bytedeco.openblas.global.openblas.CblasRowMajor,
        org.bytedeco.openblas.global.openblas.CblasNoTrans, org.bytedeco.openblas.global.openblas.CblasNoTrans,
        m, nc, k, 1.0, a, k, b, nc, 0.0, c, nc);
  }

  private static java.nio.DoubleBuffer direct(int length) {
    return java.nio.ByteBuffer.allocateDirect(8 * length).order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
  }
}
