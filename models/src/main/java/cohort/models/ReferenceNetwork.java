package cohort.models;

/**
 * The double-precision twin of a {@link Network}, written as the textbook equations, one trial and one step at a
 * time: the cell map {@code F(h, x)} and its analytic Jacobian (through {@link #cell()}), the readout, a forward
 * pass over a batch, and backpropagation through time giving the exact gradient of a loss with respect to the
 * flat parameter vector. Finite differences check this class; this class checks the fast float kernels; analysis
 * (fixed points, linearisation, spectra) reads it. Immutable and thread-safe.
 *
 * <p>Equations (σ the activation, s the logistic sigmoid, weights in mathematical orientation {@code W[post][pre]}):
 * <ul>
 *   <li>vanilla/ctrnn/scaled-ctrnn/low-rank: {@code h' = (1−α) h + α σ(W_eff h + U x + b)} with {@code W_eff = W},
 *       {@code |W̃| D} (Dale, D = diag(±1) by presynaptic unit), {@code (g/√N)·(…)} (scaled), {@code M Nᵀ/N}
 *       (low-rank); α = 1 for vanilla;</li>
 *   <li>ugrnn: {@code g = s(W_g h + U_g x + b_g)}, {@code c = σ(W_c h + U_c x + b_c)}, {@code h' = g⊙h + (1−g)⊙c};</li>
 *   <li>gru: {@code r = s(U_r x + b_ir + W_r h + b_hr)}, {@code z = s(…)}, {@code n = σ(U_n x + b_in + r⊙(W_n h + b_hn))},
 *       {@code h' = (1−z)⊙n + z⊙h};</li>
 *   <li>lstm: {@code i, f, o = s(…)}, {@code g = σ(…)} (each {@code U x + b_i + W h + b_h}),
 *       {@code c' = f⊙c + i⊙g}, {@code h' = o⊙σ(c')}; state {@code [h; c]}.</li>
 * </ul>
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
  private final double[] weff;
  private final Cell cell;

  private ReferenceNetwork(NetworkSpec spec, double[] p) {
    this.spec = spec;
    this.layout = new Layout(spec);
    this.p = p;
    this.weff = spec.architecture().gated() ? null : effective();
    this.cell = new Cell();
  }

  /** A reference network over a copy of {@code parameters} (layout {@link Network#layout(NetworkSpec)}). */
  public static ReferenceNetwork of(NetworkSpec spec, double[] parameters) {
    if (spec == null) {
      throw new IllegalArgumentException("spec: missing");
    }
    int size = new Layout(spec).size;
    if (parameters == null || parameters.length != size) {
      throw new IllegalArgumentException("parameters: length " + (parameters == null ? "null" : parameters.length)
          + " is not accepted; this spec needs exactly " + size);
    }
    return new ReferenceNetwork(spec, parameters.clone());
  }

  public NetworkSpec spec() {
    return spec;
  }

  /** The cell map {@code F} and its Jacobian. */
  public ReferenceCell cell() {
    return cell;
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
    return layout.blocks;
  }

  /** Length of the state vector. */
  public int stateSize() {
    return spec.stateSize();
  }

  /**
   * The effective recurrent matrix {@code W_eff} ({@code N × N}, row-major, {@code [post][pre]}) of the non-gated
   * cells: what multiplies {@code h} in the forward pass (after Dale signs, the g/√N scale or {@code M Nᵀ/N}).
   *
   * @throws UnsupportedOperationException for gated cells (read their blocks instead)
   */
  public double[] effectiveRecurrentWeights() {
    if (weff == null) {
      throw new UnsupportedOperationException("effective recurrent weights: " + spec.architecture().id()
          + " is gated; read its recurrent blocks (e.g. W_hz) instead");
    }
    return weff.clone();
  }

  /** The readout {@code W_out h + b_out} of a state (the LSTM reads the {@code h} half of {@code [h; c]}). */
  public double[] readout(double[] state) {
    double[] out = new double[spec.outputs()];
    readout(state, out);
    return out;
  }

  /** The readout into {@code out} (length O; modified). */
  public void readout(double[] state, double[] out) {
    int n = layout.n;
    int o = layout.outputs;
    for (int q = 0; q < o; q++) {
      double v = p[layout.outB + q];
      for (int k = 0; k < n; k++) {
        v += p[layout.outW + k * o + q] * state[k];
      }
      out[q] = v;
    }
  }

  /** Forward pass over float inputs {@code [T][B][I]} (converted to double). */
  public Trajectory forward(float[] inputs, int steps, int batch) {
    double[] x = new double[steps * batch * layout.inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = inputs[i];
    }
    return forward(x, steps, batch);
  }

  /** Forward pass over inputs {@code [T][B][I]} from {@code h_0 = 0}, without noise. */
  public Trajectory forward(double[] inputs, int steps, int batch) {
    int in = layout.inputs;
    int n = layout.n;
    int o = layout.outputs;
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
        cell.step(h, x, next);
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
    if (inputs == null || inputs.length < steps * batch * layout.inputs) {
      throw new IllegalArgumentException("inputs: length " + (inputs == null ? "null" : inputs.length)
          + " is not accepted; need T·B·I = " + steps * batch * layout.inputs);
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
    int len = steps * batch * layout.outputs;
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
    int in = layout.inputs;
    int n = layout.n;
    int o = layout.outputs;
    int s = stateSize();
    Trajectory tr = forward(inputs, steps, batch);
    double[] grad = new double[p.length];
    double[] dW = weff == null ? null : new double[n * n];
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
          grad[layout.outB + q] += d;
          for (int k = 0; k < n; k++) {
            grad[layout.outW + k * o + q] += d * tr.states()[m * s + k];
            delta[k] += p[layout.outW + k * o + q] * d;
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
        backStep(hPrev, x, delta, prevDelta, grad, dW);
        System.arraycopy(prevDelta, 0, delta, 0, s);
      }
    }
    if (dW != null) {
      chainEffective(dW, grad);
    }
    return grad;
  }

  // ---- parameter access in mathematical orientation ----

  private double u(int g, int post, int input) {
    return p[layout.inW[g] + input * layout.n + post];
  }

  private double w(int g, int post, int pre) {
    return p[layout.recW[g] + pre * layout.n + post];
  }

  private double bias(int g, int j, boolean withRecurrent) {
    double v = p[layout.inB[g] + j];
    if (withRecurrent && layout.recB != null) {
      v += p[layout.recB[g] + j];
    }
    return v;
  }

  /** {@code U_g x + b} for gate g, unit j. */
  private double inputDrive(int g, int j, double[] x, boolean withRecurrentBias) {
    double v = bias(g, j, withRecurrentBias);
    for (int i = 0; i < layout.inputs; i++) {
      v += u(g, j, i) * x[i];
    }
    return v;
  }

  /** {@code W_g h} for gate g, unit j (gated cells). */
  private double recurrentDrive(int g, int j, double[] h) {
    double v = 0;
    for (int k = 0; k < layout.n; k++) {
      v += w(g, j, k) * h[k];
    }
    return v;
  }

  private double[] effective() {
    int n = layout.n;
    double[] e = new double[n * n];
    if (layout.recW != null) {
      double scale = layout.recurrentScale();
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          double v = w(0, j, k);
          e[j * n + k] = spec.dale() ? scale * Math.abs(v) * layout.daleSign(k) : scale * v;
        }
      }
    } else {
      int r = spec.rank();
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          double v = 0;
          for (int q = 0; q < r; q++) {
            v += p[layout.lowM + j * r + q] * p[layout.lowN + k * r + q];
          }
          e[j * n + k] = v / n;
        }
      }
    }
    return e;
  }

  private void chainEffective(double[] dW, double[] grad) {
    int n = layout.n;
    if (layout.recW != null) {
      double scale = layout.recurrentScale();
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          double v = scale * dW[j * n + k];
          int idx = layout.recW[0] + k * n + j;
          grad[idx] += spec.dale() ? v * layout.daleSign(k) * Math.signum(p[idx]) : v;
        }
      }
    } else {
      int r = spec.rank();
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          double d = dW[j * n + k] / n;
          for (int q = 0; q < r; q++) {
            grad[layout.lowM + j * r + q] += d * p[layout.lowN + k * r + q];
            grad[layout.lowN + k * r + q] += d * p[layout.lowM + j * r + q];
          }
        }
      }
    }
  }

  // ---- the cells ----

  private static double sig(double z) {
    return Activation.sigmoid(z);
  }

  /** One step of the textbook equations; also the intermediates the Jacobian and BPTT need. */
  private void step(double[] h, double[] x, double[] next) {
    int n = layout.n;
    Activation act = spec.activation();
    switch (spec.architecture()) {
      case UGRNN:
        for (int j = 0; j < n; j++) {
          double g = sig(inputDrive(0, j, x, false) + recurrentDrive(0, j, h));
          double c = act.apply(inputDrive(1, j, x, false) + recurrentDrive(1, j, h));
          next[j] = g * h[j] + (1 - g) * c;
        }
        break;
      case GRU:
        for (int j = 0; j < n; j++) {
          double r = sig(inputDrive(0, j, x, true) + recurrentDrive(0, j, h));
          double z = sig(inputDrive(1, j, x, true) + recurrentDrive(1, j, h));
          double hn = recurrentDrive(2, j, h) + p[layout.recB[2] + j];
          double nn = act.apply(inputDrive(2, j, x, false) + r * hn);
          next[j] = (1 - z) * nn + z * h[j];
        }
        break;
      case LSTM:
        for (int j = 0; j < n; j++) {
          double i = sig(inputDrive(0, j, x, true) + recurrentDrive(0, j, h));
          double f = sig(inputDrive(1, j, x, true) + recurrentDrive(1, j, h));
          double g = act.apply(inputDrive(2, j, x, true) + recurrentDrive(2, j, h));
          double o = sig(inputDrive(3, j, x, true) + recurrentDrive(3, j, h));
          double c = f * h[n + j] + i * g;
          next[n + j] = c;
          next[j] = o * act.apply(c);
        }
        break;
      default: {
        double a = spec.alpha();
        for (int j = 0; j < n; j++) {
          double z = inputDrive(0, j, x, false);
          for (int k = 0; k < n; k++) {
            z += weff[j * n + k] * h[k];
          }
          next[j] = (1 - a) * h[j] + a * act.apply(z);
        }
        break;
      }
    }
  }

  private void jacobian(double[] h, double[] x, double[] jac) {
    int n = layout.n;
    Activation act = spec.activation();
    switch (spec.architecture()) {
      case UGRNN:
        for (int j = 0; j < n; j++) {
          double g = sig(inputDrive(0, j, x, false) + recurrentDrive(0, j, h));
          double ac = inputDrive(1, j, x, false) + recurrentDrive(1, j, h);
          double c = act.apply(ac);
          double dg = (h[j] - c) * g * (1 - g);
          double dc = (1 - g) * act.derivative(ac);
          for (int k = 0; k < n; k++) {
            jac[j * n + k] = dg * w(0, j, k) + dc * w(1, j, k) + (j == k ? g : 0.0);
          }
        }
        break;
      case GRU:
        for (int j = 0; j < n; j++) {
          double r = sig(inputDrive(0, j, x, true) + recurrentDrive(0, j, h));
          double z = sig(inputDrive(1, j, x, true) + recurrentDrive(1, j, h));
          double hn = recurrentDrive(2, j, h) + p[layout.recB[2] + j];
          double an = inputDrive(2, j, x, false) + r * hn;
          double nn = act.apply(an);
          double dn = act.derivative(an);
          for (int k = 0; k < n; k++) {
            double drk = r * (1 - r) * w(0, j, k);
            double dzk = z * (1 - z) * w(1, j, k);
            double dnk = dn * (drk * hn + r * w(2, j, k));
            jac[j * n + k] = (1 - z) * dnk + (h[j] - nn) * dzk + (j == k ? z : 0.0);
          }
        }
        break;
      case LSTM: {
        int s = 2 * n;
        for (int j = 0; j < n; j++) {
          double i = sig(inputDrive(0, j, x, true) + recurrentDrive(0, j, h));
          double f = sig(inputDrive(1, j, x, true) + recurrentDrive(1, j, h));
          double ag = inputDrive(2, j, x, true) + recurrentDrive(2, j, h);
          double g = act.apply(ag);
          double o = sig(inputDrive(3, j, x, true) + recurrentDrive(3, j, h));
          double c = f * h[n + j] + i * g;
          double tc = act.apply(c);
          double dtc = act.derivative(c);
          for (int k = 0; k < n; k++) {
            double dck = h[n + j] * f * (1 - f) * w(1, j, k) + g * i * (1 - i) * w(0, j, k)
                + i * act.derivative(ag) * w(2, j, k);
            jac[(n + j) * s + k] = dck;
            jac[j * s + k] = o * (1 - o) * w(3, j, k) * tc + o * dtc * dck;
            jac[(n + j) * s + n + k] = j == k ? f : 0.0;
            jac[j * s + n + k] = j == k ? o * dtc * f : 0.0;
          }
        }
        break;
      }
      default: {
        double a = spec.alpha();
        for (int j = 0; j < n; j++) {
          double z = inputDrive(0, j, x, false);
          for (int k = 0; k < n; k++) {
            z += weff[j * n + k] * h[k];
          }
          double d = a * act.derivative(z);
          for (int k = 0; k < n; k++) {
            jac[j * n + k] = d * weff[j * n + k] + (j == k ? 1 - a : 0.0);
          }
        }
        break;
      }
    }
  }

  /**
   * The vector–Jacobian product of one step: given {@code δ} on {@code F(h, x)}, sets {@code prev = (∂F/∂h)ᵀ δ} and
   * adds {@code (∂F/∂θ)ᵀ δ} to {@code grad} (for the non-gated cells, the part through {@code W_eff} to {@code dW}).
   */
  private void backStep(double[] h, double[] x, double[] delta, double[] prev, double[] grad, double[] dW) {
    int n = layout.n;
    int in = layout.inputs;
    Activation act = spec.activation();
    switch (spec.architecture()) {
      case UGRNN: {
        java.util.Arrays.fill(prev, 0.0);
        for (int j = 0; j < n; j++) {
          double g = sig(inputDrive(0, j, x, false) + recurrentDrive(0, j, h));
          double ac = inputDrive(1, j, x, false) + recurrentDrive(1, j, h);
          double c = act.apply(ac);
          double[] d = {delta[j] * (h[j] - c) * g * (1 - g), delta[j] * (1 - g) * act.derivative(ac)};
          prev[j] += delta[j] * g;
          for (int gate = 0; gate < 2; gate++) {
            accumulate(gate, j, d[gate], h, x, prev, grad, true);
            grad[layout.inB[gate] + j] += d[gate];
          }
        }
        break;
      }
      case GRU: {
        java.util.Arrays.fill(prev, 0.0);
        for (int j = 0; j < n; j++) {
          double r = sig(inputDrive(0, j, x, true) + recurrentDrive(0, j, h));
          double z = sig(inputDrive(1, j, x, true) + recurrentDrive(1, j, h));
          double hn = recurrentDrive(2, j, h) + p[layout.recB[2] + j];
          double an = inputDrive(2, j, x, false) + r * hn;
          double nn = act.apply(an);
          double dan = delta[j] * (1 - z) * act.derivative(an);
          double dr = dan * hn * r * (1 - r);
          double dz = delta[j] * (h[j] - nn) * z * (1 - z);
          double dhn = dan * r;
          prev[j] += delta[j] * z;
          accumulate(0, j, dr, h, x, prev, grad, true);
          accumulate(1, j, dz, h, x, prev, grad, true);
          accumulate(2, j, dhn, h, x, prev, grad, false);
          for (int i = 0; i < in; i++) {
            grad[layout.inW[2] + i * n + j] += dan * x[i];
          }
          grad[layout.inB[0] + j] += dr;
          grad[layout.recB[0] + j] += dr;
          grad[layout.inB[1] + j] += dz;
          grad[layout.recB[1] + j] += dz;
          grad[layout.inB[2] + j] += dan;
          grad[layout.recB[2] + j] += dhn;
        }
        break;
      }
      case LSTM: {
        java.util.Arrays.fill(prev, 0.0);
        for (int j = 0; j < n; j++) {
          double i = sig(inputDrive(0, j, x, true) + recurrentDrive(0, j, h));
          double f = sig(inputDrive(1, j, x, true) + recurrentDrive(1, j, h));
          double ag = inputDrive(2, j, x, true) + recurrentDrive(2, j, h);
          double g = act.apply(ag);
          double o = sig(inputDrive(3, j, x, true) + recurrentDrive(3, j, h));
          double c = f * h[n + j] + i * g;
          double dH = delta[j];
          double dC = delta[n + j] + dH * o * act.derivative(c);
          double[] d = {dC * g * i * (1 - i), dC * h[n + j] * f * (1 - f), dC * i * act.derivative(ag),
              dH * act.apply(c) * o * (1 - o)};
          prev[n + j] = dC * f;
          for (int gate = 0; gate < 4; gate++) {
            accumulate(gate, j, d[gate], h, x, prev, grad, true);
            grad[layout.inB[gate] + j] += d[gate];
            grad[layout.recB[gate] + j] += d[gate];
          }
        }
        break;
      }
      default: {
        double a = spec.alpha();
        for (int k = 0; k < n; k++) {
          prev[k] = (1 - a) * delta[k];
        }
        for (int j = 0; j < n; j++) {
          double z = inputDrive(0, j, x, false);
          for (int k = 0; k < n; k++) {
            z += weff[j * n + k] * h[k];
          }
          double dz = delta[j] * a * act.derivative(z);
          for (int k = 0; k < n; k++) {
            prev[k] += weff[j * n + k] * dz;
            dW[j * n + k] += dz * h[k];
          }
          for (int i = 0; i < in; i++) {
            grad[layout.inW[0] + i * n + j] += dz * x[i];
          }
          grad[layout.inB[0] + j] += dz;
        }
        break;
      }
    }
  }

  /** For gate g, unit j with pre-activation gradient d: input and recurrent weight gradients, and {@code Wᵀ d}. */
  private void accumulate(int g, int j, double d, double[] h, double[] x, double[] prev, double[] grad,
      boolean inputWeights) {
    int n = layout.n;
    if (inputWeights) {
      for (int i = 0; i < layout.inputs; i++) {
        grad[layout.inW[g] + i * n + j] += d * x[i];
      }
    }
    for (int k = 0; k < n; k++) {
      grad[layout.recW[g] + k * n + j] += d * h[k];
      prev[k] += w(g, j, k) * d;
    }
  }

  /** The {@link ReferenceCell} view. */
  private final class Cell implements ReferenceCell {
    @Override
    public int stateSize() {
      return spec.stateSize();
    }

    @Override
    public int inputSize() {
      return layout.inputs;
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
      ReferenceNetwork.this.step(h, x, next);
    }

    @Override
    public void jacobian(double[] h, double[] x, double[] jacobian) {
      ReferenceNetwork.this.jacobian(h, x, jacobian);
    }
  }
}
