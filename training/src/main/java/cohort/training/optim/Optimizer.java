package cohort.training.optim;

/**
 * A first-order optimiser over one flat parameter vector. Each implementation allocates its state once (in
 * its constructor, sized to the parameter vector) and updates the parameters in place in one fused loop per
 * step, allocating nothing.
 */
public interface Optimizer {

  /**
   * Applies one update {@code θ ← θ − f(∇)} in place.
   *
   * @param parameters the parameter vector, modified
   * @param gradient the gradient of the loss at {@code parameters}, same length; not modified
   * @param learningRate the learning rate of this step (after any schedule)
   */
  void step(float[] parameters, float[] gradient, double learningRate);

  /** Number of steps taken so far. */
  long steps();

  /**
   * Makes this optimiser's state (its moments and step count) a copy of {@code source}'s, so that a trainer can
   * return to a saved point ({@link cohort.training.Trainer}'s rollbacks). Allocates nothing.
   *
   * @throws IllegalArgumentException if {@code source} is another kind of optimiser or of another size
   */
  void copyStateFrom(Optimizer source);
}
