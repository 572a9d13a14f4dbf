package cohort.study.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input suite: every command, given a bad spec, a bad option, a damaged or foreign file, an array no metric
 * can use, or an output it cannot write, must answer with exit status 2 and one line on standard error that starts
 * with {@code cohort:} and names the problem; print no stack trace (on either stream, including the process's own
 * {@code System.err}); and leave every input file byte for byte as it was.
 *
 * <p>Each case is one row: the arguments, and a fragment the message must contain. The fixtures (a trained network,
 * a small finished study, arrays, damaged copies) are made once; the fixture directory's files are hashed before
 * the suite and after every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest {

  @TempDir static Path root;
  private Path in;
  private Path out;
  private Map<String, String> hashes;

  /** One bad input: the arguments and a fragment the one-line message must contain. */
  record Case(String name, String[] args, String expected) {}

  @BeforeAll
  void fixtures() throws Exception {
    in = Files.createDirectories(root.resolve("in"));
    out = Files.createDirectories(root.resolve("out"));
    Path net = in.resolve("net.h5");
    Cli.Outcome trained = Cli.cohort("train", "--task", "xor", "--arch", "ctrnn", "--units", "6", "--iterations", "2",
        "--batch", "2", "--out", net.toString());
    assertEquals(0, trained.exit(), trained.err());
    byte[] good = Files.readAllBytes(net);
    Files.write(in.resolve("truncated.h5"), java.util.Arrays.copyOf(good, good.length / 3));
    byte[] overwritten = good.clone();
    for (int i = 200; i < Math.min(overwritten.length, 4000); i++) {
      overwritten[i] = (byte) 0x5a;
    }
    Files.write(in.resolve("overwritten.h5"), overwritten);
    Files.writeString(in.resolve("text.h5"), "these are not the bytes of an HDF5 file\n");
    Files.write(in.resolve("empty.h5"), new byte[0]);
    Files.writeString(in.resolve("garbage.npy"), "not a numpy file at all");
    Files.write(in.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3, 0x28});

    // a tiny finished study, and a copy of it with one run file truncated
    Path spec = in.resolve("tiny.yaml");
    Files.writeString(spec, """
        study: tiny-bad-inputs
        seed: 1
        grid:
          task: {xor: {dt: 5}}
          architecture: [vanilla, gru]
          units: 6
          seeds: 1
        training: {iterations: 5, batch: 4, validate_every: 5, validation_batches: 1}
        analysis: {untrained: false, fixed_points: false, spectrum: false, topology: false, probe_trials: 4}
        comparisons: {metrics: [cka], separability: [architecture], permutations: 0}
        """);
    Path study = in.resolve("study");
    Cli.Outcome ran = Cli.cohort("run", spec.toString(), "--out", study.toString(), "--workers", "1");
    assertEquals(0, ran.exit(), ran.err());
    Path damagedStudy = in.resolve("damaged-study");
    copyTree(study, damagedStudy);
    try (Stream<Path> runs = Files.list(damagedStudy.resolve("runs"))) {
      Path first = runs.filter(p -> p.toString().endsWith(".h5")).sorted().findFirst().orElseThrow();
      byte[] b = Files.readAllBytes(first);
      Files.write(first, java.util.Arrays.copyOf(b, b.length / 2));
    }
    Path foreignStudy = in.resolve("foreign-study");
    copyTree(study, foreignStudy);
    try (Stream<Path> runs = Files.list(foreignStudy.resolve("runs"))) {
      Path first = runs.filter(p -> p.toString().endsWith(".h5")).sorted().findFirst().orElseThrow();
      Files.writeString(first, "replaced by a text file");
    }
    Path brokenStudyFile = in.resolve("broken-report");
    copyTree(study, brokenStudyFile);
    byte[] sh5 = Files.readAllBytes(brokenStudyFile.resolve("study.h5"));
    Files.write(brokenStudyFile.resolve("study.h5"), java.util.Arrays.copyOf(sh5, sh5.length / 2));

    double[] a = new double[50 * 8];
    double[] b = new double[50 * 8];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.sin(0.37 * i) + 0.1 * (i % 7);
      b[i] = Math.cos(0.23 * i) - 0.05 * (i % 5);
    }
    Npy.write(in.resolve("a.npy"), new int[] {50, 8}, a);
    Npy.write(in.resolve("b.npy"), new int[] {50, 8}, b);
    double[] nan = a.clone();
    nan[3 * 8 + 2] = Double.NaN;
    Npy.write(in.resolve("nan.npy"), new int[] {50, 8}, nan);
    double[] inf = a.clone();
    inf[7 * 8 + 1] = Double.POSITIVE_INFINITY;
    Npy.write(in.resolve("inf.npy"), new int[] {50, 8}, inf);
    double[] ninf = new double[5 * 10 * 8];
    for (int i = 0; i < ninf.length; i++) {
      ninf[i] = Math.sin(0.11 * i);
    }
    ninf[2 * 80 + 3 * 8 + 4] = Double.NEGATIVE_INFINITY;
    Npy.write(in.resolve("ninf3d.npy"), new int[] {5, 10, 8}, ninf);
    double[] ones = new double[50 * 8];
    java.util.Arrays.fill(ones, 1.0);
    Npy.write(in.resolve("const.npy"), new int[] {50, 8}, ones);
    double[] rowsSame = new double[50 * 8];
    for (int i = 0; i < rowsSame.length; i++) {
      rowsSame[i] = i % 8;
    }
    Npy.write(in.resolve("frozen.npy"), new int[] {50, 8}, rowsSame);
    Npy.write(in.resolve("vector.npy"), new int[] {50}, java.util.Arrays.copyOf(a, 50));
    Npy.write(in.resolve("rows40.npy"), new int[] {40, 8}, java.util.Arrays.copyOf(a, 320));
    Files.writeString(in.resolve("plain-file"), "x");
    interopFixtures();
    hashes = hashes();
  }

  /** State_dicts, Keras-like files, networks and arrays for import, export and simulate. */
  private void interopFixtures() {
    int n = 4;
    Map<String, Npy.Array> gru = new java.util.LinkedHashMap<>();
    gru.put("rnn.weight_ih_l0", filled(3 * n, 2));
    gru.put("rnn.weight_hh_l0", filled(3 * n, n));
    gru.put("rnn.bias_ih_l0", filled(3 * n));
    gru.put("rnn.bias_hh_l0", filled(3 * n));
    gru.put("fc.weight", filled(2, n));
    gru.put("fc.bias", filled(2));
    cohort.io.Npz.write(in.resolve("gru.npz"), gru, true);
    Map<String, Npy.Array> stacked = new java.util.LinkedHashMap<>(gru);
    stacked.put("rnn.weight_ih_l1", filled(3 * n, n));
    stacked.put("rnn.weight_hh_l1", filled(3 * n, n));
    cohort.io.Npz.write(in.resolve("stacked.npz"), stacked, true);
    Map<String, Npy.Array> bidirectional = new java.util.LinkedHashMap<>(gru);
    bidirectional.put("rnn.weight_ih_l0_reverse", filled(3 * n, 2));
    cohort.io.interop.SafeTensors.write(in.resolve("bidirectional.safetensors"), bidirectional, Map.of());
    Map<String, Npy.Array> noReadout = new java.util.LinkedHashMap<>(gru);
    noReadout.remove("fc.weight");
    cohort.io.Npz.write(in.resolve("no-readout.npz"), noReadout, true);
    Map<String, Npy.Array> misshapen = new java.util.LinkedHashMap<>(gru);
    misshapen.put("rnn.weight_hh_l0", filled(3 * n, n + 1));
    cohort.io.Npz.write(in.resolve("misshapen.npz"), misshapen, true);
    cohort.io.interop.SafeTensors.write(in.resolve("gru.safetensors"), gru, Map.of());
    try {
      byte[] st = Files.readAllBytes(in.resolve("gru.safetensors"));
      String text = new String(st, StandardCharsets.ISO_8859_1).replace("\"F32\"", "\"C64\"");
      Files.write(in.resolve("complex.safetensors"), text.getBytes(StandardCharsets.ISO_8859_1));
      Files.writeString(in.resolve("weights.pt"), "PK pickled torch file");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    cohort.models.Network ugrnn = cohort.models.Network.initialize(cohort.models.NetworkSpec.of(
        cohort.models.cells.Ugrnn.CELL, cohort.models.Activation.TANH, 2, n, 2), new java.util.SplittableRandom(1));
    cohort.io.NetworkFile.writeImported(in.resolve("ugrnn.h5"), ugrnn, "{}", "a test network");
    cohort.models.Network gruNet = cohort.models.Network.initialize(cohort.models.NetworkSpec.of(
        cohort.models.cells.Gru.CELL, cohort.models.Activation.TANH, 2, n, 2), new java.util.SplittableRandom(2));
    cohort.io.NetworkFile.writeImported(in.resolve("gru-net.h5"), gruNet, "{}", "a test network");
    Npy.write(in.resolve("x-2ch.npy"), new int[] {5, 3, 2}, new double[30]);
    Npy.write(in.resolve("x-3ch.npy"), new int[] {5, 3, 3}, new double[45]);
    double[] nanInputs = new double[30];
    nanInputs[7] = Double.NaN;
    Npy.write(in.resolve("x-nan.npy"), new int[] {5, 3, 2}, nanInputs);
    Npy.write(in.resolve("h0-wrong.npy"), new int[] {3, n + 2}, new double[3 * (n + 2)]);
  }

  private static Npy.Array filled(int... shape) {
    int count = 1;
    for (int d : shape) {
      count *= d;
    }
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = 0.1 * Math.sin(i);
    }
    return new Npy.Array(shape, v);
  }

  List<Case> cases() throws IOException {
    String spec = in.resolve("tiny.yaml").toString();
    String net = in.resolve("net.h5").toString();
    String a = in.resolve("a.npy").toString();
    String b = in.resolve("b.npy").toString();
    List<Case> c = new ArrayList<>();
    // --- study specs (cohort run)
    c.add(run("missing spec", in.resolve("nothere.yaml").toString(), "no such file"));
    c.add(run("a directory as the spec", in.toString(), "is a directory"));
    c.add(run("a binary spec", in.resolve("binary.yaml").toString(), "not a text file"));
    c.add(specCase("empty spec", "", "empty"));
    c.add(specCase("duplicate key", "study: x\nseed: 1\nseed: 2\n", "duplicate key seed (line 3"));
    c.add(specCase("broken YAML", "study: x\ngrid: [\n", "(line 3, column 1)"));
    c.add(specCase("broken JSON", "{\"study\": \"x\", \"grid\": {\"task\": \"flipflop\",,}}", "(line 1"));
    c.add(specCase("a list, not a mapping", "- study\n- x\n", "a list at the top level"));
    c.add(specCase("unknown top-level key", grid("task: xor\n  architecture: gru") + "colour: blue\n", "colour"));
    c.add(specCase("unknown task", grid("task: juggling\n  architecture: gru"), "juggling"));
    c.add(specCase("bad task parameter", grid("task: {flipflop: {bits: many}}\n  architecture: gru"), "bits"));
    c.add(specCase("unknown architecture", grid("task: xor\n  architecture: transformer"), "transformer"));
    c.add(specCase("zero units", grid("task: xor\n  architecture: gru\n  units: 0"), "units"));
    c.add(specCase("too many units", grid("task: xor\n  architecture: gru\n  units: 100000"), "4096"));
    c.add(specCase("negative seeds", grid("task: xor\n  architecture: gru\n  seeds: -1"), "seeds"));
    c.add(specCase("Dale fraction 1", grid("task: xor\n  architecture: vanilla\n  dale: 1.5"), "dale"));
    c.add(specCase("low-rank without a rank", grid("task: xor\n  architecture: low-rank"), "rank"));
    c.add(specCase("unknown metric", grid("task: xor\n  architecture: gru") + "comparisons: {metrics: [cosine]}\n",
        "cosine"));
    c.add(specCase("unknown grouping", grid("task: xor\n  architecture: gru")
        + "comparisons: {separability: [colour]}\n", "colour"));
    c.add(specCase("target accuracy 2", grid("task: xor\n  architecture: gru")
        + "training: {target_accuracy: 2}\n", "target_accuracy"));
    c.add(specCase("negative learning rate", grid("task: xor\n  architecture: gru") + "training: {lr: -1}\n", "lr"));
    // --- options
    c.add(new Case("unknown command", new String[] {"juggle"}, "juggle"));
    c.add(new Case("run: no --out", new String[] {"run", spec}, "--out: missing"));
    c.add(new Case("run: workers 0", new String[] {"run", spec, "--out", out("w0"), "--workers", "0"}, "--workers"));
    c.add(new Case("run: shard 3/2", new String[] {"run", spec, "--out", out("s"), "--shard", "3/2"}, "--shard"));
    c.add(new Case("run: shard x", new String[] {"run", spec, "--out", out("s"), "--shard", "x"}, "--shard"));
    c.add(new Case("run: out under /proc", new String[] {"run", spec, "--out", "/proc/cohort-study"}, "/proc"));
    c.add(new Case("run: out is a file", new String[] {"run", spec, "--out", in.resolve("plain-file").toString()},
        "is a file, not a directory"));
    c.add(new Case("run: out under a file", new String[] {"run", spec, "--out",
        in.resolve("plain-file").resolve("study").toString()}, "is a file, not a directory"));
    c.add(new Case("run: out holds another study", new String[] {"run", specFile("other.yaml",
        grid("task: xor\n  architecture: gru\n  units: 4")), "--out", in.resolve("study").toString()},
        "holds another study"));
    c.add(train("train: units 100000", "--units", "100000", "4096"));
    c.add(train("train: dale on an LSTM", "--arch", "lstm", "--dale", "0.8", "--dale"));
    c.add(train("train: unknown architecture", "--arch", "transformer", "transformer"));
    c.add(train("train: unknown task", "--task", "juggling", "juggling"));
    c.add(train("train: negative learning rate", "--lr", "-1", "-1"));
    c.add(train("train: zero iterations", "--iterations", "0", "iterations"));
    c.add(train("train: zero batch", "--batch", "0", "batch"));
    c.add(train("train: cross-entropy on a continuous task", "--task", "flipflop", "--loss", "ce", "--loss ce"));
    c.add(train("train: alpha on a GRU", "--arch", "gru", "--alpha", "0.5", "--alpha"));
    c.add(train("train: bad task parameter", "--task", "flipflop", "--param", "bits=abc", "bits"));
    c.add(train("train: a non-number", "--units", "many", "many"));
    c.add(train("train: out under /proc", "--out", "/proc/cohort-net.h5", "/proc"));
    c.add(train("train: out is a directory", "--out", out.toString(), "is a directory"));
    c.add(train("train: out under a file", "--out", in.resolve("plain-file").resolve("n.h5").toString(),
        "is a file, not a directory"));
    c.add(new Case("tasks: describe unknown", new String[] {"tasks", "describe", "juggling"}, "juggling"));
    c.add(new Case("tasks: sample png under /proc", new String[] {"tasks", "sample", "flipflop", "--png",
        "/proc/trial.png"}, "/proc"));
    c.add(new Case("tasks: sample csv under a file", new String[] {"tasks", "sample", "xor", "--csv",
        in.resolve("plain-file").resolve("t.csv").toString()}, "is a file, not a directory"));
    c.add(new Case("tasks: sample bad parameter", new String[] {"tasks", "sample", "xor", "--param", "dt=-5"},
        "dt"));
    // --- study directories
    c.add(new Case("status: not a study", new String[] {"status", in.toString()}, "not a study directory"));
    c.add(new Case("merge: not a study", new String[] {"merge", in.toString()}, "not a study directory"));
    c.add(new Case("analyze: no such directory", new String[] {"analyze", in.resolve("nothere").toString()},
        "not a study directory"));
    c.add(new Case("merge: truncated run file", new String[] {"merge", in.resolve("damaged-study").toString()},
        "truncated"));
    c.add(new Case("merge: run file replaced by text", new String[] {"merge", in.resolve("foreign-study").toString()},
        "not an HDF5 file"));
    c.add(new Case("merge: zero threads", new String[] {"merge", in.resolve("study").toString(), "--threads", "0"},
        "--threads"));
    c.add(new Case("report: no study.h5", new String[] {"report", in.toString()}, "holds no study.h5"));
    c.add(new Case("report: not a directory", new String[] {"report", net}, "is not a directory"));
    c.add(new Case("report: truncated study.h5", new String[] {"report", in.resolve("broken-report").toString(),
        "--out", out("report")}, "truncated"));
    c.add(new Case("report: out under /proc", new String[] {"report", in.resolve("study").toString(), "--out",
        "/proc/cohort-report"}, "/proc"));
    // --- network files (analyze-network)
    c.add(new Case("analyze-network: missing file", new String[] {"analyze-network", in.resolve("none.h5")
        .toString()}, "no such file"));
    c.add(new Case("analyze-network: truncated", new String[] {"analyze-network", in.resolve("truncated.h5")
        .toString()}, "truncated"));
    c.add(new Case("analyze-network: overwritten", new String[] {"analyze-network", in.resolve("overwritten.h5")
        .toString()}, "overwritten.h5"));
    c.add(new Case("analyze-network: text", new String[] {"analyze-network", in.resolve("text.h5").toString()},
        "not an HDF5 file"));
    c.add(new Case("analyze-network: empty", new String[] {"analyze-network", in.resolve("empty.h5").toString()},
        "empty"));
    c.add(new Case("analyze-network: a study file", new String[] {"analyze-network",
        in.resolve("study").resolve("study.h5").toString()}, "not a Cohort network file"));
    c.add(new Case("analyze-network: a directory", new String[] {"analyze-network", in.toString()}, "directory"));
    c.add(new Case("analyze-network: wrong input count", new String[] {"analyze-network", net, "--inputs",
        "1,2,3"}, "--inputs"));
    c.add(new Case("analyze-network: zero starts", new String[] {"analyze-network", net, "--initial-states", "0"},
        "--initial-states"));
    c.add(new Case("analyze-network: png under /proc", new String[] {"analyze-network", net, "--png",
        "/proc/cohort-png"}, "/proc"));
    // --- arrays (compare)
    c.add(compare("cka", "NaN", a, in.resolve("nan.npy").toString(), "NaN at index [3, 2]"));
    c.add(compare("svcca", "NaN", a, in.resolve("nan.npy").toString(), "NaN at index [3, 2]"));
    c.add(compare("procrustes", "infinity", in.resolve("inf.npy").toString(), b, "Infinity at index [7, 1]"));
    c.add(compare("cka-rbf", "infinity", a, in.resolve("inf.npy").toString(), "Infinity at index [7, 1]"));
    c.add(compare("dsa", "infinity", a, in.resolve("inf.npy").toString(), "Infinity at index [7, 1]"));
    c.add(compare("dsa", "-infinity in 3-D", in.resolve("ninf3d.npy").toString(), in.resolve("ninf3d.npy")
        .toString(), "-Infinity at index [2, 3, 4]"));
    for (String metric : List.of("cka", "cka-rbf", "cka-debiased", "svcca", "procrustes", "dsa")) {
      c.add(compare(metric, "constant", a, in.resolve("const.npy").toString(), "constant"));
    }
    c.add(compare("cka", "frozen rows", in.resolve("frozen.npy").toString(), a, "the same in every sample"));
    c.add(compare("cka", "1-D", in.resolve("vector.npy").toString(), a, "2 dimensions"));
    c.add(compare("cka", "row mismatch", in.resolve("rows40.npy").toString(), a, "rows"));
    c.add(compare("cka", "truncated HDF5", a, in.resolve("truncated.h5") + ":/weights/W_in", "truncated"));
    c.add(compare("cka", "text as HDF5", a, in.resolve("text.h5") + ":/x", "not an HDF5 file"));
    c.add(compare("cka", "garbage npy", in.resolve("garbage.npy").toString(), a, "garbage.npy"));
    c.add(compare("cka", "missing dataset", a, net + ":/no/such", "no dataset"));
    c.add(compare("cka", "a group, not a dataset", a, net + ":/weights", "group"));
    c.add(compare("cka", "missing npy", in.resolve("none.npy").toString(), a, "not found"));
    c.add(new Case("compare: unknown metric", new String[] {"compare", "--metric", "cosine", a, b}, "cosine"));
    // --- networks from and to other frameworks (import, export, simulate)
    String imported = outFile("imported.h5");
    c.add(importCase("a stacked GRU", "stacked.npz", "rnn.weight_ih_l1 belongs to layer 1"));
    c.add(importCase("a bidirectional GRU", "bidirectional.safetensors", "bidirectional=True"));
    c.add(importCase("no readout", "no-readout.npz", "no nn.Linear readout"));
    c.add(importCase("a misshapen weight", "misshapen.npz", "rnn.weight_hh_l0 has shape [12, 5]"));
    c.add(importCase("an unknown dtype", "complex.safetensors", "dtype C64 is not accepted"));
    c.add(importCase("a pickle", "weights.pt", "np.savez"));
    c.add(importCase("a non-HDF5 .h5", "text.h5", "not an HDF5 file"));
    c.add(importCase("a Cohort network as Keras", "net.h5", "is a Cohort file"));
    c.add(importCase("a missing file", "none.npz", "no such file"));
    c.add(new Case("import: --arch that does not fit", new String[] {"import", in.resolve("gru.npz").toString(),
        "--arch", "lstm", "--out", imported}, "--arch lstm does not fit"));
    c.add(new Case("import: relu for a GRU", new String[] {"import", in.resolve("gru.npz").toString(),
        "--activation", "relu", "--out", imported}, "always uses tanh"));
    c.add(new Case("import: out under /proc", new String[] {"import", in.resolve("gru.npz").toString(), "--out",
        "/proc/imported.h5"}, "/proc"));
    c.add(new Case("export: a cell PyTorch lacks", new String[] {"export", in.resolve("ugrnn.h5").toString(), "--out",
        outFile("ugrnn.npz")}, "ugrnn has no PyTorch module"));
    c.add(new Case("export: unknown extension", new String[] {"export", net, "--out", outFile("net.pt")},
        "accepted: .npz or .safetensors"));
    c.add(new Case("export: not a network", new String[] {"export", in.resolve("text.h5").toString(), "--out",
        outFile("x.npz")}, "not an HDF5 file"));
    String gruNet = in.resolve("gru-net.h5").toString();
    c.add(new Case("simulate: wrong input channels", new String[] {"simulate", gruNet, "--inputs",
        in.resolve("x-3ch.npy").toString(), "--out", outFile("y.npy")}, "accepted: [T][B][2]"));
    c.add(new Case("simulate: 2-D inputs", new String[] {"simulate", gruNet, "--inputs", a, "--out", outFile("y.npy")},
        "accepted: [T][B][2]"));
    c.add(new Case("simulate: NaN input", new String[] {"simulate", gruNet, "--inputs",
        in.resolve("x-nan.npy").toString(), "--out", outFile("y.npy")}, "NaN at flat index 7"));
    c.add(new Case("simulate: misshapen h0", new String[] {"simulate", gruNet, "--inputs",
        in.resolve("x-2ch.npy").toString(), "--h0", in.resolve("h0-wrong.npy").toString(), "--out", outFile("y.npy")},
        "--h0"));
    c.add(new Case("simulate: cells of a GRU", new String[] {"simulate", gruNet, "--inputs",
        in.resolve("x-2ch.npy").toString(), "--cells", outFile("c.npy"), "--out", outFile("y.npy")}, "has no cell state"));
    c.add(new Case("simulate: out under /proc", new String[] {"simulate", gruNet, "--inputs",
        in.resolve("x-2ch.npy").toString(), "--out", "/proc/y.npy"}, "/proc"));
    c.add(new Case("analyze-network: misshapen trajectory inputs", new String[] {"analyze-network", gruNet,
        "--trajectory-inputs", in.resolve("x-3ch.npy").toString()}, "--trajectory-inputs"));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputIsOneLineAndExitTwoAndChangesNothing() throws IOException {
    List<Case> cases = cases();
    assertTrue(cases.size() >= 60, "the suite covers at least 60 bad inputs; it has " + cases.size());
    return cases.stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> check(k)));
  }

  private void check(Case k) throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream processErr = new ByteArrayOutputStream();
    Cli.Outcome o;
    System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
    try {
      o = Cli.cohort(k.args());
    } finally {
      System.setErr(saved);
    }
    String what = String.join(" ", k.args()) + "\n  stderr: " + o.err() + "\n  stdout: " + o.out();
    assertEquals(2, o.exit(), what);
    List<String> lines = o.err().lines().toList();
    assertEquals(1, lines.size(), "one line: " + what);
    assertTrue(lines.get(0).startsWith("cohort: "), what);
    assertTrue(lines.get(0).contains(k.expected()), "names the problem ('" + k.expected() + "'): " + what);
    for (String text : List.of(o.err(), o.out(), processErr.toString(StandardCharsets.UTF_8))) {
      assertFalse(text.contains("\tat ") || text.contains("Exception:") || text.contains("Exception\n"),
          "no stack trace or exception name: " + text);
    }
    assertEquals(hashes, hashes(), "every input file is byte-identical after: " + what);
  }

  private Case run(String name, String specPath, String expected) {
    return new Case(name, new String[] {"run", specPath, "--out", out(name)}, expected);
  }

  private Case specCase(String name, String text, String expected) throws IOException {
    String file = specFile(name.replaceAll("[^A-Za-z0-9]+", "-") + ".yaml", text);
    return new Case("spec: " + name, new String[] {"run", file, "--out", out(name)}, expected);
  }

  private String specFile(String fileName, String text) throws IOException {
    Path p = root.resolve("specs").resolve(fileName);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p.toString();
  }

  private static String grid(String body) {
    return "study: bad\ngrid:\n  " + body + "\n";
  }

  private Case train(String name, String... overrides) {
    List<String> args = new ArrayList<>(List.of("train", "--task", "xor", "--arch", "vanilla", "--units", "4",
        "--iterations", "1", "--batch", "2", "--out", out(name) + ".h5"));
    Cli.setOptions(args, overrides);
    return new Case(name, args.toArray(String[]::new), overrides[overrides.length - 1]);
  }

  private String outFile(String name) {
    return out.resolve(name).toString();
  }

  private Case importCase(String name, String file, String expected) {
    return new Case("import: " + name, new String[] {"import", in.resolve(file).toString(), "--out",
        outFile("imported.h5")}, expected);
  }

  private static Case compare(String metric, String what, String first, String second, String expected) {
    return new Case("compare " + metric + ": " + what, new String[] {"compare", "--metric", metric, first, second},
        expected);
  }

  private String out(String name) {
    return out.resolve(name.replaceAll("[^A-Za-z0-9]+", "-")).toString();
  }

  private Map<String, String> hashes() throws Exception {
    Map<String, String> h = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(in)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        h.put(in.relativize(p).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    }
    return h;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
