package cohort.training.optim;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's {@code torch.optim.SGD} (dampening 0,
 * not Nesterov):
 *
 * <pre>  b ← μ b + g   (b = g at the first step),   θ ← θ − lr · b</pre>
 *
 * <p>Cohort's default momentum is 0.9 (PyTorch's default of 0 is plain SGD, obtainable with μ = 0).
 */
public final class Sgd implements Optimizer {

  private final float momentum;
  private final float[] buffer;
  private long t;

  /** SGD with momentum 0.9. */
  public Sgd(int size) {
    this(size, 0.9);
  }

  public Sgd(int size, double momentum) {
    if (size < 0) {
      throw new IllegalArgumentException("SGD size must be >= 0; got " + size);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("SGD momentum must be in [0, 1); got " + momentum);
    }
    this.momentum = (float) momentum;
    this.buffer = new float[size];
  }

  @Override
  public void step(float[] parameters, float[] gradient, double learningRate) {
    Optimizers.checkSizes(parameters, gradient, buffer.length);
    float mu = t == 0 ? 0f : momentum;
    float lr = (float) learningRate;
    t++;
    for (int i = 0; i < parameters.length; i++) {
      float b = mu * buffer[i] + gradient[i];
      buffer[i] = b;
      parameters[i] -= lr * b;
    }
  }

  @Override
  public long steps() {
    return t;
  }

  @Override
  public void copyStateFrom(Optimizer source) {
    Sgd o = Optimizers.sameKind(source, Sgd.class);
    Optimizers.copyState(o.buffer, buffer);
    t = o.t;
  }
}
