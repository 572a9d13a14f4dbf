package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.wiring.Studies;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

class StudyRunTest {

  @TempDir Path tmp;

  private static Studies quietStudies(ByteArrayOutputStream progress) {
    return Studies.create(new PrintStream(progress, true, StandardCharsets.UTF_8), false);
  }

  @Test
  void aStudyRunsEndToEndIntoOneHdf5FileThatPythonReads() throws Exception {
    Path spec = StudyFixtures.writeSpec(tmp, StudyFixtures.TINY);
    Path out = tmp.resolve("study");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Studies.RunSummary s = quietStudies(progress).run(spec, out, 2, 0, 1);
    assertEquals(8, s.runs().total());
    assertEquals(8, s.runs().completed() + s.runs().failed());
    String lines = progress.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("8/8 runs"), lines);
    assertTrue(lines.contains("networks/h"), lines);

    // The same command again does nothing but re-merge.
    Studies.RunSummary again = quietStudies(new ByteArrayOutputStream()).run(spec, out, 2, 0, 1);
    assertEquals(8, again.runs().alreadyDone());
    assertEquals(0, again.runs().completed() + again.runs().failed());

    try (HdfFile h5 = new HdfFile(out.resolve("study.h5"))) {
      assertEquals("cohort-study/1", h5.getAttribute("format").getData());
      Group runs = (Group) h5.getChild("runs");
      assertEquals(8, runs.getChildren().size());
      Group cka = (Group) h5.getByPath("/comparisons/cka/flipflop");
      double[][] d = (double[][]) ((Dataset) cka.getChild("distance")).getData();
      String[] items = (String[]) ((Dataset) cka.getChild("items")).getData();
      assertEquals(8, items.length); // 4 trained + 4 untrained networks of the task
      for (int i = 0; i < d.length; i++) {
        assertEquals(0.0, d[i][i], 1e-12);
        for (int j = 0; j < d.length; j++) {
          assertEquals(d[i][j], d[j][i], 1e-12);
        }
      }
      Node dsa = h5.getByPath("/comparisons/dsa/all/distance");
      assertEquals(16, ((double[][]) ((Dataset) dsa).getData()).length);
      assertTrue(h5.getByPath("/embeddings/svcca/xor/coordinates") instanceof Dataset);
      assertTrue(h5.getByPath("/separability/dsa/all/trained/trained_vs_untrained") instanceof Group);
    }

    String python = """
        import h5py, json, sys
        f = h5py.File(sys.argv[1], 'r')
        assert f.attrs['format'].decode() == 'cohort-study/1', f.attrs['format']
        spec = json.loads(f.attrs['spec'])
        assert spec['study'] == 'tiny'
        runs = f['runs']
        assert len(runs) == 8, list(runs)
        for rid in runs:
            r = runs[rid]
            assert r.attrs['status'].decode() in ('completed', 'stopped_early', 'failed')
            json.loads(r.attrs['spec'])
            w = r['weights']
            assert w['W_out'].dtype == 'float32' and w['W_out'].ndim == 2
            if r.attrs['status'].decode() != 'failed':
                a = r['activations/trained']
                assert a.dtype == 'float32' and a.shape[1] == 8, a.shape
                assert r['training/val_accuracy'].dtype == 'float64'
                fp = r['fixed_points']
                assert fp.attrs['count'] == fp['q'].shape[0] if fp.attrs['count'] > 0 else True
        d = f['comparisons/cka/flipflop/distance']
        assert d.dtype == 'float64' and d.shape == (8, 8), d.shape
        items = [x.decode() for x in f['comparisons/cka/flipflop/items'][()]]
        assert sum(i.endswith(':untrained') for i in items) == 4, items
        e = f['embeddings/cka/flipflop/coordinates']
        assert e.shape == (8, 2) and 'stress' in f['embeddings/cka/flipflop'].attrs
        s = f['separability/dsa/all/trained/trained_vs_untrained']
        assert 0 <= s.attrs['accuracy_mds'] <= 1 and s['null_rows'].shape == (20,)
        print('ok')
        """;
    StudyFixtures.assertPythonOk(python, out.resolve("study.h5"));
  }

  @Test
  void oneAndTwoWorkersGiveIdenticalDatasets() throws Exception {
    StudyFixtures.assertSameDatasets(runTiny("w1", 1, 0, 1), runTiny("w2", 2, 0, 1));
  }

  @Test
  void shardsCoverTheStudyAndMergeIntoTheSameFile() throws Exception {
    runTiny("sharded", 1, 0, 2);
    Path sharded = runTiny("sharded", 1, 1, 2);
    StudyFixtures.assertSameDatasets(runTiny("whole", 2, 0, 1), sharded);
  }

  /** Runs shard {@code shard} of {@code shards} of the tiny study into {@code tmp/dir}; its {@code study.h5}. */
  private Path runTiny(String dir, int workers, int shard, int shards) throws Exception {
    Path spec = StudyFixtures.writeSpec(tmp, StudyFixtures.TINY);
    quietStudies(new ByteArrayOutputStream()).run(spec, tmp.resolve(dir), workers, shard, shards);
    return tmp.resolve(dir).resolve("study.h5");
  }

  @Test
  void aStudyKilledMidRunResumesWithEveryRunExactlyOnce() throws Exception {
    Path spec = StudyFixtures.writeSpec(tmp, StudyFixtures.TINY);
    Path out = tmp.resolve("killed");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "cohort.study.cli.CohortCommand", "run", spec.toString(),
        "--out", out.toString(), "--workers", "1"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile())
        .start();
    Path runs = out.resolve("runs");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (count(runs) < 2 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), () -> "the study ended before it could be killed: " + read(tmp.resolve("log")));
    p.destroyForcibly(); // SIGKILL
    p.waitFor(30, TimeUnit.SECONDS);
    int before = count(runs);
    assertTrue(before >= 2 && before < 8, "runs on disk when killed: " + before);

    Studies.RunSummary s = quietStudies(new ByteArrayOutputStream()).run(spec, out, 2, 0, 1);
    assertEquals(before, s.runs().alreadyDone());
    assertEquals(8, count(runs));
    try (Stream<Path> files = Files.list(runs)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "temporary files left");
    }
    try (HdfFile h5 = new HdfFile(out.resolve("study.h5"))) {
      assertEquals(8, ((Group) h5.getChild("runs")).getChildren().size());
    }
  }

  @Test
  void divergingNetworksAreStoredAsFailedAndTheStudyGoesOn() throws Exception {
    String spec = StudyFixtures.TINY.replace("activation: tanh", "activation: relu")
        .replace("lr: 0.01", "lr: 9.0\n  clip: 0");
    Path file = StudyFixtures.writeSpec(tmp, spec);
    Path out = tmp.resolve("diverged");
    Studies.RunSummary s = quietStudies(new ByteArrayOutputStream()).run(file, out, 2, 0, 1);
    assertEquals(8, s.runs().completed() + s.runs().failed());
    assertTrue(s.runs().failed() > 0, "no run diverged at lr 1000");
    Studies.Status status = quietStudies(new ByteArrayOutputStream()).status(out);
    assertEquals(s.runs().failed(), status.failed());
    for (var f : status.finished()) {
      if (f.status().equals("failed")) {
        assertTrue(f.reason().contains("NaN") || f.reason().contains("infinite") || f.reason().contains("Inf"),
            f.reason());
      }
    }
    Process p = new ProcessBuilder("h5dump", "-H", out.resolve("study.h5").toString()).redirectErrorStream(true)
        .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), text);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
    }
  }


}
