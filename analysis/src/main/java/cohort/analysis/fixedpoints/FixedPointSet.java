package cohort.analysis.fixedpoints;

import cohort.analysis.linearize.EigenSystem;
import cohort.analysis.linearize.Spectrum;
import java.util.List;
import java.util.function.Predicate;

/**
 * The unique fixed and slow points found by one {@link FixedPointFinder#find} call, with the counts of what was
 * discarded along the way. Points are ordered FIXED before SLOW, then lexicographically by state, so the list
 * does not depend on the order of the initial states.
 *
 * @param stateSize {@code N}
 * @param continuousTime whether the cell is a continuous-time (Euler) cell; decides the stability criterion
 * @param alpha the cell's Euler factor {@code α = Δt/τ} (1 for discrete cells)
 * @param input the constant input {@code x*} of the search
 * @param options the options of the search (provenance)
 * @param points the unique points
 * @param candidates number of initial states optimised
 * @param rejectedSlow candidates with {@code q > slowQ} (or non-finite)
 * @param outliers candidates dropped as distance outliers
 * @param duplicates candidates merged into another point (within {@code tolUnique})
 */
public record FixedPointSet(int stateSize, boolean continuousTime, double alpha, double[] input,
    FixedPointOptions options, List<FixedPoint> points, int candidates, int rejectedSlow, int outliers,
    int duplicates) {

  /** Validates and copies the list. */
  public FixedPointSet {
    if (points == null || input == null || options == null) {
      throw new IllegalArgumentException("FixedPointSet.points, input and options must not be null");
    }
    points = List.copyOf(points);
    input = input.clone();
    if (candidates != points.size() + rejectedSlow + outliers + duplicates) {
      throw new IllegalArgumentException("FixedPointSet: candidates (" + candidates
          + ") must equal points + rejectedSlow + outliers + duplicates");
    }
  }

  /** Copy of {@code x*}. */
  @Override
  public double[] input() {
    return input.clone();
  }

  /** Number of unique points. */
  public int size() {
    return points.size();
  }

  /** Point {@code i}. */
  public FixedPoint get(int i) {
    return points.get(i);
  }

  /** Number of points of the given kind. */
  public int count(PointKind kind) {
    return count(p -> p.kind() == kind);
  }

  /** Number of points of the given stability class. */
  public int count(Stability stability) {
    return count(p -> p.stability() == stability);
  }

  /** Number of points with exactly {@code k} unstable directions. */
  public int countWithUnstableDimensions(int k) {
    return count(p -> p.unstableDimensions() == k);
  }

  /** Number of points that pass {@code test}. */
  public int count(Predicate<FixedPoint> test) {
    int c = 0;
    for (FixedPoint p : points) {
      if (test.test(p)) {
        c++;
      }
    }
    return c;
  }

  /** All states, {@code size() × N} row-major (for storage, e.g. HDF5 {@code fixed_points/states}). */
  public double[] states() {
    double[] out = new double[points.size() * stateSize];
    for (int i = 0; i < points.size(); i++) {
      FixedPoint p = points.get(i);
      for (int d = 0; d < stateSize; d++) {
        out[i * stateSize + d] = p.state(d);
      }
    }
    return out;
  }

  /** All speeds {@code q}, one per point. */
  public double[] speeds() {
    double[] out = new double[points.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = points.get(i).q();
    }
    return out;
  }

  /** All unstable-direction counts {@code k}, one per point. */
  public int[] unstableDimensions() {
    int[] out = new int[points.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = points.get(i).unstableDimensions();
    }
    return out;
  }

  /** Real parts of all eigenvalues, {@code size() × N} row-major, each row in the point's sort order. */
  public double[] eigenvaluesReal() {
    return eigenvalues(false);
  }

  /** Imaginary parts of all eigenvalues, same layout as {@link #eigenvaluesReal()}. */
  public double[] eigenvaluesImag() {
    return eigenvalues(true);
  }

  /** The real or imaginary parts of all eigenvalues, {@code size() × N} row-major. */
  private double[] eigenvalues(boolean imaginary) {
    double[] out = new double[points.size() * stateSize];
    for (int i = 0; i < points.size(); i++) {
      EigenSystem e = points.get(i).eigen();
      for (int k = 0; k < stateSize; k++) {
        out[i * stateSize + k] = imaginary ? e.imag(k) : e.real(k);
      }
    }
    return out;
  }

  /**
   * Spectrum (time constants, frequencies) of point {@code i}'s Jacobian, read with the cell's time step
   * {@code dt} as a discrete map or, for continuous-time cells, as the Euler map of a flow.
   */
  public Spectrum spectrum(int i, double dt) {
    return Spectrum.of(points.get(i).eigen(), dt, continuousTime);
  }
}
