package cohort.models.cells;

import cohort.models.Cell;
import cohort.models.InitOptions;
import cohort.models.Initializers;
import cohort.models.Layout;
import cohort.models.NetworkSpec;
import java.util.random.RandomGenerator;

/**
 * What the gated cells (UGRNN, GRU, LSTM, MGU) share as {@link Cell}s: their name and summary, their per-gate blocks
 * ({@link Gates}: input weights, recurrent weights, biases and, PyTorch-style, recurrent biases), and the
 * initialisation of those blocks ({@link Initializers#gated}), with {@link InitOptions#gateBias()} added to one
 * memory gate's bias where the cell has one. Immutable.
 */
abstract class GatedCell implements Cell {
  private final String id;
  private final String summary;
  private final String[] input;
  private final String[] recurrent;
  private final String[] biases;
  private final String[] recurrentBiases;
  private final int memoryGate;

  /**
   * A gated cell.
   *
   * @param recurrentBiases the names of the recurrent biases, or {@code null} for one bias per gate
   * @param memoryGate the gate whose input bias starts at {@link InitOptions#gateBias()}, or −1 for none
   */
  GatedCell(String id, String summary, String[] input, String[] recurrent, String[] biases, String[] recurrentBiases,
      int memoryGate) {
    this.id = id;
    this.summary = summary;
    this.input = input;
    this.recurrent = recurrent;
    this.biases = biases;
    this.recurrentBiases = recurrentBiases;
    this.memoryGate = memoryGate;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final String toString() {
    return id;
  }

  /** The offsets of this cell's gate blocks in a layout. */
  final Gates gates(Layout layout) {
    return new Gates(layout, input, recurrent, biases, recurrentBiases);
  }

  @Override
  public final void declare(NetworkSpec spec, Layout.Builder blocks) {
    Gates.declare(blocks, spec.inputs(), spec.hidden(), input, recurrent, biases, recurrentBiases);
  }

  @Override
  public final void initialize(Layout layout, InitOptions options, RandomGenerator random, float[] p) {
    Gates g = gates(layout);
    Initializers.gated(layout.spec(), options, random, p, g.inputs(), g.recurrent(), g.biases(),
        g.recurrentBiases());
    if (memoryGate >= 0) {
      for (int j = 0; j < layout.hidden(); j++) {
        p[g.inB[memoryGate] + j] += (float) options.gateBias();
      }
    }
  }
}
