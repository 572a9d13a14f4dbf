package cohort.io.interop;

import cohort.io.Npy;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ParameterBlock;
import java.util.List;

/**
 * A parameter vector being filled block by block from another framework's tensors, in either orientation:
 * PyTorch's {@code [out][in]} with gates stacked along the rows ({@code weight_ih} is {@code [G·N][I]}), or Keras's
 * {@code [in][out]} with gates side by side along the columns ({@code kernel} is {@code [I][G·N]}). Cohort's blocks
 * are {@code [in][out]} ({@link ParameterBlock}).
 */
final class Parameters {
  private final NetworkSpec spec;
  private final List<ParameterBlock> blocks;
  private final float[] p;

  Parameters(NetworkSpec spec) {
    this.spec = spec;
    this.blocks = Network.layout(spec);
    this.p = new float[Network.parameterCount(spec)];
  }

  private ParameterBlock block(String name) {
    for (ParameterBlock b : blocks) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    throw new IllegalStateException("no block " + name + " in " + spec.architecture().id());
  }

  /** Block {@code name} from rows {@code gate·cols ..} of a PyTorch weight {@code [G·cols][rows]}. */
  void torch(String name, Npy.Array w, int gate) {
    ParameterBlock b = block(name);
    int in = w.shape()[1];
    for (int r = 0; r < b.rows(); r++) {
      for (int c = 0; c < b.cols(); c++) {
        p[b.index(r, c)] = (float) w.data()[(gate * b.cols() + c) * in + r];
      }
    }
  }

  /** Block {@code name} from columns {@code gate·cols ..} of a Keras kernel {@code [rows][G·cols]}. */
  void keras(String name, Npy.Array k, int gate) {
    ParameterBlock b = block(name);
    int width = k.shape()[1];
    for (int r = 0; r < b.rows(); r++) {
      for (int c = 0; c < b.cols(); c++) {
        p[b.index(r, c)] = (float) k.data()[r * width + gate * b.cols() + c];
      }
    }
  }

  /**
   * Bias block {@code name} from {@code values[from ..]}, plus {@code more[from ..]} when given (PyTorch's two RNN
   * biases, summed in double and rounded once); {@code values} {@code null} leaves it 0.
   */
  void bias(String name, double[] values, double[] more, int from) {
    if (values == null && more == null) {
      return;
    }
    ParameterBlock b = block(name);
    for (int c = 0; c < b.cols(); c++) {
      double v = (values == null ? 0 : values[from + c]) + (more == null ? 0 : more[from + c]);
      p[b.index(0, c)] = (float) v;
    }
  }

  Network network() {
    return Network.of(spec, p);
  }
}
