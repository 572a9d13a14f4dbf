package cohort.training.optim;

/**
 * RMSProp (Tieleman &amp; Hinton 2012) as PyTorch's {@code torch.optim.RMSprop} defaults (α = 0.99, ε = 1e-8,
 * not centred, no momentum; PyTorch's default lr is 1e-2):
 *
 * <pre>  v ← α v + (1−α) g²,   θ ← θ − lr · g / (√v + ε)</pre>
 */
public final class RmsProp implements Optimizer {

  private final float alpha;
  private final float epsilon;
  private final float[] v;
  private long t;

  /** RMSProp with PyTorch's defaults. */
  public RmsProp(int size) {
    this(size, 0.99, 1e-8);
  }

  public RmsProp(int size, double alpha, double epsilon) {
    if (size < 0) {
      throw new IllegalArgumentException("RMSProp size must be >= 0; got " + size);
    }
    if (!(alpha >= 0 && alpha < 1)) {
      throw new IllegalArgumentException("RMSProp alpha must be in [0, 1); got " + alpha);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("RMSProp epsilon must be > 0; got " + epsilon);
    }
    this.alpha = (float) alpha;
    this.epsilon = (float) epsilon;
    this.v = new float[size];
  }

  @Override
  public void step(float[] parameters, float[] gradient, double learningRate) {
    Optimizers.checkSizes(parameters, gradient, v.length);
    t++;
    float a = alpha;
    float c = 1f - alpha;
    float lr = (float) learningRate;
    for (int i = 0; i < parameters.length; i++) {
      float g = gradient[i];
      float vi = a * v[i] + c * g * g;
      v[i] = vi;
      parameters[i] -= lr * g / ((float) Math.sqrt(vi) + epsilon);
    }
  }

  @Override
  public long steps() {
    return t;
  }

  @Override
  public void copyStateFrom(Optimizer source) {
    RmsProp o = Optimizers.sameKind(source, RmsProp.class);
    Optimizers.copyState(o.v, v);
    t = o.t;
  }
}
