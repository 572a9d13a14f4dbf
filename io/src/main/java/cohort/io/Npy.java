package cohort.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1–3): float64, float32, float16, integer and bool
 * arrays on reading (either byte order, C or Fortran order), little-endian C-order float64 or float32 on writing: the
 * formats in which Python users hand activity to {@code cohort compare} and weights to {@code cohort import}. Values are returned as double in C (row-major)
 * order. Malformed files raise {@link IllegalArgumentException} naming the file and what is accepted.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * An n-dimensional array of doubles in C order.
   *
   * @param shape the dimensions (empty for a scalar)
   * @param data the values, product(shape) of them
   */
  public record Array(int[] shape, double[] data) {
    public Array {
      long n = 1;
      for (int d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException("npy shape: got a negative dimension " + d + "; accepted: >= 0");
        }
        n *= d;
      }
      if (n != data.length) {
        throw new IllegalArgumentException("npy data: got " + data.length + " values for shape "
            + java.util.Arrays.toString(shape) + "; accepted: exactly the product of the shape");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Array a && java.util.Arrays.equals(a.shape, shape) && java.util.Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(shape) + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Npy.Array" + java.util.Arrays.toString(shape);
    }
  }

  /** Reads a .npy file. */
  public static Array read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("npy file " + file + ": not found; accepted: an existing .npy file");
    } catch (IOException e) {
      throw new IllegalArgumentException("npy file " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    return parse(all, file.toString());
  }

  /** Parses the bytes of a .npy file; {@code name} is used in error messages. */
  public static Array parse(byte[] all, String name) {
    if (all.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(all, 6), MAGIC)) {
      throw bad(name, "not a NumPy .npy file (magic string missing)");
    }
    int major = all[6];
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = (all[8] & 0xff) | (all[9] & 0xff) << 8;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (all.length < 12) {
        throw bad(name, "truncated header");
      }
      headerLen = ByteBuffer.wrap(all, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      start = 12;
    } else {
      throw bad(name, "format version " + major + " (accepted: 1, 2, 3)");
    }
    if (headerLen < 0 || start + headerLen > all.length) {
      throw bad(name, "truncated header");
    }
    String header = new String(all, start, headerLen,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher order = ORDER.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !order.find() || !shape.find()) {
      throw bad(name, "header without descr/fortran_order/shape: " + header.trim());
    }
    String type = descr.group(1);
    if (type.length() < 3 || "<>|=".indexOf(type.charAt(0)) < 0 || "fiub".indexOf(type.charAt(1)) < 0) {
      throw bad(name, "dtype " + type + " (accepted: float64, float32, float16, integer or bool arrays, e.g. '<f8', "
          + "'<f4')");
    }
    ByteOrder byteOrder = type.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    char kind = type.charAt(1);
    int width;
    try {
      width = Integer.parseInt(type.substring(2));
    } catch (NumberFormatException e) {
      throw bad(name, "dtype " + type + " (accepted: float64, float32, float16, integer or bool arrays)");
    }
    boolean known = kind == 'f' ? width == 2 || width == 4 || width == 8
        : kind == 'b' ? width == 1 : width == 1 || width == 2 || width == 4 || width == 8;
    if (!known) {
      throw bad(name, "dtype " + type + " (accepted: float64, float32, float16, integer or bool arrays)");
    }
    int[] dims = dimensions(name, shape.group(1));
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    int dataStart = start + headerLen;
    if ((long) all.length - dataStart < n * width) {
      throw bad(name, "holds " + (all.length - dataStart) / width + " values but its shape "
          + java.util.Arrays.toString(dims) + " needs " + n);
    }
    if (n > Integer.MAX_VALUE - 16) {
      throw bad(name, "too large (" + n + " values)");
    }
    ByteBuffer b = ByteBuffer.wrap(all, dataStart, all.length - dataStart).order(byteOrder);
    double[] values = new double[(int) n];
    for (int i = 0; i < n; i++) {
      values[i] = value(b, kind, width);
    }
    boolean fortran = order.group(1).equals("True");
    return new Array(dims, fortran && dims.length > 1 ? fromFortran(values, dims) : values);
  }

  /**
   * The dimensions in a header's shape tuple, e.g. {@code "3, 4"}, {@code "5,"} or {@code ""} (a scalar); Python 2
   * writers add an {@code L} to each.
   */
  private static int[] dimensions(String name, String tuple) {
    String[] parts = tuple.split(",");
    int[] dims = new int[parts.length];
    int count = 0;
    for (String p : parts) {
      if (p.isBlank()) {
        continue;
      }
      try {
        dims[count++] = Integer.parseInt(p.trim().replace("L", ""));
      } catch (NumberFormatException e) {
        throw bad(name, "shape entry '" + p.trim() + "' is not an integer");
      }
    }
    return java.util.Arrays.copyOf(dims, count);
  }

  /** One element of dtype kind {@code f}, {@code i}, {@code u} or {@code b} and {@code width} bytes, as a double. */
  private static double value(ByteBuffer b, char kind, int width) {
    if (kind == 'f') {
      return width == 8 ? b.getDouble() : width == 4 ? b.getFloat() : halfToDouble(b.getShort());
    }
    long v = switch (width) {
      case 1 -> kind == 'i' ? b.get() : b.get() & 0xffL;
      case 2 -> kind == 'i' ? b.getShort() : b.getShort() & 0xffffL;
      case 4 -> kind == 'i' ? b.getInt() : b.getInt() & 0xffffffffL;
      default -> b.getLong();
    };
    return kind == 'u' && width == 8 && v < 0 ? v + 0x1p64 : v;
  }

  /** An IEEE 754 half-precision value (its 16 bits) as a double. */
  public static double halfToDouble(short bits) {
    int sign = (bits >>> 15) & 1;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    double magnitude;
    if (exponent == 0) {
      magnitude = mantissa * 0x1p-24;
    } else if (exponent == 31) {
      magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      magnitude = (1 + mantissa / 1024.0) * Math.scalb(1.0, exponent - 15);
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  /** Writes a little-endian float64, C-order .npy file (format 1.0). */
  public static void write(Path file, int[] shape, double[] data) {
    writeImpl(file, new Array(shape.clone(), data), false);
  }

  /** Writes a little-endian float32, C-order .npy file (values rounded to float). */
  public static void writeFloat32(Path file, int[] shape, double[] data) {
    writeImpl(file, new Array(shape.clone(), data), true);
  }

  private static void writeImpl(Path file, Array a, boolean f32) {
    try {
      OutputPaths.writeAtomically(file, bytes(a, f32));
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("npy file " + file + ": cannot be written (" + OutputPaths.reason(e.getCause())
          + ")");
    }
  }

  /** The bytes of a little-endian, C-order .npy file (format 1.0) holding {@code a}, as float32 or float64. */
  public static byte[] bytes(Array a, boolean float32) {
    StringBuilder sh = new StringBuilder("(");
    for (int i = 0; i < a.shape().length; i++) {
      sh.append(a.shape()[i]);
      if (a.shape().length == 1 || i < a.shape().length - 1) {
        sh.append(i < a.shape().length - 1 ? ", " : ",");
      }
    }
    sh.append(')');
    StringBuilder header = new StringBuilder("{'descr': '" + (float32 ? "<f4" : "<f8")
        + "', 'fortran_order': False, 'shape': " + sh + ", }");
    int total = 10 + header.length() + 1;
    int pad = (64 - total % 64) % 64;
    header.append(" ".repeat(pad)).append('\n');
    byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    int width = float32 ? 4 : 8;
    ByteBuffer out = ByteBuffer.allocate(10 + h.length + a.data().length * width).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put(new byte[] {1, 0, (byte) (h.length & 0xff), (byte) (h.length >>> 8)}).put(h);
    for (double v : a.data()) {
      if (float32) {
        out.putFloat((float) v);
      } else {
        out.putDouble(v);
      }
    }
    return out.array();
  }

  private static double[] fromFortran(double[] f, int[] dims) {
    double[] c = new double[f.length];
    int nd = dims.length;
    int[] idx = new int[nd];
    long[] stride = new long[nd];
    long s = 1;
    for (int a = 0; a < nd; a++) {
      stride[a] = s;
      s *= dims[a];
    }
    for (int lin = 0; lin < f.length; lin++) {
      long off = 0;
      for (int a = 0; a < nd; a++) {
        off += idx[a] * stride[a];
      }
      c[lin] = f[(int) off];
      for (int a = nd - 1; a >= 0; a--) {
        if (++idx[a] < dims[a]) {
          break;
        }
        idx[a] = 0;
      }
    }
    return c;
  }

  private static IllegalArgumentException bad(String name, String what) {
    return new IllegalArgumentException("npy file " + name + ": " + what);
  }
}
