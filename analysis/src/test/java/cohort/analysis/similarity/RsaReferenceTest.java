package cohort.analysis.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * RSA against values computed with NumPy and SciPy by {@code reference/rsa_reference.py} (committed beside its
 * output, {@code reference/rsa_reference.tsv}): every RDM (correlation, euclidean) and every comparison (spearman,
 * corr, cosine, tau-a) on the shared reference activations, and, on small integer inputs whose euclidean RDMs have
 * many exactly tied entries, every comparison with ties (average ranks, Kendall's τ_a). Tolerance 1e-10.
 */
class RsaReferenceTest {

  private static Matrix input(String name) {
    return switch (name) {
      case "ties" -> ties((i, j) -> (3 * i + 5 * j * j + i * j) % 4);
      case "ties2" -> ties((i, j) -> (2 * i + j * j + 3 * i * j) % 5);
      default -> TestData.matrix("geom_" + name + ".npy");
    };
  }

  private static Matrix ties(IntBinaryOperator f) {
    double[] d = new double[12 * 4];
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 4; j++) {
        d[i * 4 + j] = f.applyAsInt(i, j);
      }
    }
    return new Matrix(12, 4, d);
  }

  private static List<String[]> reference() throws IOException {
    try (InputStream in = RsaReferenceTest.class.getResourceAsStream("/reference/rsa_reference.tsv")) {
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
      return rows;
    }
  }

  @Test
  void everyRdmAndComparisonMatchesNumPyAndSciPy() throws IOException {
    List<String[]> rows = reference();
    assertEquals((4 * 2 + 1) * 4, rows.size());
    for (String[] r : rows) {
      Rsa rsa = new Rsa(Rsa.Rdm.valueOf(r[2].toUpperCase(Locale.ROOT)),
          Rsa.Comparison.valueOf(r[3].toUpperCase(Locale.ROOT).replace('-', '_')));
      double want = Double.parseDouble(r[4]);
      assertEquals(want, rsa.score(input(r[0]), input(r[1])), 1e-10, String.join(" ", r));
      assertEquals(want, rsa.score(input(r[1]), input(r[0])), 1e-10, "symmetric: " + String.join(" ", r));
    }
  }

  /** A row that does not vary across units correlates with nothing: its correlation distances are 1. */
  @Test
  void aFlatRowHasCorrelationDistanceOne() {
    SplittableRandom rng = new SplittableRandom(2);
    double[] d = new double[10 * 3];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    d[0] = d[1] = d[2] = 0.5;
    Matrix x = new Matrix(10, 3, d);
    Rsa cosine = new Rsa(Rsa.Rdm.CORRELATION, Rsa.Comparison.COSINE);
    assertEquals(1.0, cosine.score(x, x), 1e-12);
    double[] moved = d.clone();
    moved[0] = moved[1] = moved[2] = -4; // still flat: the RDM is the same
    assertEquals(1.0, cosine.score(x, new Matrix(10, 3, moved)), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Rsa().score(new Matrix(2, 3, new double[] {1, 2, 3, 3, 1, 2}), new Matrix(2, 3,
            new double[] {1, 2, 3, 3, 1, 2})));
    assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
  }
}
