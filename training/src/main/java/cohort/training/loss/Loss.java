package cohort.training.loss;

/**
 * A training loss over a batch of network outputs, with its gradient with respect to the outputs.
 *
 * <p>All arrays are time-major {@code [T][B][D]} ({@code (t * batch + b) * size + d}), like
 * {@link cohort.tasks.TrialBatch}. Implementations are stateless and allocate nothing: the gradient goes into
 * the caller's preallocated array.
 */
public interface Loss {

  /**
   * Evaluates the loss and, if {@code dOutputs} is not null, writes {@code ∂loss/∂outputs} into it.
   *
   * @param outputs network outputs {@code [T][B][D]}
   * @param targets targets {@code [T][B][D]}
   * @param mask loss weight of each target element {@code [T][B][D]} (0 = not scored)
   * @param steps T
   * @param batch B
   * @param size D, the number of output channels
   * @param dOutputs gradient output, length {@code T*B*D}, overwritten; or null to skip the gradient
   * @return the loss value (0 if nothing is scored)
   */
  double evaluate(float[] outputs, float[] targets, float[] mask, int steps, int batch, int size, float[] dOutputs);
}
