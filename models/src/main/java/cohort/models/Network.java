package cohort.models;

import cohort.models.linalg.FloatGemm;
import cohort.models.linalg.OpenBlas;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One recurrent network: a cell (see {@link Architecture}), a linear readout {@code o_t = W_out h_t + b_out} at
 * every step, and one flat {@code float} parameter vector that optimisers update in place.
 *
 * <p>The fast path runs a batch of trials time-major ({@code [T][B][D]}), from {@code h_0 = 0}. Per step it adds
 * the bias, the input projection {@code x_t U} (a rank-I update, I ≪ N) and the fused recurrent product
 * {@code h_{t−1} [W_1 … W_G]} into one {@code B × G·N} buffer (weights packed {@code [in][out]}, see
 * {@link FloatGemm}), then applies the gates element-wise, saving what BPTT needs. Backward runs the step
 * recursion {@code δh_{t−1} = direct(δh_t) + δz_t Wᵀ} per step and forms every weight gradient at the end as one
 * product over all {@code T·B} rows ({@code dW = Hᵀ δZ}). Nothing is allocated in {@link #forward} or
 * {@link #backward}: every buffer is in the {@link Workspace}.
 *
 * <p>By default (when {@link OpenBlas#available()}) forward and backward run instead on the feature-major
 * {@link ColumnPath}: one OpenBLAS product per step for every gate, input, bias and the readout, the gate
 * arithmetic as long loops over whole steps, and every weight gradient from one product over all steps.
 * {@code -Dcohort.blas=java} keeps the trial-major pure-Java path above ({@link FloatGemm}). Both are
 * deterministic for a fixed choice (and CPU); they agree to float rounding.
 *
 * <p>For ctrnn the readout reads the state {@code h} itself: in {@code h' = (1−α)h + α σ(…)} the state is already a
 * low-pass filtered rate (Jarne's convention; PsychRNN's {@code σ(h)} readout belongs to its σ-inside form).
 * A network is not thread-safe; its {@link #reference()} twin in double is.
 */
public final class Network {
  private final NetworkSpec spec;
  private final Layout layout;
  private final float[] params;

  private Network(NetworkSpec spec, Layout layout, float[] params) {
    this.spec = spec;
    this.layout = layout;
    this.params = params;
  }

  /** A new network with {@link InitOptions#defaults(NetworkSpec)} drawn from {@code random}. */
  public static Network initialize(NetworkSpec spec, RandomGenerator random) {
    if (spec == null) {
      throw new IllegalArgumentException("spec: missing");
    }
    return initialize(spec, random, InitOptions.defaults(spec));
  }

  /**
   * A new network: input weights, recurrent weights (per gate; for scaled-ctrnn drawn at unit gain and ×√N so that
   * {@code W_eff = (g/√N) W} starts as the unscaled draw with gain g; for Dale's law the inhibitory rows are scaled
   * by {@code N_E/N_I} so expected excitation and inhibition balance, as PsychRNN's {@code balance_dale_ratio};
   * low-rank {@code m, n} have entry variance g²), biases, readout, in that order, all from {@code random}.
   */
  public static Network initialize(NetworkSpec spec, RandomGenerator random, InitOptions options) {
    if (spec == null) {
      throw new IllegalArgumentException("spec: missing");
    }
    if (random == null) {
      throw new IllegalArgumentException("random: missing; pass a seeded RandomGenerator");
    }
    Layout layout = new Layout(spec);
    return new Network(spec, layout, Initializers.network(layout, options, random));
  }

  /** A network with a copy of the given parameters (layout {@link #layout(NetworkSpec)}). */
  public static Network of(NetworkSpec spec, float[] parameters) {
    if (spec == null) {
      throw new IllegalArgumentException("spec: missing");
    }
    Layout layout = new Layout(spec);
    if (parameters == null || parameters.length != layout.size) {
      throw new IllegalArgumentException("parameters: length " + (parameters == null ? "null" : parameters.length)
          + " is not accepted; this spec needs exactly " + layout.size);
    }
    return new Network(spec, layout, parameters.clone());
  }

  /** The parameter blocks a spec has, in vector order. */
  public static List<ParameterBlock> layout(NetworkSpec spec) {
    return new Layout(spec).blocks;
  }

  /** Length of a spec's parameter vector. */
  public static int parameterCount(NetworkSpec spec) {
    return new Layout(spec).size;
  }

  public NetworkSpec spec() {
    return spec;
  }

  /** The live flat parameter vector (optimisers update it in place). */
  public float[] parameters() {
    return params;
  }

  /** Named views of {@link #parameters()}, in vector order; together they cover it exactly once. */
  public List<ParameterBlock> blocks() {
    return layout.blocks;
  }

  /** The block with this name; unknown names give a message listing the accepted ones. */
  public ParameterBlock block(String name) {
    return layout.block(name);
  }

  /** Length of the state: 2N for the LSTM ({@code [h; c]}), N otherwise. */
  public int stateSize() {
    return spec.stateSize();
  }

  /** A deep copy (independent parameters). */
  public Network copy() {
    return new Network(spec, layout, params.clone());
  }

  /**
   * A workspace for up to {@code steps × batch} trials. Its recurrent products run through OpenBLAS when
   * {@link OpenBlas#available()}, else through the pure-Java {@link FloatGemm}.
   */
  public Workspace workspace(int steps, int batch) {
    return new Workspace(layout, steps, batch);
  }

  /** A workspace whose recurrent products use OpenBLAS ({@code blas}, if it loaded) or the pure-Java kernels. */
  Workspace workspace(int steps, int batch, boolean blas) {
    return new Workspace(layout, steps, batch, blas && OpenBlas.available());
  }

  /** A double-precision twin built from the current parameters. */
  public ReferenceNetwork reference() {
    double[] p = new double[params.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = params[i];
    }
    return ReferenceNetwork.of(spec, p);
  }

  /** Forward pass without recurrent noise (evaluation). */
  public void forward(float[] inputs, int steps, int batch, Workspace ws) {
    forward(inputs, steps, batch, ws, null);
  }

  /**
   * Forward pass over {@code inputs [T][B][I]}; fills {@link Workspace#outputs()} and {@link Workspace#hidden()}.
   *
   * @param noise source of the recurrent noise {@code √(2α) σ_rec N(0,1)} added to each new state when
   *     {@code spec.recurrentNoise() > 0}; {@code null} = no noise
   */
  public void forward(float[] inputs, int steps, int batch, Workspace ws, RandomGenerator noise) {
    check(ws, steps, batch);
    int n = layout.n;
    int in = layout.inputs;
    int gn = layout.gates * n;
    if (inputs == null || inputs.length < steps * batch * in) {
      throw new IllegalArgumentException("inputs: length " + (inputs == null ? "null" : inputs.length)
          + " is not accepted; need T·B·I = " + steps * batch * in);
    }
    ws.usedSteps = steps;
    ws.usedBatch = batch;
    ws.forwardDone = true;
    pack(ws);
    double noiseScale = noise != null && spec.recurrentNoise() > 0
        ? Math.sqrt(2.0 * spec.alpha()) * spec.recurrentNoise() : 0.0;
    if (ws.blas) {
      ColumnPath.packWeights(layout, ws);
      ColumnPath.forward(layout, inputs, steps, batch, ws, noise, noiseScale);
      return;
    }
    Architecture arch = spec.architecture();
    boolean gru = arch == Architecture.GRU;
    float[][] pre = ws.pre;
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(ws.biasPack, 0, pre[b], 0, gn);
      }
      FloatGemm.multiplyAdd(batch, in, inputs, t * batch * in, in, 1, ws.wInPack, 0, pre, 0, 0, gn);
      if (gru) {
        for (int b = 0; b < batch; b++) {
          float[] ph = ws.preH[b];
          Arrays.fill(ph, 0, 2 * n, 0f);
          System.arraycopy(ws.biasHn, 0, ph, 2 * n, n);
        }
        if (t > 0) {
          recurrent(ws, t, batch, ws.preH);
        }
      } else if (t > 0) {
        recurrent(ws, t, batch, pre);
      }
      switch (arch) {
        case UGRNN: ugrnnStep(ws, t, batch); break;
        case GRU: gruStep(ws, t, batch); break;
        case LSTM: lstmStep(ws, t, batch); break;
        default: simpleStep(ws, t, batch, noise, noiseScale); break;
      }
    }
    readout(ws, steps * batch);
  }

  /** {@code c[b][·] += h_{t−1}[b,·] · W} for the B trials of step t (pure-Java kernel). */
  private void recurrent(Workspace ws, int t, int batch, float[][] c) {
    int n = layout.n;
    FloatGemm.multiplyAdd(batch, n, ws.hidden, (t - 1) * batch * n, n, 1, ws.wPack, 0, c, 0, 0, layout.gates * n);
  }

  private void check(Workspace ws, int steps, int batch) {
    if (ws == null || !ws.spec.equals(spec)) {
      throw new IllegalArgumentException("workspace: " + (ws == null ? "missing" : "made for another spec")
          + "; use network.workspace(steps, batch)");
    }
    if (steps < 1 || steps > ws.steps) {
      throw new IllegalArgumentException("steps: " + steps + " is not accepted; this workspace holds 1.." + ws.steps);
    }
    if (batch < 1 || batch > ws.batch) {
      throw new IllegalArgumentException("batch: " + batch + " is not accepted; this workspace holds 1.." + ws.batch);
    }
  }

  /** Copies the parameters into the kernels' packed layouts (effective recurrent weights for the simple cells). */
  private void pack(Workspace ws) {
    int n = layout.n;
    int gates = layout.gates;
    float[] p = params;
    Arrays.fill(ws.biasPack, 0f);
    for (int g = 0; g < gates; g++) {
      for (int i = 0; i < layout.inputs; i++) {
        System.arraycopy(p, layout.inW[g] + i * n, ws.wInPack[i], g * n, n);
      }
      boolean separateHn = spec.architecture() == Architecture.GRU && g == 2;
      for (int j = 0; j < n; j++) {
        float v = p[layout.inB[g] + j];
        if (layout.recB != null && !separateHn) {
          v += p[layout.recB[g] + j];
        }
        ws.biasPack[g * n + j] = v;
      }
      if (separateHn) {
        System.arraycopy(p, layout.recB[2], ws.biasHn, 0, n);
      }
    }
    if (spec.architecture().gated()) {
      for (int g = 0; g < gates; g++) {
        for (int k = 0; k < n; k++) {
          System.arraycopy(p, layout.recW[g] + k * n, ws.wPack[k], g * n, n);
        }
      }
    } else if (layout.recW != null) {
      float s = (float) layout.recurrentScale();
      int w = layout.recW[0];
      boolean dale = spec.dale();
      int e = spec.excitatoryUnits();
      for (int k = 0; k < n; k++) {
        float[] row = ws.wPack[k];
        float sk = dale ? (k < e ? s : -s) : s;
        for (int j = 0; j < n; j++) {
          float v = p[w + k * n + j];
          row[j] = sk * (dale ? Math.abs(v) : v);
        }
      }
    } else {
      int r = spec.rank();
      double inv = 1.0 / n;
      for (int k = 0; k < n; k++) {
        float[] row = ws.wPack[k];
        for (int j = 0; j < n; j++) {
          double v = 0;
          for (int q = 0; q < r; q++) {
            v += (double) p[layout.lowN + k * r + q] * p[layout.lowM + j * r + q];
          }
          row[j] = (float) (v * inv);
        }
      }
    }
    int o = layout.outputs;
    for (int k = 0; k < n; k++) {
      for (int q = 0; q < o; q++) {
        float w = layout.readoutWeight(p[layout.outW + k * o + q], k);
        ws.woutT[q][k] = w;
      }
    }
    System.arraycopy(p, layout.outB, ws.bout, 0, o);
  }

  private void simpleStep(Workspace ws, int t, int batch, RandomGenerator noise, double noiseScale) {
    int n = layout.n;
    float alpha = (float) spec.alpha();
    float keep = 1f - alpha;
    boolean leak = spec.alpha() != 1.0;
    Activation act = spec.activation();
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      float[] z = ws.pre[b];
      act.apply(z, ws.derivRows[m], 0, n);
      float[] hr = ws.hRows[m];
      if (!leak) {
        System.arraycopy(z, 0, hr, 0, n);
      } else if (t > 0) {
        float[] hp = ws.hRows[m - batch];
        for (int j = 0; j < n; j++) {
          hr[j] = alpha * z[j] + keep * hp[j];
        }
      } else {
        for (int j = 0; j < n; j++) {
          hr[j] = alpha * z[j];
        }
      }
      if (noiseScale > 0) {
        for (int j = 0; j < n; j++) {
          hr[j] += (float) (noiseScale * noise.nextGaussian());
        }
      }
      System.arraycopy(hr, 0, ws.hidden, m * n, n);
    }
  }

  /*
   * The gated steps keep every saved quantity in its own row of ws.saved ([T·B·slots][N], row m·slots + k) and
   * index every array with the same j, so that C2 vectorises the loops (it does not when one loop reads one flat
   * array at several offsets, or selects with t > 0 inside the loop).
   */

  private void ugrnnStep(Workspace ws, int t, int batch) {
    int n = layout.n;
    Activation act = spec.activation();
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      float[] a = ws.pre[b];
      float[] g = ws.saved[m * 3];
      float[] c = ws.saved[m * 3 + 1];
      System.arraycopy(a, 0, g, 0, n);
      Activation.sigmoid(g, 0, n);
      System.arraycopy(a, n, c, 0, n);
      act.apply(c, ws.saved[m * 3 + 2], 0, n);
      float[] hr = ws.hRows[m];
      float[] hp = t > 0 ? ws.hRows[m - batch] : ws.zeros;
      for (int j = 0; j < n; j++) {
        hr[j] = g[j] * hp[j] + (1f - g[j]) * c[j];
      }
      System.arraycopy(hr, 0, ws.hidden, m * n, n);
    }
  }

  private void gruStep(Workspace ws, int t, int batch) {
    int n = layout.n;
    int n2 = 2 * n;
    Activation act = spec.activation();
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      float[] a = ws.pre[b];
      float[] ph = ws.preH[b];
      float[] r = ws.saved[m * 5];
      float[] z = ws.saved[m * 5 + 1];
      float[] c = ws.saved[m * 5 + 2];
      float[] hn = ws.saved[m * 5 + 3];
      for (int j = 0; j < n; j++) {
        r[j] = a[j] + ph[j];
      }
      Activation.sigmoid(r, 0, n);
      for (int j = 0; j < n; j++) {
        z[j] = a[n + j] + ph[n + j];
      }
      Activation.sigmoid(z, 0, n);
      System.arraycopy(ph, n2, hn, 0, n);
      for (int j = 0; j < n; j++) {
        c[j] = a[n2 + j] + r[j] * hn[j];
      }
      act.apply(c, ws.saved[m * 5 + 4], 0, n);
      float[] hr = ws.hRows[m];
      float[] hp = t > 0 ? ws.hRows[m - batch] : ws.zeros;
      for (int j = 0; j < n; j++) {
        hr[j] = (1f - z[j]) * c[j] + z[j] * hp[j];
      }
      System.arraycopy(hr, 0, ws.hidden, m * n, n);
    }
  }

  private void lstmStep(Workspace ws, int t, int batch) {
    int n = layout.n;
    Activation act = spec.activation();
    float[][] sv = ws.saved;
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      int s = m * 8;
      float[] a = ws.pre[b];
      float[] i = sv[s];
      float[] f = sv[s + 1];
      float[] g = sv[s + 2];
      float[] o = sv[s + 3];
      float[] c = sv[s + 4];
      float[] tc = sv[s + 5];
      System.arraycopy(a, 0, i, 0, n);
      Activation.sigmoid(i, 0, n);
      System.arraycopy(a, n, f, 0, n);
      Activation.sigmoid(f, 0, n);
      System.arraycopy(a, 2 * n, g, 0, n);
      act.apply(g, sv[s + 7], 0, n);
      System.arraycopy(a, 3 * n, o, 0, n);
      Activation.sigmoid(o, 0, n);
      float[] cp = t > 0 ? sv[s - 8 * batch + 4] : ws.zeros;
      for (int j = 0; j < n; j++) {
        c[j] = f[j] * cp[j] + i[j] * g[j];
      }
      System.arraycopy(c, 0, tc, 0, n);
      act.apply(tc, sv[s + 6], 0, n);
      float[] hr = ws.hRows[m];
      for (int j = 0; j < n; j++) {
        hr[j] = o[j] * tc[j];
      }
      System.arraycopy(hr, 0, ws.hidden, m * n, n);
    }
  }

  private void readout(Workspace ws, int rows) {
    int n = layout.n;
    int o = layout.outputs;
    for (int m = 0; m < rows; m++) {
      float[] h = ws.hRows[m];
      for (int q = 0; q < o; q++) {
        float[] w = ws.woutT[q];
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int k = 0;
        for (; k + 4 <= n; k += 4) {
          s0 += h[k] * w[k];
          s1 += h[k + 1] * w[k + 1];
          s2 += h[k + 2] * w[k + 2];
          s3 += h[k + 3] * w[k + 3];
        }
        for (; k < n; k++) {
          s0 += h[k] * w[k];
        }
        ws.outputs[m * o + q] = ws.bout[q] + ((s0 + s1) + (s2 + s3));
      }
    }
  }

  /**
   * Backpropagation through time for the last {@link #forward} on {@code ws} (same inputs, unchanged parameters).
   *
   * @param inputs the inputs of that forward pass; not modified
   * @param dOutputs {@code ∂L/∂o} {@code [T][B][O]}; not modified
   * @param dHidden extra {@code ∂L/∂h} {@code [T][B][N]} (e.g. a rate regulariser) or {@code null}; not modified
   * @param gradient {@code ∂L/∂θ}, same layout as {@link #parameters()}; overwritten
   */
  public void backward(float[] inputs, float[] dOutputs, float[] dHidden, Workspace ws, float[] gradient) {
    if (ws == null || !ws.spec.equals(spec) || !ws.forwardDone) {
      throw new IllegalStateException("workspace: " + (ws == null ? "missing" : ws.spec.equals(spec)
          ? "no forward pass yet; call forward first" : "made for another spec"));
    }
    int steps = ws.usedSteps;
    int batch = ws.usedBatch;
    int n = layout.n;
    int in = layout.inputs;
    int o = layout.outputs;
    int gn = layout.gates * n;
    int rows = steps * batch;
    if (inputs == null || inputs.length < rows * in) {
      throw new IllegalArgumentException("inputs: need length ≥ " + rows * in);
    }
    if (dOutputs == null || dOutputs.length < rows * o) {
      throw new IllegalArgumentException("dOutputs: length " + (dOutputs == null ? "null" : dOutputs.length)
          + " is not accepted; need T·B·O = " + rows * o);
    }
    if (dHidden != null && dHidden.length < rows * n) {
      throw new IllegalArgumentException("dHidden: length " + dHidden.length + " is not accepted; need T·B·N = "
          + rows * n + " or null");
    }
    if (gradient == null || gradient.length != layout.size) {
      throw new IllegalArgumentException("gradient: length " + (gradient == null ? "null" : gradient.length)
          + " is not accepted; need " + layout.size);
    }
    if (ws.blas) {
      ColumnPath.backward(layout, dOutputs, dHidden, ws);
      unpack(ws, dOutputs, rows, gradient);
      return;
    }
    for (int k = 0; k < n; k++) {
      float[] row = ws.wPack[k];
      for (int j = 0; j < gn; j++) {
        ws.wT[j][k] = row[j];
      }
    }
    Architecture arch = spec.architecture();
    boolean gru = arch == Architecture.GRU;
    boolean lstm = arch == Architecture.LSTM;
    float[][] cur = ws.dh;
    float[][] next = ws.dhNext;
    float[][] cCur = ws.dc;
    float[][] cNext = ws.dcNext;
    for (int b = 0; b < batch; b++) {
      Arrays.fill(cur[b], 0f);
      if (lstm) {
        Arrays.fill(cCur[b], 0f);
      }
    }
    for (int t = steps - 1; t >= 0; t--) {
      FloatGemm.multiplyAdd(batch, o, dOutputs, t * batch * o, o, 1, ws.woutT, 0, cur, 0, 0, n);
      if (dHidden != null) {
        for (int b = 0; b < batch; b++) {
          float[] row = cur[b];
          int off = (t * batch + b) * n;
          for (int j = 0; j < n; j++) {
            row[j] += dHidden[off + j];
          }
        }
      }
      switch (arch) {
        case UGRNN: ugrnnBack(ws, t, batch, cur, next); break;
        case GRU: gruBack(ws, t, batch, cur, next); break;
        case LSTM: lstmBack(ws, t, batch, cur, next, cCur, cNext); break;
        default: simpleBack(ws, t, batch, cur, next); break;
      }
      if (t > 0) {
        if (gru) {
          FloatGemm.multiplyAdd(batch, 2 * n, ws.dZ, t * batch, 0, false, ws.wT, 0, next, 0, 0, n);
          FloatGemm.multiplyAdd(batch, n, ws.dZ, t * batch, 3 * n, false, ws.wT, 2 * n, next, 0, 0, n);
        } else {
          FloatGemm.multiplyAdd(batch, gn, ws.dZ, t * batch, 0, false, ws.wT, 0, next, 0, 0, n);
        }
      }
      float[][] swap = cur;
      cur = next;
      next = swap;
      if (lstm) {
        swap = cCur;
        cCur = cNext;
        cNext = swap;
      }
    }
    int width = ws.dzWidth;
    for (int i = 0; i < in; i++) {
      Arrays.fill(ws.gIn[i], 0f);
    }
    for (int k = 0; k < n; k++) {
      Arrays.fill(ws.gRec[k], 0f);
    }
    Arrays.fill(ws.gBias[0], 0f);
    for (int q = 0; q < o; q++) {
      Arrays.fill(ws.gOutT[q], 0f);
    }
    FloatGemm.multiplyAdd(in, rows, inputs, 0, 1, in, ws.dZ, 0, ws.gIn, 0, 0, gn);
    if (steps > 1) {
      int k = (steps - 1) * batch;
      if (gru) {
        FloatGemm.multiplyAdd(n, k, ws.hidden, 0, 1, n, ws.dZ, batch, ws.gRec, 0, 0, 2 * n);
        FloatGemm.multiplyAdd(n, k, ws.hidden, 0, 1, n, ws.dZ, batch, ws.gRec, 0, 3 * n, 4 * n);
      } else {
        FloatGemm.multiplyAdd(n, k, ws.hidden, 0, 1, n, ws.dZ, batch, ws.gRec, 0, 0, gn);
      }
    }
    FloatGemm.multiplyAdd(1, rows, ws.ones, 0, 0, 0, ws.dZ, 0, ws.gBias, 0, 0, width);
    FloatGemm.multiplyAdd(o, rows, dOutputs, 0, 1, o, ws.hRows, 0, ws.gOutT, 0, 0, n);
    unpack(ws, dOutputs, rows, gradient);
  }

  private void simpleBack(Workspace ws, int t, int batch, float[][] cur, float[][] next) {
    int n = layout.n;
    float alpha = (float) spec.alpha();
    float keep = 1f - alpha;
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      float[] d = cur[b];
      float[] nx = next[b];
      float[] dz = ws.dZ[m];
      float[] dr = ws.derivRows[m];
      for (int j = 0; j < n; j++) {
        float g = d[j];
        dz[j] = g * alpha * dr[j];
        nx[j] = keep * g;
      }
    }
  }

  private void ugrnnBack(Workspace ws, int t, int batch, float[][] cur, float[][] next) {
    int n = layout.n;
    float[][] q = ws.slot;
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      float[] d = cur[b];
      float[] nx = next[b];
      float[] g = ws.saved[m * 3];
      float[] c = ws.saved[m * 3 + 1];
      float[] dc = ws.saved[m * 3 + 2];
      float[] hp = t > 0 ? ws.hRows[m - batch] : ws.zeros;
      float[] q0 = q[0];
      float[] q1 = q[1];
      for (int j = 0; j < n; j++) {
        float gj = g[j];
        float dj = d[j];
        q0[j] = dj * (hp[j] - c[j]) * gj * (1f - gj);
        q1[j] = dj * (1f - gj) * dc[j];
        nx[j] = dj * gj;
      }
      emit(ws, m, 2);
    }
  }

  private void gruBack(Workspace ws, int t, int batch, float[][] cur, float[][] next) {
    int n = layout.n;
    float[][] q = ws.slot;
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      float[] d = cur[b];
      float[] nx = next[b];
      float[] rr = ws.saved[m * 5];
      float[] zz = ws.saved[m * 5 + 1];
      float[] cc = ws.saved[m * 5 + 2];
      float[] hh = ws.saved[m * 5 + 3];
      float[] dn = ws.saved[m * 5 + 4];
      float[] hp = t > 0 ? ws.hRows[m - batch] : ws.zeros;
      float[] q0 = q[0];
      float[] q1 = q[1];
      float[] q2 = q[2];
      float[] q3 = q[3];
      for (int j = 0; j < n; j++) {
        float r = rr[j];
        float z = zz[j];
        float dj = d[j];
        float dan = dj * (1f - z) * dn[j];
        q0[j] = dan * hh[j] * r * (1f - r);
        q1[j] = dj * (hp[j] - cc[j]) * z * (1f - z);
        q2[j] = dan;
        q3[j] = dan * r;
        nx[j] = dj * z;
      }
      emit(ws, m, 4);
    }
  }

  private void lstmBack(Workspace ws, int t, int batch, float[][] cur, float[][] next, float[][] cCur,
      float[][] cNext) {
    int n = layout.n;
    float[][] sv = ws.saved;
    float[][] q = ws.slot;
    for (int b = 0; b < batch; b++) {
      int m = t * batch + b;
      int s = m * 8;
      float[] d = cur[b];
      float[] nx = next[b];
      float[] dcIn = cCur[b];
      float[] dcOut = cNext[b];
      float[] ii = sv[s];
      float[] ff = sv[s + 1];
      float[] gg = sv[s + 2];
      float[] oo = sv[s + 3];
      float[] tc = sv[s + 5];
      float[] dtc = sv[s + 6];
      float[] dg = sv[s + 7];
      float[] cp = t > 0 ? sv[s - 8 * batch + 4] : ws.zeros;
      float[] q0 = q[0];
      float[] q1 = q[1];
      float[] q2 = q[2];
      float[] q3 = q[3];
      for (int j = 0; j < n; j++) {
        float i = ii[j];
        float f = ff[j];
        float o = oo[j];
        float dH = d[j];
        float dC = dcIn[j] + dH * o * dtc[j];
        q0[j] = dC * gg[j] * i * (1f - i);
        q1[j] = dC * cp[j] * f * (1f - f);
        q2[j] = dC * i * dg[j];
        q3[j] = dH * tc[j] * o * (1f - o);
        nx[j] = 0f;
        dcOut[j] = dC * f;
      }
      emit(ws, m, 4);
    }
  }

  /** Stores row m of δZ from the gated backs' per-slot rows {@code ws.slot[0 … slots−1]}. */
  private void emit(Workspace ws, int m, int slots) {
    int n = layout.n;
    float[] dz = ws.dZ[m];
    for (int k = 0; k < slots; k++) {
      System.arraycopy(ws.slot[k], 0, dz, k * n, n);
    }
  }

  /** Moves the gradient packs into the flat gradient (chain rule through W_eff for the simple cells). */
  private void unpack(Workspace ws, float[] dOutputs, int rows, float[] grad) {
    int n = layout.n;
    int o = layout.outputs;
    int gates = layout.gates;
    float[] p = params;
    boolean gru = spec.architecture() == Architecture.GRU;
    float[] gb = ws.gBias[0];
    for (int g = 0; g < gates; g++) {
      for (int i = 0; i < layout.inputs; i++) {
        System.arraycopy(ws.gIn[i], g * n, grad, layout.inW[g] + i * n, n);
      }
      System.arraycopy(gb, g * n, grad, layout.inB[g], n);
      if (layout.recB != null) {
        int col = gru && g == 2 ? 3 : g;
        System.arraycopy(gb, col * n, grad, layout.recB[g], n);
      }
    }
    if (spec.architecture().gated()) {
      for (int g = 0; g < gates; g++) {
        int col = gru && g == 2 ? 3 : g;
        for (int k = 0; k < n; k++) {
          System.arraycopy(ws.gRec[k], col * n, grad, layout.recW[g] + k * n, n);
        }
      }
    } else if (layout.recW != null) {
      float s = (float) layout.recurrentScale();
      int w = layout.recW[0];
      boolean dale = spec.dale();
      int e = spec.excitatoryUnits();
      for (int k = 0; k < n; k++) {
        float[] row = ws.gRec[k];
        float sk = dale ? (k < e ? s : -s) : s;
        for (int j = 0; j < n; j++) {
          float v = sk * row[j];
          grad[w + k * n + j] = dale ? v * Math.signum(p[w + k * n + j]) : v;
        }
      }
    } else {
      int r = spec.rank();
      double inv = 1.0 / n;
      for (int k = 0; k < n; k++) {
        float[] row = ws.gRec[k];
        for (int q = 0; q < r; q++) {
          double acc = 0;
          for (int j = 0; j < n; j++) {
            acc += (double) row[j] * p[layout.lowM + j * r + q];
          }
          grad[layout.lowN + k * r + q] = (float) (acc * inv);
        }
      }
      for (int j = 0; j < n; j++) {
        for (int q = 0; q < r; q++) {
          double acc = 0;
          for (int k = 0; k < n; k++) {
            acc += (double) ws.gRec[k][j] * p[layout.lowN + k * r + q];
          }
          grad[layout.lowM + j * r + q] = (float) (acc * inv);
        }
      }
    }
    for (int k = 0; k < n; k++) {
      for (int q = 0; q < o; q++) {
        grad[layout.outW + k * o + q] = ws.gOutT[q][k] * layout.readoutChain(p[layout.outW + k * o + q], k);
      }
    }
    for (int q = 0; q < o; q++) {
      float acc = 0f;
      for (int m = 0; m < rows; m++) {
        acc += dOutputs[m * o + q];
      }
      grad[layout.outB + q] = acc;
    }
  }
}
