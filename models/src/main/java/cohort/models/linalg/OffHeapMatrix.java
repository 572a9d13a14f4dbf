package cohort.models.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A flat row-major float buffer outside the Java heap, the operand type of {@link OpenBlas}: OpenBLAS reads and
 * writes it in place, whereas a Java {@code float[]} handed to native code is copied on every call (JNI
 * {@code GetFloatArrayElements}). Java code moves whole rows in and out with {@link #put} and {@link #get}
 * (intrinsic bulk copies, no allocation, no JNI). The memory is a direct {@link ByteBuffer} in native order, freed
 * when this object is garbage collected. Not thread-safe: it belongs to one workspace.
 */
public final class OffHeapMatrix {
  private final FloatBuffer buffer;
  /** The same memory as {@link #buffer}, for the BLAS calls; its position is set per call. */
  final FloatPointer pointer;
  private final int length;

  /** A zero-filled buffer of {@code length} floats. */
  public OffHeapMatrix(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length: " + length + " is not accepted; must be ≥ 1");
    }
    this.length = length;
    this.buffer = ByteBuffer.allocateDirect(4 * length).order(ByteOrder.nativeOrder()).asFloatBuffer();
    this.pointer = new FloatPointer(buffer);
  }

  /** Number of floats. */
  public int length() {
    return length;
  }

  /** {@code this[at + i] ← src[from + i]} for {@code i < count}; {@code src} not modified. */
  public void put(int at, float[] src, int from, int count) {
    buffer.put(at, src, from, count);
  }

  /** {@code dst[from + i] ← this[at + i]} for {@code i < count}; this buffer not modified. */
  public void get(int at, float[] dst, int from, int count) {
    buffer.get(at, dst, from, count);
  }

  /** Element {@code at} (the pure-Java product's access). */
  float get(int at) {
    return buffer.get(at);
  }

  /** Sets element {@code at} (the pure-Java product's access). */
  void set(int at, float value) {
    buffer.put(at, value);
  }

  /** The pointer at element {@code offset} (the same pointer object, repositioned). */
  FloatPointer at(int offset) {
    return pointer.position(offset);
  }
}
