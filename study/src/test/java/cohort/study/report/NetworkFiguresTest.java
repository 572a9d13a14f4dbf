package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.analysis.fixedpoints.FixedPoint;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.analysis.fixedpoints.Stability;
import cohort.analysis.linearize.EigenOrder;
import cohort.analysis.linearize.EigenSystem;
import cohort.analysis.linearize.Spectrum;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spectra figure of {@code analyze-network}: every eigenvalue is coloured by where it lies, outside the unit
 * circle in the "unstable" (red) colour and inside in the "stable" (blue) one, whatever kind of point it belongs to.
 */
class NetworkFiguresTest {

  @TempDir Path dir;

  /** A 4 × 4 matrix with eigenvalues 2 (outside the unit circle), 0.3 and ±0.5i (inside). */
  private static final double[] W = {
    2.0, 0, 0, 0,
    0, 0.3, 0, 0,
    0, 0, 0, -0.5,
    0, 0, 0.5, 0
  };

  @Test
  void recurrentEigenvaluesOutsideTheUnitCircleAreDrawnUnstable() throws IOException {
    Spectrum s = Spectrum.of(W, 4);
    BufferedImage img = spectra(null, s);
    Marks m = marks(img);
    assertFalse(m.red.isEmpty(), "the eigenvalue at 2 (outside the unit circle) is not drawn in the unstable colour");
    assertFalse(m.blue.isEmpty(), "the eigenvalues inside the unit circle are not drawn in the stable colour");
    assertTrue(m.minRedX() > m.maxBlueX(), "unstable-coloured marks must be the ones at λ = 2, right of the others: "
        + "red x from " + m.minRedX() + ", blue x up to " + m.maxBlueX());
  }

  @Test
  void jacobianEigenvaluesAreColouredByModulusNotByTheKindOfPoint() throws IOException {
    // a saddle (one unstable direction): only its eigenvalue at 2 is unstable, the other three are stable
    EigenSystem e = EigenSystem.of(W, 4, EigenOrder.MODULUS_DESCENDING);
    FixedPoint saddle = new FixedPoint(new double[] {0.1, -0.1, 0.2, 0}, new double[] {0}, 0, PointKind.FIXED, W, e,
        1, Stability.SADDLE);
    FixedPointSet set = new FixedPointSet(4, false, 1.0, new double[] {0}, FixedPointOptions.defaults(),
        List.of(saddle), 1, 0, 0, 0);
    BufferedImage img = spectra(set, null);
    Marks m = marks(img);
    assertFalse(m.red.isEmpty(), "the saddle's eigenvalue at 2 is not drawn in the unstable colour");
    assertFalse(m.blue.isEmpty(), "the saddle's eigenvalues inside the unit circle are not drawn as stable");
    assertTrue(m.minRedX() > m.maxBlueX(), "red x from " + m.minRedX() + ", blue x up to " + m.maxBlueX());
  }

  private BufferedImage spectra(FixedPointSet points, Spectrum spectrum) throws IOException {
    int steps = 10;
    int trials = 3;
    int units = 4;
    float[] hidden = new float[steps * trials * units];
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = (float) rng.nextGaussian();
    }
    List<Path> files = NetworkFigures.write(dir, "test", hidden, steps, trials, units, points, spectrum,
        "W_eff, the effective recurrent matrix [post][pre]");
    Path file = files.stream().filter(p -> p.getFileName().toString().equals("spectra.png")).findFirst()
        .orElseThrow();
    return ImageIO.read(file.toFile());
  }

  /** Clearly red and clearly blue pixels of the plot area (below the title and legend). */
  record Marks(List<int[]> red, List<int[]> blue) {
    int minRedX() {
      return red.stream().mapToInt(p -> p[0]).min().orElse(Integer.MAX_VALUE);
    }

    int maxBlueX() {
      return blue.stream().mapToInt(p -> p[0]).max().orElse(Integer.MIN_VALUE);
    }
  }

  static Marks marks(BufferedImage img) {
    List<int[]> red = new java.util.ArrayList<>();
    List<int[]> blue = new java.util.ArrayList<>();
    for (int y = (int) (img.getHeight() * 0.3); y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        if (r > 150 && g < 110 && b < 110) {
          red.add(new int[] {x, y});
        } else if (b > 150 && r < 100 && g < 160) {
          blue.add(new int[] {x, y});
        }
      }
    }
    return new Marks(red, blue);
  }
}
