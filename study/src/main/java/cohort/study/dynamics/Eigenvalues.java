package cohort.study.dynamics;

/** What the measures read from a spectrum given as parallel real and imaginary parts. */
final class Eigenvalues {

  private Eigenvalues() {}

  /**
   * The index of the leading complex-conjugate pair: the eigenvalue of largest modulus among those with a non-zero
   * imaginary part (first of equals), or -1 when every eigenvalue is real.
   */
  static int leadingComplexPair(double[] re, double[] im) {
    int lead = -1;
    for (int k = 0; k < re.length; k++) {
      if (Math.abs(im[k]) > 1e-9 && (lead < 0 || Math.hypot(re[k], im[k]) > Math.hypot(re[lead], im[lead]))) {
        lead = k;
      }
    }
    return lead;
  }
}
