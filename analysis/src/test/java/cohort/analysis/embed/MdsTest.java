package cohort.analysis.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MdsTest {

  static double[] distances(double[] pts, int n, int k) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int a = 0; a < k; a++) {
          double diff = pts[i * k + a] - pts[j * k + a];
          s += diff * diff;
        }
        d[i * n + j] = Math.sqrt(s);
      }
    }
    return d;
  }

  static double[] planePoints(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[n * 2];
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextGaussian() * 3;
    }
    return p;
  }

  @Test
  void classicalMdsRecoversPlanarDistances() {
    int n = 25;
    double[] d = distances(planePoints(n, 1), n, 2);
    Embedding e = ClassicalMds.fit(d, n, 2);
    assertEquals(0.0, e.stress(), 1e-9);
    double[] back = distances(e.coordinates().data(), n, 2);
    for (int i = 0; i < d.length; i++) {
      assertEquals(d[i], back[i], 1e-8);
    }
  }

  @Test
  void smacofKeepsAnExactSolutionAndLowersStressOfANoisyOne() {
    int n = 20;
    double[] d = distances(planePoints(n, 2), n, 2);
    Embedding exact = MetricMds.fit(d, n, 2, 100, 1e-12);
    assertEquals(0.0, exact.stress(), 1e-8);
    double[] d3 = distances(planePoints(n * 3 / 2 * 2, 3), n, 3);
    Embedding classical = ClassicalMds.fit(d3, n, 2);
    Embedding smacof = MetricMds.fit(d3, n, 2, 500, 1e-10);
    assertTrue(smacof.stress() <= classical.stress() + 1e-12,
        "smacof " + smacof.stress() + " classical " + classical.stress());
    assertTrue(smacof.iterations() >= 1);
  }

  @Test
  void rejectsAsymmetricOrBadDimensions() {
    double[] d = {0, 1, 2, 0};
    assertThrows(IllegalArgumentException.class, () -> ClassicalMds.fit(d, 2, 1));
    double[] ok = {0, 1, 1, 0};
    assertThrows(IllegalArgumentException.class, () -> ClassicalMds.fit(ok, 2, 2));
  }
}
