package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two sections the Ghalambor and Jarne replications added: the findings' tables (shown columns only) and the
 * spectra before and after training, on the synthetic study.
 */
class ReplicationSectionsTest {

  @TempDir static Path dir;
  static String html;

  @BeforeAll
  static void writeReport() throws IOException {
    html = Files.readString(SyntheticStudy.report(dir, "study", true, 7).index(), StandardCharsets.UTF_8);
  }

  @Test
  void theTablesAreReadWithTheirShownColumns() {
    StudyData data = StudyData.read(dir.resolve("study/study.h5"));
    assertEquals(1, data.tables().size());
    StudyData.Table t = data.tables().get(0);
    assertEquals("Separability of every task pair", t.title());
    assertEquals(2, t.columns().size(), "the hidden numeric column is not shown");
    assertEquals(2, t.rows());
    assertEquals("flipflop–sine", t.columns().get(0).cells()[0]);
  }

  @Test
  void theTableFollowsTheFindings() {
    int section = html.indexOf("<h2>" + FindingsTablesSection.TITLE + "</h2>");
    assertTrue(section > html.indexOf("<table class=\"findings\">"), "the tables come after the findings");
    String body = html.substring(section, html.indexOf("</section>", section));
    assertTrue(body.contains("<h3>Separability of every task pair</h3>"), body);
    assertTrue(body.contains("<th>task pair</th><th>after</th></tr>"), body);
    assertTrue(body.contains("<td>0.95 ✓ (p &lt; 0.001; 10+10)</td>"), body);
    assertFalse(body.contains("after: accuracy"), "hidden columns stay in the file: " + body);
  }

  @Test
  void theSpectraBeforeAndAfterTrainingAreDrawn() throws IOException {
    assertTrue(html.contains("<h2>" + SpectraTrainingSection.TITLE + "</h2>"));
    assertTrue(html.contains("spectra-before-after.png"));
    assertTrue(Files.size(dir.resolve("study/report/spectra-before-after.png")) > 10_000);
    assertTrue(StudyData.read(dir.resolve("study/study.h5")).runs().stream().filter(r -> r.wRecRe() != null)
        .allMatch(r -> r.untrainedRe() != null && r.untrainedRe().length == SyntheticStudy.UNITS));
  }
}
