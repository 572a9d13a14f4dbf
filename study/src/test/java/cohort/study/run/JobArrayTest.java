package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.wiring.Studies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster job array on one machine, as {@code docs/cluster.md} runs it on Slurm: four {@code cohort run --shard
 * i/4} processes at once on one study directory, then one {@code cohort merge}; the merged {@code study.h5} is
 * identical, dataset by dataset, to a local run's.
 */
class JobArrayTest {

  @TempDir Path tmp;

  @Test
  void fourConcurrentShardsMergeIntoTheLocalRunsFile() throws Exception {
    Path spec = StudyFixtures.writeSpec(tmp, StudyFixtures.TINY);
    Path dir = tmp.resolve("array");
    long t0 = System.nanoTime();
    List<Process> shards = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        shards.add(new ProcessBuilder(StudyRobustnessTest.javaCommand("run", spec.toString(), "--out",
            dir.toString(), "--shard", i + "/4", "--workers", "1")).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("shard" + i + ".log").toFile()).start());
      }
      for (int i = 0; i < 4; i++) {
        assertTrue(shards.get(i).waitFor(150, TimeUnit.SECONDS), "shard " + i + " did not finish");
        assertEquals(0, shards.get(i).exitValue(), Files.readString(tmp.resolve("shard" + i + ".log")));
      }
      Process merge = new ProcessBuilder(StudyRobustnessTest.javaCommand("merge", dir.toString()))
          .redirectErrorStream(true).redirectOutput(tmp.resolve("merge.log").toFile()).start();
      assertTrue(merge.waitFor(120, TimeUnit.SECONDS), "cohort merge did not finish");
      assertEquals(0, merge.exitValue(), Files.readString(tmp.resolve("merge.log")));
    } finally {
      for (Process p : shards) {
        p.destroyForcibly();
      }
    }
    long t1 = System.nanoTime();
    Studies.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false)
        .run(spec, tmp.resolve("local"), 2, 0, 1);
    long t2 = System.nanoTime();
    System.out.printf("8 networks: 4 concurrent shards + merge %.1f s, local runner (2 workers) %.1f s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertEquals(8, names.size(), "8 run files and nothing else: " + names);
    }
    StudyFixtures.assertSameDatasets(tmp.resolve("local/study.h5"), dir.resolve("study.h5"));
  }
}
