package cohort.training;

/**
 * Activity ("firing-rate") L2 regularisation, PsychRNN's {@code L2_firing_rate · reduce_mean(r²)} over all
 * steps, trials and units of the hidden trajectory:
 *
 * <pre>  R = λ mean(h²),   ∂R/∂h = 2 λ h / (T·B·N)</pre>
 *
 * <p>The gradient goes into the {@code dHidden} argument of the network's backward pass. Allocates nothing.
 */
public final class RatePenalty {

  private final double lambda;

  /** @param lambda λ >= 0 */
  public RatePenalty(double lambda) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("rate L2 penalty must be a finite number >= 0; got " + lambda);
    }
    this.lambda = lambda;
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  /**
   * Writes {@code ∂R/∂h} for the first {@code count} elements of {@code hidden} into {@code dHidden}
   * (overwriting it) and returns {@code R}.
   */
  public double apply(float[] hidden, int count, float[] dHidden) {
    if (count <= 0) {
      return 0;
    }
    double s = 0;
    float c = (float) (2 * lambda / count);
    for (int i = 0; i < count; i++) {
      float h = hidden[i];
      s += (double) h * h;
      dHidden[i] = c * h;
    }
    return lambda * s / count;
  }
}
