package cohort.io.interop;

import cohort.io.Npy;
import cohort.io.Npz;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A PyTorch {@code state_dict} as Python users hand it over without pickles: an {@code .npz} archive
 * ({@code np.savez(f, **{k: v.numpy() for k, v in sd.items()})}) or a {@code .safetensors} file
 * ({@code safetensors.torch.save_file(sd, f)}), tensors by key in file order, with the safetensors
 * {@code __metadata__} (empty for {@code .npz}).
 *
 * @param source the file
 * @param tensors by key (e.g. {@code rnn.weight_ih_l0}), C order
 * @param metadata the safetensors {@code __metadata__}
 */
public record StateDict(Path source, Map<String, Npy.Array> tensors, Map<String, String> metadata) {

  /** The two Python lines that write a state_dict Cohort reads, for messages and help. */
  public static final String HOW = "np.savez('m.npz', **{k: v.numpy() for k, v in model.state_dict().items()}) or "
      + "safetensors.torch.save_file(model.state_dict(), 'm.safetensors')";

  public StateDict {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Whether {@code file} looks like a state_dict by its name ({@code .npz}, {@code .safetensors}). */
  public static boolean named(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".npz") || n.endsWith(".safetensors");
  }

  /**
   * Reads {@code .npz} or {@code .safetensors}.
   *
   * @throws IllegalArgumentException one line naming the file and what is accepted
   */
  public static StateDict read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".bin") || n.endsWith(".ckpt")) {
      throw new IllegalArgumentException(file + ": a pickled PyTorch file cannot be read without Python; accepted: "
          + ".npz or .safetensors, written by " + HOW);
    }
    boolean zip = startsWithZip(file);
    if (n.endsWith(".npz") || (zip && !n.endsWith(".safetensors"))) {
      return new StateDict(file, Npz.read(file), Map.of());
    }
    SafeTensors.Contents c = SafeTensors.read(file);
    return new StateDict(file, c.tensors(), c.metadata());
  }

  private static boolean startsWithZip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(2);
      return b.length == 2 && b[0] == 'P' && b[1] == 'K';
    } catch (IOException e) {
      return false;
    }
  }
}
