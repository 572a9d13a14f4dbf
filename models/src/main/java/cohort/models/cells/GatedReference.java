package cohort.models.cells;

import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.Layout;

/**
 * The double reference of a cell over its {@link Gates} and its batched fixed-point kernels' shared part: the
 * parameters, the gate blocks, the gate count of the recurrent product, its weights {@code W_g[post][pre]} and the
 * input drive {@code U_g x + b} of every gate. Subclasses hold the cell's equations. Immutable and thread-safe.
 */
abstract class GatedReference implements Cell.Reference, Cell.BatchKernels {
  final double[] p;
  final Gates gates;
  final int n;
  final Activation act;
  private final int blocks;

  GatedReference(Layout layout, double[] p, Gates gates, int blocks) {
    this.p = p;
    this.gates = gates;
    this.n = layout.hidden();
    this.act = layout.spec().activation();
    this.blocks = blocks;
  }

  /** Gate g's pre-activation at unit j: {@code U_g x + b_g + W_g h} (with the recurrent bias, if any). */
  final double pre(int g, int j, double[] x, double[] h) {
    return gates.inputDrive(p, g, j, x, true) + gates.recurrentDrive(p, g, j, h);
  }

  /** Gate g's logistic sigmoid at unit j. */
  final double gate(int g, int j, double[] x, double[] h) {
    return Activation.sigmoid(pre(g, j, x, h));
  }

  /** Whether gate g's input drive includes its recurrent bias (all but a bias inside a gated product). */
  boolean driveHasRecurrentBias(int g) {
    return true;
  }

  @Override
  public final Cell.BatchKernels batched() {
    return this;
  }

  @Override
  public final int blocks() {
    return blocks;
  }

  @Override
  public double weight(int g, int post, int pre) {
    return gates.w(p, g, post, pre);
  }

  @Override
  public final void inputDrive(double[] x, double[] xd) {
    for (int g = 0; g < blocks; g++) {
      boolean withRecurrentBias = driveHasRecurrentBias(g);
      for (int j = 0; j < n; j++) {
        xd[g * n + j] = gates.inputDrive(p, g, j, x, withRecurrentBias);
      }
    }
  }

  /**
   * The vector {@link #elementwise} differentiates at unit index i, given the unit's next value and current value:
   * for {@code STEP} writes {@code next} to {@code o1[i]} (the return value is then unused); for {@code RESIDUAL}
   * writes and returns {@code next − h}; for {@code VJP} returns {@code v[i]}.
   */
  static double direction(int mode, double next, double h, double[] v, double[] o1, int i) {
    if (mode == STEP) {
      o1[i] = next;
      return 0.0;
    }
    if (mode == RESIDUAL) {
      double r = next - h;
      o1[i] = r;
      return r;
    }
    return v[i];
  }
}
