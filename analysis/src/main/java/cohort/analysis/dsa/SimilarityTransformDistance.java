package cohort.analysis.dsa;

import cohort.analysis.similarity.Matrix;
import cohort.models.Initializers;
import cohort.models.linalg.Linalg;
import java.util.random.RandomGenerator;

/**
 * The DSA similarity-transform distance (Ostrow et al. 2023, reference {@code simdist.py}):
 * {@code min over C ∈ O(n) of ‖A − C B Cᵀ‖_F} on A, B divided by their Frobenius norms, reported as
 * angular {@code arccos tr(Aᵀ C B Cᵀ)} or euclidean {@code ‖A − C B Cᵀ‖_F}.
 *
 * <p>Minimising the distance is maximising f(C) = tr(Aᵀ C B Cᵀ) over the orthogonal group, reflections
 * included. The optimiser is a Riemannian L-BFGS (limited-memory quasi-Newton in the left-trivialised
 * coordinates of O(n): gradient ξ = skew(Cᵀ∇f(C)) with ∇f(C) = A C Bᵀ + Aᵀ C B, steps C ← C·cay(tD)
 * along the Cayley map, Armijo backtracking), run until ‖ξ‖_F &lt; 1e−10, until f gains less than 1e−14 per step over 50
 * steps, or to the iteration budget. Every start first gets 100 steps; the two best then continue to convergence. The
 * Cayley steps keep det C, so both components of O(n) are covered by the starts:
 * the identity and the row-swap reflection P (the reference's two starts), a spectral start (exact for
 * B = QᵀAQ, see {@link #spectralStart}) and Haar-random orthogonal matrices; the best final value
 * wins. This replaces the reference's Adam on a Cayley map at a fixed step count, which typically stops before convergence: on the reference's own operators this finds
 * equal or lower distances.
 */
public final class SimilarityTransformDistance {

  private SimilarityTransformDistance() {}

  /**
   * The outcome of one optimisation.
   *
   * @param angular arccos of the best cosine tr(Aᵀ C B Cᵀ)
   * @param euclidean ‖A − C B Cᵀ‖_F on the unit-norm operators
   * @param transform the best orthogonal C
   * @param starts number of starts run
   * @param iterations total accepted and rejected steps over all starts
   */
  public record Result(double angular, double euclidean, Matrix transform, int starts, int iterations) {

    /** The angular or euclidean value. */
    public double score(DsaScore s) {
      return switch (s) {
        case ANGULAR -> angular;
        case EUCLIDEAN -> euclidean;
        case WASSERSTEIN -> throw new IllegalArgumentException(
            "similarity transform score: got WASSERSTEIN; accepted: ANGULAR or EUCLIDEAN");
      };
    }
  }

  /**
   * Optimises C for two square operators of the same size.
   *
   * @param a first operator, not modified
   * @param b second operator, not modified
   * @param iterations maximum steps per start
   * @param restarts random starts in addition to the identity, the reflection and the spectral start
   * @param rng source of the random starts
   */
  public static Result fit(Matrix a, Matrix b, int iterations, int restarts, RandomGenerator rng) {
    if (a.rows() != a.cols() || b.rows() != b.cols() || a.rows() != b.rows()) {
      throw new IllegalArgumentException("similarity transform: got operators " + a.rows() + " x " + a.cols()
          + " and " + b.rows() + " x " + b.cols() + "; accepted: two square matrices of the same size");
    }
    int n = a.rows();
    double na = a.frobeniusNorm();
    double nb = b.frobeniusNorm();
    if (!(na > 0) || !(nb > 0)) {
      throw new IllegalArgumentException("similarity transform: an operator is zero; accepted: nonzero operators");
    }
    double[] an = a.scale(1 / na).data();
    double[] bn = b.scale(1 / nb).data();
    Work w = new Work(n);
    double best = Double.NEGATIVE_INFINITY;
    double[] bestC = null;
    int total = 0;
    int starts = n > 1 ? 3 + restarts : 1;
    // phase 1: every start for a short probe; phase 2: the most promising ones to convergence
    double[][] cs = new double[starts][];
    double[] fs = new double[starts];
    int probe = Math.min(iterations, PROBE);
    for (int s = 0; s < starts; s++) {
      double[] c = s == 2 ? spectralStart(an, bn, n) : start(s, n, rng);
      total += optimise(an, bn, c, n, probe, w);
      cs[s] = c;
      fs[s] = valueOnly(an, bn, c, n, w);
    }
    Integer[] order = new Integer[starts];
    for (int s = 0; s < starts; s++) {
      order[s] = s;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(fs[q], fs[p]));
    for (int r = 0; r < starts; r++) {
      int s = order[r];
      if (r < KEEP && iterations > probe) {
        total += optimise(an, bn, cs[s], n, iterations - probe, w);
        fs[s] = valueOnly(an, bn, cs[s], n, w);
      }
      if (fs[s] > best) {
        best = fs[s];
        bestC = cs[s];
      }
    }
    double angular = Math.acos(Math.max(-1.0, Math.min(1.0, best)));
    // euclidean directly: ‖A − C B Cᵀ‖_F
    mul(bestC, bn, w.t1, n);
    mulBt(w.t1, bestC, w.t2, n);
    double e = 0;
    for (int i = 0; i < n * n; i++) {
      double d = an[i] - w.t2[i];
      e += d * d;
    }
    return new Result(angular, Math.sqrt(e), new Matrix(n, n, bestC), starts, total);
  }

