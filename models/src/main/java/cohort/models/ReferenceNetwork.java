package cohort.models;

import java.util.Arrays;

/**
 * The double-precision twin of a {@link Network}, one trial and one step at a time: the cell's textbook equations
 * ({@link Cell.Reference}: the map {@code F(h, x)}, its analytic Jacobian and one backward step), driven here into a
 * forward pass over a batch with the readout, backpropagation through time giving the exact gradient of a loss
 * with respect to the flat parameter vector, and the {@link ReferenceCell} view that analysis reads. Finite
 * differences check this class; this class checks the fast float kernels; analysis (fixed points, linearisation,
 * spectra) reads it. The view also has batched kernels ({@link ReferenceCell#stepBatch},
 * {@link ReferenceCell#jacobianTransposeTimesBatch}, {@link ReferenceCell#residualGradientBatch}) that run the
 * recurrent products of many states as one matrix product around the cell's {@link Cell.BatchKernels}, for the
 * fixed-point search. Knows no cell by name. Immutable and thread-safe.
 */
public final class ReferenceNetwork {

  /**
   * A forward pass in double.
   *
   * @param states full states {@code [T][B][S]} (S = 2N for the LSTM: {@code [h; c]})
   * @param hidden what the readout reads, {@code [T][B][N]}
   * @param outputs readout {@code [T][B][O]}
   */
  public record Trajectory(int steps, int batch, double[] states, double[] hidden, double[] outputs) {
  }

  private final NetworkSpec spec;
  private final Layout layout;
  private final double[] p;
  private final Cell.Reference equations;
  private final View cell;
  private final View javaCell;
  /** The packed weights of the batched kernels, built on first use (a cache; the network stays immutable). */
  private final java.util.concurrent.atomic.AtomicReferenceArray<Batched> kernels =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(3);
  /** Indices into {@link #kernels}: OpenBLAS when it loads, pure Java, single-precision activations. */
  private static final int BLAS = 0;
  private static final int JAVA = 1;
  private static final int SINGLE = 2;

  private ReferenceNetwork(NetworkSpec spec, double[] p) {
    this.spec = spec;
    this.layout = new Layout(spec);
    this.p = p;
    this.equations = spec.architecture().reference(layout, p);
    this.cell = new View(true);
    this.javaCell = new View(false);
  }

  /** A reference network over a copy of {@code parameters} (layout {@link Network#layout(NetworkSpec)}). */
  public static ReferenceNetwork of(NetworkSpec spec, double[] parameters) {
    if (spec == null) {
      throw new IllegalArgumentException("spec: missing");
    }
    int size = new Layout(spec).size();
    if (parameters == null || parameters.length != size) {
      throw new IllegalArgumentException("parameters: length " + (parameters == null ? "null" : parameters.length)
          + " is not accepted; this spec needs exactly " + size);
    }
    return new ReferenceNetwork(spec, parameters.clone());
  }

  public NetworkSpec spec() {
    return spec;
  }

  /**
   * The cell map {@code F}, its Jacobian and its batched kernels ({@link ReferenceCell#stepBatch} etc.: OpenBLAS's
   * {@code cblas_dgemm} when {@link cohort.models.linalg.OpenBlas#available()}, else pure-Java loops).
   */
  public ReferenceCell cell() {
    return cell;
  }

  /** The same cell with the pure-Java batched kernels whatever OpenBLAS's state (for tests and comparisons). */
  ReferenceCell javaCell() {
    return javaCell;
  }

  /** The batched kernels of one kind, built on first use (two threads may both build; one copy is kept). */
  private Batched batched(int kind) {
    Batched b = kernels.get(kind);
    if (b == null) {
      boolean blas = kind != JAVA && cohort.models.linalg.OpenBlas.available();
      kernels.compareAndSet(kind, null, new Batched(blas, kind == SINGLE));
      b = kernels.get(kind);
    }
    return b;
  }

  /** A copy of the parameters. */
  public double[] parameters() {
    return p.clone();
  }

