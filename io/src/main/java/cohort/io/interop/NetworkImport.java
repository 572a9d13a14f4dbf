package cohort.io.interop;

import cohort.io.NetworkFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one entry point of imports: a file another framework wrote → an {@link ImportedNetwork}, by its name or,
 * failing that, its first bytes: {@code .npz}/{@code .safetensors} are PyTorch state_dicts ({@link TorchImport}),
 * {@code .h5}/{@code .hdf5} are Keras models ({@link KerasImport}). {@link #write} stores the result as a Cohort
 * network file ({@link NetworkFile#writeImported}) that every command reads.
 */
public final class NetworkImport {

  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F'};

  private NetworkImport() {}

  /**
   * Reads a network from {@code file}.
   *
   * @throws IllegalArgumentException one line naming the file, the key or layer, and what is accepted
   */
  public static ImportedNetwork read(Path file, ImportOptions options) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + ": is a directory; accepted: a .npz or .safetensors state_dict or a "
          + "Keras .h5 file (a TensorFlow SavedModel directory is not read: save with model.save(\"m.h5\"))");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".keras")) {
      throw new IllegalArgumentException(file + ": a Keras 3 .keras archive is not read; accepted: HDF5, saved with "
          + "model.save(\"m.h5\")");
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5") || (!StateDict.named(file) && startsWith(file, HDF5))) {
      return KerasImport.read(file, options);
    }
    return TorchImport.read(StateDict.read(file), options);
  }

  /** Writes {@code imported} as a Cohort network file (whole or not at all). */
  public static void write(Path out, ImportedNetwork imported) {
    NetworkFile.writeImported(out, imported.network(), imported.provenanceJson(), "imported from "
        + imported.source() + ": " + imported.module());
  }

  private static boolean startsWith(Path file, byte[] magic) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(magic.length);
      return java.util.Arrays.equals(b, magic);
    } catch (IOException e) {
      return false;
    }
  }
}
