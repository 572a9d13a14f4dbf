package cohort.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  @TempDir Path dir;

  @Test
  void float64AndFloat32RoundTrip() {
    double[] v = {1.5, -2.25, 3e-300, 4, 5, 6};
    Path f = dir.resolve("a.npy");
    Npy.write(f, new int[] {2, 3}, v);
    Npy.Array a = Npy.read(f);
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(v, a.data());
    Path g = dir.resolve("b.npy");
    Npy.writeFloat32(g, new int[] {6}, v);
    Npy.Array b = Npy.read(g);
    assertArrayEquals(new int[] {6}, b.shape());
    for (int i = 0; i < v.length; i++) {
      assertEquals((float) v[i], b.data()[i]);
    }
  }

  @Test
  void headerIsPaddedToSixtyFourBytes() throws Exception {
    Path f = dir.resolve("c.npy");
    Npy.write(f, new int[] {3, 4, 5}, new double[60]);
    byte[] bytes = Files.readAllBytes(f);
    int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertEquals(0, (10 + headerLen) % 64);
    assertEquals(10 + headerLen + 60 * 8, bytes.length);
  }

  @Test
  void readsNumpyFilesIncludingFortranOrderFloat32() throws Exception {
    byte[] x;
    try (InputStream in = NpyTest.class.getResourceAsStream("/reference/geom_X.npy")) {
      x = in.readAllBytes();
    }
    Npy.Array a = Npy.parse(x, "geom_X.npy");
    assertArrayEquals(new int[] {300, 40}, a.shape());
    byte[] op;
    try (InputStream in = NpyTest.class.getResourceAsStream("/reference/dsa_A_operator.npy")) {
      op = in.readAllBytes();
    }
    // the reference operator is float32 in Fortran order; written back in C order it must read the same
    Npy.Array o = Npy.parse(op, "dsa_A_operator.npy");
    assertArrayEquals(new int[] {6, 6}, o.shape());
    Path f = dir.resolve("op.npy");
    Npy.write(f, o.shape(), o.data());
    assertArrayEquals(o.data(), Npy.read(f).data());
    // row-major check: the fortran reorder must not equal the raw (column-major) value order
    assertTrue(o.data()[1] != o.data()[6] || o.data()[2] != o.data()[12]);
  }

  @Test
  void badFilesAreRejectedWithOneLine() throws Exception {
    Path missing = dir.resolve("missing.npy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(missing));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
    Path junk = dir.resolve("junk.npy");
    Files.writeString(junk, "hello world, not numpy");
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(junk));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    Path ints = dir.resolve("ints.npy");
    Npy.write(ints, new int[] {2}, new double[] {1, 2});
    byte[] b = Files.readAllBytes(ints);
    String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f8", "<c8");
    Files.write(ints, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(ints));
    assertTrue(e.getMessage().contains("dtype <c8 (accepted: float64, float32, float16, integer or bool"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  /** Integer, bool and float16 arrays (weights a state_dict may hold) are read as doubles. */
  @Test
  void integerBoolAndHalfArraysAreRead() throws Exception {
    byte[] f32 = Npy.bytes(new Npy.Array(new int[] {2}, new double[] {1, -2}), true);
    String header = new String(f32, java.nio.charset.StandardCharsets.ISO_8859_1);
    Path ints = dir.resolve("i4.npy");
    Files.write(ints, header.replace("<f4", "<i4").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertArrayEquals(new double[] {Float.floatToIntBits(1f), Float.floatToIntBits(-2f)}, Npy.read(ints).data());
    Path halves = dir.resolve("f2.npy");
    Files.write(halves, header.replace("<f4", "<f2").replace("(2,)", "(4,)")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    // 1f = 0x3f800000 → halves 0x0000 (0) and 0x3f80 (1.875); -2f = 0xc0000000 → 0x0000 and 0xc000 (-2)
    assertArrayEquals(new double[] {0, 1.875, 0, -2}, Npy.read(halves).data());
    Path bools = dir.resolve("b1.npy");
    Files.write(bools, header.replace("<f4", "|b1").replace("(2,)", "(8,)")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(8, Npy.read(bools).data().length);
  }

  /** An .npz written here is what numpy.load reads, and one numpy.savez_compressed writes is read here. */
  @Test
  void npzRoundTripsWithNumPy() throws Exception {
    Path mine = dir.resolve("mine.npz");
    java.util.Map<String, Npy.Array> arrays = new java.util.LinkedHashMap<>();
    arrays.put("weight_hh_l0", new Npy.Array(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6.5}));
    arrays.put("bias", new Npy.Array(new int[] {3}, new double[] {-1, 0.25, 7}));
    Npz.write(mine, arrays, true);
    assertEquals(arrays, Npz.read(mine));
    Path theirs = dir.resolve("theirs.npz");
    String script = String.join("\n",
        "import numpy as np, sys",
        "d = np.load(sys.argv[1])",
        "print(sorted(d.files), d['weight_hh_l0'].dtype, d['weight_hh_l0'].tolist(), d['bias'].tolist())",
        "np.savez_compressed(sys.argv[2], a=np.arange(6.0).reshape(2, 3), b=np.float32([1.5, -2]))");
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, mine.toString(), theirs.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(0, p.waitFor(), out);
    assertEquals("['bias', 'weight_hh_l0'] float32 [[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]] [-1.0, 0.25, 7.0]", out);
    java.util.Map<String, Npy.Array> back = Npz.read(theirs);
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, back.get("a").data());
    assertArrayEquals(new int[] {2, 3}, back.get("a").shape());
    assertArrayEquals(new double[] {1.5, -2}, back.get("b").data());
    assertEquals(back.get("b"), ArraySource.load(theirs + ":b"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ArraySource.load(theirs + ":c"));
    assertTrue(missing.getMessage().contains("no array 'c'") && missing.getMessage().contains("a, b"),
        missing.getMessage());
  }
}
