package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import java.util.EnumSet;
import java.util.Set;

/**
 * Representational similarity analysis (Kriegeskorte, Mur &amp; Bandettini 2008, "Representational similarity
 * analysis — connecting the branches of systems neuroscience", Front. Syst. Neurosci.; reference implementation
 * rsatoolbox, {@code rdm.calc_rdm} and {@code rdm.compare}).
 *
 * <p>Per network, the representational dissimilarity matrix (RDM) between its n rows (conditions, samples), of
 * which only the N = n(n−1)/2 entries above the diagonal are kept:
 * <ul>
 *   <li>{@code correlation} (default, as Kriegeskorte et al. 2008): {@code d_ij = 1 − r(x_i, x_j)}, the Pearson
 *       correlation of rows i and j across units (rsatoolbox's {@code 'correlation'}); a row that does not vary
 *       across units correlates with nothing: its entries are 1 (r = 0), where rsatoolbox would give NaN;
 *   <li>{@code euclidean}: {@code d_ij = ‖x_i − x_j‖² / p} for p units, rsatoolbox's {@code 'euclidean'} (squared,
 *       per unit).
 * </ul>
 * Per pair, a comparison of the two RDMs' entries a, b (rsatoolbox's {@code compare} methods of the same names):
 * <ul>
 *   <li>{@code spearman} (default, as Kriegeskorte et al. 2008): the Pearson correlation of their ranks, tied
 *       entries sharing their average rank;
 *   <li>{@code corr}: the Pearson correlation {@code (a − ā)·(b − b̄) / (‖a − ā‖ ‖b − b̄‖)};
 *   <li>{@code cosine}: {@code a·b / (‖a‖ ‖b‖)};
 *   <li>{@code tau-a}: Kendall's {@code τ_a = (concordant − discordant) / (N(N−1)/2)} over all pairs of entries,
 *       which does not reward models that predict ties (Nili et al. 2014, "A toolbox for representational
 *       similarity analysis", PLoS Comput. Biol.).
 * </ul>
 * An RDM whose centred (or, for cosine, raw) entries are all zero has similarity 0 to every RDM (rsatoolbox's
 * convention). The score is a similarity in [−1, 1], 1 for identical RDMs; the distance is 1 − score.
 *
 * <p>Cost. The RDM is computed once per network through one n×n Gram matrix; for spearman its ranks are taken
 * once too (kept centred, as floats, exact while N &lt; 2²³), so that a pair costs one dot product over N entries;
 * corr and cosine keep the normalised entries as doubles; tau-a keeps each network's order and ranks and costs
 * O(N log N) per pair (a merge sort counting discordant pairs, Knight 1966). With 960 rows (60 steps × 16 trials)
 * N = 459,840: about 1.8 MB per network for spearman, 3.7 MB for corr and cosine.
 *
 * <p>Invariances: the correlation RDM does not change when units are permuted or the activity scaled; the
 * euclidean RDM not under any rotation or translation of the units either (a scaling multiplies it by s², which
 * none of the comparisons sees).
 *
 * @param rdm the dissimilarity between rows: correlation or euclidean
 * @param comparison how two RDMs are compared: spearman, corr, cosine or tau-a
 */
