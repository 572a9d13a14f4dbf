package cohort.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.Npy;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use Cohort from Java" examples cannot rot: each Java block of that section is the source of a class
 * of the separate consumer project in {@code examples/consumer}, and here they are compiled and run as that project
 * would, against Cohort's library modules only (models, tasks, training, analysis, io and their dependencies; the
 * application's Guice, picocli and YAML are left off the class path, so a reuser really does not need them).
 */
class ConsumerExamplesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void theReadmeExamplesAreTheConsumerProjectAndRunOnTheLibrariesAlone() throws Exception {
    Map<String, String> blocks = readmeBlocks();
    assertEquals(List.of("CompareArrays", "TrainAndSave", "FixedPointsOfSavedNetwork"), List.copyOf(blocks.keySet()));
    Path sources = ROOT.resolve("examples/consumer/src/main/java/example");
    for (Map.Entry<String, String> b : blocks.entrySet()) {
      String file = Files.readString(sources.resolve(b.getKey() + ".java"), StandardCharsets.UTF_8);
      assertEquals(file.strip(), b.getValue().strip(), "README block " + b.getKey() + " = examples/consumer");
    }
    String classPath = libraryClassPath();
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "--release", "17"));
    for (String name : blocks.keySet()) {
      args.add(sources.resolve(name + ".java").toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the examples compile");
    String runPath = classes + File.pathSeparator + classPath;

    // 1. CKA and DSA between two arrays written by "NumPy"
    double[] a = new double[4 * 30 * 5];
    double[] b = new double[4 * 30 * 6];
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = random.nextGaussian();
    }
    Npy.write(tmp.resolve("a.npy"), new int[] {4, 30, 5}, a);
    Npy.write(tmp.resolve("b.npy"), new int[] {4, 30, 6}, b);
    String compared = run(runPath, "example.CompareArrays", tmp.resolve("a.npy").toString(),
        tmp.resolve("b.npy").toString());
    assertTrue(compared.matches("(?s)linear CKA 0\\.\\d+\\s+DSA \\d.*"), compared);

    // 2. train and save; 3. fixed points of the saved network
    Path net = tmp.resolve("gru.h5");
    String trained = run(runPath, "example.TrainAndSave", net.toString(), "300");
    assertTrue(trained.startsWith("completed after 300 iterations"), trained);
    String points = run(runPath, "example.FixedPointsOfSavedNetwork", net.toString());
    assertTrue(points.matches("\\d+ fixed points, \\d+ of them stable\\s*"), points);
  }

  /** The {@code java} blocks of the README's "Use Cohort from Java" section, by public class name. */
  private static Map<String, String> readmeBlocks() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## Use Cohort from Java");
    assertTrue(start >= 0, "README has a 'Use Cohort from Java' section");
    int end = readme.indexOf("\n## ", start + 5);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (m.find()) {
      Matcher name = Pattern.compile("public class (\\w+)").matcher(m.group(1));
      assertTrue(name.find(), "a java block without a public class: " + m.group(1));
      out.put(name.group(1), m.group(1));
    }
    return out;
  }

  /** This test's class path without the application module and its Guice, picocli and YAML dependencies. */
  private static String libraryClassPath() {
    List<String> kept = new ArrayList<>();
    List<String> dropped = List.of("guice", "picocli", "snakeyaml", "aopalliance", "jakarta.inject", "javax.inject",
        "guava", "failureaccess", "junit", "opentest4j", "apiguardian");
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String e = entry.replace('\\', '/');
      boolean application = e.contains("/study/target/");
      boolean drop = dropped.stream().anyMatch(e::contains);
      if (!application && !drop) {
        kept.add(entry);
      }
    }
    String joined = String.join(File.pathSeparator, kept);
    for (String module : List.of("models", "tasks", "training", "analysis", "io")) {
      assertTrue(joined.contains("/" + module + "/target/classes") || joined.contains("cohort-" + module),
          "cohort-" + module + " is on the library class path: " + joined);
    }
    return joined;
  }

  private static String run(String classPath, String main, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", classPath, main));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), main + " timed out");
    assertEquals(0, p.exitValue(), main + " failed:\n" + out);
    return out;
  }
}
