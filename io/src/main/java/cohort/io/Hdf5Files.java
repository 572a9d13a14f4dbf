package cohort.io;

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
 * Every reader goes through {@link #open}, which checks the file first, so a damaged or foreign file is named in
 * one line instead of failing deep inside jhdf.
 */
public final class Hdf5Files {

  /** The suffix of the temporary file a write goes to before its rename. */
  public static final String TEMP_SUFFIX = ".tmp";

  private Hdf5Files() {}

  /**
   * A dataset's flat values ({@link Dataset#getDataFlat()}) as doubles: float64 as they are, float32 and int32
   * widened exactly, int64 rounded beyond 2⁵³; null for any other type.
   */
  public static double[] doubles(Object flat) {
    if (flat instanceof double[] d) {
      return d;
    }
    double[] out;
    if (flat instanceof float[] f) {
      out = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i];
      }
    } else if (flat instanceof int[] n) {
      out = new double[n.length];
      for (int i = 0; i < n.length; i++) {
        out[i] = n[i];
      }
    } else if (flat instanceof long[] n) {
      out = new double[n.length];
      for (int i = 0; i < n.length; i++) {
        out[i] = n[i];
      }
    } else {
      out = null;
    }
    return out;
  }

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
      Files.createDirectories(target.getParent());
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
        throw new UncheckedIOException("cannot write " + target + " (" + OutputPaths.reason(io) + ")", io);
      }
      if (e instanceof io.jhdf.exceptions.HdfWritingException w) {
        Throwable cause = w.getCause();
        String why = cause instanceof IOException io ? OutputPaths.reason(io)
            : cause != null && cause.getMessage() != null ? cause.getMessage() : w.getMessage();
        throw new UncheckedIOException("cannot write " + target + " (" + why + ")", new IOException(w));
      }
      throw (RuntimeException) e;
    }
  }

  /** The eight bytes every HDF5 file's superblock starts with. */
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /**
   * Why {@code file} is not a complete HDF5 file, from its superblock alone, or {@code null} when its header is
   * sound: no HDF5 signature (at 0 or at a user-block offset 512, 1024, 2048, ...), a superblock checksum that does
   * not match (versions 2 and 3), or fewer bytes than the end-of-file address the superblock declares (a truncated
   * file; HDF5 File Format Specification 3.0, §II.A). Cheap: reads at most a few kilobytes.
   */
  public static String problem(Path file) {
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (Files.isDirectory(file)) {
      return "a directory, not a file";
    }
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.READ)) {
      long size = ch.size();
      for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(96).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int read = ch.read(b, at);
        if (read < SIGNATURE.length) {
          break;
        }
        b.flip();
        boolean match = true;
        for (int i = 0; i < SIGNATURE.length; i++) {
          match &= b.get(i) == SIGNATURE[i];
        }
        if (match) {
          return superblockProblem(b, at, size);
        }
      }
      return size == 0 ? "empty (0 bytes), not an HDF5 file" : "not an HDF5 file (no HDF5 signature)";
    } catch (IOException e) {
      return "cannot be read (" + e.getMessage() + ")";
    }
  }

  private static String superblockProblem(java.nio.ByteBuffer b, long at, long size) {
    int version = b.get(8) & 0xff;
    int offsets;
    int eofAt;
    int baseAt;
    if (version <= 1) {
      offsets = b.get(13) & 0xff;
      baseAt = version == 0 ? 24 : 28;
      eofAt = baseAt + 2 * offsets;
    } else if (version <= 3) {
      offsets = b.get(9) & 0xff;
      baseAt = 12;
      eofAt = baseAt + 2 * offsets;
      int checksumAt = baseAt + 4 * offsets;
      if (b.limit() < checksumAt + 4) {
        return "truncated inside its superblock";
      }
      byte[] header = new byte[checksumAt];
      b.get(0, header);
      if (io.jhdf.checksum.ChecksumUtils.checksum(header) != b.getInt(checksumAt)) {
        return "damaged (its superblock checksum does not match)";
      }
    } else {
      return "an HDF5 file with superblock version " + version + ", which is not supported";
    }
    if (offsets != 8 && offsets != 4) {
      return "damaged (superblock offset size " + offsets + ")";
    }
    if (b.limit() < eofAt + offsets) {
      return "truncated inside its superblock";
    }
    long base = offsets == 8 ? b.getLong(baseAt) : b.getInt(baseAt) & 0xffffffffL;
    long eof = offsets == 8 ? b.getLong(eofAt) : b.getInt(eofAt) & 0xffffffffL;
    long end = (base == -1 ? at : base) + eof;
    if (size < end) {
      return "truncated (" + size + " of the " + end + " bytes its superblock declares)";
    }
    return null;
  }

  /**
   * Checks that {@code file} is a complete HDF5 file before anything reads it.
   *
   * @param what how the command line names the file, e.g. {@code "run file"} or {@code "network file"}
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  public static void requireHdf5(Path file, String what) {
    String problem = problem(file);
    if (problem != null) {
      throw new IllegalArgumentException(what + " " + file + ": " + problem + "; accepted: an HDF5 file written whole"
          + " (by Cohort or h5py)");
    }
  }

  /**
   * Opens {@code file} for reading after {@link #requireHdf5}: one line naming the file, never a jhdf stack trace,
   * when it is not a complete HDF5 file.
   */
  public static HdfFile open(Path file, String what) {
    requireHdf5(file, what);
    try {
      return new HdfFile(file);
    } catch (RuntimeException e) {
      throw damaged(file, what, e);
    }
  }

  /**
   * The one-line error for a file that passed {@link #requireHdf5} but failed while being read (a damaged object
   * header, a missing attribute, a dataset of the wrong type): it names the file and what the reader said.
   */
  public static IllegalArgumentException damaged(Path file, String what, RuntimeException e) {
    if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
        && iae.getMessage().contains(file.toString())) {
      return iae;
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int newline = reason.indexOf('\n');
    if (newline >= 0) {
      reason = reason.substring(0, newline);
    }
    return new IllegalArgumentException(what + " " + file + ": damaged or not written by Cohort (" + reason + ")");
  }

  /**
   * Reads every attribute and dataset of {@code file}, so that a file damaged anywhere fails here, named, rather
   * than halfway through a merge.
   *
   * @throws IllegalArgumentException one line naming the file and the first object that could not be read
   */
  public static void verify(Path file, String what) {
    try (HdfFile h5 = open(file, what)) {
      verifyGroup(h5);
    } catch (RuntimeException e) {
      throw damaged(file, what, e);
    }
  }

  private static void verifyGroup(Group g) {
    g.getAttributes().values().forEach(Attribute::getData);
    for (Node child : g.getChildren().values()) {
      child.getAttributes().values().forEach(Attribute::getData);
      if (child instanceof Dataset d) {
        d.getData();
      } else if (child instanceof Group sub) {
        verifyGroup(sub);
      }
    }
  }

  /**
   * Removes the temporaries that killed writers of {@code file} left beside it (never those of other files, which
   * another process may be writing); returns how many.
   */
  public static int deleteTemporaries(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    int n = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.newDirectoryStream(dir, "." + file.getFileName() + ".*" + TEMP_SUFFIX)) {
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
