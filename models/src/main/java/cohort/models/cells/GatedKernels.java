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
}
