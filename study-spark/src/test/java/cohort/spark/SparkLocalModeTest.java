package cohort.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.run.Engine;
import cohort.study.run.EngineProvider;
import cohort.study.run.StudyRunner.RunResult;
import cohort.study.run.StudyFixtures;
import cohort.study.spec.StudySpec;
import cohort.study.store.StudyDirectory;
import cohort.study.wiring.Studies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine in local mode ({@code local[2]}, in this JVM) against the local runner. */
class SparkLocalModeTest {

  @TempDir Path tmp;

  private static Studies quiet() {
    return Studies.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
  }

  @Test
  void aStudyOnLocal2IsIdenticalToTheLocalRunners() throws Exception {
    Path spec = StudyFixtures.writeSpec(tmp, StudyFiles.spec(2, 10));
    long t0 = System.nanoTime();
    Studies.RunSummary local = quiet().run(spec, tmp.resolve("local"), 2, 0, 1);
    long t1 = System.nanoTime();
    Studies studies = quiet();
    Studies.RunSummary spark;
    try (Engine engine = studies.engine("spark", "local[2]", "cohort test")) {
      assertEquals("spark", engine.name());
      spark = studies.run(spec, tmp.resolve("spark"), 2, 0, 1, engine);
    }
    long t2 = System.nanoTime();
    System.out.printf("4 networks: local runner %.1f s, spark local[2] %.1f s (with its start)%n", (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);
    assertEquals(4, spark.runs().completed() + spark.runs().failed());
    assertEquals(local.merge().comparisons(), spark.merge().comparisons());
    assertTrue(spark.merge().comparisons() > 0);
    StudyFiles.assertEveryRunOnce(tmp.resolve("spark"), 4);
    StudyFixtures.assertSameDatasets(tmp.resolve("local/study.h5"), tmp.resolve("spark/study.h5"));
  }

  /** What a retried or speculative task does: the same run in several tasks at once is trained and stored once. */
  @Test
  void aRunHandedToSeveralTasksAtOnceIsTrainedOnce() throws Exception {
    Path spec = StudyFixtures.writeSpec(tmp, StudyFiles.spec(1, 10));
    Path out = tmp.resolve("twice");
    StudySpec s = quiet().read(spec);
    new StudyDirectory(out).claim(Files.readString(spec), s.canonicalJson());
    List<String> ids = new ArrayList<>();
    for (var r : cohort.study.spec.Grid.expand(s)) {
      for (int copy = 0; copy < 3; copy++) {
        ids.add(r.id());
      }
    }
    List<RunReport> reports;
    try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("twice")
        .set("spark.ui.enabled", "false"))) {
      reports = spark.parallelize(ids, ids.size()).map(new TrainTask(out.toString())).collect();
    }
    Map<String, List<String>> byRun = reports.stream().collect(Collectors.groupingBy(RunReport::runId,
        Collectors.mapping(RunReport::result, Collectors.toList())));
    assertEquals(2, byRun.size());
    for (Map.Entry<String, List<String>> e : byRun.entrySet()) {
      assertEquals(1, e.getValue().stream().filter(r -> !r.equals(RunResult.DONE_ELSEWHERE.name())).count(),
          () -> e.getKey() + " was trained by more than one task: " + e.getValue());
      assertEquals(2, e.getValue().stream().filter(r -> r.equals(RunResult.DONE_ELSEWHERE.name())).count());
    }
    try (var files = Files.list(out.resolve("runs"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertEquals(2, names.size(), names::toString);
    }
  }

  @Test
  void aMissingMasterAndAnUnknownEngineAreNamed() {
    Studies studies = quiet();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> studies.engine("flink", null, "x"));
    assertTrue(unknown.getMessage().contains("--engine: got 'flink'; accepted: local, spark"), unknown.getMessage());
    IllegalArgumentException master = assertThrows(IllegalArgumentException.class,
        () -> new SparkEngineProvider().open(new EngineProvider.Options(null, "x")));
    assertTrue(master.getMessage().startsWith("--master: missing with --engine spark"), master.getMessage());
    IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
        () -> studies.engine("local", "local[2]", "x"));
    assertTrue(local.getMessage().startsWith("--master: got 'local[2]' with --engine local"), local.getMessage());
  }
}
