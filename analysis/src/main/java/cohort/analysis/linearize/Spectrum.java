package cohort.analysis.linearize;

/**
 * Eigenvalue spectrum of a linear(ised) recurrent map with time constants and oscillation frequencies.
 *
 * <p>The matrix is either a recurrent weight matrix (Jarne: disk vs ring of trained {@code W_rec}) or the
 * Jacobian {@code J = ∂F/∂h} of one step {@code h' = F(h, x)} at a fixed point, taken with time step {@code Δt}.
 * Two readings, chosen by {@code continuousTime}:
 * <ul>
 *   <li><b>discrete map</b> {@code δh_{t+1} = J δh_t}: mode {@code k} scales by {@code |λ_k|} and turns by
 *       {@code arg λ_k} per step, so its time constant is {@code τ_k = −Δt / ln|λ_k|} and its frequency
 *       {@code f_k = arg(λ_k) / (2π Δt)} (cycles per unit of {@code Δt}; {@code |f| ≤ 1/(2Δt)}, the Nyquist limit).
 *       {@code τ = +∞} for {@code |λ| = 1}, {@code τ = 0} for {@code λ = 0}, and {@code τ < 0} for a growing mode
 *       ({@code |λ| > 1}, e-folding time {@code |τ|}). The dominant mode has the largest {@code |λ|}; eigenvalues are
 *       sorted by {@code |λ|} descending.</li>
 *   <li><b>continuous flow</b> discretised by Euler, {@code F(h) = h + Δt·f(h)} (for a CTRNN
 *       {@code Δt·f = α(−h + σ(·))} with {@code α = Δt/τ_cell}): the flow's Jacobian is {@code Df = (J − I)/Δt},
 *       with eigenvalues {@code μ_k = (λ_k − 1)/Δt}; {@code τ_k = −1/Re μ_k}, {@code f_k = Im μ_k / (2π)}. The dominant
 *       mode has the largest {@code Re μ}; eigenvalues are sorted by {@code Re λ} (equivalently {@code Re μ})
 *       descending.</li>
 * </ul>
 * {@link #valuesReal}/{@link #valuesImag} are always the eigenvalues {@code λ} of the matrix itself; {@link #growthRates}
 * are {@code ln|λ|/Δt} (discrete) or {@code Re μ} (continuous), i.e. {@code −1/τ}.
 *
 * @param eigen eigen-decomposition of the matrix, in the order described above
 * @param dt time step {@code Δt > 0} (1 for a pure matrix spectrum)
 * @param continuousTime whether the matrix is the Euler map of a flow
 * @param spectralRadius {@code max |λ_k|}
 * @param timeConstants {@code τ_k}, in the units of {@code Δt}
 * @param frequencies {@code f_k}, cycles per unit of {@code Δt}
 * @param growthRates {@code −1/τ_k}
 * @param dominant index of the dominant mode (0 given the sort order)
 */
public record Spectrum(EigenSystem eigen, double dt, boolean continuousTime, double spectralRadius,
    double[] timeConstants, double[] frequencies, double[] growthRates, int dominant) {

  /** Validates and copies. */
  public Spectrum {
    if (eigen == null) {
      throw new IllegalArgumentException("Spectrum.eigen must not be null");
    }
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("Spectrum.dt must be finite and > 0, got " + dt);
    }
    int n = eigen.size();
    if (timeConstants.length != n || frequencies.length != n || growthRates.length != n) {
      throw new IllegalArgumentException("Spectrum: timeConstants, frequencies and growthRates must have length "
          + n + " (the matrix size)");
    }
    if (dominant < 0 || dominant >= n) {
      throw new IllegalArgumentException("Spectrum.dominant must be in [0, " + n + "), got " + dominant);
    }
    timeConstants = timeConstants.clone();
    frequencies = frequencies.clone();
    growthRates = growthRates.clone();
  }

  /** Spectrum of a plain matrix (e.g. {@code W_rec}) read as a discrete map with {@code Δt = 1}. */
  public static Spectrum of(double[] matrix, int n) {
    return of(matrix, n, 1.0, false);
  }

  /**
   * Spectrum of the one-step Jacobian {@code matrix} ({@code n × n} row-major) of a map with time step {@code dt}.
   *
   * @param continuousTime read the map as the Euler discretisation of a flow (see the class comment)
   */
  public static Spectrum of(double[] matrix, int n, double dt, boolean continuousTime) {
    EigenSystem e = EigenSystem.of(matrix, n,
        continuousTime ? EigenOrder.REAL_PART_DESCENDING : EigenOrder.MODULUS_DESCENDING);
    return of(e, dt, continuousTime);
  }

  /** Spectrum from an existing decomposition (its order is kept; the dominant mode is searched for). */
  public static Spectrum of(EigenSystem e, double dt, boolean continuousTime) {
    int n = e.size();
    double[] tau = new double[n];
    double[] freq = new double[n];
    double[] growth = new double[n];
    int dom = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      double re = e.real(k);
      double im = e.imag(k);
      double rate;
      if (continuousTime) {
        rate = (re - 1.0) / dt;
        freq[k] = im / dt / (2 * Math.PI);
      } else {
        double mod = Math.hypot(re, im);
        rate = mod == 0 ? Double.NEGATIVE_INFINITY : Math.log(mod) / dt;
        freq[k] = Math.atan2(im, re) / (2 * Math.PI * dt);
      }
      growth[k] = rate;
      tau[k] = rate == 0 ? Double.POSITIVE_INFINITY : -1.0 / rate;
      if (rate > best) {
        best = rate;
        dom = k;
      }
    }
    return new Spectrum(e, dt, continuousTime, e.spectralRadius(), tau, freq, growth, dom);
  }

  /** Matrix size. */
  public int size() {
    return eigen.size();
  }

  /** Real parts of the eigenvalues {@code λ}. */
  public double[] valuesReal() {
    return eigen.valuesReal();
  }

  /** Imaginary parts of the eigenvalues {@code λ}. */
  public double[] valuesImag() {
    return eigen.valuesImag();
  }

  /** Copy of the time constants. */
  @Override
  public double[] timeConstants() {
    return timeConstants.clone();
  }

  /** Copy of the frequencies. */
  @Override
  public double[] frequencies() {
    return frequencies.clone();
  }

  /** Copy of the growth rates. */
  @Override
  public double[] growthRates() {
    return growthRates.clone();
  }

  /** Time constant of the dominant mode. */
  public double dominantTimeConstant() {
    return timeConstants[dominant];
  }

  /** Frequency of the dominant mode. */
  public double dominantFrequency() {
    return frequencies[dominant];
  }
}
