package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.report.figure.Palette;
import cohort.study.report.figure.Ticks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a synthetic 12-run study (all groups present) and of a study that holds only /runs. */
class StudyReportTest {

  @TempDir static Path dir;
  static Path fullStudy;
  static StudyReport.Result full;

  @BeforeAll
  static void writeFullReport() {
    fullStudy = dir.resolve("full");
    try {
      Files.createDirectories(fullStudy);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SyntheticStudy.write(fullStudy.resolve("study.h5"), true, new SplittableRandom(7));
    full = StudyReport.write(fullStudy, fullStudy.resolve("report"));
  }

  @Test
  void readsEveryGroupOfTheLayout() {
    StudyData d = StudyData.read(fullStudy.resolve("study.h5"));
    assertEquals("synthetic-smoke", d.name("x"));
    assertEquals(12, d.runs().size());
    assertEquals(3, d.comparisons().size());
    assertEquals(3, d.embeddings().size());
    assertEquals(5, d.separability().size());
    assertEquals(2, d.findings().size());
    StudyData.Run failed = d.runs().stream().filter(r -> r.id().equals(SyntheticStudy.FAILED)).findFirst()
        .orElseThrow();
    assertEquals("failed", failed.text("status", ""));
    assertEquals(SyntheticStudy.FAILED_REASON, failed.text("reason", ""));
    assertEquals(8, failed.curves().iteration().length);
    StudyData.Run ok = d.runs().stream().filter(r -> r.id().equals("flipflop-gru-tanh-n24-s0")).findFirst()
        .orElseThrow();
    assertEquals(24, ok.number("units"));
    assertEquals(13, ok.curves().valAccuracy().length);
    assertEquals(8 + 12 + 4 + 0 + 2, ok.fixedPoints().count());
    assertEquals(24, ok.fixedPoints().eigRe()[0].length);
    assertEquals(24, ok.wRecRe().length);
    StudyData.Comparison dsa = d.comparisons().stream().filter(c -> c.metric().equals("dsa")).findFirst()
        .orElseThrow();
    assertEquals(22, dsa.n());
    assertTrue(dsa.items()[1].endsWith(":untrained"));
    assertEquals(0.0, dsa.distance()[0]);
    assertEquals(dsa.distance()[1], dsa.distance()[dsa.n()], 1e-15);
  }

  @Test
  void writesEveryFigureAsAReadablePng() throws IOException {
    Set<String> expected = new TreeSet<>(List.of("curves.png", "fixed-points.png", "spectra-w-rec.png",
        "spectra-jacobian.png", "distance-cka-flipflop.png", "distance-cka-sine.png", "distance-dsa-all.png",
        "mds-cka-flipflop-by-architecture.png", "mds-cka-sine-by-architecture.png",
        "mds-dsa-all-by-architecture.png", "mds-dsa-all-by-task.png", "mds-dsa-all-by-activation.png",
        "separability-cka-flipflop.png", "separability-cka-sine.png", "separability-dsa-all.png"));
    Set<String> written = new TreeSet<>();
    for (StudyReport.Figure f : full.figures()) {
      written.add(f.file());
      assertFalse(f.caption().isBlank(), f.file());
    }
    assertTrue(written.containsAll(expected), "missing: " + difference(expected, written));
    // captions and units come from the metric registry (this file stores no units: the defaults' are used)
    StudyReport.Figure cka = full.figures().stream().filter(f -> f.file().equals("distance-cka-flipflop.png"))
        .findFirst().orElseThrow();
    assertTrue(cka.caption().contains("linear CKA distances (1 − CKA)"), cka.caption());
    for (String name : written) {
      Path p = full.directory().resolve(name);
      assertTrue(Files.isRegularFile(p), name);
      BufferedImage img = ImageIO.read(p.toFile());
      assertNotNull(img, name + " does not decode as an image");
      assertTrue(img.getWidth() >= 600 && img.getWidth() <= 2400, name + " width " + img.getWidth());
      assertTrue(img.getHeight() >= 300 && img.getHeight() <= 4000, name + " height " + img.getHeight());
      assertTrue(distinctColours(img) > 20, name + " looks blank");
    }
    // the distance matrix is drawn with viridis: its darkest colour (distance 0, the diagonal) must appear
    BufferedImage heat = ImageIO.read(full.directory().resolve("distance-dsa-all.png").toFile());
    assertTrue(contains(heat, Palette.viridis(0)), "the diagonal (distance 0) is not drawn in viridis' dark end");
    // no temporary directory is left next to the report
    try (Stream<Path> s = Files.list(fullStudy)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")));
    }
  }

  @Test
  void indexLinksOnlyExistingFilesAndListsEveryRun() throws IOException {
    String html = Files.readString(full.index(), StandardCharsets.UTF_8);
    List<String> links = links(html);
    assertTrue(links.size() >= 2 * full.figures().size(), "links: " + links);
    for (String link : links) {
      if (link.startsWith("#")) {
        String id = link.substring(1);
        assertTrue(html.contains("id=\"" + id + "\""), "anchor without target: " + link);
        continue;
      }
      assertFalse(link.contains(":") || link.startsWith("/"), "not a relative link: " + link);
      assertTrue(Files.isRegularFile(full.directory().resolve(link)), "link to a missing file: " + link);
    }
    assertFalse(html.contains("<script"), "the page must not run scripts");
    assertTrue(html.contains("synthetic-smoke"));
    assertTrue(html.contains("<table class=\"runs\">"));
    for (String id : SyntheticStudy.runIds()) {
      assertTrue(html.contains("<code>" + id + "</code>"), "run table lacks " + id);
    }
    assertTrue(html.contains(Html.esc(SyntheticStudy.FAILED_REASON)), "failure reason missing");
    assertTrue(html.contains("stopped_early"));
    // the spec is pretty-printed: one key per line, indented
    assertTrue(html.contains("\n  &quot;grid&quot;: {"), "spec not pretty-printed");
    for (StudyReport.Figure f : full.figures()) {
      assertTrue(html.contains(Html.esc(f.caption())), "caption missing for " + f.file());
    }
  }

  @Test
  void theCurvesLegendPromisesDashedLinesOnlyForFailedRunsThatHaveACurve() {
    // the synthetic study's failed run stored its curve up to the failure
    StudyReport.Figure curves = full.figures().stream().filter(f -> f.file().equals("curves.png")).findFirst()
        .orElseThrow();
    assertTrue(curves.caption().contains("Dashed lines are the 1 run that failed, drawn up to the failure"),
        curves.caption());
    assertFalse(curves.caption().contains("stored no curve"), curves.caption());
  }

  @Test
  void aRunWhoseSearchFoundNoPointIsAnalysedWithZeroPoints() throws IOException {
    StudyData d = StudyData.read(fullStudy.resolve("study.h5"));
    StudyData.Run none = run(d, SyntheticStudy.NO_POINTS);
    assertNotNull(none.fixedPoints(), "a run with fixed_point_count = 0 was read as never analysed");
    assertEquals(0, none.fixedPoints().count());
    assertEquals(null, run(d, SyntheticStudy.FAILED).fixedPoints(), "the failed run was never analysed");

    String html = Files.readString(full.index(), StandardCharsets.UTF_8);
    assertTrue(html.contains("<tr><th>with fixed points analysed</th><td>11 (1 of them with no point found)</td>"),
        "summary: 11 of the 12 runs were analysed, the failed one was not");
    String row = rowOf(html, SyntheticStudy.NO_POINTS);
    assertTrue(row.contains("<td class=\"num\">0</td>"), "run table: 0 fixed points expected in " + row);
    assertFalse(row.contains("not analysed"), row);
    assertTrue(rowOf(html, SyntheticStudy.FAILED).contains("not analysed"));
    // sine × gru: 6 points in each of seeds 0 and 1, none in seed 2: a mean of 4 over 3 networks, not 6 over 2
    assertTrue(html.contains("<tr><td>sine</td><td>gru</td><td class=\"num\">3</td><td class=\"num\">1</td>"
        + "<td class=\"num\">4.00</td>"), "fixed-point averages must count the run without points as 0");
    StudyReport.Figure fixed = full.figures().stream().filter(f -> f.file().equals("fixed-points.png")).findFirst()
        .orElseThrow();
    assertTrue(fixed.caption().contains("including the 1 whose search found no point"), fixed.caption());
  }

  @Test
  void anEmptyFixedPointsGroupWithAReasonIsAnAnalysedRunWithZeroPoints() throws Exception {
    // the layout where a search that found nothing leaves a fixed_points group with count 0 and a reason (written
    // with h5py: jhdf 0.9.4 cannot write a group without children next to groups holding datasets)
    Path study = dir.resolve("empty-group");
    Files.createDirectories(study);
    String python = """
        import h5py, sys
        with h5py.File(sys.argv[1], 'w') as f:
            f.attrs['format'] = 'cohort-study/1'
            r = f.create_group('runs/a')
            for k, v in dict(status='completed', task='t', architecture='gru', fixed_point_count=0).items():
                r.attrs[k] = v
            r.create_dataset('training/iteration', data=[0, 10])
            r.create_dataset('training/val_loss', data=[1.0, 0.5])
            fp = r.create_group('fixed_points')
            fp.attrs['count'] = 0
            fp.attrs['reason'] = 'no candidate converged'
        """;
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", python, study.resolve("study.h5").toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    StudyData.FixedPoints fp = StudyData.read(study.resolve("study.h5")).runs().get(0).fixedPoints();
    assertNotNull(fp);
    assertEquals(0, fp.count());
    assertEquals("no candidate converged", fp.reason());
    StudyReport.Result r = StudyReport.write(study, study.resolve("report"));
    String html = Files.readString(r.index(), StandardCharsets.UTF_8);
    assertTrue(rowOf(html, "a").contains("<td class=\"reason\">0 (no candidate converged)</td>"), rowOf(html, "a"));
    assertTrue(r.figures().stream().anyMatch(f -> f.file().equals("fixed-points.png")), "no fixed-point figure");
  }

  private static StudyData.Run run(StudyData d, String id) {
    return d.runs().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  /** The run table's row of a run. */
  private static String rowOf(String html, String id) {
    return row(html, "<td><code>" + id + "</code></td>");
  }

  /** The rest of the table row that starts with {@code cell}. */
  static String row(String html, String cell) {
    int at = html.indexOf(cell);
    assertTrue(at >= 0, "no row starts with " + cell);
    return html.substring(at, html.indexOf("</tr>", at));
  }

  @Test
  void aStudyWithOnlyRunsStillGetsAReport() throws IOException {
    StudyReport.Result r = SyntheticStudy.report(dir, "runs-only", false, 3);
    Path study = r.directory().getParent();
    assertEquals(List.of("curves.png"), r.figures().stream().map(StudyReport.Figure::file).toList());
    assertNotNull(ImageIO.read(r.directory().resolve("curves.png").toFile()));
    String html = Files.readString(r.index(), StandardCharsets.UTF_8);
    for (String section : List.of(MdsSection.TITLE, DistanceSection.TITLE, FixedPointSection.TITLE,
        SpectraSection.TITLE, SeparabilitySection.TITLE)) {
      assertTrue(html.contains("<h2>" + Html.esc(section) + "</h2>\n<p class=\"none\">Not in this study"),
          "section " + section + " does not say it is absent");
    }
    for (String link : links(html)) {
      assertTrue(link.startsWith("#") || Files.isRegularFile(r.directory().resolve(link)), link);
    }
    // a second report replaces the first without leaving stale figures
    StudyReport.Result again = StudyReport.write(study, study.resolve("report"));
    try (Stream<Path> s = Files.list(again.directory())) {
      assertEquals(2, s.count());
    }
  }

  @Test
  void oddAndPartialContentIsDrawnOrLeftOutButNeverFails() throws IOException {
    Path study = dir.resolve("odd");
    Files.createDirectories(study);
    try (io.jhdf.WritableHdfFile h5 = io.jhdf.HdfFile.write(study.resolve("study.h5"))) {
      io.jhdf.api.WritableGroup runs = h5.putGroup("runs");
      io.jhdf.api.WritableGroup a = runs.putGroup("a");
      a.putAttribute("status", "failed");
      a.putAttribute("reason", "out of memory");
      // no training group at all. (An empty group, e.g. training with 0 points, cannot be tested here: jhdf 0.9.4
      // writes a corrupt file when a group without children sits next to datasets.)
      io.jhdf.api.WritableGroup b = runs.putGroup("b"); // no attributes: architecture and task unknown
      io.jhdf.api.WritableGroup t = b.putGroup("training");
      t.putDataset("iteration", new int[] {0, 10});
      t.putDataset("train_loss", new double[] {0, 0}); // zero loss: no log axis
      t.putDataset("val_loss", new double[] {Double.NaN, Double.NaN});
      t.putDataset("val_accuracy", new double[] {Double.NaN, Double.NaN});
      io.jhdf.api.WritableGroup c = h5.putGroup("comparisons").putGroup("cka").putGroup("x");
      c.putDataset("distance", new double[][] {{0, Double.NaN, 1}, {Double.NaN, 0, 1}, {1, 1, 0}});
      c.putDataset("items", new String[] {"b", "b:untrained", "not-a-run"});
      io.jhdf.api.WritableGroup e = h5.putGroup("embeddings").putGroup("cka").putGroup("x");
      e.putDataset("coordinates", new double[][] {{0.1}, {0.2}, {0.2}}); // one dimension, no stress
      e.putDataset("items", new String[] {"b", "b:untrained", "not-a-run"});
      io.jhdf.api.WritableGroup s = h5.putGroup("separability").putGroup("cka").putGroup("x").putGroup("trained")
          .putGroup("trained_vs_untrained");
      s.putAttribute("accuracy_mds", 0.5); // no permutations stored, no p-values
    }
    StudyReport.Result r = StudyReport.write(study, study.resolve("report"));
    Set<String> files = new TreeSet<>();
    for (StudyReport.Figure f : r.figures()) {
      files.add(f.file());
      assertNotNull(ImageIO.read(r.directory().resolve(f.file()).toFile()), f.file());
    }
    assertEquals(Set.of("curves.png", "distance-cka-x.png", "mds-cka-x-by-architecture.png",
        "separability-cka-x.png"), files);
    String html = Files.readString(r.index(), StandardCharsets.UTF_8);
    assertTrue(html.contains("out of memory"));
    String curves = r.figures().stream().filter(f -> f.file().equals("curves.png")).findFirst().orElseThrow()
        .caption();
    assertTrue(curves.contains("1 failed run stored no curve and is not drawn."), curves);
    assertFalse(curves.contains("Dashed"), "no dashed line is drawn: " + curves);
    assertTrue(html.contains("clustering impossible") || html.contains("grouped by architecture"), "NaN distances");
    assertTrue(html.contains("The file carries no spec attribute."));
  }

  @Test
  void aMissingFileIsOneClearError() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> StudyReport.write(dir.resolve("nowhere"), dir.resolve("nowhere-report")));
    assertTrue(e.getMessage().contains("study.h5"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("nowhere-report")));
  }

