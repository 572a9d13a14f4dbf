package cohort.training.optim;

/**
 * Adam (Kingma &amp; Ba 2015) exactly as PyTorch's {@code torch.optim.Adam} (no weight decay, no amsgrad):
 *
 * <pre>  m ← β₁ m + (1−β₁) g,   v ← β₂ v + (1−β₂) g²
 *  θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)</pre>
 *
 * <p>Defaults β = (0.9, 0.999), ε = 1e-8 (and lr 1e-3, set by the caller), as in PyTorch, Keras and
 * PsychRNN. Moments are kept in float; the bias corrections are computed in double.
 */
public final class Adam implements Optimizer {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final float[] m;
  private final float[] v;
  private long t;

  /** Adam with PyTorch's defaults for a vector of {@code size} parameters. */
  public Adam(int size) {
    this(size, 0.9, 0.999, 1e-8);
  }

  public Adam(int size, double beta1, double beta2, double epsilon) {
    if (size < 0) {
      throw new IllegalArgumentException("Adam size must be >= 0; got " + size);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam betas must be in [0, 1); got " + beta1 + ", " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("Adam epsilon must be > 0; got " + epsilon);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.m = new float[size];
    this.v = new float[size];
  }

  @Override
  public void step(float[] parameters, float[] gradient, double learningRate) {
    Optimizers.checkSizes(parameters, gradient, m.length);
    t++;
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2 = 1 - Math.pow(beta2, t);
    float b1 = (float) beta1;
    float c1 = (float) (1 - beta1);
    float b2 = (float) beta2;
    float c2 = (float) (1 - beta2);
    float stepSize = (float) (learningRate / bc1);
    float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
    float eps = (float) epsilon;
    for (int i = 0; i < parameters.length; i++) {
      float g = gradient[i];
      float mi = b1 * m[i] + c1 * g;
      float vi = b2 * v[i] + c2 * g * g;
      m[i] = mi;
      v[i] = vi;
      parameters[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + eps);
    }
  }

  @Override
  public long steps() {
    return t;
  }

  @Override
  public void copyStateFrom(Optimizer source) {
    Adam o = Optimizers.sameKind(source, Adam.class);
    Optimizers.copyState(o.m, m);
    Optimizers.copyState(o.v, v);
    t = o.t;
  }
}
