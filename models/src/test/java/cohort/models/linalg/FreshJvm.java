package cohort.models.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: runs a probe's {@code main} in a fresh JVM on this test run's class path. */
final class FreshJvm {

  private FreshJvm() {
  }

  /** The probe's output (standard output and error, trimmed); asserts that it exited with 0. */
  static String run(Class<?> probe) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        probe.getName())).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, process.waitFor(), out);
    return out;
  }
}