  private static double[] start(int s, int n, RandomGenerator rng) {
    double[] c = new double[n * n];
    if (s == 0) {
      for (int i = 0; i < n; i++) {
        c[i * n + i] = 1;
      }
    } else if (s == 1) {
      for (int i = 2; i < n; i++) {
        c[i * n + i] = 1;
      }
      c[1] = 1;
      c[n] = 1;
    } else {
      haar(c, n, rng);
    }
    return c;
  }

  /**
   * A start that is exact when B = QᵀAQ for a generic A: the symmetric parts satisfy
   * sym(A) = Q sym(B) Qᵀ, so with eigendecompositions sym(A) = U_A Λ U_Aᵀ and sym(B) = U_B Λ U_Bᵀ
   * (eigenvalues in the same order) Q = U_A D U_Bᵀ for a diagonal of signs D. The signs come from the
   * skew parts, K̃_A = D K̃_B D with K̃ = UᵀKU: D is the sign pattern of the leading eigenvector of
   * M_ij = K̃_A[i,j]·K̃_B[i,j] (a Z₂ synchronisation problem).
   */
  static double[] spectralStart(double[] a, double[] b, int n) {
    double[] sa = new double[n * n];
    double[] sb = new double[n * n];
    double[] ka = new double[n * n];
    double[] kb = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sa[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
        sb[i * n + j] = 0.5 * (b[i * n + j] + b[j * n + i]);
        ka[i * n + j] = 0.5 * (a[i * n + j] - a[j * n + i]);
        kb[i * n + j] = 0.5 * (b[i * n + j] - b[j * n + i]);
      }
    }
    double[] w = new double[n];
    double[] ua = Linalg.symmetricEigen(sa, n, w);
    double[] ub = Linalg.symmetricEigen(sb, n, w);
    double[] ta = new double[n * n];
    double[] tb = new double[n * n];
    mulAt(ua, ka, ta, n);
    mul(ta, ua, ka, n);
    mulAt(ub, kb, tb, n);
    mul(tb, ub, kb, n);
    double[] m = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      m[i] = ka[i] * kb[i];
    }
    double[] vec = Linalg.symmetricEigen(m, n, w);
    double[] sign = new double[n];
    for (int i = 0; i < n; i++) {
      sign[i] = vec[i * n + (n - 1)] >= 0 ? 1.0 : -1.0;
    }
    // C = U_A D U_Bᵀ
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ta[i * n + j] = ua[i * n + j] * sign[j];
      }
    }
    double[] c = new double[n * n];
    mulBt(ta, ub, c, n);
    return c;
  }

  /**
   * A Haar-random orthogonal matrix: the Gaussian matrix drawn row by row, its columns orthonormalised
   * ({@link Initializers#orthonormalizeRows} on the transpose; R with a positive diagonal).
   */
  static void haar(double[] c, int n, RandomGenerator rng) {
    double[] columns = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        columns[j * n + i] = rng.nextGaussian();
      }
    }
    Initializers.orthonormalizeRows(columns, n, n);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        c[i * n + j] = columns[j * n + i];
      }
    }
  }

  /**
   * Riemannian L-BFGS from c (updated in place) on −f, in the left-trivialised coordinates of O(n):
   * the gradient at C is ξ = skew(Cᵀ∇f(C)) (a skew matrix), steps are C ← C·cay(t·D) with the Cayley
   * map cay(Ω) = (I − Ω/2)⁻¹(I + Ω/2), D from the two-loop recursion over the last {@code MEMORY}
   * (step, gradient change) pairs, t by Armijo backtracking. Stops when ‖ξ‖_F &lt; 1e−10, when f stalls, when no
   * step decreases −f, or after {@code iterations} steps. Returns the number of steps.
   */
  private static int optimise(double[] a, double[] b, double[] c, int n, int iterations, Work w) {
    int nn = n * n;
    double f = valueAndGradient(a, b, c, n, w, w.g);
    double[] xi = new double[nn];
    trivialGradient(c, w.g, xi, n, w);
    double[][] sMem = new double[MEMORY][nn];
    double[][] yMem = new double[MEMORY][nn];
    double[] rho = new double[MEMORY];
    double[] alphaMem = new double[MEMORY];
    int stored = 0;
    int head = 0;
    double[] d = new double[nn];
    double[] q = new double[nn];
    double[] xiNew = new double[nn];
    double[] cNew = new double[nn];
    double[] history = new double[WINDOW];
    int it = 0;
    while (it < iterations) {
      double gnorm = Math.sqrt(dot(xi, xi, nn));
      if (gnorm < GTOL) {
        break;
      }
      it++;
      // two-loop recursion on the ascent gradient xi (maximising f)
      System.arraycopy(xi, 0, q, 0, nn);
      for (int k = 0; k < stored; k++) {
        int idx = (head - 1 - k + MEMORY) % MEMORY;
        alphaMem[idx] = rho[idx] * dot(sMem[idx], q, nn);
        axpy(-alphaMem[idx], yMem[idx], q, nn);
      }
      double gamma;
      if (stored > 0) {
        int last = (head - 1 + MEMORY) % MEMORY;
        gamma = dot(sMem[last], yMem[last], nn) / dot(yMem[last], yMem[last], nn);
      } else {
        gamma = 0.1 / gnorm;
      }
      for (int i = 0; i < nn; i++) {
        d[i] = gamma * q[i];
      }
      for (int k = stored - 1; k >= 0; k--) {
        int idx = (head - 1 - k + MEMORY) % MEMORY;
        double beta = rho[idx] * dot(yMem[idx], d, nn);
        axpy(alphaMem[idx] - beta, sMem[idx], d, nn);
      }
      // d is an ascent direction for f (descent for −f): sign-checked
      double slope = dot(xi, d, nn);
      if (!(slope > 0)) {
        for (int i = 0; i < nn; i++) {
          d[i] = xi[i] * (0.1 / gnorm);
        }
        slope = dot(xi, d, nn);
        stored = 0;
        head = 0;
      }
      double t = 1.0;
      double fNew = Double.NEGATIVE_INFINITY;
      boolean accepted = false;
      for (int ls = 0; ls < 40; ls++) {
        retract(c, d, t, cNew, n, w);
        fNew = valueOnly(a, b, cNew, n, w);
        if (fNew >= f + 1e-4 * t * slope) {
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        if (stored == 0) {
          break;
        }
        stored = 0;
        head = 0;
        continue;
      }
      gradientAfterValue(a, b, cNew, n, w, w.gNew);
      trivialGradient(cNew, w.gNew, xiNew, n, w);
      // curvature pair for minimising −f: s = t·d, y = −(xiNew − xi)
      double[] sv = sMem[head];
      double[] yv = yMem[head];
      for (int i = 0; i < nn; i++) {
        sv[i] = t * d[i];
        yv[i] = xi[i] - xiNew[i];
      }
      double sy = dot(sv, yv, nn);
      if (sy > 1e-12 * Math.sqrt(dot(sv, sv, nn) * dot(yv, yv, nn))) {
        rho[head] = 1.0 / sy;
        head = (head + 1) % MEMORY;
        stored = Math.min(stored + 1, MEMORY);
      }
      System.arraycopy(cNew, 0, c, 0, nn);
      System.arraycopy(xiNew, 0, xi, 0, nn);
      double[] tmp = w.g;
      w.g = w.gNew;
      w.gNew = tmp;
      f = fNew;
      history[it % WINDOW] = f;
      if (it >= WINDOW && f - history[(it + 1) % WINDOW] < WINDOW * STALL) {
        break;
      }
    }
    return it;
  }

  /** L-BFGS memory (pairs). */
  private static final int MEMORY = 12;
  /** Stop when f gained less than WINDOW·STALL over the last WINDOW steps. */
  private static final int WINDOW = 50;
  private static final double STALL = 1e-14;
  /** Steps every start gets before the best {@code KEEP} continue. */
  private static final int PROBE = 100;
  private static final int KEEP = 2;
  /** Stop when ‖ξ‖_F is below this. */
  private static final double GTOL = 1e-10;

  /** ξ = skew(Cᵀ G) = (CᵀG − GᵀC)/2. */
  private static void trivialGradient(double[] c, double[] g, double[] xi, int n, Work w) {
    mulAt(c, g, w.t1, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        xi[i * n + j] = 0.5 * (w.t1[i * n + j] - w.t1[j * n + i]);
      }
    }
  }

  /** out = C·cay(t·D), cay(Ω) = (I − Ω/2)⁻¹(I + Ω/2), by Gaussian elimination with partial pivoting. */
  private static void retract(double[] c, double[] d, double t, double[] out, int n, Work w) {
    double[] lhs = w.t1;
    double[] rhs = w.t2;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double h = 0.5 * t * d[i * n + j];
        double id = i == j ? 1.0 : 0.0;
        lhs[i * n + j] = id - h;
        rhs[i * n + j] = id + h;
      }
    }
    Linalg.solveInPlace(lhs, n, rhs, n, w.ipiv);
    mul(c, rhs, out, n);
  }

  private static double dot(double[] x, double[] y, int len) {
    double s = 0;
    for (int i = 0; i < len; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  private static void axpy(double alpha, double[] x, double[] y, int len) {
    for (int i = 0; i < len; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** f(C) = ⟨Aᵀ C B, C⟩ (uses t1, t2). */
  private static double valueOnly(double[] a, double[] b, double[] c, int n, Work w) {
    mulAt(a, c, w.t1, n);
    mul(w.t1, b, w.t2, n);
    double f = 0;
    for (int i = 0; i < n * n; i++) {
      f += w.t2[i] * c[i];
    }
    return f;
  }

  /** f(C) = ⟨Aᵀ C B, C⟩ and ∇f(C) = A C Bᵀ + Aᵀ C B into g. */
  private static double valueAndGradient(double[] a, double[] b, double[] c, int n, Work w, double[] g) {
    mulAt(a, c, w.t1, n); // Aᵀ C
    mul(w.t1, b, w.t2, n); // Aᵀ C B
    mul(a, c, w.t1, n); // A C
    mulBt(w.t1, b, g, n); // A C Bᵀ
    double f = 0;
    for (int i = 0; i < n * n; i++) {
      f += w.t2[i] * c[i];
      g[i] += w.t2[i];
    }
    return f;
  }

  /**
   * ∇f(C) = A C Bᵀ + Aᵀ C B into g, right after {@link #valueOnly} on the same C left Aᵀ C B in t2: the same bits as
   * {@link #valueAndGradient} with two products fewer (the accepted line-search trial's product is reused).
   */
  private static void gradientAfterValue(double[] a, double[] b, double[] c, int n, Work w, double[] g) {
    mul(a, c, w.t1, n); // A C
    mulBt(w.t1, b, g, n); // A C Bᵀ
    for (int i = 0; i < n * n; i++) {
      g[i] += w.t2[i];
    }
  }

  /** out = x·y (n×n). */
  private static void mul(double[] x, double[] y, double[] out, int n) {
    Linalg.gemm(false, false, n, n, n, 1.0, x, y, 0.0, out);
  }


  /** out = xᵀ·y (n×n). */
  private static void mulAt(double[] x, double[] y, double[] out, int n) {
    Linalg.gemm(true, false, n, n, n, 1.0, x, y, 0.0, out);
  }


  /** out = x·yᵀ (n×n). */
  private static void mulBt(double[] x, double[] y, double[] out, int n) {
    Linalg.gemm(false, true, n, n, n, 1.0, x, y, 0.0, out);
  }


  private static final class Work {
    final double[] t1;
    final double[] t2;
    double[] g;
    double[] gNew;
    final int[] ipiv;

    Work(int n) {
      t1 = new double[n * n];
      t2 = new double[n * n];
      ipiv = new int[n];
      g = new double[n * n];
      gNew = new double[n * n];
    }
  }
}