  @Test
  void prettyJsonIndentsObjectsAndKeepsStrings() {
    assertEquals("{\n  \"a\": [1, 2],\n  \"e\": {},\n  \"b\": {\n    \"c\": \"x,{y}\"\n  }\n}",
        PrettyJson.of("{\"a\":[1,2],\"e\":{},\"b\":{\"c\":\"x,{y}\"}}"));
    assertEquals("not json", PrettyJson.of("not json"));
    assertEquals("a&lt;b&amp;&quot;c&quot;", Html.esc("a<b&\"c\""));
    assertEquals("cka-rbf", Html.slug("CKA RBF"));
    assertEquals("flipflop_3bit", Html.slug("flipflop_3bit"));
  }

  @Test
  void viridisRunsFromPurpleToYellow() {
    assertEquals(new Color(68, 1, 84), Palette.viridis(0));
    assertEquals(new Color(253, 231, 37), Palette.viridis(1));
    assertEquals(new Color(253, 231, 37), Palette.viridis(7));
    assertEquals(new Color(33, 144, 141), Palette.viridis(0.5));
  }

  @Test
  void chartTicksAreRound() {
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), boxed(Ticks.linear(0, 1.02, 5)));
    assertEquals(List.of(-1.0, -0.5, 0.0, 0.5, 1.0), boxed(Ticks.linear(-1.2, 1.2, 5)));
    assertEquals(List.of(0.01, 0.1, 1.0), boxed(Ticks.log(0.004, 2)).stream()
        .filter(v -> Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) < 1e-9).toList());
  }

  static List<String> links(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<Double> boxed(double[] a) {
    List<Double> l = new ArrayList<>();
    for (double v : a) {
      l.add(v);
    }
    return l;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static int distinctColours(BufferedImage img) {
    Set<Integer> c = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        c.add(img.getRGB(x, y));
        if (c.size() > 100) {
          return c.size();
        }
      }
    }
    return c.size();
  }

  private static boolean contains(BufferedImage img, Color colour) {
    int rgb = colour.getRGB();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (img.getRGB(x, y) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
