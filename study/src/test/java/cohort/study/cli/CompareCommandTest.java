package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.Npy;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cohort compare} against the golden scores of /work/shared/reference/scores.json. */
class CompareCommandTest {

  @TempDir Path dir;
  private Path x;
  private Path y;
  private Path xr;
  private Path dsaA;
  private Path dsaB;



  private Path copy(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = CompareCommandTest.class.getResourceAsStream("/reference/" + name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @BeforeEach
  void setUp() throws IOException {
    x = copy("geom_X.npy");
    y = copy("geom_Y.npy");
    xr = copy("geom_Xr.npy");
    dsaA = copy("dsa_A.npy");
    dsaB = copy("dsa_B.npy");
  }

  @Test
  void ckaVariantsPrintTheReferenceScores() {
    // scores.json "X-Y": cka_linear, cka_linear_debiased, cka_rbf_0.5
    Cli.Outcome lin = cohort("compare", "--metric", "cka", x.toString(), y.toString());
    assertEquals(0, lin.exit(), lin.err());
    assertEquals(0.6927623372775445, lin.lastNumber(), 1e-10);
    assertEquals(0.6818939102296523,
        cohort("compare", "--metric", "cka-debiased", x.toString(), y.toString()).lastNumber(), 1e-10);
    assertEquals(0.7323415484859437,
        cohort("compare", "--metric", "cka-rbf", "--threshold", "0.5", x.toString(), y.toString()).lastNumber(), 1e-10);
  }

  @Test
  void svccaAndProcrustesPrintTheReferenceScores() {
    Cli.Outcome sv = cohort("compare", "--metric", "svcca", "--json", x.toString(), y.toString());
    assertEquals(0, sv.exit(), sv.err());
    String json = sv.out().trim();
    assertTrue(json.startsWith("{") && json.endsWith("}"), json);
    assertTrue(json.contains("\"kept_dims\":[36,23]"), json);
    assertTrue(json.contains("\"metric\":\"svcca\""), json);
    assertTrue(json.contains("\"keep_variance\":0.99"), json);
    assertTrue(json.contains("\"score\":0.59993994722"), json);
    Cli.Outcome pr = cohort("compare", "--metric", "procrustes", x.toString(), xr.toString());
    assertEquals(0.022636379841997113, pr.lastNumber(), 1e-10);
    Cli.Outcome eu = cohort("compare", "--metric", "procrustes", "--score", "euclidean", "--unit-norm", x.toString(),
        xr.toString());
    assertEquals(0.022635896553011958, eu.lastNumber(), 1e-10);
  }

  @Test
  void hdf5DatasetsAreReadLikeNpyFiles() {
    Npy.Array a = Npy.read(x);
    double[][] rows = new double[a.shape()[0]][a.shape()[1]];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(a.data(), i * rows[0].length, rows[i], 0, rows[0].length);
    }
    Path h5 = dir.resolve("acts.h5");
    try (WritableHdfFile f = HdfFile.write(h5)) {
      f.putGroup("net").putDataset("states", rows);
    }
    Cli.Outcome o = cohort("compare", "--metric", "cka", h5 + ":/net/states", y.toString());
    assertEquals(0, o.exit(), o.err());
    assertEquals(0.6927623372775445, o.lastNumber(), 1e-10);
  }

  @Test
  void dsaMatchesOrBeatsTheReference() {
    // scores.json dsa "A-B angular" = 0.06464630365371704 (reference optimiser; lower is allowed)
    Cli.Outcome o = cohort("compare", "--metric", "dsa", "--n-delays", "3", "--rank", "6", "--score", "angular",
        "--json", dsaA.toString(), dsaB.toString());
    assertEquals(0, o.exit(), o.err());
    String json = o.out().trim();
    assertTrue(json.contains("\"n_delays\":3") && json.contains("\"rank\":\"rank=6\""), json);
    double score = Double.parseDouble(json.replaceAll(".*\"score\":([-0-9.eE]+).*", "$1"));
    assertTrue(score <= 0.06464630365371704 + 1e-3, json);
    Cli.Outcome w = cohort("compare", "--metric", "dsa", "--n-delays", "3", "--rank", "6", dsaA.toString(), dsaB.toString());
    assertEquals(0, w.exit(), w.err());
    assertTrue(w.out().contains("wasserstein"), w.out());
    assertTrue(w.lastNumber() >= 0 && w.lastNumber() < 1e-3, w.out());
  }

  /** Every registered metric is a --metric of compare, with every option of its record in the JSON. */
  @Test
  void everyRegisteredMetricRunsWithItsOptions() {
    cohort.analysis.MetricRegistry metrics = cohort.analysis.MetricRegistry.standard();
    for (String name : metrics.names()) {
      cohort.analysis.MetricInfo info = metrics.info(name);
      if (info.kind() == cohort.analysis.similarity.MetricKind.TOPOLOGY) {
        Cli.Outcome refused = cohort("compare", "--metric", name, x.toString(), y.toString());
        assertEquals(2, refused.exit(), "topology compares a study's fixed points, not arrays: " + refused.err());
        continue;
      }
      boolean geometry = info.kind() == cohort.analysis.similarity.MetricKind.GEOMETRY;
      Cli.Outcome o = cohort("compare", "--metric", name, "--json", geometry ? x.toString() : dsaA.toString(),
          geometry ? y.toString() : dsaB.toString());
      assertEquals(0, o.exit(), name + ": " + o.err());
      for (cohort.analysis.MetricOption option : info.options()) {
        assertTrue(o.out().contains("\"" + option.name() + "\":"), name + " " + option.name() + ": " + o.out());
      }
      Cli.Outcome help = cohort("compare", "--help");
      assertTrue(help.out().contains(name) && help.out().contains(info.caption()), help.out());
    }
  }

  @Test
  void badInputsExitTwoWithOneLine() throws IOException {
    Path shortRows = dir.resolve("short.npy");
    double[] shortData = new double[30];
    for (int i = 0; i < shortData.length; i++) {
      shortData[i] = Math.sin(i);
    }
    Npy.write(shortRows, new int[] {10, 3}, shortData);
    String[][] cases = {
      {"compare", "--metric", "cka", dir.resolve("nope.npy").toString(), x.toString()},
      {"compare", "--metric", "bogus", x.toString(), y.toString()},
      {"compare", "--metric", "cka", dsaA.toString(), x.toString()},
      {"compare", "--metric", "cka", shortRows.toString(), x.toString()},
      {"compare", "--metric", "dsa", "--rank", "most", dsaA.toString(), dsaB.toString()},
      {"compare", "--metric", "dsa", "--score", "cosine", dsaA.toString(), dsaB.toString()},
      {"compare", "--metric", "procrustes", "--alpha", "2", x.toString(), xr.toString()},
      {"compare", "--metric", "cka", dir.resolve("acts.h5").toString() + ":/missing", x.toString()},
      {"compare", "--metric", "cka", "--alpha", "0.5", x.toString(), y.toString()},
      {"compare", "--metric", "svcca", "--keep-variance", "1.5", x.toString(), y.toString()},
    };
    String[] expected = {"not found", "accepted: cka, cka-rbf", "accepted: 2 dimensions", "rows",
        "metric 'dsa' option rank: got 'most'; accepted: full", "option score: got 'cosine'; accepted: angular, "
            + "euclidean, wasserstein", "option alpha: got 2.0; accepted: [0, 1]", "not found",
        "compare --alpha: not an option of --metric cka; its options: none",
        "metric 'svcca' option keep_variance: got 1.5; accepted: (0, 1]"};
    for (int i = 0; i < cases.length; i++) {
      Cli.Outcome o = cohort(cases[i]);
      assertEquals(2, o.exit(), String.join(" ", cases[i]) + " -> " + o.err());
      assertEquals("", o.out());
      assertEquals(1, o.err().lines().count(), o.err());
      assertTrue(o.err().startsWith("cohort: "), o.err());
      assertTrue(o.err().contains(expected[i]), o.err());
    }
    Cli.Outcome missingArg = cohort("compare", "--metric", "cka", x.toString());
    assertEquals(2, missingArg.exit());
  }
}
