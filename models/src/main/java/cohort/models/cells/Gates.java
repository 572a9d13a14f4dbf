package cohort.models.cells;

import cohort.models.Layout;
import cohort.models.Packs;

/**
 * Where a cell's per-gate blocks sit in one layout ({@code U_g} {@code [I][N]}, {@code W_g} {@code [N][N]}, input
 * and recurrent biases {@code [1][N]}), with the double accessors of the textbook equations (mathematical
 * orientation {@code W[post][pre]}) and the copies into and out of the fast path's product rows. Immutable.
 */
public final class Gates {
  final int n;
  final int inputs;
  final int[] inW;
  final int[] recW;
  final int[] inB;
  /** Recurrent biases per gate, or {@code null} when the cell has only one bias per gate. */
  final int[] recB;

  /** The offsets of the named blocks ({@code recurrent} and {@code recurrentBiases} may be {@code null}). */
  public Gates(Layout layout, String[] input, String[] recurrent, String[] biases, String[] recurrentBiases) {
    this.n = layout.hidden();
    this.inputs = layout.inputs();
    this.inW = offsets(layout, input);
    this.recW = recurrent == null ? null : offsets(layout, recurrent);
    this.inB = offsets(layout, biases);
    this.recB = recurrentBiases == null ? null : offsets(layout, recurrentBiases);
  }

