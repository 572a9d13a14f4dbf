package cohort.models;

/**
 * The scalar functions of the batched double kernels ({@link Cell.BatchKernels}): the logistic sigmoid and the
 * activation in double ({@link Activation#tanhExp(double)} for tanh) or, for the single-precision variant of the
 * fixed-point search ({@link ReferenceCell#residualGradientBatchSingle}), sigmoid and tanh through the float
 * {@link Activation#tanh(float)} (no exp), everything else still in double. Immutable.
 */
public final class BatchMath {
  private final Activation activation;
  private final boolean single;

  /** The functions for an activation, in double or ({@code single}) with float sigmoid and tanh. */
  public BatchMath(Activation activation, boolean single) {
    this.activation = activation;
    this.single = single;
  }

  /** Whether sigmoid and tanh are float32 (the fixed-point search's single-precision kernel). */
  public boolean single() {
    return single;
  }

  /** The logistic sigmoid: double, or float32 ({@code ½ tanh(z/2) + ½} through {@link Activation#tanh(float)}). */
  public double gate(double z) {
    return single ? 0.5 * Activation.tanh((float) (0.5 * z)) + 0.5 : Activation.sigmoid(z);
  }

  /** The activation σ(z): double, or float32 for tanh ({@link Activation#tanh(float)}). */
  public double act(double z) {
    if (activation == Activation.TANH) {
      return single ? Activation.tanh((float) z) : Activation.tanhExp(z);
    }
    return activation.apply(z);
  }

  /** {@code σ'(z)} given {@code y = σ(z)} (tanh from its value, so that it is evaluated once). */
  public double derivative(double z, double y) {
    switch (activation) {
      case TANH: return 1.0 - y * y;
      case RELU: return z > 0 ? 1.0 : 0.0;
      case SOFTPLUS: return Activation.sigmoid(z);
      default: return 1.0;
    }
  }
}
