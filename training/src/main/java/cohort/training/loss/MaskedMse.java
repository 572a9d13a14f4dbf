package cohort.training.loss;

/**
 * Masked mean-squared error, the default loss of all three source works:
 *
 * <pre>  L = Σ m (y − ŷ)² / Σ m,   ∂L/∂y = 2 m (y − ŷ) / Σ m</pre>
 *
 * <p>Normalisation: the weighted mean over the scored elements. With a mask of ones this is the mean over
 * {@code T × B × D}, i.e. PyTorch's {@code MSELoss()} as used by Maheswaranathan et al. 2019 (peer workload
 * W1) and Keras' MSE with temporal sample weights of one (Jarne). PsychRNN divides the masked squared error by
 * all {@code T × B × D} elements instead; the two differ by the constant factor {@code Σ m / (T B D)}, which
 * Adam's update is insensitive to. If nothing is scored ({@code Σ m = 0}) the loss and its gradient are 0.
 * Sums are accumulated in double.
 */
public final class MaskedMse implements Loss {

  @Override
  public double evaluate(float[] outputs, float[] targets, float[] mask, int steps, int batch, int size,
      float[] dOutputs) {
    int n = steps * batch * size;
    checkLengths(outputs, targets, mask, n, dOutputs);
    double weight = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double m = mask[i];
      double e = (double) outputs[i] - targets[i];
      weight += m;
      sum += m * e * e;
    }
    if (weight <= 0) {
      if (dOutputs != null) {
        java.util.Arrays.fill(dOutputs, 0, n, 0f);
      }
      return 0;
    }
    if (dOutputs != null) {
      float scale = (float) (2.0 / weight);
      for (int i = 0; i < n; i++) {
        dOutputs[i] = scale * mask[i] * (outputs[i] - targets[i]);
      }
    }
    return sum / weight;
  }

  static void checkLengths(float[] outputs, float[] targets, float[] mask, int n, float[] dOutputs) {
    if (outputs.length < n || targets.length < n || mask.length < n || (dOutputs != null && dOutputs.length < n)) {
      throw new IllegalArgumentException("loss arrays must hold steps*batch*size = " + n + " elements; got outputs "
          + outputs.length + ", targets " + targets.length + ", mask " + mask.length
          + (dOutputs == null ? "" : ", dOutputs " + dOutputs.length));
    }
  }
}
