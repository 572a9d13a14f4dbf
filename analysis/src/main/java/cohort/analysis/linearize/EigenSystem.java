package cohort.analysis.linearize;

import cohort.models.linalg.Linalg;
import java.util.Arrays;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Complex eigenvalues and eigenvectors {@code A v_k = λ_k v_k} of a real square matrix {@code A}.
 *
 * <p>Computed with Commons Math 3.6.1 {@link EigenDecomposition} (Householder reduction to Hessenberg form, then
 * the Francis double-shift QR iteration to the real Schur form, EISPACK {@code hqr2}); for a complex pair
 * {@code a ± ib} Commons Math returns the real and imaginary parts of the eigenvector of {@code a + ib} in two
 * consecutive columns. This class turns that into explicit complex vectors, checks which sign convention
 * holds by the residual {@code ‖A x − (a x − b y)‖} (so it does not rely on an undocumented convention), and
 * normalises every eigenvector to unit Euclidean norm with its largest-modulus component real and positive,
 * so that the result is unique for simple eigenvalues. If Commons Math's QR iteration fails to converge (it does on
 * clusters of near-zero eigenvalues, e.g. an LSTM's rank-deficient Jacobian), the matrix is shifted by
 * {@code ±‖A‖_F · I} and decomposed again; eigenvectors are unchanged and eigenvalues shifted back.
 *
 * <p>Layout: {@code valuesReal[k] + i·valuesImag[k]} is eigenvalue {@code k}; eigenvectors are the columns of the
 * row-major {@code size × size} arrays {@code vectorsReal + i·vectorsImag} (element {@code i} of vector {@code k} is
 * at {@code i*size + k}, as in NumPy's {@code eig}). Arrays are copied in and out; instances are immutable.
 *
 * <p>An instance from {@link #valuesOf} holds the eigenvalues only ({@link #hasVectors()} is false, the two vector
 * components are null and the vector accessors throw): a fixed-point search linearises hundreds of slow points whose
 * eigenvectors nobody reads, and at {@code n = 128} the eigenvectors are most of a decomposition's cost.
 *
 * @param size matrix dimension {@code n ≥ 1}
 * @param valuesReal real parts of the eigenvalues, length {@code n}, in the chosen {@link EigenOrder}
 * @param valuesImag imaginary parts, length {@code n}
 * @param vectorsReal real parts of the eigenvectors, {@code n × n} row-major, column {@code k} for eigenvalue {@code k};
 *     null (with {@code vectorsImag}) when only the eigenvalues were computed
 * @param vectorsImag imaginary parts of the eigenvectors, same layout; null with {@code vectorsReal}
 */
public record EigenSystem(int size, double[] valuesReal, double[] valuesImag, double[] vectorsReal,
    double[] vectorsImag) {

  /** Validates lengths and copies the arrays. */
  public EigenSystem {
    if (size < 1) {
      throw new IllegalArgumentException("EigenSystem.size must be >= 1, got " + size);
    }
    checkLength("valuesReal", valuesReal, size);
    checkLength("valuesImag", valuesImag, size);
    if ((vectorsReal == null) != (vectorsImag == null)) {
      throw new IllegalArgumentException("EigenSystem: vectorsReal and vectorsImag must both be given or both be null"
          + " (eigenvalues only)");
    }
    if (vectorsReal != null) {
      checkLength("vectorsReal", vectorsReal, size * size);
      checkLength("vectorsImag", vectorsImag, size * size);
      vectorsReal = vectorsReal.clone();
      vectorsImag = vectorsImag.clone();
    }
    valuesReal = valuesReal.clone();
    valuesImag = valuesImag.clone();
  }

  /** Whether the eigenvectors were computed ({@link #of}); false for an eigenvalues-only instance ({@link #valuesOf}). */
  public boolean hasVectors() {
    return vectorsReal != null;
  }

  private void requireVectors() {
    if (vectorsReal == null) {
      throw new IllegalStateException("EigenSystem: this instance holds eigenvalues only (EigenSystem.valuesOf, e.g. a"
          + " slow point's linearisation); decompose the matrix with EigenSystem.of for its eigenvectors");
    }
  }

  private static void checkLength(String field, double[] a, int expected) {
    if (a == null || a.length != expected) {
      throw new IllegalArgumentException("EigenSystem." + field + " must have length " + expected + ", got "
          + (a == null ? "null" : Integer.toString(a.length)));
    }
  }

  /** Copy of the real parts of the eigenvalues. */
  @Override
  public double[] valuesReal() {
    return valuesReal.clone();
  }

  /** Copy of the imaginary parts of the eigenvalues. */
  @Override
  public double[] valuesImag() {
    return valuesImag.clone();
  }

  /** Copy of the real parts of the eigenvectors (columns); throws if {@link #hasVectors()} is false. */
  @Override
  public double[] vectorsReal() {
    requireVectors();
    return vectorsReal.clone();
  }

  /** Copy of the imaginary parts of the eigenvectors (columns); throws if {@link #hasVectors()} is false. */
  @Override
  public double[] vectorsImag() {
    requireVectors();
    return vectorsImag.clone();
  }

  /** Real part of eigenvalue {@code k}. */
  public double real(int k) {
    return valuesReal[k];
  }

  /** Imaginary part of eigenvalue {@code k}. */
  public double imag(int k) {
    return valuesImag[k];
  }

  /** Modulus {@code |λ_k|}. */
  public double modulus(int k) {
    return Math.hypot(valuesReal[k], valuesImag[k]);
  }

  /** Component {@code i} of eigenvector {@code k}, real part. */
  public double vectorReal(int i, int k) {
    requireVectors();
    return vectorsReal[i * size + k];
  }

  /** Component {@code i} of eigenvector {@code k}, imaginary part. */
  public double vectorImag(int i, int k) {
    requireVectors();
    return vectorsImag[i * size + k];
  }

  /** Eigenvector {@code k}, real part, as a new array of length {@code size}. */
  public double[] vectorReal(int k) {
    return column(vectorsReal, k);
  }

  /** Eigenvector {@code k}, imaginary part, as a new array of length {@code size}. */
  public double[] vectorImag(int k) {
    return column(vectorsImag, k);
  }

  private double[] column(double[] vectors, int k) {
    requireVectors();
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = vectors[i * size + k];
    }
    return v;
  }

  /** Largest modulus {@code max_k |λ_k|} (spectral radius). */
  public double spectralRadius() {
    double r = 0;
    for (int k = 0; k < size; k++) {
      r = Math.max(r, modulus(k));
    }
    return r;
  }

  /**
   * From this size on LAPACK's dgeev ({@link Linalg#eigen}) is the solver rather than Commons Math: at
   * {@code n = 128} Commons Math's eigenvectors take ≈ 20 ms a matrix against ≈ 4 ms (a W4 search linearises ≈ 800
   * points); below it Commons Math is as fast. Both are backward-stable; results agree to round-off, eigenvectors up
   * to the normalisation applied below.
   */
  static final int LAPACK_FROM = 48;

  /**
   * Eigen-decomposes the row-major {@code n × n} matrix {@code a} (Commons Math below {@link #LAPACK_FROM} rows,
   * LAPACK's dgeev from there on, or when Commons Math's QR iteration does not converge).
   *
   * @param a row-major matrix, length {@code n²}, finite; not modified
   * @param n dimension
   * @param order ordering of the eigenvalues
   * @throws IllegalArgumentException if the shape is wrong or an entry is not finite
   * @throws ArithmeticException if neither Commons Math's QR iteration (also on shifted copies) nor LAPACK's dgeev
   *     converges
   */
  public static EigenSystem of(double[] a, int n, EigenOrder order) {
    return of(a, n, order, false);
  }

  /**
   * The eigenvalues of the row-major {@code n × n} matrix {@code a} alone, in {@code order} ({@link #hasVectors()} is
   * false). From {@link #LAPACK_FROM} rows on, LAPACK's dgeev without eigenvectors (at {@code n = 128} a third to a
   * half of the time with them; its eigenvalues agree with {@link #of}'s to round-off, not to the bit); below, or if
   * that dgeev does not converge, {@link #of}'s eigenvalues (the same bits as {@link #of}).
   *
   * @throws IllegalArgumentException if the shape is wrong or an entry is not finite
   * @throws ArithmeticException as {@link #of}
   */
  public static EigenSystem valuesOf(double[] a, int n, EigenOrder order) {
    checkMatrix(a, n);
    double[] re = null;
    double[] im = null;
    if (n >= LAPACK_FROM) {
      try {
        double[][] ev = Linalg.eigenvalues(a, n);
        re = ev[0];
        im = ev[1];
      } catch (ArithmeticException e) {
        re = null;
      }
    }
    if (re == null) {
      EigenSystem full = of(a, n, order);
      return new EigenSystem(n, full.valuesReal, full.valuesImag, null, null);
    }
    double[] vr = re;
    double[] vi = im;
    Integer[] idx = sortedIndices(vr, vi, n, order);
    double[] sre = new double[n];
    double[] sim = new double[n];
    for (int k = 0; k < n; k++) {
      sre[k] = vr[idx[k]];
      sim[k] = vi[idx[k]];
    }
    return new EigenSystem(n, sre, sim, null, null);
  }

  private static void checkMatrix(double[] a, int n) {
    if (n < 1 || a == null || a.length != n * n) {
      throw new IllegalArgumentException("EigenSystem: matrix must have length n*n = " + ((long) n * n)
          + " with n >= 1, got n = " + n + ", length " + (a == null ? "null" : Integer.toString(a.length)));
    }
    for (int i = 0; i < n * n; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException("EigenSystem: matrix entry (" + (i / n) + ", " + (i % n) + ") is "
            + a[i] + "; only finite values are accepted");
      }
    }
  }

  /** As {@link #of(double[], int, EigenOrder)}; {@code lapackOnly} skips Commons Math (tests of the fallback). */
  static EigenSystem of(double[] a, int n, EigenOrder order, boolean lapackOnly) {
    if (n < 1 || a == null || a.length != n * n) {
      throw new IllegalArgumentException("EigenSystem.of: matrix must have length n*n = " + ((long) n * n)
          + " with n >= 1, got n = " + n + ", length " + (a == null ? "null" : Integer.toString(a.length)));
    }
    double frob = 0;
    for (int i = 0; i < n * n; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException("EigenSystem.of: matrix entry (" + (i / n) + ", " + (i % n) + ") is "
            + a[i] + "; only finite values are accepted");
      }
      frob += a[i] * a[i];
    }
    frob = Math.sqrt(frob);
    // Commons Math's QR iteration tests deflation relative to the neighbouring diagonal entries, which stalls on a
    // cluster of (near-)zero eigenvalues (e.g. the rank-deficient Jacobian of an LSTM at [h; c] = 0). Shifting by
    // σ·I moves the cluster away from zero and leaves the eigenvectors unchanged; eigenvalues are shifted back,
    // with an absolute error of order ε‖A‖ (the accuracy of any backward-stable method).
    double[] shifts = {0.0, frob > 0 ? frob : 1.0, frob > 0 ? -frob : -1.0};
    EigenDecomposition ed = null;
    double shift = 0;
    boolean commons = !lapackOnly && n < LAPACK_FROM;
    for (int attempt = 0; commons && attempt < shifts.length && ed == null; attempt++) {
      shift = shifts[attempt];
      Array2DRowRealMatrix m = new Array2DRowRealMatrix(n, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          m.setEntry(i, j, a[i * n + j] + (i == j ? shift : 0.0));
        }
      }
      try {
        ed = new EigenDecomposition(m);
      } catch (MaxCountExceededException e) {
        ed = null;
      }
    }
    double[] re = new double[n];
    double[] im = new double[n];
    // raw[k] is the real vector the solver returns for eigenvalue k; for a complex pair (k, k+1) the pair's real
    // and imaginary parts, as both Commons Math and LAPACK's dgeev lay them out.
    double[][] raw = new double[n][];
    if (ed != null) {
      for (int k = 0; k < n; k++) {
        re[k] = ed.getRealEigenvalue(k) - shift;
        im[k] = ed.getImagEigenvalue(k);
        raw[k] = ed.getEigenvector(k).toArray();
      }
    } else {
      // Large matrices, or Commons Math's Hessenberg-QR gave up even on the shifted matrices (seen on 128x128
      // Jacobians at the slow points of a trained GRU): LAPACK's dgeev, through the facade.
      Linalg.Eigen evd;
      try {
        evd = Linalg.eigen(a, n);
      } catch (ArithmeticException e) {
        throw new ArithmeticException("EigenSystem.of: neither Commons Math nor LAPACK dgeev converged for a " + n
            + "x" + n + " matrix");
      }
      for (int k = 0; k < n; k++) {
        re[k] = evd.real()[k];
        im[k] = evd.imag()[k];
        raw[k] = new double[n];
        for (int i = 0; i < n; i++) {
          raw[k][i] = evd.vectors()[i * n + k];
        }
      }
    }
    double[][] vr = new double[n][];
    double[][] vi = new double[n][];
    for (int k = 0; k < n; k++) {
      if (im[k] == 0.0) {
        vr[k] = raw[k];
        vi[k] = new double[n];
      } else {
        if (k + 1 >= n) {
          throw new ArithmeticException("EigenSystem.of: unpaired complex eigenvalue at position " + k);
        }
        double[] x = raw[k];
        double[] y = raw[k + 1];
        double aa = re[k];
        double bb = im[k];
        // Candidate v = x + i y for λ = aa + i bb:  A x = aa x − bb y  and  A y = bb x + aa y.
        double[] ax = new double[n];
        double[] ay = new double[n];
        for (int i = 0; i < n; i++) {
          double sx = 0;
          double sy = 0;
          for (int j = 0; j < n; j++) {
            sx += a[i * n + j] * x[j];
            sy += a[i * n + j] * y[j];
          }
          ax[i] = sx;
          ay[i] = sy;
        }
        // A x and A y once for both signs (they were computed twice: 10 % of a W4 search's selection).
        double resPlus = pairResidual(ax, ay, n, x, y, aa, bb);
        double resMinus = pairResidual(ax, ay, n, x, y, aa, -bb);
        double sign = resPlus <= resMinus ? 1.0 : -1.0;
        // For λ_k: v = x + i·sign·y ; its conjugate belongs to λ_{k+1} = conj(λ_k).
        double[] yk = new double[n];
        double[] yk1 = new double[n];
        for (int i = 0; i < n; i++) {
          yk[i] = sign * y[i];
          yk1[i] = -sign * y[i];
        }
        vr[k] = x;
        vi[k] = yk;
        vr[k + 1] = x.clone();
        vi[k + 1] = yk1;
        k++;
      }
    }
    for (int k = 0; k < n; k++) {
      normalise(vr[k], vi[k]);
    }
    Integer[] idx = sortedIndices(re, im, n, order);
    double[] sre = new double[n];
    double[] sim = new double[n];
    double[] svr = new double[n * n];
    double[] svi = new double[n * n];
    for (int k = 0; k < n; k++) {
      int s = idx[k];
      sre[k] = re[s];
      sim[k] = im[s];
      for (int i = 0; i < n; i++) {
        svr[i * n + k] = vr[s][i];
        svi[i * n + k] = vi[s][i];
      }
    }
    return new EigenSystem(n, sre, sim, svr, svi);
  }

  /** The indices {@code 0 … n−1} of the eigenvalues {@code (re, im)} in {@code order} (a stable sort). */
  private static Integer[] sortedIndices(double[] re, double[] im, int n, EigenOrder order) {
    Integer[] idx = new Integer[n];
    for (int k = 0; k < n; k++) {
      idx[k] = k;
    }
    Arrays.sort(idx, (p, q) -> compare(re, im, p, q, order));
    return idx;
  }

  private static int compare(double[] re, double[] im, int p, int q, EigenOrder order) {
    int c;
    if (order == EigenOrder.MODULUS_DESCENDING) {
      c = Double.compare(Math.hypot(re[q], im[q]), Math.hypot(re[p], im[p]));
    } else {
      c = Double.compare(re[q], re[p]);
    }
    if (c != 0) {
      return c;
    }
    c = Double.compare(im[q], im[p]);
    if (c != 0) {
      return c;
    }
    c = Double.compare(re[q], re[p]);
    return c != 0 ? c : Integer.compare(p, q);
  }

  /** Relative residual of {@code x + i y} as an eigenvector of {@code aa + i bb}, given {@code A x}, {@code A y}. */
  private static double pairResidual(double[] ax, double[] ay, int n, double[] x, double[] y, double aa,
      double bb) {
    double res = 0;
    double scale = 0;
    for (int i = 0; i < n; i++) {
      double r1 = ax[i] - (aa * x[i] - bb * y[i]);
      double r2 = ay[i] - (bb * x[i] + aa * y[i]);
      res += r1 * r1 + r2 * r2;
      scale += x[i] * x[i] + y[i] * y[i];
    }
    return scale > 0 ? res / scale : res;
  }

  /** Unit Euclidean norm, largest-modulus component rotated onto the positive real axis. */
  private static void normalise(double[] xr, double[] xi) {
    int n = xr.length;
    double norm = 0;
    int big = 0;
    double bigMod = -1;
    for (int i = 0; i < n; i++) {
      double m2 = xr[i] * xr[i] + xi[i] * xi[i];
      norm += m2;
      if (m2 > bigMod * (1 + 1e-12)) {
        bigMod = m2;
        big = i;
      }
    }
    if (norm == 0) {
      return;
    }
    double mod = Math.sqrt(xr[big] * xr[big] + xi[big] * xi[big]);
    // multiply by conj(v_big)/|v_big| / ‖v‖
    double cr = xr[big] / mod;
    double ci = -xi[big] / mod;
    double inv = 1.0 / Math.sqrt(norm);
    for (int i = 0; i < n; i++) {
      double r = xr[i] * cr - xi[i] * ci;
      double m = xr[i] * ci + xi[i] * cr;
      xr[i] = r * inv;
      xi[i] = m * inv;
    }
    xi[big] = 0.0;
  }
}