  /** The parameters as float (what {@link Network#of} takes). */
  public float[] floatParameters() {
    float[] f = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      f[i] = (float) p[i];
    }
    return f;
  }

  /** The named parameter blocks. */
  public java.util.List<ParameterBlock> blocks() {
    return layout.blocks();
  }

  /** Length of the state vector. */
  public int stateSize() {
    return spec.stateSize();
  }

  /**
   * The effective recurrent matrix {@code W_eff} ({@code N × N}, row-major, {@code [post][pre]}) of a cell with a
   * single one: what multiplies {@code h} in the forward pass (after Dale signs, the g/√N scale or {@code M Nᵀ/N}).
   *
   * @throws UnsupportedOperationException for gated cells (read their blocks instead)
   */
  public double[] effectiveRecurrentWeights() {
    double[] w = equations.effectiveRecurrentWeights();
    if (w == null) {
      throw new UnsupportedOperationException("effective recurrent weights: " + spec.architecture().id()
          + " has no single recurrent matrix; read its recurrent blocks (e.g. W_hz) instead");
    }
    return w;
  }

  /** Whether the cell has a single effective recurrent matrix ({@link #effectiveRecurrentWeights()}). */
  public boolean hasEffectiveRecurrentWeights() {
    return equations.effectiveRecurrentWeights() != null;
  }

  /** The readout {@code W_out h + b_out} of a state (the LSTM reads the {@code h} half of {@code [h; c]}). */
  public double[] readout(double[] state) {
    double[] out = new double[spec.outputs()];
    readout(state, out);
    return out;
  }

  /** The readout into {@code out} (length O; modified). */
  public void readout(double[] state, double[] out) {
    int n = layout.hidden();
    int o = layout.outputs();
    int outW = layout.readoutWeights();
    for (int q = 0; q < o; q++) {
      double v = p[layout.readoutBias() + q];
      for (int k = 0; k < n; k++) {
        v += layout.readoutWeight(p[outW + k * o + q], k) * state[k];
      }
      out[q] = v;
    }
  }

  /** Forward pass over float inputs {@code [T][B][I]} (converted to double). */
  public Trajectory forward(float[] inputs, int steps, int batch) {
    double[] x = new double[steps * batch * layout.inputs()];
    for (int i = 0; i < x.length; i++) {
      x[i] = inputs[i];
    }
    return forward(x, steps, batch);
  }

  /** Forward pass over inputs {@code [T][B][I]} from {@code h_0 = 0}, without noise. */
  public Trajectory forward(double[] inputs, int steps, int batch) {
    int in = layout.inputs();
    int n = layout.hidden();
    int o = layout.outputs();
    int s = stateSize();
    checkInputs(inputs, steps, batch);
    double[] states = new double[steps * batch * s];
    double[] hidden = new double[steps * batch * n];
    double[] outputs = new double[steps * batch * o];
    double[] h = new double[s];
    double[] next = new double[s];
    double[] x = new double[in];
    double[] out = new double[o];
    for (int b = 0; b < batch; b++) {
      java.util.Arrays.fill(h, 0.0);
      for (int t = 0; t < steps; t++) {
        System.arraycopy(inputs, (t * batch + b) * in, x, 0, in);
        equations.step(h, x, next);
        System.arraycopy(next, 0, h, 0, s);
        int m = t * batch + b;
        System.arraycopy(h, 0, states, m * s, s);
        System.arraycopy(h, 0, hidden, m * n, n);
        readout(h, out);
        System.arraycopy(out, 0, outputs, m * o, o);
      }
    }
    return new Trajectory(steps, batch, states, hidden, outputs);
  }

  private void checkInputs(double[] inputs, int steps, int batch) {
    if (steps < 1 || batch < 1) {
      throw new IllegalArgumentException("steps, batch: " + steps + ", " + batch + " is not accepted; both must be ≥ 1");
    }
    if (inputs == null || inputs.length < steps * batch * layout.inputs()) {
      throw new IllegalArgumentException("inputs: length " + (inputs == null ? "null" : inputs.length)
          + " is not accepted; need T·B·I = " + steps * batch * layout.inputs());
    }
  }

  /**
   * The masked mean squared error {@code L = Σ m (o − y)² / Σ m} over {@code [T][B][O]} (0 when Σ m = 0) of a
   * forward pass, and optionally its gradient.
   *
   * @param gradient {@code ∂L/∂θ} (length of the parameter vector; overwritten) or {@code null}
   */
  public double maskedMse(double[] inputs, double[] targets, double[] mask, int steps, int batch, double[] gradient) {
    Trajectory tr = forward(inputs, steps, batch);
    int len = steps * batch * layout.outputs();
    double wsum = 0;
    for (int i = 0; i < len; i++) {
      wsum += mask[i];
    }
    double loss = 0;
    double[] dOut = new double[len];
    if (wsum > 0) {
      for (int i = 0; i < len; i++) {
        double e = tr.outputs()[i] - targets[i];
        loss += mask[i] * e * e;
        dOut[i] = 2.0 * mask[i] * e / wsum;
      }
      loss /= wsum;
    }
    if (gradient != null) {
      double[] g = backward(inputs, dOut, null, steps, batch);
      System.arraycopy(g, 0, gradient, 0, g.length);
    }
    return loss;
  }

  /**
   * Backpropagation through time, one trial at a time: {@code ∂L/∂θ} given {@code ∂L/∂o} ({@code [T][B][O]}) and an
   * optional extra {@code ∂L/∂h} ({@code [T][B][N]}, or {@code null}).
   */
  public double[] backward(double[] inputs, double[] dOutputs, double[] dHidden, int steps, int batch) {
    checkInputs(inputs, steps, batch);
    int in = layout.inputs();
    int n = layout.hidden();
    int o = layout.outputs();
    int s = stateSize();
    int outW = layout.readoutWeights();
    int outB = layout.readoutBias();
    Trajectory tr = forward(inputs, steps, batch);
    double[] grad = new double[p.length];
    double[] acc = equations.accumulator();
    double[] delta = new double[s];
    double[] prevDelta = new double[s];
    double[] hPrev = new double[s];
    double[] x = new double[in];
    for (int b = 0; b < batch; b++) {
      java.util.Arrays.fill(delta, 0.0);
      for (int t = steps - 1; t >= 0; t--) {
        int m = t * batch + b;
        for (int q = 0; q < o; q++) {
          double d = dOutputs[m * o + q];
          grad[outB + q] += d;
          for (int k = 0; k < n; k++) {
            double raw = p[outW + k * o + q];
            grad[outW + k * o + q] += d * tr.states()[m * s + k] * layout.readoutChain(raw, k);
            delta[k] += layout.readoutWeight(raw, k) * d;
          }
        }
        if (dHidden != null) {
          for (int k = 0; k < n; k++) {
            delta[k] += dHidden[m * n + k];
          }
        }
        if (t > 0) {
          System.arraycopy(tr.states(), (m - batch) * s, hPrev, 0, s);
        } else {
          java.util.Arrays.fill(hPrev, 0.0);
        }
        System.arraycopy(inputs, m * in, x, 0, in);
        equations.backStep(hPrev, x, delta, prevDelta, grad, acc);
        System.arraycopy(prevDelta, 0, delta, 0, s);
      }
    }
    if (acc != null) {
      equations.finish(acc, grad);
    }
    return grad;
  }

  /** The {@link ReferenceCell} view. */
  private final class View implements ReferenceCell {
    private final boolean blas;

    View(boolean blas) {
      this.blas = blas;
    }

    @Override
    public int stateSize() {
      return spec.stateSize();
    }

    @Override
    public int inputSize() {
      return layout.inputs();
    }

    @Override
    public boolean continuousTime() {
      return spec.architecture().continuousTime();
    }

    @Override
    public double alpha() {
      return spec.alpha();
    }

    @Override
    public void step(double[] h, double[] x, double[] next) {
      equations.step(h, x, next);
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jacobian) {
      equations.jacobian(h, x, jacobian);
    }

    /** The one-row case of {@link #jacobianTransposeTimesBatch} (the same bits as that row in any batch). */
    @Override
    public void jacobianTransposeTimes(double[] h, double[] x, double[] v, double[] out) {
      batched(blas ? BLAS : JAVA).run(Batched.VJP, 1, h, x, v, out, null);
    }

    @Override
    public void stepBatch(int count, double[] h, double[] x, double[] next) {
      batched(blas ? BLAS : JAVA).run(Batched.STEP, count, h, x, null, next, null);
    }

    @Override
    public void jacobianTransposeTimesBatch(int count, double[] h, double[] x, double[] v, double[] out) {
      batched(blas ? BLAS : JAVA).run(Batched.VJP, count, h, x, v, out, null);
    }

    @Override
    public void residualGradientBatch(int count, double[] h, double[] x, double[] residual, double[] gradient) {
      batched(blas ? BLAS : JAVA).run(Batched.RESIDUAL, count, h, x, null, residual, gradient);
    }

    @Override
    public void residualGradientBatchSingle(int count, double[] h, double[] x, double[] residual,
        double[] gradient) {
      batched(SINGLE).run(Batched.RESIDUAL, count, h, x, null, residual, gradient);
    }
  }

  /**
   * The batched kernels of the cell: per block of {@link #BLOCK} rows, the recurrent products of all gates as one
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
  private final class Batched {
    static final int STEP = Cell.BatchKernels.STEP;
    static final int VJP = Cell.BatchKernels.VJP;
    static final int RESIDUAL = Cell.BatchKernels.RESIDUAL;
    /** Rows per matrix product. */
    static final int BLOCK = 32;

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
    /** {@code W_f}, {@code [N][G·N]}, and {@code W_b = W_fᵀ}, {@code [G·N][N]}. */
    private final double[] wf;
    private final double[] wb;
    /** Off-heap copies of {@code wf}, {@code wb} (OpenBLAS path) and their pointers, never repositioned. */
    private final java.nio.DoubleBuffer wfOff;
    private final java.nio.DoubleBuffer wbOff;
    private final org.bytedeco.javacpp.DoublePointer wfPtr;
    private final org.bytedeco.javacpp.DoublePointer wbPtr;
    private final ThreadLocal<Scratch> scratch;

    Batched(boolean blas, boolean single) {
      this.kernels = equations.batched();
      this.blas = blas && kernels != null;
      this.math = new BatchMath(spec.activation(), single);
      this.n = layout.hidden();
      this.s = spec.stateSize();
      int gates = kernels == null ? 0 : kernels.blocks();
      this.gn = gates * n;
      this.wf = new double[n * gn];
      this.wb = new double[gn * n];
      for (int g = 0; g < gates; g++) {
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            double w = kernels.weight(g, j, k);
            wf[k * gn + g * n + j] = w;
            wb[(g * n + j) * n + k] = w;
          }
        }
      }
      this.wfOff = this.blas ? direct(wf.length) : null;
      this.wbOff = this.blas ? direct(wb.length) : null;
      if (this.blas) {
        wfOff.put(0, wf);
        wbOff.put(0, wb);
      }
      this.wfPtr = this.blas ? new org.bytedeco.javacpp.DoublePointer(wfOff) : null;
      this.wbPtr = this.blas ? new org.bytedeco.javacpp.DoublePointer(wbOff) : null;
      this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    /** Per-thread scratch: {@code BLOCK} rows of each operand, on the heap and (for OpenBLAS) off it. */
    private final class Scratch {
      final double[] xd = new double[gn];
      final double[] hb = new double[BLOCK * n];
      final double[] pre = new double[BLOCK * gn];
      final double[] d = new double[BLOCK * gn];
      final double[] prev = new double[BLOCK * n];
      final double[] diag = new double[BLOCK * s];
      /** Row by row: one state, one output, one vector. */
      final double[] row = new double[kernels == null ? s : 0];
      final double[] rowOut = new double[kernels == null ? s : 0];
      final double[] rowV = new double[kernels == null ? s : 0];
      final java.nio.DoubleBuffer hOff;
      final java.nio.DoubleBuffer preOff;
      final java.nio.DoubleBuffer dOff;
      final java.nio.DoubleBuffer prevOff;
      final org.bytedeco.javacpp.DoublePointer hPtr;
      final org.bytedeco.javacpp.DoublePointer prePtr;
      final org.bytedeco.javacpp.DoublePointer dPtr;
      final org.bytedeco.javacpp.DoublePointer prevPtr;

      Scratch() {
        hOff = blas ? direct(BLOCK * n) : null;
        preOff = blas ? direct(BLOCK * gn) : null;
        dOff = blas ? direct(BLOCK * gn) : null;
        prevOff = blas ? direct(BLOCK * n) : null;
        hPtr = blas ? new org.bytedeco.javacpp.DoublePointer(hOff) : null;
        prePtr = blas ? new org.bytedeco.javacpp.DoublePointer(preOff) : null;
        dPtr = blas ? new org.bytedeco.javacpp.DoublePointer(dOff) : null;
        prevPtr = blas ? new org.bytedeco.javacpp.DoublePointer(prevOff) : null;
      }
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
          System.arraycopy(h, (start + b) * s, sc.hb, b * n, n);
        }
        if (blas) {
          Arrays.fill(sc.hb, rows * n, BLOCK * n, 0.0);
          sc.hOff.put(0, sc.hb, 0, BLOCK * n);
          dgemm(BLOCK, gn, n, sc.hPtr, wfPtr, sc.prePtr);
          sc.preOff.get(0, sc.pre, 0, rows * gn);
        } else {
          gemm(rows, gn, n, sc.hb, wf, sc.pre);
        }
        kernels.elementwise(mode, rows, start, h, v, o1, sc.pre, sc.xd, sc.d, sc.diag, math);
        if (mode == STEP) {
          continue;
        }
        if (blas) {
          Arrays.fill(sc.d, rows * gn, BLOCK * gn, 0.0);
          sc.dOff.put(0, sc.d, 0, BLOCK * gn);
          dgemm(BLOCK, n, gn, sc.dPtr, wbPtr, sc.prevPtr);
          sc.prevOff.get(0, sc.prev, 0, rows * n);
        } else {
          gemm(rows, n, gn, sc.d, wb, sc.prev);
        }
        double[] out = mode == VJP ? o1 : o2;
        for (int b = 0; b < rows; b++) {
          int base = (start + b) * s;
          int db = b * s;
          int pb = b * n;
          for (int k = 0; k < n; k++) {
            out[base + k] = sc.prev[pb + k] + sc.diag[db + k];
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
