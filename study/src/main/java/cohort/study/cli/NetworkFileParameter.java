package cohort.study.cli;

import cohort.io.NetworkFile;
import cohort.models.Network;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The network file a command reads, its first parameter {@code NET.h5}: a picocli mixin of export and simulate. */
final class NetworkFileParameter {

  @Parameters(index = "0", paramLabel = "NET.h5", description = "A network file ('cohort train', 'cohort import' or a "
      + "study's run file).")
  Path file;

  /** The network the file holds. */
  Network read() {
    return NetworkFile.read(file).network();
  }
}
