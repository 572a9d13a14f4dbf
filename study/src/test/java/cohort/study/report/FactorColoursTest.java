package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training curves and MDS plots are coloured by the grid factor the study varies (the first in
 * {@link Factors#ORDER} order), not always by architecture.
 */
class FactorColoursTest {

  @TempDir Path dir;

  @Test
  void aStudyThatVariesOnlyUnitsIsColouredByUnits() throws IOException {
    StudyReport.Result r = report(List.of("gru"), List.of(8, 32));
    StudyReport.Figure curves = figure(r, "curves.png");
    assertTrue(curves.caption().contains("coloured by units"), curves.caption());
    Set<String> files = files(r);
    assertTrue(files.contains("mds-cka-all-by-units.png"), "no MDS figure coloured by units: " + files);
    assertFalse(files.contains("mds-cka-all-by-architecture.png"), "architecture does not vary: " + files);
    // two levels of units, two line colours (one hue for every line when coloured by the one architecture)
    BufferedImage img = ImageIO.read(r.directory().resolve("curves.png").toFile());
    assertTrue(hues(img) >= 2, "curves are drawn in " + hues(img) + " hue(s)");
  }

  @Test
  void severalVaryingFactorsColourByTheFirstInTheDocumentedOrder() {
    StudyReport.Result r = report(List.of("gru", "lstm"), List.of(8, 32));
    StudyReport.Figure curves = figure(r, "curves.png");
    assertTrue(curves.caption().contains("coloured by architecture (the first of architecture, activation, units"),
        curves.caption());
    Set<String> files = files(r);
    assertTrue(files.containsAll(Set.of("mds-cka-all-by-architecture.png", "mds-cka-all-by-units.png")),
        files.toString());
  }

  @Test
  void levelsOfANumericFactorAreInNumericOrder() {
    List<StudyData.Run> runs = new ArrayList<>();
    for (int u : new int[] {128, 16, 8}) {
      runs.add(new StudyData.Run("r" + u, Map.of("units", u), null, null, null, null));
    }
    assertEquals(List.of("8", "16", "128"), Factors.levels(runs, "units"));
    assertEquals(List.of("units"), Factors.varying(runs, "task"));
    assertEquals("units 16", Factors.levelLabel("units", "16"));
  }

  private StudyReport.Result report(List<String> archs, List<Integer> units) {
    List<StudyData.Run> runs = new ArrayList<>();
    List<String> items = new ArrayList<>();
    double[] it = {0, 50, 100, 150};
    int k = 0;
    for (String a : archs) {
      for (int u : units) {
        for (int seed = 0; seed < 2; seed++, k++) {
          String id = "t-" + a + "-n" + u + "-s" + seed;
          double rate = 0.01 * (1 + k);
          double[] acc = new double[it.length];
          double[] loss = new double[it.length];
          for (int i = 0; i < it.length; i++) {
            acc[i] = 1 - 0.8 * Math.exp(-rate * it[i]);
            loss[i] = Math.exp(-rate * it[i]);
          }
          runs.add(new StudyData.Run(id, Map.of("task", "t", "architecture", a, "activation", "tanh", "units", u,
              "init", "orthogonal", "gain", 1.0, "status", "completed"), new StudyData.Curves(it, loss, loss, acc),
              null, null, null));
          items.add(id);
        }
      }
    }
    double[][] coords = new double[items.size()][];
    for (int i = 0; i < coords.length; i++) {
      coords[i] = new double[] {Math.cos(i), Math.sin(i)};
    }
    StudyData.Embedding e = new StudyData.Embedding("cka", "all", 0.1, coords, items.toArray(new String[0]));
    StudyData data = new StudyData(Map.of("study", "factors"), runs, List.of(), List.of(e), List.of(), List.of());
    return StudyReport.write(data, "factors", dir.resolve("report-" + archs.size()));
  }

  private static StudyReport.Figure figure(StudyReport.Result r, String file) {
    return r.figures().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
  }

  private static Set<String> files(StudyReport.Result r) {
    Set<String> s = new TreeSet<>();
    r.figures().forEach(f -> s.add(f.file()));
    return s;
  }

  /** Number of 30° hue sectors holding at least 200 clearly coloured pixels. */
  private static int hues(BufferedImage img) {
    int[] sectors = new int[12];
    float[] hsb = new float[3];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        Color.RGBtoHSB((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, hsb);
        if (hsb[1] > 0.35 && hsb[2] > 0.3) {
          sectors[(int) (hsb[0] * 12) % 12]++;
        }
      }
    }
    int n = 0;
    for (int c : sectors) {
      n += c >= 200 ? 1 : 0;
    }
    return n;
  }
}
