package cohort.models;

import cohort.models.linalg.FloatProducts;
import cohort.models.linalg.OpenBlas;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One recurrent network: a cell (a {@link Cell} from the {@link CellRegistry}), a linear readout
 * {@code o_t = W_out h_t + b_out} at every step, and one flat {@code float} parameter vector that optimisers update in
 * place.
 *
 * <p>Forward and backward run a batch of trials from {@code h_0 = 0} on the feature-major {@link ColumnPath}: one
 * matrix product per step for every gate, input, bias and the readout ({@link FloatProducts}: OpenBLAS's
 * {@code cblas_sgemm} when {@link OpenBlas#available()}, else a pure-Java loop), the cell's element-wise
 * {@link Cell.Kernels} as long loops over whole steps, and every weight gradient from one product over all steps.
 * The network knows no cell by name: the cell packs its parameters into product rows, does the gate arithmetic and
 * unpacks the row gradients. Nothing is allocated in {@link #forward} or {@link #backward}: every buffer is in the
 * {@link Workspace}. Deterministic for a fixed product path (and CPU).
 *
 * <p>The readout reads the state block 0 ({@code h}; for ctrnn the low-pass filtered rate itself, Jarne's
 * convention). A network is not thread-safe; its {@link #reference()} twin in double is.
 */
public final class Network {
  private final NetworkSpec spec;
  private final Layout layout;
  private final Cell.Kernels kernels;
  private final float[] params;

  private Network(NetworkSpec spec, Layout layout, float[] params) {
    this.spec = spec;
    this.layout = layout;
    this.kernels = spec.architecture().kernels(layout);
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
   * A new network: the cell's blocks as its {@link Cell#initialize} draws them, then the readout, all from
   * {@code random}.
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
    if (parameters == null || parameters.length != layout.size()) {
      throw new IllegalArgumentException("parameters: length " + (parameters == null ? "null" : parameters.length)
          + " is not accepted; this spec needs exactly " + layout.size());
    }
    return new Network(spec, layout, parameters.clone());
  }

  /** The parameter blocks a spec has, in vector order. */
  public static List<ParameterBlock> layout(NetworkSpec spec) {
    return new Layout(spec).blocks();
  }

  /** Length of a spec's parameter vector. */
  public static int parameterCount(NetworkSpec spec) {
    return new Layout(spec).size();
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
    return layout.blocks();
  }

  /** The block with this name; unknown names give a message listing the accepted ones. */
  public ParameterBlock block(String name) {
    return layout.block(name);
  }

  /** Length of the state: {@link Cell#stateBlocks()} · N (2N for the LSTM's {@code [h; c]}). */
  public int stateSize() {
    return spec.stateSize();
  }

  /** A deep copy (independent parameters). */
  public Network copy() {
    return new Network(spec, layout, params.clone());
  }

  /** A workspace for up to {@code steps × batch} trials. */
  public Workspace workspace(int steps, int batch) {
    return new Workspace(layout, kernels, steps, batch);
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
    int in = layout.inputs();
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
    ColumnPath.packWeights(layout, ws);
    ColumnPath.forward(layout, kernels, inputs, steps, batch, ws, noiseScale > 0 ? noise : null, noiseScale);
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

  /** The cell's product rows and the readout as used (Dale's law applied). */
  private void pack(Workspace ws) {
    kernels.pack(params, ws.packs);
    int n = layout.hidden();
    int o = layout.outputs();
    int outW = layout.readoutWeights();
    for (int k = 0; k < n; k++) {
      for (int q = 0; q < o; q++) {
        ws.woutT[q][k] = layout.readoutWeight(params[outW + k * o + q], k);
      }
    }
    System.arraycopy(params, layout.readoutBias(), ws.bout, 0, o);
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
    int rows = ws.usedSteps * ws.usedBatch;
    int n = layout.hidden();
    int in = layout.inputs();
    int o = layout.outputs();
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
    if (gradient == null || gradient.length != layout.size()) {
      throw new IllegalArgumentException("gradient: length " + (gradient == null ? "null" : gradient.length)
          + " is not accepted; need " + layout.size());
    }
    ColumnPath.backward(layout, kernels, dOutputs, dHidden, ws);
    kernels.unpack(params, ws.gradients, gradient);
    int outW = layout.readoutWeights();
    for (int k = 0; k < n; k++) {
      for (int q = 0; q < o; q++) {
        gradient[outW + k * o + q] = ws.gOutT[q][k] * layout.readoutChain(params[outW + k * o + q], k);
      }
    }
    int outB = layout.readoutBias();
    for (int q = 0; q < o; q++) {
      float acc = 0f;
      for (int m = 0; m < rows; m++) {
        acc += dOutputs[m * o + q];
      }
      gradient[outB + q] = acc;
    }
  }
}
