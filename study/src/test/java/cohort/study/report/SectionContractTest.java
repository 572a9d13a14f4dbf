package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered report section, on a study with every group, a study with only runs, and an empty one: it
 * writes without failing, shows something or says why not, and the figures it lists are files in the report under
 * its own heading.
 */
class SectionContractTest {

  @TempDir Path dir;

  @Test
  void everySectionWritesOnEveryKindOfStudy() throws IOException {
    Path full = study("full", true);
    Path runs = study("runs", false);
    List<StudyData> studies = List.of(StudyData.read(full.resolve("study.h5")),
        StudyData.read(runs.resolve("study.h5")),
        new StudyData(Map.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    int k = 0;
    for (StudyData data : studies) {
      Path out = Files.createDirectories(dir.resolve("out-" + k++));
      ReportContext context = new ReportContext(data, out);
      for (Sections.Entry e : Sections.standard().all()) {
        assertFalse(e.title().isBlank(), e.section().getClass().getSimpleName() + " has no heading");
        if (!e.section().appliesTo(data)) {
          continue;
        }
        int before = context.figures().size();
        Section.Content c = e.section().write(context.in(e.title()));
        assertNotNull(c, e.title());
        assertTrue(!c.html().isEmpty() || c.leftOut() != null, e.title() + ": shows nothing and says not why");
        for (StudyReport.Figure f : context.figures().subList(before, context.figures().size())) {
          assertEquals(e.title(), f.section(), f.file());
          assertTrue(Files.isRegularFile(out.resolve(f.file())), f.file());
          assertTrue(c.html().contains("src=\"" + Html.esc(f.file()) + "\""), e.title() + " does not show " + f.file());
        }
      }
    }
  }

  @Test
  void headingsAreDistinctAnchors() {
    Set<String> anchors = new HashSet<>();
    for (Sections.Entry e : Sections.standard().all()) {
      assertTrue(anchors.add(Html.anchor(e.title())), "two sections share the anchor of " + e.title());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sections.builder().addAll(Sections.standard()).add("fixed  points", report -> Section.Content.of("")));
    assertTrue(e.getMessage().contains("fixed-points"), e.getMessage());
  }

  @Test
  void aSectionOfOnesOwnIsWrittenInItsPlace() throws IOException {
    Section extra = report -> Section.Content.of("<p>" + report.data().runs().size() + " runs seen by our own "
        + "section</p>\n");
    Path runs = study("own", false);
    StudyReport.Result r = StudyReport.write(StudyData.read(runs.resolve("study.h5")), "own",
        dir.resolve("own-report"), Sections.builder().addAll(Sections.standard()).add("Our own", extra).build());
    String html = Files.readString(r.index());
    assertTrue(html.contains("<section id=\"our-own\">\n<h2>Our own</h2>\n<p>12 runs seen by our own section</p>"),
        "the extra section is missing");
    assertTrue(html.contains("<a href=\"#our-own\">Our own</a>"), "the contents do not list it");
  }

  @Test
  void anItemIsARunTrainedOrNot() {
    assertEquals(new Item("flipflop-gru-s0", false), Item.of("flipflop-gru-s0"));
    assertEquals(new Item("flipflop-gru-s0", true), Item.of("flipflop-gru-s0:untrained"));
    assertEquals("flipflop-gru-s0 (untrained)", Item.of("flipflop-gru-s0:untrained").label());
    assertEquals(1, Item.untrained(new String[] {"a", "a:untrained", "b"}));
  }

  private Path study(String name, boolean full) throws IOException {
    Path study = Files.createDirectories(dir.resolve(name));
    SyntheticStudy.write(study.resolve("study.h5"), full, new SplittableRandom(3));
    return study;
  }
}
