package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report's {@code index.html} in headless Chromium: the page loads (its DOM holds the findings, the run
 * table and every figure) and renders to a screenshot, the findings' verdicts marked in the first screen. Chromium
 * ({@code /usr/bin/chromium}) is part of the build environment; the test fails when it is missing.
 */
class BrowserRenderTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void indexLoadsAndRendersInHeadlessChromium() throws IOException, InterruptedException {
    StudyReport.Result r = report();
    String url = r.index().toUri().toString();
    String text = dom(url);
    assertTrue(text.contains("Cohort study report: synthetic-smoke"), "page did not load: " + head(text));
    assertTrue(text.contains("<table class=\"runs\">"), "run table missing from the DOM");
    for (StudyReport.Figure f : r.figures()) {
      assertTrue(text.contains("src=\"" + f.file() + "\""), "figure missing from the DOM: " + f.file());
    }

    Path shot = dir.resolve("shot.png");
    // tall enough for the findings table and the findings' own tables above the first figure
    Run screenshot = chromium(List.of("--screenshot=" + shot, "--window-size=1280,4000", url), null);
    assertEquals(0, screenshot.exit, "chromium --screenshot failed: " + screenshot.log);
    assertTrue(Files.isRegularFile(shot), "no screenshot written: " + screenshot.log);
    BufferedImage img = ImageIO.read(shot.toFile());
    assertNotNull(img, "screenshot does not decode");
    assertEquals(1280, img.getWidth());
    assertTrue(img.getHeight() >= 1000, "screenshot height " + img.getHeight());
    // the figures render: viridis or palette colours, not only text on white
    assertTrue(colouredPixels(img) > 2000, "screenshot shows no figure");
  }

  @Test
  void aNarrowWindowScrollsTheTablesNotThePage() throws IOException, InterruptedException {
    StudyReport.Result r = report();
    // the report runs no scripts; a copy of it beside it measures the page once loaded (images included)
    String html = Files.readString(r.index(), StandardCharsets.UTF_8);
    String probe = "<script>window.addEventListener('load', () => { const d = document.documentElement; "
        + "document.body.setAttribute('data-widths', d.scrollWidth + ' ' + d.clientWidth); });</script>";
    Path copy = r.directory().resolve("narrow-probe.html");
    Files.writeString(copy, html.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-widths=\"(\\d+) (\\d+)\"")
        .matcher(dom(copy.toUri().toString(), "--window-size=480,900"));
    assertTrue(m.find(), "the page did not report its widths");
    int scroll = Integer.parseInt(m.group(1));
    int client = Integer.parseInt(m.group(2));
    assertTrue(client < 600, "the window is not narrow: " + client + " px");
    assertTrue(scroll <= client, "at " + client + " px the page scrolls sideways to " + scroll + " px: a table (or "
        + "something else) overflows the window instead of scrolling in its own box");
  }

  @Test
  void theFindingsTableRendersAtTheTopWithItsVerdictsMarked() throws IOException, InterruptedException {
    StudyReport.Result r = report();
    String url = r.index().toUri().toString();
    String text = dom(url);
    int table = text.indexOf("<table class=\"findings\">");
    assertTrue(table > 0 && table < text.indexOf("<nav>"), "the findings table is not above the contents");
    assertTrue(text.contains("✓ agrees") && text.contains("✗ disagrees"), "verdicts missing from the DOM");
    // the first screen holds the table: the agreeing verdict in green, the disagreeing one in red
    Path shot = dir.resolve("top.png");
    Run screenshot = chromium(List.of("--screenshot=" + shot, "--window-size=1280,700", url), null);
    assertEquals(0, screenshot.exit, "chromium --screenshot failed: " + screenshot.log);
    BufferedImage img = ImageIO.read(shot.toFile());
    assertNotNull(img, "screenshot does not decode");
    int green = 0;
    int red = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int cr = (rgb >> 16) & 255;
        int cg = (rgb >> 8) & 255;
        int cb = rgb & 255;
        green += cg > cr + 40 && cg > cb + 40 ? 1 : 0;
        red += cr > cg + 60 && cr > cb + 60 ? 1 : 0;
      }
    }
    assertTrue(green > 20, "no green verdict in the first screen (" + green + " green pixels)");
    assertTrue(red > 20, "no red verdict in the first screen (" + red + " red pixels)");
  }

  /** The synthetic study's report, once Chromium is known to be there. */
  private StudyReport.Result report() {
    assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install it with 'apt-get install -y chromium'");
    return SyntheticStudy.report(dir, "study", true, 11);
  }

  /** The DOM of the page at {@code url} once Chromium has loaded it ({@code options} go before the URL). */
  private String dom(String url, String... options) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("--dump-dom", url));
    Path dom = Files.createTempFile(dir, "dom", ".html");
    Run dump = chromium(args, dom);
    assertEquals(0, dump.exit, "chromium --dump-dom failed: " + dump.log);
    return Files.readString(dom, StandardCharsets.UTF_8);
  }

  private record Run(int exit, String log) {}

  private Run chromium(List<String> args, Path stdout) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile")));
    cmd.addAll(args);
    Path log = Files.createTempFile(dir, "chromium", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    pb.redirectOutput(stdout == null ? log.toFile() : stdout.toFile());
    if (stdout == null) {
      pb.redirectErrorStream(true);
    }
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Run(-1, "timed out after 120 s; " + Files.readString(log));
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    return new Run(p.exitValue(), text.length() > 2000 ? text.substring(text.length() - 2000) : text);
  }

  private static String head(String s) {
    return s.length() > 300 ? s.substring(0, 300) : s;
  }

  private static int colouredPixels(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          n++;
        }
      }
    }
    return n;
  }
}
