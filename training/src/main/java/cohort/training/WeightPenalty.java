package cohort.training;

/**
 * L2 regularisation of chosen weight blocks of a flat parameter vector (biases are left out), with
 * PsychRNN's normalisation ({@code L2_rec · reduce_mean(W_rec²)}, and likewise per weight matrix):
 *
 * <pre>  R = λ Σ_blocks mean_block(w²),   ∂R/∂w = 2 λ w / |block|</pre>
 *
 * <p>Allocates nothing per call.
 */
public final class WeightPenalty {

  private final double lambda;
  private final int[] offsets;
  private final int[] lengths;

  /**
   * @param lambda λ >= 0
   * @param offsets start of each regularised block in the parameter vector
   * @param lengths number of elements of each block
   */
  public WeightPenalty(double lambda, int[] offsets, int[] lengths) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("L2 weight penalty must be a finite number >= 0; got " + lambda);
    }
    if (offsets.length != lengths.length) {
      throw new IllegalArgumentException("WeightPenalty needs one length per offset; got "
          + offsets.length + " offsets and " + lengths.length + " lengths");
    }
    this.lambda = lambda;
    this.offsets = offsets.clone();
    this.lengths = lengths.clone();
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  /**
   * Adds {@code ∂R/∂w} to {@code gradient} and returns {@code R}; does nothing and returns 0 when λ = 0.
   */
  public double apply(float[] parameters, float[] gradient) {
    if (lambda == 0) {
      return 0;
    }
    double total = 0;
    for (int k = 0; k < offsets.length; k++) {
      int off = offsets[k];
      int len = lengths[k];
      if (len == 0) {
        continue;
      }
      double s = 0;
      float c = (float) (2 * lambda / len);
      for (int i = off; i < off + len; i++) {
        float w = parameters[i];
        s += (double) w * w;
        gradient[i] += c * w;
      }
      total += lambda * s / len;
    }
    return total;
  }
}