  private static int[] offsets(Layout layout, String[] names) {
    int[] o = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      o[i] = layout.offset(names[i]);
    }
    return o;
  }

  /** Declares {@code U_g} for every gate, then {@code W_g} (if any), then the input and recurrent biases. */
  public static void declare(Layout.Builder blocks, int inputs, int n, String[] input, String[] recurrent,
      String[] biases, String[] recurrentBiases) {
    for (String name : input) {
      blocks.add(name, inputs, n);
    }
    if (recurrent != null) {
      for (String name : recurrent) {
        blocks.add(name, n, n);
      }
    }
    for (String name : biases) {
      blocks.add(name, 1, n);
    }
    if (recurrentBiases != null) {
      for (String name : recurrentBiases) {
        blocks.add(name, 1, n);
      }
    }
  }

  /** Offsets of the input weights, per gate. */
  public int[] inputs() {
    return inW.clone();
  }

  /** Offsets of the recurrent weights, per gate (empty when there are none). */
  public int[] recurrent() {
    return recW == null ? new int[0] : recW.clone();
  }

  /** Offsets of the input biases, per gate. */
  public int[] biases() {
    return inB.clone();
  }

  /** Offsets of the recurrent biases, per gate (empty when there are none). */
  public int[] recurrentBiases() {
    return recB == null ? new int[0] : recB.clone();
  }

  // ---- double, mathematical orientation ----

  /** {@code U_g[post][input]}. */
  public double u(double[] p, int g, int post, int input) {
    return p[inW[g] + input * n + post];
  }

  /** {@code W_g[post][pre]}. */
  public double w(double[] p, int g, int post, int pre) {
    return p[recW[g] + pre * n + post];
  }

  /** The bias of gate g, unit j (with the recurrent bias added if asked and present). */
  public double bias(double[] p, int g, int j, boolean withRecurrent) {
    double v = p[inB[g] + j];
    if (withRecurrent && recB != null) {
      v += p[recB[g] + j];
    }
    return v;
  }

  /** {@code U_g x + b} for gate g, unit j. */
  public double inputDrive(double[] p, int g, int j, double[] x, boolean withRecurrentBias) {
    double v = bias(p, g, j, withRecurrentBias);
    for (int i = 0; i < inputs; i++) {
      v += u(p, g, j, i) * x[i];
    }
    return v;
  }

  /** {@code W_g h} for gate g, unit j. */
  public double recurrentDrive(double[] p, int g, int j, double[] h) {
    double v = 0;
    for (int k = 0; k < n; k++) {
      v += w(p, g, j, k) * h[k];
    }
    return v;
  }

  /**
   * For gate g, unit j with pre-activation gradient d: the input (if asked) and recurrent weight gradients (into
   * {@code grad} unless it is {@code null}), and {@code Wᵀ d} added to {@code prev}.
   */
  public void accumulate(double[] p, int g, int j, double d, double[] h, double[] x, double[] prev, double[] grad,
      boolean inputWeights) {
    if (grad != null) {
      if (inputWeights) {
        for (int i = 0; i < inputs; i++) {
          grad[inW[g] + i * n + j] += d * x[i];
        }
      }
      for (int k = 0; k < n; k++) {
        grad[recW[g] + k * n + j] += d * h[k];
      }
    }
    for (int k = 0; k < n; k++) {
      prev[k] += w(p, g, j, k) * d;
    }
  }

  /**
   * Everything gate g's pre-activation gradient d at unit j gives: {@link #accumulate} with the input weights, then
   * {@link #biasGradient} for the input bias and the recurrent bias (if the cell has them).
   */
  public void gradients(double[] p, int g, int j, double d, double[] h, double[] x, double[] prev, double[] grad) {
    accumulate(p, g, j, d, h, x, prev, grad, true);
    biasGradient(grad, g, j, d, recB != null);
  }

  /** Adds {@code d} to the gradient of the input bias of gate g, unit j, and of its recurrent bias if asked. */
  public void biasGradient(double[] grad, int g, int j, double d, boolean recurrent) {
    if (grad != null) {
      grad[inB[g] + j] += d;
      if (recurrent) {
        grad[recB[g] + j] += d;
      }
    }
  }

  // ---- float, the fast path's product rows ----

  /** Gate g's input weights into fused rows {@code [row0, row0 + N)}. */
  public void packInput(float[] p, int g, Packs packs, int row0) {
    for (int i = 0; i < inputs; i++) {
      System.arraycopy(p, inW[g] + i * n, packs.input[i], row0, n);
    }
  }

  /** Gate g's recurrent weights into fused rows {@code [row0, row0 + N)}. */
  public void packRecurrent(float[] p, int g, Packs packs, int row0) {
    for (int k = 0; k < n; k++) {
      System.arraycopy(p, recW[g] + k * n, packs.recurrent[k], row0, n);
    }
  }

  /** Gate g's bias (input plus recurrent, if any, in float) into fused rows {@code [row0, row0 + N)}. */
  public void packBias(float[] p, int g, Packs packs, int row0) {
    for (int j = 0; j < n; j++) {
      float v = p[inB[g] + j];
      if (recB != null) {
        v += p[recB[g] + j];
      }
      packs.bias[row0 + j] = v;
    }
  }

  /** The gradients of fused rows {@code [row0, row0 + N)} into gate g's input and recurrent weights. */
  public void unpackWeights(Packs grads, int g, int row0, float[] gradient) {
    for (int i = 0; i < inputs; i++) {
      System.arraycopy(grads.input[i], row0, gradient, inW[g] + i * n, n);
    }
    for (int k = 0; k < n; k++) {
      System.arraycopy(grads.recurrent[k], row0, gradient, recW[g] + k * n, n);
    }
  }

  /** The bias gradient of fused rows {@code [row0, row0 + N)} into gate g's input bias and recurrent bias (if any). */
  public void unpackBias(Packs grads, int g, int row0, float[] gradient) {
    System.arraycopy(grads.bias, row0, gradient, inB[g], n);
    if (recB != null) {
      System.arraycopy(grads.bias, row0, gradient, recB[g], n);
    }
  }

  /** Gates {@code 0..count-1} whole (input weights, bias, recurrent weights) as fused blocks {@code 0..count-1}. */
  public void packGates(float[] p, int count, Packs packs) {
    for (int g = 0; g < count; g++) {
      packInput(p, g, packs, g * n);
      packBias(p, g, packs, g * n);
      packRecurrent(p, g, packs, g * n);
    }
  }

  /** The gradients of fused blocks {@code 0..count-1} into gates {@code 0..count-1} (weights and biases). */
  public void unpackGates(Packs grads, int count, float[] gradient) {
    for (int g = 0; g < count; g++) {
      unpackWeights(grads, g, g * n, gradient);
      unpackBias(grads, g, g * n, gradient);
    }
  }

  /** Gate g's input weights and input bias as the input-only candidate rows ({@code U x + b}, GRU and MGU). */
  public void packCandidate(float[] p, int g, Packs packs) {
    for (int i = 0; i < inputs; i++) {
      System.arraycopy(p, inW[g] + i * n, packs.candidateInput[i], 0, n);
    }
    System.arraycopy(p, inB[g], packs.candidateBias, 0, n);
  }

  /** The gradients of the input-only candidate rows into gate g's input weights and input bias. */
  public void unpackCandidate(Packs grads, int g, float[] gradient) {
    for (int i = 0; i < inputs; i++) {
      System.arraycopy(grads.candidateInput[i], 0, gradient, inW[g] + i * n, n);
    }
    System.arraycopy(grads.candidateBias, 0, gradient, inB[g], n);
  }
}
