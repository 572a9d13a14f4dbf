package cohort.study.store;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * HDF5 plumbing shared by Cohort's result files (jhdf 0.9.4): whole-or-nothing writes and group copies.
 *
 * <p>jhdf builds a file in memory and writes it on close; {@link #writeAtomically} writes it under a temporary
 * name in the target's directory and renames it into place, so a result file that exists is always complete and a
 * killed process leaves at most a hidden {@code .tmp} file, which {@link #deleteTemporaries} removes.
 */
public final class Hdf5Files {

  static final String TEMP_SUFFIX = ".tmp";

  private Hdf5Files() {}

  /**
   * Writes a new HDF5 file at {@code file} with {@code content}, replacing any existing file atomically.
   *
   * @throws UncheckedIOException if it cannot be written; no partial file is left behind
   */
  public static void writeAtomically(Path file, Consumer<WritableHdfFile> content) {
    Path target = file.toAbsolutePath();
    Path temp = target.getParent().resolve(
        "." + target.getFileName() + "." + Long.toHexString(new SplittableRandom().nextLong()) + TEMP_SUFFIX);
    try {
      try (WritableHdfFile h5 = HdfFile.write(temp)) {
        content.accept(h5);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write " + target + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Removes the temporaries that killed writers left in {@code dir}; returns how many. */
  public static int deleteTemporaries(Path dir) {
    int n = 0;
    try (var files = Files.newDirectoryStream(dir, "." + "*" + TEMP_SUFFIX)) {
      for (Path p : files) {
        Files.deleteIfExists(p);
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
    }
    return n;
  }

  /** Copies every attribute of {@code from} onto {@code to}. */
  public static void copyAttributes(Node from, WritableNode to) {
    for (Map.Entry<String, Attribute> e : from.getAttributes().entrySet()) {
      to.putAttribute(e.getKey(), e.getValue().getData());
    }
  }

  /** Copies the attributes, datasets and sub-groups of {@code from} into {@code to}, recursively. */
  public static void copyGroup(Group from, WritableGroup to) {
    copyAttributes(from, to);
    for (Node child : from.getChildren().values()) {
      if (child instanceof Dataset d) {
        WritableDataset w = to.putDataset(child.getName(), d.getData());
        copyAttributes(d, w);
      } else if (child instanceof Group g) {
        copyGroup(g, to.putGroup(child.getName()));
      }
    }
  }
}
