package cohort.study.store;

import cohort.io.Hdf5Files;
import cohort.io.OutputPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The files of one study on disk:
 *
 * <pre>
 * DIR/spec.yaml        the spec as the user wrote it
 * DIR/spec.json        the spec as canonical JSON (defaults filled in): the study's identity
 * DIR/runs/ID.h5       one file per finished run (whole: written under a temporary name and renamed)
 * DIR/runs/.ID.claim   held (OS file lock) by the process training run ID; see {@link RunClaim}
 * DIR/runs/ID.h5.damaged  a run file found damaged, moved aside so that the run is trained again
 * DIR/study.h5         all runs and the population results, consolidated by {@code cohort merge}
 * DIR/.merge.lock      held (OS file lock) by the process consolidating study.h5; see {@link StudyMerger}
 * DIR/report/          figures and index.html, by {@code cohort report}
 * </pre>
 */
public final class StudyDirectory {

  private final Path root;

  public StudyDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path runsDir() {
    return root.resolve("runs");
  }

  public Path runFile(String runId) {
    return runsDir().resolve(runId + ".h5");
  }

  public boolean hasRun(String runId) {
    return Files.isRegularFile(runFile(runId));
  }

  /** The file whose OS lock a consolidation holds, so that consolidations of one study take turns. */
  public Path mergeLock() {
    return root.resolve(".merge.lock");
  }

  public Path specYaml() {
    return root.resolve("spec.yaml");
  }

  public Path specJson() {
    return root.resolve("spec.json");
  }

  public Path studyFile() {
    return root.resolve("study.h5");
  }

  public Path reportDir() {
    return root.resolve("report");
  }

  /** Whether {@code DIR/spec.json} exists, i.e. a study was started here. */
  public boolean exists() {
    return Files.isRegularFile(specJson());
  }

  /**
   * Creates the directory for a study with this spec, or checks that the study already there is the same one.
   *
   * @throws IllegalArgumentException if the directory holds another study
   */
  public void claim(String specText, String canonicalJson) {
    OutputPaths.requireWritableDirectory(root, "--out");
    try {
      if (exists()) {
        String there = Files.readString(specJson(), StandardCharsets.UTF_8);
        if (!there.equals(canonicalJson)) {
          throw new IllegalArgumentException("--out " + root + " holds another study (its spec.json differs from "
              + "this spec); accepted: the same spec to resume it, or a new directory");
        }
        return;
      }
      Files.createDirectories(runsDir());
      writeAtomically(specYaml(), specText);
      writeAtomically(specJson(), canonicalJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("--out " + root + ": cannot create the study there ("
          + OutputPaths.reason(e) + ")");
    }
  }

  /** The spec text of a study started here. */
  public String specText() {
    if (!exists()) {
      throw new IllegalArgumentException(root + " is not a study directory (no spec.json); accepted: a directory "
          + "made by 'cohort run SPEC --out DIR'");
    }
    try {
      return Files.readString(specYaml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + specYaml() + ": " + e.getMessage(), e);
    }
  }

  /** The ids of the finished runs on disk, sorted. */
  public List<String> finishedRunIds() {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(runsDir())) {
      return ids;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(runsDir(), "*.h5")) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".")) {
          ids.add(name.substring(0, name.length() - 3));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runsDir() + ": " + e.getMessage(), e);
    }
    Collections.sort(ids);
    return ids;
  }

  /** Where a damaged run file is moved: {@code runs/ID.h5.damaged}, or {@code .damaged.2}, ... if taken. */
  public Path moveAside(String runId) {
    Path from = runFile(runId);
    Path to = runsDir().resolve(runId + ".h5" + DAMAGED_SUFFIX);
    for (int k = 2; Files.exists(to); k++) {
      to = runsDir().resolve(runId + ".h5" + DAMAGED_SUFFIX + "." + k);
    }
    try {
      Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the damaged run file " + from + " aside: " + e.getMessage(), e);
    }
    return to;
  }

  /** The run files moved aside as damaged ({@code runs/*.h5.damaged*}), sorted. */
  public List<Path> setAside() {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(runsDir())) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(runsDir(), "*.h5" + DAMAGED_SUFFIX + "*")) {
      files.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runsDir() + ": " + e.getMessage(), e);
    }
    Collections.sort(out);
    return out;
  }

  /** The suffix of a run file moved aside as damaged. */
  public static final String DAMAGED_SUFFIX = ".damaged";

  /**
   * Writes {@code text} under a temporary name unique to this process and call, then renames it into place: two
   * processes starting the same study at once (a job array) each write a whole file, and the last rename wins
   * with the same content.
   */
  private static void writeAtomically(Path file, String text) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + System.nanoTime() + Hdf5Files.TEMP_SUFFIX);
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
