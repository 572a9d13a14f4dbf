package cohort.models.cells;

import cohort.models.Cell;
import cohort.models.Packs;

/**
 * The fast path of a cell over its {@link Gates}: the counts of fused blocks and saved slots, and by default the
 * product rows of gates {@code 0..blocks−1} packed whole (input weights, bias, recurrent weights); a cell with
 * input-only or second-product rows overrides {@link #pack} and {@link #unpack}. Stateless after construction.
 */
abstract class GatedKernels implements Cell.Kernels {
  final Gates gates;
  private final int blocks;
  private final int slots;

  GatedKernels(Gates gates, int blocks, int slots) {
    this.gates = gates;
    this.blocks = blocks;
    this.slots = slots;
  }

  @Override
  public final int blocks() {
    return blocks;
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
}
