package cohort.analysis.topology;

import cohort.models.linalg.Linalg;
import java.util.Arrays;

/**
 * A summary of a {@link TopologyGraph} that can be compared across networks of any size and state basis, and
 * the distance between two of them: the <b>census–spectral distance</b>.
 *
 * <p>The signature has two parts. (1) The <i>census</i> {@code c_k} = number of points with {@code k} unstable
 * directions ({@code k = 0}: attractors, {@code k = 1}: index-1 saddles, ...), trailing zeros removed. (2) The
 * <i>Laplacian spectrum</i> {@code s}: the non-zero eigenvalues, in descending order, of the combinatorial Laplacian
 * {@code L = D − A} of the undirected simple graph underlying the saddle→attractor edges (edge directions and
 * multiplicities dropped). The distance is
 * <pre>  d(G, H) = sqrt( Σ_k (c_k(G) − c_k(H))² + Σ_i (s_i(G) − s_i(H))² )</pre>
 * with the shorter vector of each part padded with zeros. Padding the spectrum with zeros is exact, not a
 * convention: adding an isolated node adds a zero Laplacian eigenvalue, so it compares the two graphs as if the
 * smaller one had extra isolated nodes.
 *
 * <p>Properties. It is a pseudometric: non-negative, symmetric, zero on identical graphs, and it satisfies the
 * triangle inequality (a Euclidean distance between two embedding vectors). It depends only on the labelled graph
 * up to isomorphism, hence not on the order of the points, on the state basis of the network (any orthogonal or
 * permutation change of coordinates leaves fixed points, their eigenvalues and the heteroclinic connections
 * unchanged) or on the number of units. It is not a metric: cospectral non-isomorphic graphs with the same census
 * are at distance 0. It weighs a difference of one point in the census as 1 and one edge roughly as the change it
 * makes to the spectrum (adding an edge raises {@code Σ s_i = 2|E|} by 2). Cost: one symmetric eigen-decomposition
 * of the non-isolated part of each graph, {@code O(V³)}; the distance itself is {@code O(V)}. Chosen over a graph
 * edit distance because exact edit distance is NP-hard and its bipartite (Hungarian) approximations are neither
 * symmetric nor a metric.
 *
 * @param census {@code c_k}, index {@code k} = number of unstable directions
 * @param laplacianSpectrum non-zero Laplacian eigenvalues, descending
 */
public record TopologySignature(int[] census, double[] laplacianSpectrum) {

  private static final double ZERO = 1e-9;

  /** Validates and copies. */
  public TopologySignature {
    if (census == null || laplacianSpectrum == null) {
      throw new IllegalArgumentException("TopologySignature.census and laplacianSpectrum must not be null");
    }
    census = census.clone();
    laplacianSpectrum = laplacianSpectrum.clone();
  }

  /** Copy of the census. */
  @Override
  public int[] census() {
    return census.clone();
  }

  /** Copy of the spectrum. */
  @Override
  public double[] laplacianSpectrum() {
    return laplacianSpectrum.clone();
  }

  /** Census entry {@code k} (0 beyond the stored length). */
  public int count(int k) {
    return k < census.length ? census[k] : 0;
  }

  /** The signature of {@code g}. */
  public static TopologySignature of(TopologyGraph g) {
    int maxK = -1;
    for (TopologyGraph.Node node : g.nodes()) {
      maxK = Math.max(maxK, node.unstableDimensions());
    }
    int[] census = new int[maxK + 1];
    for (TopologyGraph.Node node : g.nodes()) {
      census[node.unstableDimensions()]++;
    }
    int v = g.nodes().size();
    int[] compact = new int[v];
    Arrays.fill(compact, -1);
    int m = 0;
    for (TopologyGraph.Edge e : g.edges()) {
      if (compact[e.source()] < 0) {
        compact[e.source()] = m++;
      }
      if (compact[e.target()] < 0) {
        compact[e.target()] = m++;
      }
    }
    if (m == 0) {
      return new TopologySignature(census, new double[0]);
    }
    double[] lap = new double[m * m];
    for (TopologyGraph.Edge e : g.edges()) {
      int a = compact[e.source()];
      int b = compact[e.target()];
      if (a == b || lap[a * m + b] != 0) {
        continue;
      }
      lap[a * m + b] = -1;
      lap[b * m + a] = -1;
      lap[a * m + a] += 1;
      lap[b * m + b] += 1;
    }
    double[] ev = new double[m];
    Linalg.symmetricEigen(lap, m, ev); // ascending
    int nonZero = 0;
    for (double x : ev) {
      if (x > ZERO) {
        nonZero++;
      }
    }
    double[] s = new double[nonZero];
    for (int i = 0; i < nonZero; i++) {
      s[i] = ev[ev.length - 1 - i];
    }
    return new TopologySignature(census, s);
  }

  /** The census–spectral distance to {@code other} (see the class comment). */
  public double distance(TopologySignature other) {
    return distance(this, other);
  }

  /** The census–spectral distance between {@code a} and {@code b}. */
  public static double distance(TopologySignature a, TopologySignature b) {
    double sum = 0;
    int kc = Math.max(a.census.length, b.census.length);
    for (int k = 0; k < kc; k++) {
      double d = a.count(k) - b.count(k);
      sum += d * d;
    }
    int ks = Math.max(a.laplacianSpectrum.length, b.laplacianSpectrum.length);
    for (int i = 0; i < ks; i++) {
      double x = i < a.laplacianSpectrum.length ? a.laplacianSpectrum[i] : 0;
      double y = i < b.laplacianSpectrum.length ? b.laplacianSpectrum[i] : 0;
      sum += (x - y) * (x - y);
    }
    return Math.sqrt(sum);
  }

  /** The census–spectral distance between two graphs. */
  public static double distance(TopologyGraph a, TopologyGraph b) {
    return distance(of(a), of(b));
  }
}
