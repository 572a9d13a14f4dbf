package cohort.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each block of a spec's parameters lives in the flat vector (shared by the float and double paths): the
 * cell's blocks in the order its {@link Cell#declare} gives them, then the readout {@code W_out} ({@code N × O}) and
 * {@code b_out}. Immutable.
 */
public final class Layout {
  private final NetworkSpec spec;
  private final int size;
  private final int outW;
  private final int outB;
  private final List<ParameterBlock> blocks;

  /** Adds a cell's blocks one after the other. */
  public static final class Builder {
    private final List<ParameterBlock> list = new ArrayList<>();
    private int offset;

    private Builder() {
    }

    /**
     * Adds a {@code rows × cols} block (stored {@code [in][out]}, see {@link ParameterBlock}) and returns its offset.
     */
    public int add(String name, int rows, int cols) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).name().equals(name)) {
          throw new IllegalArgumentException("block: the name '" + name + "' is declared twice");
        }
      }
      ParameterBlock b = new ParameterBlock(name, offset, rows, cols);
      list.add(b);
      offset += b.size();
      return b.offset();
    }
  }

  /** The layout of a spec: its cell's blocks, then the readout. */
  public Layout(NetworkSpec spec) {
    this.spec = spec;
    Builder b = new Builder();
    spec.architecture().declare(spec, b);
    outW = b.add("W_out", spec.hidden(), spec.outputs());
    outB = b.add("b_out", 1, spec.outputs());
    size = b.offset;
    blocks = Collections.unmodifiableList(b.list);
  }

  public NetworkSpec spec() {
    return spec;
  }

  /** Hidden size N. */
  public int hidden() {
    return spec.hidden();
  }

  /** Input size I. */
  public int inputs() {
    return spec.inputs();
  }

  /** Readout size O. */
  public int outputs() {
    return spec.outputs();
  }

  /** Length of the parameter vector. */
  public int size() {
    return size;
  }

  /** Offset of {@code W_out}. */
  public int readoutWeights() {
    return outW;
  }

  /** Offset of {@code b_out}. */
  public int readoutBias() {
    return outB;
  }

  /** The blocks in vector order; together they cover it exactly once. */
  public List<ParameterBlock> blocks() {
    return blocks;
  }

  /** The block with this name; unknown names give a message listing the accepted ones. */
  public ParameterBlock block(String name) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).name().equals(name)) {
        return blocks.get(i);
      }
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      s.append(i > 0 ? ", " : "").append(blocks.get(i).name());
    }
    throw new IllegalArgumentException("block: unknown name '" + name + "' for " + spec.architecture().id()
        + "; accepted: " + s);
  }

  /** Offset of the named block. */
  public int offset(String name) {
    return block(name).offset();
  }

  /**
   * The readout weight from unit {@code k} as used: the stored value, or under Dale's law {@code |w|} from an
   * excitatory unit and 0 from an inhibitory one (only excitatory units project to the output; Song, Yang &amp; Wang
   * 2016; PsychRNN's {@code Dale_out}).
   */
  public double readoutWeight(double w, int k) {
    return !spec.dale() ? w : k < spec.excitatoryUnits() ? Math.abs(w) : 0.0;
  }

  /** {@link #readoutWeight(double, int)} in float. */
  public float readoutWeight(float w, int k) {
    return !spec.dale() ? w : k < spec.excitatoryUnits() ? Math.abs(w) : 0f;
  }

  /** The derivative of {@link #readoutWeight} with respect to the stored weight: 1, sign(w) or 0. */
  public double readoutChain(double w, int k) {
    return !spec.dale() ? 1.0 : k < spec.excitatoryUnits() ? Math.signum(w) : 0.0;
  }

  /** {@link #readoutChain(double, int)} in float. */
  public float readoutChain(float w, int k) {
    return !spec.dale() ? 1f : k < spec.excitatoryUnits() ? Math.signum(w) : 0f;
  }

  /** Dale sign of presynaptic unit k: +1 for the first ⌊f·N⌋ (excitatory), −1 after. */
  public double daleSign(int k) {
    return k < spec.excitatoryUnits() ? 1.0 : -1.0;
  }
}
