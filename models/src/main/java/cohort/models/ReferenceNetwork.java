package cohort.models;

/**
 * The double-precision twin of a {@link Network}, one trial and one step at a time: the cell's textbook equations
 * ({@link Cell.Reference}: the map {@code F(h, x)}, its analytic Jacobian and one backward step), driven here into a
 * forward pass over a batch with the readout, backpropagation through time giving the exact gradient of a loss
 * with respect to the flat parameter vector, and the {@link ReferenceCell} view that analysis reads. Finite
 * differences check this class; this class checks the fast float kernels; analysis (fixed points, linearisation,
 * spectra) reads it. The view also has batched kernels ({@link ReferenceCell#stepBatch},
 * {@link ReferenceCell#jacobianTransposeTimesBatch}, {@link ReferenceCell#residualGradientBatch}) that run the
 * recurrent products of many states as one matrix product around the cell's {@link Cell.BatchKernels}, for the
 * fixed-point search ({@link BatchedReference}). Knows no cell by name. Immutable and thread-safe.
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
  private final java.util.concurrent.atomic.AtomicReferenceArray<BatchedReference> kernels =
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
  private BatchedReference batched(int kind) {
    BatchedReference b = kernels.get(kind);
    if (b == null) {
      boolean blas = kind != JAVA && cohort.models.linalg.OpenBlas.available();
      kernels.compareAndSet(kind, null, new BatchedReference(spec, layout, equations, blas, kind == SINGLE));
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
    return forward(inputs, steps, batch, null);
  }

  /**
   * Forward pass over inputs {@code [T][B][I]} from the given initial states, without noise.
   *
   * @param initialStates {@code [B][S]} full states (the LSTM's {@code [h; c]}) the trials start from, or
   *     {@code null} for {@code h_0 = 0}; not modified
   */
  public Trajectory forward(double[] inputs, int steps, int batch, double[] initialStates) {
    int in = layout.inputs();
    int n = layout.hidden();
    int o = layout.outputs();
    int s = stateSize();
    checkInputs(inputs, steps, batch);
    if (initialStates != null && initialStates.length != batch * s) {
      throw new IllegalArgumentException("initial states: length " + initialStates.length + " is not accepted; need "
          + "B·S = " + batch + "·" + s + " = " + batch * s);
    }
    double[] states = new double[steps * batch * s];
    double[] hidden = new double[steps * batch * n];
    double[] outputs = new double[steps * batch * o];
    double[] h = new double[s];
    double[] next = new double[s];
    double[] x = new double[in];
    double[] out = new double[o];
    for (int b = 0; b < batch; b++) {
      if (initialStates == null) {
        java.util.Arrays.fill(h, 0.0);
      } else {
        System.arraycopy(initialStates, b * s, h, 0, s);
      }
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
      batched(blas ? BLAS : JAVA).run(BatchedReference.VJP, 1, h, x, v, out, null);
    }

    @Override
    public void stepBatch(int count, double[] h, double[] x, double[] next) {
      batched(blas ? BLAS : JAVA).run(BatchedReference.STEP, count, h, x, null, next, null);
    }

    @Override
    public void jacobianTransposeTimesBatch(int count, double[] h, double[] x, double[] v, double[] out) {
      batched(blas ? BLAS : JAVA).run(BatchedReference.VJP, count, h, x, v, out, null);
    }

    @Override
    public void residualGradientBatch(int count, double[] h, double[] x, double[] residual, double[] gradient) {
      batched(blas ? BLAS : JAVA).run(BatchedReference.RESIDUAL, count, h, x, null, residual, gradient);
    }

    @Override
    public void residualGradientBatchSingle(int count, double[] h, double[] x, double[] residual,
        double[] gradient) {
      batched(SINGLE).run(BatchedReference.RESIDUAL, count, h, x, null, residual, gradient);
    }
  }
}
