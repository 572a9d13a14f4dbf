package cohort.models.cells;

import cohort.models.Cell;
import cohort.models.InitOptions;
import cohort.models.Initializers;
import cohort.models.Layout;
import cohort.models.NetworkSpec;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What the gated cells (UGRNN, GRU, LSTM, MGU) share as {@link Cell}s: their name and summary, their per-gate blocks
 * ({@link Gates}: input weights, recurrent weights, biases and, PyTorch-style, recurrent biases), and the
 * initialisation of those blocks ({@link Initializers#gated}), with {@link InitOptions#gateBias()} added to one
 * memory gate's bias where the cell has one, and the making of its kernels and reference over those blocks. Immutable.
 */
abstract class GatedCell implements Cell {

  /** Makes a cell's double reference over a parameter vector, given the offsets of its gate blocks. */
  interface ReferenceMaker {
    Cell.Reference make(Layout layout, double[] parameters, Gates gates);
  }

  private final String id;
  private final String summary;
  private final String[] input;
  private final String[] recurrent;
  private final String[] biases;
  private final String[] recurrentBiases;
  private final int memoryGate;
  private final Function<Gates, Cell.Kernels> kernels;
  private final ReferenceMaker reference;

  /**
   * A gated cell.
   *
   * @param recurrentBiases the names of the recurrent biases, or {@code null} for one bias per gate
   * @param memoryGate the gate whose input bias starts at {@link InitOptions#gateBias()}, or −1 for none
   * @param kernels the cell's fast path over its gate blocks
   * @param reference the cell's double reference over a parameter vector and its gate blocks
   */
  GatedCell(String id, String summary, String[] input, String[] recurrent, String[] biases, String[] recurrentBiases,
      int memoryGate, Function<Gates, Cell.Kernels> kernels, ReferenceMaker reference) {
    this.id = id;
    this.summary = summary;
    this.input = input;
    this.recurrent = recurrent;
    this.biases = biases;
    this.recurrentBiases = recurrentBiases;
    this.memoryGate = memoryGate;
    this.kernels = kernels;
    this.reference = reference;
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

  /** 1 for a cell with a memory gate (TensorFlow's {@code forget_bias} for the LSTM and UGRNN), else 0. */
  @Override
  public final double defaultGateBias() {
    return memoryGate >= 0 ? 1.0 : 0.0;
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

  @Override
  public final Cell.Kernels kernels(Layout layout) {
    return kernels.apply(gates(layout));
  }

  @Override
  public final Cell.Reference reference(Layout layout, double[] parameters) {
    return reference.make(layout, parameters, gates(layout));
  }
}
