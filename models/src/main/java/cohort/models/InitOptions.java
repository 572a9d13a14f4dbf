package cohort.models;

/**
 * How the non-recurrent parameters are initialised (the recurrent ones follow {@link NetworkSpec#init()} and
 * {@link NetworkSpec#gain()}).
 *
 * @param input initialiser of the input weights (fan-in I)
 * @param inputGain its gain (&gt; 0)
 * @param readout initialiser of {@code W_out} (fan-in N)
 * @param readoutGain its gain (&gt; 0)
 * @param gateBias added to the bias of the gate that keeps memory ({@link Cell#defaultGateBias()}: the LSTM
 *     forget gate's {@code b_if}, the UGRNN update gate's {@code b_g}; the {@code forget_bias = 1.0} of RENN and
 *     TensorFlow's UGRNN/LSTM cells; a trainable bias started at this value is the same family of functions as TF's
 *     constant offset)
 */
public record InitOptions(InitKind input, double inputGain, InitKind readout, double readoutGain, double gateBias) {

  /** Validates every field. */
  public InitOptions {
    if (input == null) {
      throw new IllegalArgumentException("input init: missing; accepted: normal, orthogonal, identity, glorot, uniform");
    }
    if (readout == null) {
      throw new IllegalArgumentException("readout init: missing; accepted: normal, orthogonal, identity, glorot, uniform");
    }
    if (!(inputGain > 0) || Double.isInfinite(inputGain)) {
      throw new IllegalArgumentException("inputGain: " + inputGain + " is not accepted; must be finite and > 0");
    }
    if (!(readoutGain > 0) || Double.isInfinite(readoutGain)) {
      throw new IllegalArgumentException("readoutGain: " + readoutGain + " is not accepted; must be finite and > 0");
    }
    if (Double.isNaN(gateBias) || Double.isInfinite(gateBias)) {
      throw new IllegalArgumentException("gateBias: " + gateBias + " is not accepted; must be finite");
    }
  }

  /**
   * The defaults for a spec: with {@code init = uniform} everything is PyTorch's default (workload W1: every weight
   * and bias {@code U(−1/√N, 1/√N)}, no extra gate bias); otherwise input {@code N(0, 1/I)}, readout
   * {@code N(0, 1/N)}, biases 0, and the cell's {@link Cell#defaultGateBias()} (1 for the LSTM and UGRNN).
   */
  public static InitOptions defaults(NetworkSpec spec) {
    if (spec.init() == InitKind.UNIFORM) {
      return new InitOptions(InitKind.UNIFORM, 1.0, InitKind.UNIFORM, 1.0, 0.0);
    }
    return new InitOptions(InitKind.NORMAL, 1.0, InitKind.NORMAL, 1.0, spec.architecture().defaultGateBias());
  }
}
