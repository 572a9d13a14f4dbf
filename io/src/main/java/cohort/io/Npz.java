package cohort.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip of {@code .npy} files, one per named array, as {@code numpy.savez} (stored)
 * and {@code numpy.savez_compressed} (deflated) write them and {@code numpy.load} reads them. Arrays are read as
 * {@link Npy.Array}s in C order, by name (the entry name without {@code .npy}).
 */
public final class Npz {

  private Npz() {}

  /**
   * The arrays of an {@code .npz} file, by name, in the archive's order.
   *
   * @throws IllegalArgumentException one line naming the file (and the entry) when it is not a readable archive of
   *     float .npy arrays
   */
  public static Map<String, Npy.Array> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("npz file " + file + ": no such file; accepted: an archive written by "
          + "numpy.savez or numpy.savez_compressed");
    }
    Map<String, Npy.Array> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        String name = e.getName();
        if (!name.endsWith(".npy")) {
          throw new IllegalArgumentException("npz file " + file + ": entry '" + name + "' is not a .npy array");
        }
        byte[] bytes = zip.readAllBytes();
        String key = name.substring(0, name.length() - 4);
        out.put(key, Npy.parse(bytes, file + ":" + key));
      }
    } catch (ZipException e) {
      throw new IllegalArgumentException("npz file " + file + ": not a zip archive (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("npz file " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("npz file " + file + ": holds no array; accepted: an archive written by "
          + "numpy.savez");
    }
    return out;
  }

  /**
   * Writes {@code arrays} as an uncompressed {@code .npz} (what {@code numpy.savez} writes), each as float32 or
   * float64, whole or not at all (a temporary file renamed into place).
   */
  public static void write(Path file, Map<String, Npy.Array> arrays, boolean float32) {
    Path target = file.toAbsolutePath();
    Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
        + Hdf5Files.TEMP_SUFFIX);
    try {
      try (OutputStream os = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(os)) {
        for (Map.Entry<String, Npy.Array> a : arrays.entrySet()) {
          byte[] bytes = Npy.bytes(a.getValue(), float32);
          ZipEntry e = new ZipEntry(a.getKey() + ".npy");
          e.setMethod(ZipEntry.STORED);
          e.setSize(bytes.length);
          CRC32 crc = new CRC32();
          crc.update(bytes);
          e.setCrc(crc.getValue());
          zip.putNextEntry(e);
          zip.write(bytes);
          zip.closeEntry();
        }
      }
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new java.io.UncheckedIOException("cannot write " + target + " (" + OutputPaths.reason(e) + ")", e);
    }
  }

}
