package cohort.io.interop;

import cohort.io.JsonText;
import cohort.io.Npy;
import cohort.io.OutputPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code .safetensors} files (the format {@code safetensors.torch.save_file} writes): an 8-byte
 * little-endian header length, a JSON header mapping each tensor name to {@code {"dtype", "shape",
 * "data_offsets": [begin, end]}} (offsets into the byte buffer that follows) and an optional
 * {@code "__metadata__"} map of strings, then the raw little-endian, C-order tensors. Reads F64, F32, F16, BF16 and
 * the integer and bool dtypes (as double); writes F32. No dependency on the {@code safetensors} package: the format
 * is small enough to read by hand (https://github.com/huggingface/safetensors, "Format").
 */
public final class SafeTensors {

  /** What a file holds: its tensors by name (in header order) and its {@code __metadata__}. */
  public record Contents(Map<String, Npy.Array> tensors, Map<String, String> metadata) {
    public Contents {
      tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
      metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  /** The dtypes read, in the words of the format. */
  static final String ACCEPTED = "F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL";

  private SafeTensors() {}

  /**
   * Reads a {@code .safetensors} file.
   *
   * @throws IllegalArgumentException one line naming the file, the tensor and what is wrong
   */
  public static Contents read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("safetensors file " + file + ": cannot be read ("
          + OutputPaths.reason(e) + ")");
    }
    String where = "safetensors file " + file;
    if (all.length < 8) {
      throw new IllegalArgumentException(where + ": " + all.length + " bytes, shorter than the 8-byte header length;"
          + " accepted: a file written by safetensors' save_file");
    }
    long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > all.length - 8) {
      throw new IllegalArgumentException(where + ": header length " + headerLength + " does not fit a file of "
          + all.length + " bytes; not a safetensors file (accepted: a file written by safetensors' save_file)");
    }
    String header = new String(all, 8, (int) headerLength, StandardCharsets.UTF_8);
    Object doc;
    try {
      doc = Json.parse(header);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": its header is not JSON (" + e.getMessage() + ")");
    }
    if (!(doc instanceof Map<?, ?> entries)) {
      throw new IllegalArgumentException(where + ": its header is not a JSON object");
    }
    int base = 8 + (int) headerLength;
    Map<String, Npy.Array> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.equals("__metadata__")) {
        if (e.getValue() instanceof Map<?, ?> m) {
          m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
        }
        continue;
      }
      tensors.put(name, tensor(where + ": tensor '" + name + "'", e.getValue(), all, base));
    }
    return new Contents(tensors, metadata);
  }

  private static Npy.Array tensor(String what, Object entry, byte[] all, int base) {
    if (!(entry instanceof Map<?, ?> m) || !(m.get("dtype") instanceof String dtype)
        || !(m.get("shape") instanceof List<?> shapeList) || !(m.get("data_offsets") instanceof List<?> offsets)
        || offsets.size() != 2) {
      throw new IllegalArgumentException(what + ": needs dtype, shape and data_offsets [begin, end]");
    }
    int width = switch (dtype) {
      case "F64", "I64" -> 8;
      case "F32", "I32" -> 4;
      case "F16", "BF16", "I16" -> 2;
      case "I8", "U8", "BOOL" -> 1;
      default -> throw new IllegalArgumentException(what + ": dtype " + dtype + " is not accepted; accepted: "
          + ACCEPTED);
    };
    int[] shape = new int[shapeList.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      if (!(shapeList.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(what + ": shape " + shapeList + " is not a list of sizes");
      }
      shape[i] = (int) (long) d;
      count *= d;
    }
    if (!(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
      throw new IllegalArgumentException(what + ": data_offsets " + offsets + " are not two whole numbers");
    }
    if (end - begin != count * width) {
      throw new IllegalArgumentException(what + ": data_offsets " + offsets + " hold " + (end - begin)
          + " bytes; its shape " + shapeList + " and dtype " + dtype + " need " + count * width);
    }
    if (begin < 0 || base + end > all.length) {
      throw new IllegalArgumentException(what + ": data_offsets " + offsets + " lie outside the file ("
          + (all.length - base) + " bytes of data); the file is truncated");
    }
    ByteBuffer b = ByteBuffer.wrap(all, base + (int) (long) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[(int) count];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (dtype) {
        case "F64" -> b.getDouble();
        case "F32" -> b.getFloat();
        case "F16" -> Npy.halfToDouble(b.getShort());
        case "BF16" -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
        case "I64" -> b.getLong();
        case "I32" -> b.getInt();
        case "I16" -> b.getShort();
        case "I8" -> b.get();
        default -> b.get() & 0xff;
      };
    }
    return new Npy.Array(shape, v);
  }

  /**
   * Writes {@code tensors} as float32 with {@code metadata} as {@code __metadata__}, whole or not at all (a temporary
   * file in the same directory, renamed into place).
   *
   * @throws UncheckedIOException if it cannot be written (nothing is left behind)
   */
  public static void write(Path file, Map<String, Npy.Array> tensors, Map<String, String> metadata) {
    StringBuilder h = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      h.append("\"__metadata__\":{");
      int i = 0;
      for (Map.Entry<String, String> m : metadata.entrySet()) {
        h.append(i++ > 0 ? "," : "").append(JsonText.quote(m.getKey())).append(':')
            .append(JsonText.quote(m.getValue()));
      }
      h.append('}');
    }
    long offset = 0;
    for (Map.Entry<String, Npy.Array> t : tensors.entrySet()) {
      h.append(h.length() > 1 ? "," : "").append(JsonText.quote(t.getKey())).append(":{\"dtype\":\"F32\",\"shape\":[");
      int[] shape = t.getValue().shape();
      for (int d = 0; d < shape.length; d++) {
        h.append(d > 0 ? "," : "").append(shape[d]);
      }
      long bytes = 4L * t.getValue().data().length;
      h.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
      offset += bytes;
    }
    h.append('}');
    byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (header.length + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(header);
    for (int i = header.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    for (Npy.Array a : tensors.values()) {
      for (double v : a.data()) {
        out.putFloat((float) v);
      }
    }
    OutputPaths.writeAtomically(file, out.array());
  }
}
