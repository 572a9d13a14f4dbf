package cohort.models.cells;

import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.Packs;
import cohort.models.Step;

/**
 * The fast path of a cell over its {@link Gates}: the counts of fused blocks, input-only blocks and saved slots, and
 * by default the product rows of gates {@code 0..blocks−1} packed whole (input weights, bias, recurrent weights); a
 * cell with input-only or second-product rows overrides {@link #pack} and {@link #unpack}. Stateless after
 * construction.
 */
abstract class GatedKernels implements Cell.Kernels {
  final Gates gates;
  private final int blocks;
  private final int inputBlocks;
  private final int slots;

  GatedKernels(Gates gates, int blocks, int inputBlocks, int slots) {
    this.gates = gates;
    this.blocks = blocks;
    this.inputBlocks = inputBlocks;
    this.slots = slots;
  }

  @Override
  public final int blocks() {
    return blocks;
  }

  @Override
  public final int inputBlocks() {
    return inputBlocks;
  }

  @Override
  public final int slots() {
    return slots;
  }

  @Override
  public void pack(float[] p, Packs packs) {
    gates.packGates(p, blocks, packs);
  }

  @Override
  public void unpack(float[] p, Packs grads, float[] gradient) {
    gates.unpackGates(grads, blocks, gradient);
  }

  /** Gate {@code g} of this step: block g of the fused product through the logistic sigmoid, in saved slot g. */
  static float[] gate(Step st, int g) {
    float[] a = st.saved(g);
    st.product(g, a);
    Activation.sigmoid(a, 0, st.length());
    return a;
  }

  /**
   * Block g of the fused product through the activation σ, in saved slot g, with σ' in saved slot
   * {@code derivativeSlot}: a candidate's value.
   */
  static float[] activated(Step st, int g, int derivativeSlot) {
    float[] a = st.saved(g);
    st.product(g, a);
    st.activation().apply(a, st.saved(derivativeSlot), 0, st.length());
    return a;
  }

  /** {@code out = (1 − w) ⊙ a + w ⊙ b}: the update gate's interpolation (GRU, UGRNN and MGU). */
  static void mix(float[] out, float[] w, float[] a, float[] b, int nb) {
    for (int j = 0; j < nb; j++) {
      out[j] = (1f - w[j]) * a[j] + w[j] * b[j];
    }
  }

  /**
   * The backward of {@link #mix} for a sigmoid gate w, a candidate {@code a = σ(z)} ({@code σ'(z)} in {@code da})
   * and the previous state b: given {@code δ = ∂L/∂out}, writes the gate's pre-activation gradient
   * {@code δ (b − a) w (1 − w)} to {@code dw}, the candidate's {@code δ (1 − w) σ'} to {@code dz}, and the direct
   * carry {@code δ w} to {@code next}.
   */
  static void mixBackward(float[] delta, float[] w, float[] a, float[] b, float[] da, float[] dw, float[] dz,
      float[] next, int nb) {
    for (int j = 0; j < nb; j++) {
      float wj = w[j];
      dw[j] = delta[j] * (b[j] - a[j]) * wj * (1f - wj);
    }
    for (int j = 0; j < nb; j++) {
      float wj = w[j];
      float dj = delta[j];
      dz[j] = dj * (1f - wj) * da[j];
      next[j] = dj * wj;
    }
  }
}
