package cohort.training.optim;

/**
 * Global L2-norm gradient clipping, as PyTorch's {@code clip_grad_norm_} (and PsychRNN's per-gradient
 * {@code clip_by_norm(1.0)} applied to the whole vector):
 *
 * <pre>  ‖g‖ = √(Σ gᵢ²),   g ← g · min(1, c / (‖g‖ + 1e-6))</pre>
 */
public final class GradientClipping {

  private GradientClipping() {}

  /** The L2 norm of {@code g}, accumulated in double (NaN or infinite if any element is). */
  public static double norm(float[] g) {
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      double x = g[i];
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /**
   * Scales {@code g} in place so that its norm is at most {@code maxNorm}.
   *
   * @param maxNorm the clip norm; {@code +inf} or {@code <= 0} disables clipping
   * @return the norm before clipping (callers check it for NaN/Inf)
   */
  public static double clip(float[] g, double maxNorm) {
    double norm = norm(g);
    if (maxNorm > 0 && Double.isFinite(maxNorm) && Double.isFinite(norm)) {
      double coef = maxNorm / (norm + 1e-6);
      if (coef < 1) {
        float c = (float) coef;
        for (int i = 0; i < g.length; i++) {
          g[i] *= c;
        }
      }
    }
    return norm;
  }
}
