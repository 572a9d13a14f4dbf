package cohort.analysis;

import static cohort.analysis.TestMath.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.dsa.DynamicalMetric;
import cohort.analysis.dsa.SimilarityTransformDistanceTestAccess;
import cohort.analysis.dsa.Trajectories;
import cohort.analysis.similarity.Invariance;
import cohort.analysis.similarity.Matrix;
import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.MetricKind;
import cohort.analysis.similarity.Pairwise;
import cohort.analysis.similarity.RepresentationalMetric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract tests over every registered metric, so a metric is tested the moment it is registered: its options
 * round-trip through text, bad options get one clear line, and on random inputs with known answers it gives the
 * identical-input value, is symmetric, keeps every invariance it claims, tells a near copy from an unrelated
 * input, and its pairwise matrix does not depend on the thread count. Each metric runs with its defaults and with
 * every other value of each of its enum and boolean options (one at a time).
 */
class MetricContractTest {

  private static final MetricRegistry REGISTRY = MetricRegistry.standard();

  /** The defaults and each one-option variant (enum constants, boolean flips) of every registered metric. */
  static Stream<Arguments> variants() {
    List<Arguments> out = new ArrayList<>();
    for (String name : REGISTRY.names()) {
      MetricInfo info = REGISTRY.info(name);
      out.add(Arguments.of(name, Map.of()));
      for (MetricOption o : info.options()) {
        List<Object> others = new ArrayList<>();
        if (o.type() == boolean.class) {
          others.add(!(Boolean) o.defaultValue());
        } else if (o.type().isEnum()) {
          for (Object c : o.type().getEnumConstants()) {
            if (!c.equals(o.defaultValue())) {
              others.add(c);
            }
          }
        }
        for (Object v : others) {
          out.add(Arguments.of(name, Map.of(o.name(), MetricOption.text(v))));
        }
      }
    }
    return out.stream();
  }

