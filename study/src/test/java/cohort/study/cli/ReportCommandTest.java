package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cohort report DIR}: writes DIR/report/index.html, and refuses a directory without study.h5. */
class ReportCommandTest {

  @TempDir Path dir;



  /** A study of two runs with training curves and nothing else. */
  private Path study() {
    Path s = dir.resolve("study");
    try {
      Files.createDirectories(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try (WritableHdfFile h5 = HdfFile.write(s.resolve("study.h5"))) {
      h5.putAttribute("format", "cohort-study/1");
      h5.putAttribute("study", "two-runs");
      h5.putAttribute("spec", "{\"study\":\"two-runs\"}");
      WritableGroup runs = h5.putGroup("runs");
      for (String arch : new String[] {"gru", "lstm"}) {
        WritableGroup g = runs.putGroup("flipflop-" + arch + "-tanh-n8-s0");
        g.putAttribute("status", "completed");
        g.putAttribute("reason", "");
        g.putAttribute("task", "flipflop");
        g.putAttribute("architecture", arch);
        g.putAttribute("activation", "tanh");
        g.putAttribute("units", 8);
        g.putAttribute("iterations", 100);
        g.putAttribute("final_accuracy", 0.9);
        g.putAttribute("wall_seconds", 1.5);
        WritableGroup t = g.putGroup("training");
        t.putDataset("iteration", new int[] {0, 50, 100});
        t.putDataset("train_loss", new double[] {1.0, 0.3, 0.1});
        t.putDataset("val_loss", new double[] {1.1, 0.35, 0.12});
        t.putDataset("val_accuracy", new double[] {0.1, 0.6, 0.9});
      }
    }
    return s;
  }

  @Test
  void writesTheReportIntoTheStudyDirectory() throws IOException {
    Path s = study();
    Cli.Outcome o = cohort("report", s.toString());
    assertEquals(0, o.exit(), o.err());
    Path index = s.resolve("report").resolve("index.html");
    assertTrue(Files.isRegularFile(index));
    assertTrue(Files.isRegularFile(s.resolve("report").resolve("curves.png")));
    assertTrue(o.out().contains("wrote 1 figures and " + index.toAbsolutePath().normalize()), o.out());
    assertTrue(o.out().contains("left out: "), o.out());
    String html = Files.readString(index, StandardCharsets.UTF_8);
    assertTrue(html.contains("flipflop-lstm-tanh-n8-s0"));
  }

  @Test
  void writesWhereOutSays() {
    Path s = study();
    Path out = dir.resolve("elsewhere");
    Cli.Outcome o = cohort("report", s.toString(), "--out", out.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(Files.isRegularFile(out.resolve("index.html")));
    assertFalse(Files.exists(s.resolve("report")));
  }

  @Test
  void aDirectoryWithoutStudyH5IsAUsageError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Cli.Outcome o = cohort("report", empty.toString());
    assertEquals(2, o.exit());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().contains("study.h5"), o.err());
    assertFalse(Files.exists(empty.resolve("report")));
    assertEquals(2, cohort("report", dir.resolve("missing").toString()).exit());
  }
}
