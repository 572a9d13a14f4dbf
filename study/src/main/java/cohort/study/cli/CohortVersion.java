package cohort.study.cli;

import picocli.CommandLine;

/** {@code cohort --version}: Cohort's version ({@link cohort.io.CohortVersion}) and the Java it runs on. */
public final class CohortVersion implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "cohort " + cohort.io.CohortVersion.version(),
      "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
    };
  }
}
