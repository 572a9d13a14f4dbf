package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import java.util.Arrays;

/**
 * CKA with a Gaussian (RBF) kernel (Kornblith et al. 2019). The Gram matrix is
 * {@code K_ij = exp(−d²_ij / (2·t²·median(d²)))} where d² are the squared Euclidean distances between
 * samples, the median runs over all n² entries (diagonal included, as in the reference code) and t is
 * the {@code threshold}, the bandwidth as a fraction of the median distance. Both Grams are centred
 * with H = I − 11ᵀ/n (biased HSIC) and {@code CKA = ⟨HKH, HLH⟩_F / (‖HKH‖_F‖HLH‖_F)}.
 *
 * @param threshold bandwidth as a fraction of the median distance, &gt; 0 (Kornblith et al. use 0.5–1)
 */
public record RbfCka(
    @Help("bandwidth of the Gaussian kernel as a fraction of the median distance between samples, finite > 0")
    double threshold) implements RepresentationalMetric<RbfCka.Prepared> {

  public RbfCka {
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("cka-rbf threshold: got " + threshold + "; accepted: finite > 0");
    }
  }

  /** Bandwidth 0.5 of the median distance, the smaller of Kornblith et al.'s two settings. */
  public RbfCka() {
    this(0.5);
  }

  /** A centred n×n Gram matrix (row-major) and its Frobenius norm. */
  public record Prepared(int n, double[] centeredGram, double norm) {}

  @Override
  public String name() {
    return "cka-rbf";
  }

  @Override
  public Description description() {
    return new Description("RBF CKA", "1 − RBF CKA", true, Invariance.similarityTransforms());
  }

  @Override
  public Prepared prepare(Matrix x) {
    Checks.input(name(), x, 2);
    int n = x.rows();
    int p = x.cols();
    double[] dots = new double[n * n];
    Linalg.gemm(false, true, n, n, p, 1.0, x.data(), x.data(), 0.0, dots);
    double[] sq = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sq[i * n + j] = -2 * dots[i * n + j] + dots[i * n + i] + dots[j * n + j];
      }
    }
    double[] sorted = sq.clone();
    Arrays.sort(sorted);
    int len = sorted.length;
    double median = len % 2 == 1 ? sorted[len / 2] : 0.5 * (sorted[len / 2 - 1] + sorted[len / 2]);
    if (!(median > 0)) {
      throw new IllegalArgumentException(name() + ": the median squared distance between samples is "
          + median + "; accepted: inputs whose samples are mostly distinct");
    }
    double scale = 2 * threshold * threshold * median;
    double[] k = new double[n * n];
    for (int i = 0; i < k.length; i++) {
      k[i] = Math.exp(-sq[i] / scale);
    }
    centerBiased(k, n);
    return new Prepared(n, k, Sums.norm(k));
  }

  @Override
  public int rows(Prepared p) {
    return p.n();
  }

  @Override
  public double score(Prepared x, Prepared y) {
    Checks.sameRows(name(), x.n(), y.n());
    return Sums.dot(x.centeredGram(), y.centeredGram()) / (x.norm() * y.norm());
  }

  /** HKH in place, as Kornblith et al.'s {@code center_gram(unbiased=False)}. */
  static void centerBiased(double[] k, int n) {
    double[] means = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        means[j] += k[i * n + j];
      }
    }
    double total = 0;
    for (int j = 0; j < n; j++) {
      means[j] /= n;
      total += means[j];
    }
    double half = total / n / 2;
    for (int j = 0; j < n; j++) {
      means[j] -= half;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        k[i * n + j] -= means[i] + means[j];
      }
    }
  }
}
