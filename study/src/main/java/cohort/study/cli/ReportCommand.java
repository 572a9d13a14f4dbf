package cohort.study.cli;

import cohort.study.report.StudyReport;
import cohort.study.report.figure.Canvas;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohort report DIR}: figures (PNG) and a readable summary ({@code index.html}) of a study, from
 * {@code DIR/study.h5}, written to {@code DIR/report/} (or {@code --out}). Open the index in any browser; it
 * needs no network and no scripts.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write figures and an index.html summarising a study, from DIR/study.h5.",
      "Open DIR/report/index.html in a browser."
    })
public final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The study directory (holds study.h5).")
  Path dir;

  @Option(names = "--out", paramLabel = "OUT",
      description = "Where to write the report (default DIR/report); index.html and *.png files already there are "
          + "replaced.")
  Path outDir;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("DIR: " + dir + " is not a directory; accepted: a study directory "
          + "holding study.h5");
    }
    if (!Files.isRegularFile(dir.resolve("study.h5"))) {
      throw new IllegalArgumentException("DIR: " + dir + " holds no study.h5; accepted: a study directory after "
          + "'cohort run' (and 'cohort analyze')");
    }
    cohort.io.Hdf5Files.requireHdf5(dir.resolve("study.h5"), "study file");
    Path target = outDir == null ? dir.resolve("report") : outDir;
    cohort.io.OutputPaths.requireWritableDirectory(target, outDir == null ? "report directory" : "--out");
    StudyReport.Result r;
    Canvas.useHeadlessAwt();
    try {
      r = StudyReport.write(dir, target, CohortCommand.metrics(spec));
    } catch (io.jhdf.exceptions.HdfException | ClassCastException e) {
      throw cohort.io.Hdf5Files.damaged(dir.resolve("study.h5"), "study file", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String note : r.notes()) {
      out.println("left out: " + note);
    }
    out.println("wrote " + r.figures().size() + " figures and " + r.index());
    out.flush();
    return 0;
  }
}
