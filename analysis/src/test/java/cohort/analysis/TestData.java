package cohort.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixtures: a minimal NPY reader (little-endian float64/float32, C order) and lookups in the golden
 * {@code reference/scores.json}, both read from the test class path (copies of /work/shared/reference).
 */
public final class TestData {
  private TestData() {}

  /** A loaded array: shape and values in C order. */
  public record Npy(int[] shape, double[] data) {}

  public static Npy npy(String name) {
    try (InputStream in = TestData.class.getResourceAsStream("/reference/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /reference/" + name);
      }
      byte[] all = in.readAllBytes();
      int major = all[6];
      int headerLen;
      int start;
      if (major == 1) {
        headerLen = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        start = 10;
      } else {
        headerLen = ByteBuffer.wrap(all, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        start = 12;
      }
      String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
      Matcher descr = Pattern.compile("'descr':\\s*'([^']+)'").matcher(header);
      Matcher shape = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
      boolean fortran = header.contains("'fortran_order': True");
      if (!descr.find() || !shape.find()) {
        throw new IllegalStateException("unsupported npy header " + header);
      }
      String[] parts = shape.group(1).split(",");
      int count = 0;
      for (String p : parts) {
        if (!p.isBlank()) {
          count++;
        }
      }
      int[] dims = new int[count];
      int k = 0;
      long n = 1;
      for (String p : parts) {
        if (!p.isBlank()) {
          dims[k] = Integer.parseInt(p.trim());
          n *= dims[k++];
        }
      }
      ByteBuffer b = ByteBuffer.wrap(all, start + headerLen, all.length - start - headerLen)
          .order(ByteOrder.LITTLE_ENDIAN);
      double[] out = new double[(int) n];
      if (descr.group(1).equals("<f8")) {
        for (int i = 0; i < n; i++) {
          out[i] = b.getDouble();
        }
      } else if (descr.group(1).equals("<f4")) {
        for (int i = 0; i < n; i++) {
          out[i] = b.getFloat();
        }
      } else {
        throw new IllegalStateException("unsupported dtype " + descr.group(1));
      }
      return new Npy(dims, fortran ? fromFortran(out, dims) : out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reorders a column-major (Fortran) array into C order. */
  static double[] fromFortran(double[] f, int[] dims) {
    double[] c = new double[f.length];
    int nd = dims.length;
    int[] idx = new int[nd];
    for (int lin = 0; lin < f.length; lin++) {
      // idx is the C-order multi-index of lin; Fortran offset has the first axis fastest
      long off = 0;
      long stride = 1;
      for (int a = 0; a < nd; a++) {
        off += idx[a] * stride;
        stride *= dims[a];
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

  /** A 2-D reference array as a similarity Matrix. */
  public static cohort.analysis.similarity.Matrix matrix(String name) {
    Npy a = npy(name);
    return new cohort.analysis.similarity.Matrix(a.shape()[0], a.shape()[1], a.data());
  }

  private static String scores() {
    try (InputStream in = TestData.class.getResourceAsStream("/reference/scores.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The number stored under {@code "key"} inside the JSON object {@code "section"} of scores.json. */
  public static double score(String section, String key) {
    String s = scores();
    int at = s.indexOf("\"" + section + "\"");
    if (at < 0) {
      throw new IllegalStateException("no section " + section);
    }
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\\s*([-0-9.eE+]+)").matcher(s);
    if (!m.find(at)) {
      throw new IllegalStateException("no key " + key + " in " + section);
    }
    return Double.parseDouble(m.group(1));
  }

  /** The integer array stored under {@code "key"} inside {@code "section"}. */
  public static int[] ints(String section, String key) {
    String s = scores();
    int at = s.indexOf("\"" + section + "\"");
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\\s*\\[([^\\]]*)\\]").matcher(s);
    if (!m.find(at)) {
      throw new IllegalStateException("no key " + key + " in " + section);
    }
    String[] parts = m.group(1).split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Integer.parseInt(parts[i].trim());
    }
    return out;
  }
}
