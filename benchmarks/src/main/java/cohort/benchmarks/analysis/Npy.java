package cohort.benchmarks.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A minimal reader of NumPy's {@code .npz} archives (a zip of {@code .npy} files; format: NEP 1, "A simple file
 * format for NumPy arrays"): little-endian {@code <f4} or {@code <f8} arrays in C order, returned as float. Enough
 * for the PyTorch peer's saved state dict, nothing more.
 */
final class Npy {

  private Npy() {}

  /** One array: its shape and its values in C order. */
  record Array(int[] shape, float[] values) {

    /** This array, after checking that its shape is {@code expected}. */
    Array expect(int... expected) {
      if (!Arrays.equals(shape, expected)) {
        throw new IllegalArgumentException("npy shape: got " + Arrays.toString(shape) + "; accepted: "
            + Arrays.toString(expected));
      }
      return this;
    }
  }

  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /** Every array of the archive, keyed by entry name (e.g. {@code rnn_weight_hh_l0.npy}). */
  static Map<String, Array> readNpz(Path file) throws IOException {
    Map<String, Array> out = new HashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        try (InputStream in = zip.getInputStream(e)) {
          out.put(e.getName(), parse(e.getName(), in.readAllBytes()));
        }
      }
    }
    return out;
  }

  private static Array parse(String name, byte[] bytes) {
    if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N' || bytes[2] != 'U') {
      throw new IllegalArgumentException("npy " + name + ": not a .npy file (magic \\x93NUMPY missing)");
    }
    int major = bytes[6];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = major == 1 ? (b.getShort(8) & 0xffff) : b.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IllegalArgumentException("npy " + name + ": unreadable header " + header.trim());
    }
    if (f.group(1).equals("True")) {
      throw new IllegalArgumentException("npy " + name + ": fortran_order True; accepted: C order");
    }
    String[] dims = s.group(1).split(",");
    int count = 1;
    int k = 0;
    int[] shape = new int[dims.length];
    for (String dim : dims) {
      if (!dim.isBlank()) {
        shape[k] = Integer.parseInt(dim.trim());
        count *= shape[k];
        k++;
      }
    }
    shape = Arrays.copyOf(shape, k);
    float[] v = new float[count];
    b.position(start + headerLength);
    switch (d.group(1)) {
      case "<f4" -> b.asFloatBuffer().get(v);
      case "<f8" -> {
        for (int i = 0; i < count; i++) {
          v[i] = (float) b.getDouble();
        }
      }
      default -> throw new IllegalArgumentException("npy " + name + ": dtype " + d.group(1)
          + "; accepted: <f4 or <f8");
    }
    return new Array(shape, v);
  }
}
