package cohort.study.report;

import cohort.analysis.MetricRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The human-readable report of a study: PNG figures and an {@code index.html} that links them, built from the
 * consolidated {@code study.h5} ({@link StudyData}) by the report's {@link Sections}, each of which writes its own
 * tables and figures (findings, summary, runs, training curves, MDS, distance matrices, fixed points, spectra,
 * separability, the spec). Parts of the file that are absent leave their section out with a note; they never fail
 * the report.
 *
 * <p>The report is written to a temporary sibling directory and moved into place only when complete, so a failed
 * report leaves the previous one (or nothing) behind.
 */
public final class StudyReport {

  /** One figure of the report: its file name (relative to the report directory), section, title and caption. */
  public record Figure(String file, String section, String title, String caption) {}

  /** What {@link #write} produced: the figures, and a note for each section or part left out ("title: why"). */
  public record Result(Path directory, Path index, List<Figure> figures, List<String> notes) {}

  private StudyReport() {}

  /**
   * Reads {@code studyDir/study.h5} and writes the report into {@code outDir} (replacing an earlier report's
   * {@code index.html} and PNG files there).
   */
  public static Result write(Path studyDir, Path outDir) {
    return write(studyDir, outDir, MetricRegistry.standard());
  }

  /** As {@link #write(Path, Path)}, with the captions, units and order of the metrics of {@code metrics}. */
  public static Result write(Path studyDir, Path outDir, MetricRegistry metrics) {
    StudyData data = StudyData.read(studyDir.resolve("study.h5"), metrics);
    return write(data, studyDir.getFileName() == null ? "study" : studyDir.getFileName().toString(), outDir,
        Sections.standard(), new MetricCaptions(metrics));
  }

  /** Writes the report of already-read {@code data} into {@code outDir}; {@code fallbackName} names the study. */
  public static Result write(StudyData data, String fallbackName, Path outDir) {
    return write(data, fallbackName, outDir, Sections.standard());
  }

  /** Writes the report of {@code data} with the given sections. */
  public static Result write(StudyData data, String fallbackName, Path outDir, Sections sections) {
    return write(data, fallbackName, outDir, sections, MetricCaptions.STANDARD);
  }

  private static Result write(StudyData data, String fallbackName, Path outDir, Sections sections,
      MetricCaptions captions) {
    Path target = outDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
      ReportContext context = new ReportContext(data, tmp, captions);
      List<IndexPage.Part> parts = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      for (Sections.Entry e : sections.all()) {
        if (e.section().appliesTo(data)) {
          Section.Content c = e.section().write(context.in(e.title()));
          parts.add(new IndexPage.Part(e, c));
          if (c.leftOut() != null) {
            notes.add(e.title() + ": " + c.leftOut());
          }
        }
      }
      Files.writeString(tmp.resolve("index.html"), IndexPage.render(data, data.name(fallbackName), parts),
          StandardCharsets.UTF_8);
      replace(target, tmp);
      tmp = null;
      return new Result(target, target.resolve("index.html"), context.figures(), notes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Replaces the report in {@code target} (its index.html and PNG files) by the one in {@code made}. */
  private static void replace(Path target, Path made) throws IOException {
    Files.createDirectories(target);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(target, "{*.png,index.html}")) {
      for (Path p : old) {
        Files.delete(p);
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(made)) {
      for (Path p : files) {
        Files.move(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.delete(made);
  }

  private static void deleteQuietly(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // best effort: a temporary directory left behind is named .<report>.partial-*
    }
  }
}
