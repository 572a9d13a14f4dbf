package cohort.models;

import java.util.random.RandomGenerator;

/**
 * What a cell's element-wise kernels ({@link Cell.Kernels#forward}, {@link Cell.Kernels#backward}) see of one time
 * step {@code t} of a batch: feature-major blocks of {@code N·B} floats ({@code [unit][trial]}, index
 * {@code k·B + b}), one per gate, saved value or gradient, so that every loop is a long unit-stride loop over
 * {@link #length()} elements that C2 vectorises. The driver owns every array and moves the products in and out;
 * the view is reused from step to step (never keep it or its arrays beyond the call).
 */
public final class Step {
  private final ColumnPath.Buffers c;
  private final NetworkSpec spec;
  private final int n;
  int t;
  int batch;
  int nb;
  RandomGenerator noise;
  double noiseScale;

  Step(ColumnPath.Buffers c, NetworkSpec spec) {
    this.c = c;
    this.spec = spec;
    this.n = spec.hidden();
  }

  /** The time step. */
  public int t() {
    return t;
  }

  /** Trials B in this pass. */
  public int batch() {
    return batch;
  }

  /** Units N. */
  public int hidden() {
    return n;
  }

  /** {@code N·B}: the length of every block. */
  public int length() {
    return nb;
  }

  /** The network's spec (activation, α, …). */
  public NetworkSpec spec() {
    return spec;
  }

  /** The activation σ. */
  public Activation activation() {
    return spec.activation();
  }

  /** Source of recurrent noise, or {@code null} (then {@link #noiseScale()} is 0). */
  public RandomGenerator noise() {
    return noise;
  }

  /** {@code √(2α) σ_rec} when noise is on, else 0. */
  public double noiseScale() {
    return noiseScale;
  }

  /** Copies block {@code block} of the fused product {@code [W | U | b] [h_{t−1}; x_t; 1]} into {@code dst}. */
  public void product(int block, float[] dst) {
    c.step.get(block * nb, dst, 0, nb);
  }

  /** Copies block {@code block} of the input-only product {@code [U | b] [x_t; 1]} into {@code dst}. */
  public void candidate(int block, float[] dst) {
    c.candidateStep.get(block * nb, dst, 0, nb);
  }

  /** Copies block {@code block} of the second product {@code W₂ v_t} (stage 1) into {@code dst}. */
  public void secondProduct(int block, float[] dst) {
    c.secondStep.get(block * nb, dst, 0, nb);
  }

  /** Saved array {@code slot} of this step (written forward, read backward). */
  public float[] saved(int slot) {
    return c.saved[t][slot];
  }

  /** Saved array {@code slot} of step t−1, or zeros at t = 0 (read only). */
  public float[] previousSaved(int slot) {
    return t > 0 ? c.saved[t - 1][slot] : c.zeros;
  }

  /** {@code h_t}, the state block the readout reads: forward writes it. */
  public float[] state() {
    return c.states[t];
  }

  /** {@code h_{t−1}}, or zeros at t = 0 (read only). */
  public float[] previousState() {
    return t > 0 ? c.states[t - 1] : c.zeros;
  }

  /** Stage 0 of a two-stage cell writes here the operand {@code v_t} of the second product. */
  public float[] vector() {
    return c.vector;
  }

  /** Backward: {@code ∂L/∂h_t} (block 0 of the state); read, may be overwritten. */
  public float[] carry() {
    return c.carry;
  }

  /** Backward: {@code ∂L/∂h_{t−1}}; the cell writes its direct part, the driver then adds the products'. */
  public float[] carryNext() {
    return c.carryNext;
  }

  /** Backward: {@code ∂L/∂} state block {@code block ≥ 1} at t (e.g. the LSTM's c); read. */
  public float[] stateCarry(int block) {
    return c.stateCarry[block - 1];
  }

  /** Backward: {@code ∂L/∂} state block {@code block ≥ 1} at t−1; the cell writes all of it. */
  public float[] stateCarryNext(int block) {
    return c.stateCarryNext[block - 1];
  }

  /** Backward: the cell writes {@code ∂L/∂} block {@code block} of the fused product's pre-activations. */
  public float[] delta(int block) {
    return c.delta[block];
  }

  /** Backward: the cell writes {@code ∂L/∂} block {@code block} of the input-only product. */
  public float[] candidateDelta(int block) {
    return c.candidateDelta[block];
  }

  /** Backward, stage 1: the cell writes {@code ∂L/∂} block {@code block} of the second product. */
  public float[] secondDelta(int block) {
    return c.secondDelta[block];
  }

  /** Backward, stage 0 of a two-stage cell: {@code ∂L/∂v_t = W₂ᵀ δ₂}, filled by the driver. */
  public float[] vectorGradient() {
    return c.vectorGradient;
  }
}
