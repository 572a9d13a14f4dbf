package cohort.training.loss;

/**
 * Masked softmax cross-entropy for tasks whose outputs are a choice among channels (one-hot targets), as in
 * NeuroGym-trained networks (Ghalambor et al. 2024; Yang et al.'s multitask uses it for the same tasks):
 *
 * <pre>  p = softmax(y_{t,b,·}),  c = argmax_d ŷ_{t,b,d},  w_{t,b} = max_d m_{t,b,d}
 *  L = Σ_{t,b} w_{t,b} (−log p_c) / Σ_{t,b} w_{t,b},   ∂L/∂y_{t,b,d} = w_{t,b} (p_d − [d = c]) / Σ w</pre>
 *
 * <p>A step is scored when any of its mask elements is positive; its weight is the largest of them.
 * Normalisation: weighted mean over the scored steps (PyTorch's {@code CrossEntropyLoss} mean over the
 * selected steps). The log-sum-exp is computed stably in double. If no step is scored the loss and gradient
 * are 0.
 */
public final class MaskedCrossEntropy implements Loss {

  @Override
  public double evaluate(float[] outputs, float[] targets, float[] mask, int steps, int batch, int size,
      float[] dOutputs) {
    int n = steps * batch * size;
    MaskedMse.checkLengths(outputs, targets, mask, n, dOutputs);
    int rows = steps * batch;
    double weight = 0;
    for (int r = 0; r < rows; r++) {
      weight += rowWeight(mask, r * size, size);
    }
    if (dOutputs != null) {
      java.util.Arrays.fill(dOutputs, 0, n, 0f);
    }
    if (weight <= 0) {
      return 0;
    }
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * size;
      double w = rowWeight(mask, base, size);
      if (w <= 0) {
        continue;
      }
      int target = 0;
      double max = Double.NEGATIVE_INFINITY;
      float best = targets[base];
      for (int d = 0; d < size; d++) {
        if (targets[base + d] > best) {
          best = targets[base + d];
          target = d;
        }
        max = Math.max(max, outputs[base + d]);
      }
      double z = 0;
      for (int d = 0; d < size; d++) {
        z += Math.exp(outputs[base + d] - max);
      }
      double logZ = max + Math.log(z);
      sum += w * (logZ - outputs[base + target]);
      if (dOutputs != null) {
        double scale = w / weight;
        for (int d = 0; d < size; d++) {
          double p = Math.exp(outputs[base + d] - logZ);
          dOutputs[base + d] = (float) (scale * (p - (d == target ? 1 : 0)));
        }
      }
    }
    return sum / weight;
  }

  private static double rowWeight(float[] mask, int base, int size) {
    double w = 0;
    for (int d = 0; d < size; d++) {
      w = Math.max(w, mask[base + d]);
    }
    return w;
  }
}
