package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings table at the top of the report: the synthetic study states two findings, one that agrees (asserted
 * by the replication tests) and one that disagrees (reported, with a note), stored in the opposite order to their
 * names; a study without {@code /findings} has no findings section at all.
 */
class FindingsSectionTest {

  @TempDir static Path dir;
  static String html;

  @BeforeAll
  static void writeReport() throws IOException {
    html = Files.readString(SyntheticStudy.report(dir, "study", true, 5).index(), StandardCharsets.UTF_8);
  }

  @Test
  void theFindingsAreReadInTheirStoredOrder() {
    // stored as zz-... (order 1) and aa-... (order 2): read back whole, by order, not by name
    assertEquals(List.of(SyntheticStudy.AGREES, SyntheticStudy.DISAGREES),
        StudyData.read(dir.resolve("study/study.h5")).findings());
  }

  @Test
  void theTableStandsAtTheTopAboveTheContents() {
    int findings = html.indexOf("<section id=\"findings\">\n<h2>Findings</h2>");
    assertTrue(findings > 0, "no findings section");
    assertTrue(findings < html.indexOf("<nav>"), "the findings are not above the contents");
    assertTrue(html.indexOf("<h1>") < findings, "the findings are above the title");
    assertFalse(html.substring(html.indexOf("<nav>"), html.indexOf("</nav>")).contains("Findings"),
        "the contents list the findings, which stand above them");
    assertTrue(html.contains("<tr><th>claim</th><th>source</th><th>Cohort</th><th>criterion</th><th>agrees?</th>"
        + "</tr>"), "header row");
    assertTrue(html.indexOf(Html.esc(SyntheticStudy.AGREES.claim())) < html.indexOf(
        Html.esc(SyntheticStudy.DISAGREES.claim())), "rows are not in the findings' order");
  }

  @Test
  void aRowGivesTheSourceCohortsValueWithItsUncertaintyTheCriterionAndTheVerdict() {
    String agrees = rowOf(SyntheticStudy.AGREES.claim());
    assertTrue(agrees.contains("<td>Maheswaranathan et al. 2019<br><span class=\"source-value\">separates "
        + "architectures (Fig. 2)</span></td>"), agrees);
    assertTrue(agrees.contains("<strong>0.93</strong> (95 % CI [0.88, 0.97]; p = 0.001)"), agrees);
    assertTrue(agrees.contains("leave-one-out 1-NN accuracy of architecture from CKA"), agrees);
    assertTrue(agrees.contains("n = 11, trained networks, both tasks"), agrees);
    assertTrue(agrees.contains("<td>&gt;= 0.75 and p &lt; 0.01</td>"), agrees);
    assertTrue(agrees.contains("<span class=\"verdict agrees\">✓ agrees</span>"), agrees);
    assertTrue(agrees.contains("asserted by the replication tests"), agrees);
    assertFalse(agrees.contains("class=\"note\""), "a finding without notes has no note mark: " + agrees);

    String disagrees = rowOf(SyntheticStudy.DISAGREES.claim());
    assertTrue(disagrees.contains("<strong>0.4</strong> (p = 0.21)"), "no interval, only p: " + disagrees);
    assertTrue(disagrees.contains("<span class=\"verdict disagrees\">✗ disagrees</span>"), disagrees);
    assertTrue(disagrees.contains(">reported<"), disagrees);
    assertFalse(disagrees.contains("asserted by"), disagrees);
    assertTrue(disagrees.contains("<a href=\"#finding-note-1\">1</a>"), "no mark of its note: " + disagrees);
  }

  @Test
  void theNotesFollowTheTable() {
    int table = html.indexOf("<table class=\"findings\">");
    int note = html.indexOf("<li id=\"finding-note-1\">" + Html.esc(SyntheticStudy.DISAGREES.notes()) + "</li>");
    assertTrue(note > html.indexOf("</table>", table), "the note is not under the table");
    assertTrue(note < html.indexOf("</section>", table), "the note is not in the findings section");
  }

  @Test
  void aStudyWithoutFindingsHasNoFindingsSection() throws IOException {
    StudyReport.Result r = SyntheticStudy.report(dir, "runs-only", false, 5);
    String page = Files.readString(r.index(), StandardCharsets.UTF_8);
    assertFalse(page.contains("id=\"findings\""), "a findings section without findings");
    assertFalse(page.contains("class=\"findings\""));
    assertTrue(r.notes().stream().noneMatch(n -> n.startsWith(FindingsSection.TITLE)), r.notes().toString());
  }

  /** The table row of a claim. */
  private static String rowOf(String claim) {
    return StudyReportTest.row(html, "<td class=\"claim\">" + Html.esc(claim));
  }
}
