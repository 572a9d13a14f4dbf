package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's spectrum figures colour every eigenvalue by the stability of its mode, whatever the architecture,
 * task or kind of point: red outside the unit circle (or right of the imaginary axis for the flow eigenvalues of a
 * continuous-time cell), blue inside. Each case is one network, so each figure has one panel, and the one unstable
 * eigenvalue lies right of all the stable ones.
 */
class ReportSpectraTest {

  @TempDir Path dir;

  private static final double[] ZERO = {0, 0, 0, 0};

  @Test
  void recurrentEigenvaluesOutsideTheUnitCircleAreRed() throws IOException {
    StudyData.Run run = run("gru", null, new double[] {2.0, 0.3, -0.3, 0.1}, ZERO);
    NetworkFiguresTest.Marks m = marks(run, "spectra-w-rec.png");
    assertUnstableRightOfStable(m, "the W_rec eigenvalue at 2 is not drawn in the unstable colour",
        "the W_rec eigenvalues inside the unit circle are not drawn as stable");
  }

  @Test
  void jacobianEigenvaluesOfAMapAreColouredByModulus() throws IOException {
    // a saddle: one eigenvalue outside the unit circle, three inside
    StudyData.FixedPoints fp = new StudyData.FixedPoints(new int[] {1}, new int[] {0},
        new double[][] {{2.0, 0.4, -0.4, 0.1}}, new double[][] {ZERO}, false, 1.0);
    NetworkFiguresTest.Marks m = marks(run("gru", fp, null, null), "spectra-jacobian.png");
    assertUnstableRightOfStable(m, "the saddle's eigenvalue at 2 is not drawn in the unstable colour",
        "the saddle's eigenvalues inside the unit circle are not drawn as stable");
  }

  @Test
  void flowEigenvaluesAreColouredByTheirRealPart() throws IOException {
    // Euler map of a continuous-time cell, α = 0.2: μ = (λ − 1)/α = 0.5 (unstable), −0.5, −1, −0.25
    StudyData.FixedPoints fp = new StudyData.FixedPoints(new int[] {1}, new int[] {0},
        new double[][] {{1.1, 0.9, 0.8, 0.95}}, new double[][] {ZERO}, true, 0.2);
    NetworkFiguresTest.Marks m = marks(run("ctrnn", fp, null, null), "spectra-jacobian.png");
    assertUnstableRightOfStable(m, "the mode with Re μ > 0 is not drawn in the unstable colour",
        "the modes with Re μ < 0 are not drawn as stable");
  }

  /**
   * Some eigenvalues are drawn in the unstable colour ({@code noRed} if none), some in the stable one ({@code noBlue}
   * if none), and every unstable one lies right of every stable one.
   */
  private static void assertUnstableRightOfStable(NetworkFiguresTest.Marks m, String noRed, String noBlue) {
    assertFalse(m.red().isEmpty(), noRed);
    assertFalse(m.blue().isEmpty(), noBlue);
    assertTrue(m.minRedX() > m.maxBlueX(), "red x from " + m.minRedX() + ", blue x up to " + m.maxBlueX());
  }

  private static StudyData.Run run(String arch, StudyData.FixedPoints fp, double[] wre, double[] wim) {
    return new StudyData.Run("t-" + arch + "-s0", Map.of("task", "t", "architecture", arch, "status", "completed",
        "fixed_point_count", fp == null ? 0 : fp.count()), null, fp, wre, wim);
  }

  /** The coloured marks of {@code file} in the report of a study of {@code run} alone. */
  private NetworkFiguresTest.Marks marks(StudyData.Run run, String file) throws IOException {
    return NetworkFiguresTest.marks(figure(run, file));
  }

  private BufferedImage figure(StudyData.Run run, String file) throws IOException {
    StudyData data = new StudyData(Map.of("study", "spectra"), List.of(run), List.of(), List.of(), List.of(),
        List.of());
    StudyReport.Result r = StudyReport.write(data, "spectra", dir.resolve("report"));
    return ImageIO.read(r.directory().resolve(file).toFile());
  }
}
