package cohort.tasks.catalog;

/**
 * The smoothed pulse shapes of Jarne's generators: a box of ones convolved with a kernel in SciPy's
 * {@code signal.convolve(box, kernel, mode='same')}, i.e. the centre {@code length} samples of the full
 * convolution, starting at index {@code (kernel.length − 1) / 2}.
 */
final class Smoothing {

  private Smoothing() {}

  /**
   * {@code y[i] = Σ_{j = max(0, n − length + 1)}^{min(n, M − 1)} kernel[j]} with {@code n = i + (M − 1)/2},
   * {@code M = kernel.length}, for {@code i = 0 .. length − 1}.
   */
  static double[] boxSame(int length, double[] kernel) {
    int m = kernel.length;
    int shift = (m - 1) / 2;
    double[] y = new double[length];
    for (int i = 0; i < length; i++) {
      int n = i + shift;
      double s = 0;
      for (int j = Math.max(0, n - length + 1); j <= Math.min(n, m - 1); j++) {
        s += kernel[j];
      }
      y[i] = s;
    }
    return y;
  }

  /** SciPy {@code signal.gaussian(m, std)}: {@code exp(−½((n − (m−1)/2)/std)²)}, n = 0..m−1. */
  static double[] gaussian(int m, double std) {
    double[] g = new double[m];
    for (int n = 0; n < m; n++) {
      double z = (n - (m - 1) / 2.0) / std;
      g[n] = Math.exp(-0.5 * z * z);
    }
    return g;
  }

  /** SciPy {@code signal.hann(m)} (symmetric): {@code 0.5 − 0.5 cos(2πn/(m−1))}, n = 0..m−1. */
  static double[] hann(int m) {
    double[] w = new double[m];
    if (m == 1) {
      w[0] = 1;
      return w;
    }
    for (int n = 0; n < m; n++) {
      w[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / (m - 1));
    }
    return w;
  }
}
