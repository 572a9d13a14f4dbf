package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.store.RunClaim;
import cohort.study.store.StudyDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cohort status} on a directory that several machines write into. */
class StatusCommandTest {

  @TempDir Path dir;

  @Test
  void statusShowsRunsPerHostWhoRunsWhatAndTheThroughputOfEveryHostTogether() throws Exception {
    Path spec = spec("hosts", 4, "fixed_points: false, probe_trials: 2");
    Path out = dir.resolve("study");
    Cli.Outcome half = cohort("run", spec.toString(), "--out", out.toString(), "--shard", "0/2", "--workers", "1");
    assertEquals(0, half.exit(), half.err());
    List<String> left = runIds(spec, "--shard", "1/2");
    // another machine holds the claim of one of the runs left (its claim file names it, as a live process would)
    try (RunClaim elsewhere = RunClaim.tryClaim(new StudyDirectory(out), left.get(0), "node-b pid 42").orElseThrow()) {
      Cli.Outcome status = cohort("status", out.toString());
      assertEquals(0, status.exit(), status.err());
      String text = status.out();
      assertTrue(text.contains("4 runs, 2 done (0 failed), 1 running, 1 left"), text);
      assertTrue(text.contains("running: " + left.get(0) + " on node-b pid 42"), text);
      assertTrue(text.contains("; node-b 0 done, 1 running"), text);
      assertTrue(text.matches("(?s).*hosts: \\S+ 2 done, 0 running; .*"), text);
      assertTrue(text.contains("networks/h, every host together"), text);
      assertTrue(text.contains("time left: about"), text);
    }
  }

  @Test
  void aResumedStudyRemovesTheClaimFileAKilledProcessLeftOnADoneRunButNotOneStillHeld() throws Exception {
    Path spec = spec("claims", 2, "fixed_points: false");
    Path out = dir.resolve("claims");
    Cli.Outcome first = cohort("run", spec.toString(), "--out", out.toString(), "--workers", "1");
    assertEquals(0, first.exit(), first.err());
    StudyDirectory d = new StudyDirectory(out);
    List<String> ids = runIds(spec);
    // a claim file left by a process killed after storing the run (no lock: its process is gone) ...
    Files.writeString(RunClaim.file(d, ids.get(0)), "node-a pid 7\n");
    // ... and one whose holder is still about to delete it
    try (RunClaim held = RunClaim.tryClaim(d, ids.get(1), "node-b pid 8").orElseThrow()) {
      Cli.Outcome again = cohort("run", spec.toString(), "--out", out.toString(), "--workers", "1");
      assertEquals(0, again.exit(), again.err());
      assertTrue(Files.notExists(RunClaim.file(d, ids.get(0))), "the dead process's claim file is gone");
      assertTrue(Files.exists(RunClaim.file(d, ids.get(1))), "a held claim is its holder's to delete");
    }
  }

  /** {@code s.yaml}: study {@code name} of {@code seeds} two-bit flip-flop networks (vanilla, 4 units). */
  private Path spec(String name, int seeds, String analysis) throws IOException {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, """
        study: %s
        seed: 1
        grid: {task: {flipflop: {bits: 2, steps: 10}}, architecture: vanilla, units: 4, seeds: %d}
        training: {iterations: 2, batch: 2}
        analysis: {%s}
        """.formatted(name, seeds, analysis));
    return spec;
  }

  /** The ids of the runs {@code cohort run SPEC OPTIONS --dry-run} lists. */
  private static List<String> runIds(Path spec, String... options) {
    List<String> args = new ArrayList<>(List.of("run", spec.toString()));
    args.addAll(List.of(options));
    args.add("--dry-run");
    return cohort(args.toArray(String[]::new)).out().lines().filter(l -> l.contains("seed="))
        .map(l -> l.substring(0, l.indexOf(' '))).toList();
  }
}
