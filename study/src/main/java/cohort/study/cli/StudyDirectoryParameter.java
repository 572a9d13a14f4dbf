package cohort.study.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The study directory a command reads, its first parameter {@code DIR}: a picocli mixin of status, merge, analyze. */
final class StudyDirectoryParameter {

  @Parameters(index = "0", paramLabel = "DIR", description = "A study directory made by 'cohort run'.")
  Path dir;
}