  @Test
  void everyEntryIsCompleteAndEveryOptionDescribed() {
    assertFalse(REGISTRY.names().isEmpty());
    for (String name : REGISTRY.names()) {
      MetricInfo info = REGISTRY.info(name);
      assertEquals(name, info.create().name());
      assertFalse(info.caption().isBlank(), name + " caption");
      assertFalse(info.units().isBlank(), name + " units");
      Set<String> flags = new HashSet<>();
      for (MetricOption o : info.options()) {
        assertFalse(o.help().isBlank(), name + " " + o.name());
        assertTrue(flags.add(o.flag()), name + " " + o.flag() + " twice");
        assertTrue(o.name().matches("[a-z][a-z0-9_]*"), o.name());
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> REGISTRY.info("bogus"));
    assertTrue(e.getMessage().contains("accepted: " + String.join(", ", REGISTRY.names())), e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void optionsRoundTripThroughTextAndRefuseBadValues(String name, Map<String, String> overrides) {
    MetricInfo info = REGISTRY.info(name);
    Metric<?, ?> m = info.create(overrides);
    Map<String, Object> described = MetricInfo.describe(m);
    Map<String, String> asText = new LinkedHashMap<>();
    described.forEach((k, v) -> asText.put(k, MetricOption.text(v)));
    assertEquals(m, info.create(asText), "create(describe(m)) == m");
    assertEquals(info.create().options().getClass(), m.options().getClass());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> info.create(Map.of("no_such_option", "1")));
    assertTrue(unknown.getMessage().startsWith("metric '" + name + "' has no option 'no_such_option'"),
        unknown.getMessage());
    for (MetricOption o : info.options()) {
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> info.create(Map.of(o.name(), "not-a-value")));
      assertTrue(bad.getMessage().startsWith("metric '" + name + "' option " + o.name() + ": "), bad.getMessage());
      assertTrue(bad.getMessage().contains("accepted"), bad.getMessage());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void identitySymmetryInvariancesAndSeparation(String name, Map<String, String> overrides) {
    Metric<?, ?> m = REGISTRY.info(name).create(overrides);
    if (m.kind() == MetricKind.GEOMETRY) {
      geometry((RepresentationalMetric<?>) m);
    } else if (m.kind() == MetricKind.DYNAMICS) {
      dynamics((DynamicalMetric<?>) m);
    } else {
      @SuppressWarnings("unchecked")
      Metric<java.util.List<cohort.analysis.topology.TopologySignature>, Object> t =
          (Metric<java.util.List<cohort.analysis.topology.TopologySignature>, Object>) m;
      topology(t);
    }
  }

  /** Topology metrics: zero on identical topologies, symmetric, positive between different ones. */
  private static void topology(Metric<java.util.List<cohort.analysis.topology.TopologySignature>, Object> m) {
    var cube = java.util.List.of(new cohort.analysis.topology.TopologySignature(new int[] {8, 12, 6, 1},
        new double[] {4.2, 3.1, 3.1, 1.0}));
    var line = java.util.List.of(new cohort.analysis.topology.TopologySignature(new int[] {2, 1},
        new double[] {3.0, 1.0}));
    Object a = m.prepare(cube);
    Object b = m.prepare(line);
    assertEquals(0.0, m.distance(a, a), 1e-12, m.name() + " distance to itself");
    assertEquals(m.score(a, b), m.score(b, a), 1e-12, m.name() + " symmetry");
    assertTrue(m.distance(a, b) > 0, m.name() + " separates a cube from a line");
  }

  private static <P> void geometry(RepresentationalMetric<P> m) {
    SplittableRandom rng = new SplittableRandom(7);
    Matrix x = random(rng, 80, 8);
    Matrix y = random(rng, 80, 6);
    String what = m.name() + " " + m.options();
    double same = m.isSimilarity() ? 1.0 : 0.0;
    P px = m.prepare(x);
    P py = m.prepare(y);
    assertEquals(same, m.score(px, px), 1e-6, what + " of identical inputs");
    assertEquals(0.0, m.distance(px, px), 1e-6, what + " distance to itself");
    assertEquals(m.score(px, py), m.score(py, px), 1e-10, what + " symmetry");
    assertEquals(m.score(px, py), m.evaluate(px, py).score(), 1e-12, what + " evaluate");
    double xy = m.score(px, py);
    for (Invariance inv : m.invariances()) {
      Matrix tx = transform(x, inv, rng);
      assertEquals(same, m.score(px, m.prepare(tx)), 1e-6, what + " " + inv + " of itself");
      assertEquals(xy, m.score(m.prepare(tx), py), 1e-8, what + " " + inv);
    }
    if (!m.invariances().contains(Invariance.INVERTIBLE_LINEAR)) {
      Matrix mapped = transform(x, Invariance.INVERTIBLE_LINEAR, rng);
      assertTrue(Math.abs(m.score(px, m.prepare(mapped)) - same) > 1e-4, what + " is not invariant to x -> xM");
    }
    double[] noisy = x.data().clone();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += 0.05 * rng.nextGaussian();
    }
    Matrix near = new Matrix(80, 8, noisy);
    double dNear = m.distance(px, m.prepare(near));
    double dFar = m.distance(px, m.prepare(random(rng, 80, 8)));
    assertTrue(dFar > 0.05 && dNear < 0.25 * dFar, what + " near " + dNear + " far " + dFar);
    List<Matrix> nets = List.of(x, y, near, random(rng, 80, 5), random(rng, 80, 7));
    double[] one = Pairwise.matrix(m, nets, Pairwise.Kind.DISTANCE, 1);
    assertArrayEquals(one, Pairwise.matrix(m, nets, Pairwise.Kind.DISTANCE, 3), what + " threads");
    assertEquals(m.distance(px, py), one[1], 1e-12);
  }

  private static <P> void dynamics(DynamicalMetric<P> m) {
    SplittableRandom rng = new SplittableRandom(3);
    Trajectories x = system(rng, 6, 0.9, 4, 40);
    Trajectories y = system(rng, 6, 0.6, 4, 40);
    String what = m.name() + " " + m.options();
    P px = m.prepare(x);
    P py = m.prepare(y);
    assertEquals(0.0, m.distance(px, px), 1e-5, what + " distance to itself");
    assertEquals(m.score(px, py), m.score(py, px), 1e-6, what + " symmetry");
    assertEquals(m.score(px, py), m.evaluate(px, py).score(), 1e-12, what + " evaluate");
    double xy = m.distance(px, py);
    assertTrue(xy > 1e-3, what + " tells two different systems apart: " + xy);
    for (Invariance inv : m.invariances()) {
      Trajectories tx = transform(x, inv, rng);
      assertEquals(0.0, m.distance(px, m.prepare(tx)), 1e-5, what + " " + inv + " of itself");
      assertEquals(xy, m.distance(m.prepare(tx), py), 1e-5 * (1 + xy), what + " " + inv);
    }
    List<Trajectories> nets = List.of(x, y, system(rng, 6, 0.8, 4, 40));
    double[] one = Pairwise.matrix(m, nets, Pairwise.Kind.DISTANCE, 1);
    assertArrayEquals(one, Pairwise.matrix(m, nets, Pairwise.Kind.DISTANCE, 3), what + " threads");
  }

  /** The units' transformation {@code inv}, drawn at random: {@code X ↦ X T + 1cᵀ} with T and c of that kind. */
  static double[] unitMap(Invariance inv, int p, SplittableRandom rng, double[] offset) {
    double[] t = new double[p * p];
    switch (inv) {
      case ROTATION -> SimilarityTransformDistanceTestAccess.haar(t, p, rng);
      case UNIT_PERMUTATION -> {
        int[] perm = new int[p];
        for (int i = 0; i < p; i++) {
          perm[i] = i;
        }
        for (int i = p - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int s = perm[i];
          perm[i] = perm[j];
          perm[j] = s;
        }
        for (int i = 0; i < p; i++) {
          t[perm[i] * p + i] = 1;
        }
      }
      case TRANSLATION -> {
        for (int i = 0; i < p; i++) {
          t[i * p + i] = 1;
          offset[i] = 2.0 * (1 + i);
        }
      }
      case ISOTROPIC_SCALING -> {
        for (int i = 0; i < p; i++) {
          t[i * p + i] = 3.7;
        }
      }
      case INVERTIBLE_LINEAR -> {
        for (int i = 0; i < p; i++) {
          for (int j = 0; j < p; j++) {
            t[i * p + j] = (i == j ? 2.0 : 0.0) + 0.6 * rng.nextGaussian();
          }
        }
      }
      default -> throw new AssertionError(inv);
    }
    return t;
  }

  static Matrix transform(Matrix x, Invariance inv, SplittableRandom rng) {
    int p = x.cols();
    double[] offset = new double[p];
    double[] t = unitMap(inv, p, rng, offset);
    Matrix out = x.times(new Matrix(p, p, t));
    double[] d = out.data();
    for (int i = 0; i < d.length; i++) {
      d[i] += offset[i % p];
    }
    return out;
  }

  static Trajectories transform(Trajectories x, Invariance inv, SplittableRandom rng) {
    Matrix flat = new Matrix(x.trials() * x.steps(), x.units(), x.data());
    Matrix t = transform(flat, inv, rng);
    return new Trajectories(x.trials(), x.steps(), x.units(), t.data());
  }

  /** Noisy trajectories of a random linear system {@code x' = A x + 0.01 ε} with spectral radius about {@code r}. */
  static Trajectories system(SplittableRandom rng, int n, double r, int trials, int steps) {
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian() * r / Math.sqrt(n);
    }
    double[] x = new double[trials * steps * n];
    for (int k = 0; k < trials; k++) {
      int base = k * steps * n;
      for (int i = 0; i < n; i++) {
        x[base + i] = rng.nextGaussian();
      }
      for (int t = 1; t < steps; t++) {
        for (int i = 0; i < n; i++) {
          double v = 0;
          for (int j = 0; j < n; j++) {
            v += a[i * n + j] * x[base + (t - 1) * n + j];
          }
          x[base + t * n + i] = v + 0.01 * rng.nextGaussian();
        }
      }
    }
    return new Trajectories(trials, steps, n, x);
  }
}
