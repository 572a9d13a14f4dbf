package cohort.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each block of a spec's parameters lives in the flat vector (shared by the float and double paths).
 *
 * <p>Order: input weights per gate, recurrent weights per gate (or low-rank {@code m}, {@code n}), input biases per
 * gate, recurrent biases per gate (GRU, LSTM: PyTorch keeps both), readout {@code W_out}, {@code b_out}.
 */
final class Layout {
  final NetworkSpec spec;
  final int n;
  final int inputs;
  final int outputs;
  final int gates;
  final int[] inW;
  final int[] recW;
  final int[] inB;
  final int[] recB;
  final int lowM;
  final int lowN;
  final int outW;
  final int outB;
  final int size;
  final List<ParameterBlock> blocks;

  Layout(NetworkSpec spec) {
    this.spec = spec;
    this.n = spec.hidden();
    this.inputs = spec.inputs();
    this.outputs = spec.outputs();
    this.gates = spec.architecture().gates();
    String[] inNames;
    String[] recNames;
    String[] inBiasNames;
    String[] recBiasNames;
    switch (spec.architecture()) {
      case UGRNN:
        inNames = new String[] {"W_ig", "W_ic"};
        recNames = new String[] {"W_hg", "W_hc"};
        inBiasNames = new String[] {"b_g", "b_c"};
        recBiasNames = null;
        break;
      case GRU:
        inNames = new String[] {"W_ir", "W_iz", "W_in"};
        recNames = new String[] {"W_hr", "W_hz", "W_hn"};
        inBiasNames = new String[] {"b_ir", "b_iz", "b_in"};
        recBiasNames = new String[] {"b_hr", "b_hz", "b_hn"};
        break;
      case LSTM:
        inNames = new String[] {"W_ii", "W_if", "W_ig", "W_io"};
        recNames = new String[] {"W_hi", "W_hf", "W_hg", "W_ho"};
        inBiasNames = new String[] {"b_ii", "b_if", "b_ig", "b_io"};
        recBiasNames = new String[] {"b_hi", "b_hf", "b_hg", "b_ho"};
        break;
      case LOW_RANK:
        inNames = new String[] {"W_in"};
        recNames = null;
        inBiasNames = new String[] {"b"};
        recBiasNames = null;
        break;
      default:
        inNames = new String[] {"W_in"};
        recNames = new String[] {"W_rec"};
        inBiasNames = new String[] {"b"};
        recBiasNames = null;
        break;
    }
    List<ParameterBlock> list = new ArrayList<>();
    int off = 0;
    inW = new int[gates];
    for (int g = 0; g < gates; g++) {
      inW[g] = off;
      list.add(new ParameterBlock(inNames[g], off, inputs, n));
      off += inputs * n;
    }
    if (recNames != null) {
      recW = new int[gates];
      for (int g = 0; g < gates; g++) {
        recW[g] = off;
        list.add(new ParameterBlock(recNames[g], off, n, n));
        off += n * n;
      }
      lowM = -1;
      lowN = -1;
    } else {
      recW = null;
      int r = spec.rank();
      lowM = off;
      list.add(new ParameterBlock("m", off, n, r));
      off += n * r;
      lowN = off;
      list.add(new ParameterBlock("n", off, n, r));
      off += n * r;
    }
    inB = new int[gates];
    for (int g = 0; g < gates; g++) {
      inB[g] = off;
      list.add(new ParameterBlock(inBiasNames[g], off, 1, n));
      off += n;
    }
    if (recBiasNames != null) {
      recB = new int[gates];
      for (int g = 0; g < gates; g++) {
        recB[g] = off;
        list.add(new ParameterBlock(recBiasNames[g], off, 1, n));
        off += n;
      }
    } else {
      recB = null;
    }
    outW = off;
    list.add(new ParameterBlock("W_out", off, n, outputs));
    off += n * outputs;
    outB = off;
    list.add(new ParameterBlock("b_out", off, 1, outputs));
    off += outputs;
    size = off;
    blocks = Collections.unmodifiableList(list);
  }

  ParameterBlock block(String name) {
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

  /**
   * The readout weight from unit {@code k} as used: the stored value, or under Dale's law {@code |w|} from an
   * excitatory unit and 0 from an inhibitory one (only excitatory units project to the output; Song, Yang &amp; Wang
   * 2016; PsychRNN's {@code Dale_out}).
   */
  double readoutWeight(double w, int k) {
    return !spec.dale() ? w : k < spec.excitatoryUnits() ? Math.abs(w) : 0.0;
  }

  /** {@link #readoutWeight(double, int)} in float. */
  float readoutWeight(float w, int k) {
    return !spec.dale() ? w : k < spec.excitatoryUnits() ? Math.abs(w) : 0f;
  }

  /** The derivative of {@link #readoutWeight} with respect to the stored weight: 1, sign(w) or 0. */
  double readoutChain(double w, int k) {
    return !spec.dale() ? 1.0 : k < spec.excitatoryUnits() ? Math.signum(w) : 0.0;
  }

  /** {@link #readoutChain(double, int)} in float. */
  float readoutChain(float w, int k) {
    return !spec.dale() ? 1f : k < spec.excitatoryUnits() ? Math.signum(w) : 0f;
  }

  /** Dale sign of presynaptic unit k: +1 for the first ⌊f·N⌋ (excitatory), −1 after. */
  double daleSign(int k) {
    return k < spec.excitatoryUnits() ? 1.0 : -1.0;
  }

  /** The forward scale of the recurrent matrix: g/√N for scaled-ctrnn, 1 otherwise. */
  double recurrentScale() {
    return spec.architecture() == Architecture.SCALED_CTRNN ? spec.gain() / Math.sqrt(n) : 1.0;
  }
}