public record Rsa(
    @Help("dissimilarity between rows: correlation (1 − Pearson r across units) or euclidean (squared distance "
        + "per unit), as rsatoolbox's calc_rdm")
    Rdm rdm,
    @Help("comparison of two RDMs: spearman (rank correlation), corr (Pearson), cosine or tau-a (Kendall), as "
        + "rsatoolbox's compare")
    Comparison comparison) implements RepresentationalMetric<Rsa.Prepared> {

  /** The dissimilarity between two rows. */
  public enum Rdm {
    CORRELATION,
    EUCLIDEAN
  }

  /** The comparison of two RDMs. */
  public enum Comparison {
    SPEARMAN,
    CORR,
    COSINE,
    TAU_A
  }

  /** From this many RDM entries on, centred ranks (half-integers up to N/2) are kept as doubles, not floats. */
  static final int EXACT_FLOAT_RANKS = 1 << 23;

  public Rsa {
    Checks.given("rsa rdm", rdm, "correlation or euclidean");
    Checks.given("rsa comparison", comparison, "spearman, corr, cosine or tau-a");
  }

  /** Correlation-distance RDMs compared by Spearman's ρ, as Kriegeskorte et al. 2008. */
  public Rsa() {
    this(Rdm.CORRELATION, Comparison.SPEARMAN);
  }

  /**
   * One network's RDM in the form its comparison needs: {@code unit} (corr, cosine: the centred or raw entries
   * over their norm), {@code ranks} and {@code norm} (spearman: centred average ranks and their norm; from
   * {@value #EXACT_FLOAT_RANKS} entries on, the ranks over their norm in {@code unit} instead), or
   * {@code order}, {@code dense} and {@code ties} (tau-a: the entries' indices sorted by value, each entry's
   * 0-based rank among the distinct values, and Σ c(c−1)/2 over groups of c tied entries).
   */
  public record Prepared(int rows, double[] unit, float[] ranks, double norm, int[] order, int[] dense, long ties) {}

  @Override
  public String name() {
    return "rsa";
  }

  @Override
  public Description description() {
    String of = switch (comparison) {
      case SPEARMAN -> "Spearman ρ";
      case CORR -> "Pearson r";
      case COSINE -> "cosine";
      case TAU_A -> "Kendall τa";
    };
    String units = "1 − " + of + " of " + (rdm == Rdm.CORRELATION ? "correlation-distance" : "squared-Euclidean")
        + " RDMs";
    Set<Invariance> invariances = rdm == Rdm.CORRELATION
        ? EnumSet.of(Invariance.UNIT_PERMUTATION, Invariance.ISOTROPIC_SCALING) : Invariance.similarityTransforms();
    return new Description("RSA", units, true, invariances);
  }

  @Override
  public Prepared prepare(Matrix x) {
    Checks.input(name(), x, 3);
    double[] d = dissimilarities(x);
    int n = x.rows();
    switch (comparison) {
      case CORR, COSINE -> {
        double mean = 0;
        if (comparison == Comparison.CORR) {
          for (double v : d) {
            mean += v;
          }
          mean /= d.length;
        }
        double norm = 0;
        for (int k = 0; k < d.length; k++) {
          d[k] -= mean;
          norm += d[k] * d[k];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
          for (int k = 0; k < d.length; k++) {
            d[k] /= norm;
          }
        }
        return new Prepared(n, d, null, norm, null, null, 0);
      }
      case SPEARMAN -> {
        // the centred average ranks, half-integers, computed in place of the dissimilarities
        int[] order = order(d);
        double centre = (d.length + 1) / 2.0;
        double norm = 0;
        for (int start = 0; start < d.length; ) {
          int end = start + 1;
          while (end < d.length && d[order[end]] == d[order[start]]) {
            end++;
          }
          // entries start..end-1 (0-based) share the average of ranks start+1..end
          double centred = (start + 1 + end) / 2.0 - centre;
          for (int k = start; k < end; k++) {
            d[order[k]] = centred;
          }
          norm += (end - start) * centred * centred;
          start = end;
        }
        norm = Math.sqrt(norm);
        if (d.length >= EXACT_FLOAT_RANKS) {
          // half-integers this large are not all floats: keep them over their norm, as doubles
          for (int k = 0; k < d.length; k++) {
            d[k] = norm > 0 ? d[k] / norm : 0.0;
          }
          return new Prepared(n, d, null, norm, null, null, 0);
        }
        float[] ranks = new float[d.length];
        for (int k = 0; k < d.length; k++) {
          ranks[k] = (float) d[k];
        }
        return new Prepared(n, null, ranks, norm, null, null, 0);
      }
      case TAU_A -> {
        int[] order = order(d);
        int[] dense = new int[d.length];
        long ties = 0;
        int level = 0;
        for (int start = 0; start < d.length; level++) {
          int end = start + 1;
          while (end < d.length && d[order[end]] == d[order[start]]) {
            end++;
          }
          for (int k = start; k < end; k++) {
            dense[order[k]] = level;
          }
          ties += (long) (end - start) * (end - start - 1) / 2;
          start = end;
        }
        return new Prepared(n, null, null, 0, order, dense, ties);
      }
      default -> throw new IllegalStateException("unreachable");
    }
  }

  @Override
  public int rows(Prepared p) {
    return p.rows();
  }

  @Override
  public double score(Prepared x, Prepared y) {
    Checks.sameRows(name(), x.rows(), y.rows());
    switch (comparison) {
      case CORR, COSINE -> {
        if (!(x.norm() > 0 && y.norm() > 0)) {
          return 0.0;
        }
        return Sums.dot(x.unit(), y.unit());
      }
      case SPEARMAN -> {
        if (!(x.norm() > 0 && y.norm() > 0)) {
          return 0.0;
        }
        if (x.ranks() == null || y.ranks() == null) {
          return Sums.dot(x.unit(), y.unit());
        }
        double s = 0;
        float[] a = x.ranks();
        float[] b = y.ranks();
        for (int k = 0; k < a.length; k++) {
          s += (double) a[k] * b[k];
        }
        return s / (x.norm() * y.norm());
      }
      case TAU_A -> {
        return tauA(x, y);
      }
      default -> throw new IllegalStateException("unreachable");
    }
  }

  /** The N upper-triangle entries (i &lt; j, row by row, as SciPy's pdist) of the network's RDM. */
  private double[] dissimilarities(Matrix x) {
    int n = x.rows();
    int p = x.cols();
    double[] z = x.data().clone();
    boolean[] flat = new boolean[n];
    if (rdm == Rdm.CORRELATION) {
      for (int i = 0; i < n; i++) {
        int o = i * p;
        double mean = 0;
        for (int j = 0; j < p; j++) {
          mean += z[o + j];
        }
        mean /= p;
        double norm = 0;
        for (int j = 0; j < p; j++) {
          z[o + j] -= mean;
          norm += z[o + j] * z[o + j];
        }
        norm = Math.sqrt(norm);
        flat[i] = !(norm > 0);
        for (int j = 0; j < p; j++) {
          z[o + j] = flat[i] ? 0.0 : z[o + j] / norm;
        }
      }
    }
    double[] g = new double[n * n];
    Linalg.gemm(false, true, n, n, p, 1.0, z, z, 0.0, g);
    double[] d = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[k++] = rdm == Rdm.CORRELATION ? 1.0 - (flat[i] || flat[j] ? 0.0 : g[i * n + j])
            : (g[i * n + i] + g[j * n + j] - 2 * g[i * n + j]) / p;
      }
    }
    return d;
  }

  /** Kendall's τ_a of two prepared RDMs: (N(N−1)/2 − ties_a − ties_b + joint ties − 2·discordant) / (N(N−1)/2). */
  private static double tauA(Prepared x, Prepared y) {
    int len = x.order().length;
    long total = (long) len * (len - 1) / 2;
    // entries in x's order, ties in x broken by y's rank: sorted by (rank in x, rank in y)
    int[] byX = x.order().clone();
    int[] rx = x.dense();
    int[] ry = y.dense();
    for (int start = 0; start < len; ) {
      int end = start + 1;
      while (end < len && rx[byX[end]] == rx[byX[start]]) {
        end++;
      }
      if (end - start > 1) {
        sortByKey(byX, start, end, ry);
      }
      start = end;
    }
    int[] seq = new int[len];
    long joint = 0;
    long run = 1;
    seq[0] = ry[byX[0]];
    for (int k = 1; k < len; k++) {
      seq[k] = ry[byX[k]];
      if (rx[byX[k]] == rx[byX[k - 1]] && seq[k] == seq[k - 1]) {
        run++;
      } else {
        joint += run * (run - 1) / 2;
        run = 1;
      }
    }
    joint += run * (run - 1) / 2;
    long discordant = inversions(seq, new int[len], 0, len);
    double tau = (double) (total - x.ties() - y.ties() + joint - 2 * discordant) / total;
    return Math.max(-1.0, Math.min(1.0, tau));
  }

  /** Indices 0..N−1 sorted by {@code values}, ties in index order (a stable merge sort). */
  private static int[] order(double[] values) {
    int[] idx = new int[values.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    int[] buf = new int[idx.length];
    for (int width = 1; width < idx.length; width *= 2) {
      for (int lo = 0; lo < idx.length - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, idx.length);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
          buf[o++] = values[idx[j]] < values[idx[i]] ? idx[j++] : idx[i++];
        }
        while (i < mid) {
          buf[o++] = idx[i++];
        }
        while (j < hi) {
          buf[o++] = idx[j++];
        }
        System.arraycopy(buf, lo, idx, lo, hi - lo);
      }
    }
    return idx;
  }

  /** Sorts {@code a[from..to)} by {@code key[a[i]]} (insertion sort: runs of tied entries are short). */
  private static void sortByKey(int[] a, int from, int to, int[] key) {
    for (int i = from + 1; i < to; i++) {
      int v = a[i];
      int j = i - 1;
      while (j >= from && key[a[j]] > key[v]) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  /** The number of pairs i &lt; j with s[i] &gt; s[j] in {@code s[lo..hi)}, which it sorts (merge sort). */
  private static long inversions(int[] s, int[] buf, int lo, int hi) {
    long count = 0;
    for (int width = 1; width < hi - lo; width *= 2) {
      for (int a = lo; a < hi - width; a += 2 * width) {
        int mid = a + width;
        int end = Math.min(a + 2 * width, hi);
        int i = a;
        int j = mid;
        int o = a;
        while (i < mid && j < end) {
          if (s[j] < s[i]) {
            count += mid - i;
            buf[o++] = s[j++];
          } else {
            buf[o++] = s[i++];
          }
        }
        while (i < mid) {
          buf[o++] = s[i++];
        }
        while (j < end) {
          buf[o++] = s[j++];
        }
        System.arraycopy(buf, a, s, a, end - a);
      }
    }
    return count;
  }
}
