package cohort.study.report.figure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Tick and item labels are drawn whole in every chart kind. The check is on ink: lengthening a label by a suffix
 * must add about the suffix's ink to the figure (a label cut to fit its room adds none), and labels of a crowded
 * axis must not run into each other.
 */
class TickLabelTest {

  private static final String SUFFIX = " with several more words";

  @Test
  void categoryLabelsOfABarChartAreNotCut() {
    assertNotCut(TickLabelTest::bars, "index-1 saddle points of the map", 2, Color.DARK_GRAY, "two category labels");
  }

  @Test
  void heatMapItemLabelsAreNotCut() {
    // three items, each labelled on the left and along the bottom
    assertNotCut(TickLabelTest::heat, "context-integration-gru-tanh-n24-orthogonal1-s0 of a study with a very long "
        + "name indeed (untrained)", 6, Color.BLACK, "six item labels");
  }

  @Test
  void laneLabelsOfALinePlotAreNotCut() {
    assertNotCut(TickLabelTest::lanes, "evidence for choice one", 1, Color.BLACK, "the lane label");
  }

  /**
   * Lengthening {@code label} by {@link #SUFFIX} in {@code chart} adds more than half the ink of the {@code labels}
   * suffixes drawn in {@code colour}: none of the {@code labels} labels ({@code what}) is cut.
   */
  private static void assertNotCut(Function<String, BufferedImage> chart, String label, int labels, Color colour,
      String what) {
    int grown = ink(chart.apply(label + SUFFIX)) - ink(chart.apply(label));
    int expected = labels * ink(SUFFIX, new Font(Font.SANS_SERIF, Font.PLAIN, 12), colour);
    assertTrue(grown > expected / 2, what + " grew by " + grown + " ink pixels; "
        + (labels == 1 ? "its suffix holds " : "their suffixes hold ") + expected + ": "
        + (labels == 1 ? "the label is cut" : "the labels are cut"));
  }

  @Test
  void logAxisTickLabelsDoNotRunIntoEachOther() {
    // 75 decades on a 300-pixel axis: a label per decade would overlap its neighbours
    List<Layer> layers = List.of(new Layer.Line(new double[] {0, 1}, new double[] {1e-3, 1e71}, Color.BLUE,
        1f, false));
    Panel p = new Panel("p", "x", null, 0, 1, 1e-4, 1e72, true, false, null, layers);
    BufferedImage img = Chart.render("T", null, List.of(p), 1, 400, 300, List.of());
    // left of the plot area only the y tick labels are drawn: each band of inked rows is one label
    int tallest = 0;
    int band = 0;
    for (int y = 40; y < img.getHeight(); y++) {
      boolean inked = false;
      for (int x = 0; x < 70 && !inked; x++) {
        inked = luminance(img.getRGB(x, y)) < 160;
      }
      band = inked ? band + 1 : 0;
      tallest = Math.max(tallest, band);
    }
    assertTrue(tallest <= 18, "tick labels run together into a band " + tallest + " pixels tall");
  }

  private static BufferedImage bars(String label) {
    List<Layer> layers = List.of(new Layer.Rect(-0.4, 0.4, 0, 1, Color.LIGHT_GRAY, null),
        new Layer.Rect(0.6, 1.4, 0, 2, Color.LIGHT_GRAY, null));
    Panel p = new Panel("p", "class", "count", -0.6, 1.4, 0, 3, false, false,
        List.of(label + " A", label + " B"), layers);
    return Chart.render("T", null, List.of(p), 1, 200, 200, List.of());
  }

  private static BufferedImage heat(String label) {
    double[] m = {0, 1, 2, 1, 0, 1, 2, 1, 0};
    String[] labels = {label + " 1", label + " 2", label + " 3"};
    String[] groups = {"g", "g", "h"};
    Map<String, Color> colours = Map.of("g", new Color(200, 220, 255), "h", new Color(255, 220, 200));
    return HeatMap.render("T", null, m, 3, new int[] {0, 1, 2}, labels, groups, colours, "distance");
  }

  private static BufferedImage lanes(String label) {
    double[] v = new double[40];
    for (int t = 0; t < v.length; t++) {
      v[t] = t % 10 < 5 ? 0.2 : 0.8;
    }
    // two light series: the label is drawn black and the lines are not ink
    List<LinePlot.Series> series = List.of(new LinePlot.Series("a", v, new Color(160, 200, 250), false),
        new LinePlot.Series("b", v, new Color(250, 200, 160), false));
    LinePlot.Panel p = new LinePlot.Panel("inputs", List.of(new LinePlot.Lane(label, series)), 0, 1, List.of(), null);
    return new LinePlot("T", null, 40, 10, "time (ms)", List.of(p), List.of()).render();
  }

  /** Pixels darker than mid-grey (text; not the half-covered pixels of antialiased 1-pixel lines). */
  private static int ink(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += luminance(img.getRGB(x, y)) < 80 ? 1 : 0;
      }
    }
    return n;
  }

  private static int ink(String text, Font font, Color colour) {
    BufferedImage img = new BufferedImage(600, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    Canvas.hints(g);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 40);
    g.setColor(colour);
    g.setFont(font);
    g.drawString(text, 5, 25);
    g.dispose();
    return ink(img);
  }

  private static int luminance(int rgb) {
    return (int) (0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255));
  }
}
