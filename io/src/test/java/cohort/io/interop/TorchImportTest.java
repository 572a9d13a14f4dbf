package cohort.io.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.Npy;
import cohort.io.Npz;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a state_dict may not be, one message each (the exactness of what it may be is {@link TorchInteropTest}'s),
 * and the safetensors dtypes.
 */
class TorchImportTest {

  @TempDir Path dir;

  static final int N = 4;
  static final int I = 2;

  /** A valid nn.GRU + nn.Linear state_dict with prefix rnn and fc. */
  static Map<String, Npy.Array> gru() {
    Map<String, Npy.Array> m = new LinkedHashMap<>();
    m.put("rnn.weight_ih_l0", array(3 * N, I));
    m.put("rnn.weight_hh_l0", array(3 * N, N));
    m.put("rnn.bias_ih_l0", array(3 * N));
    m.put("rnn.bias_hh_l0", array(3 * N));
    m.put("fc.weight", array(3, N));
    m.put("fc.bias", array(3));
    return m;
  }

  static Npy.Array array(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(1.7 * i + shape.length);
    }
    return new Npy.Array(shape, v);
  }

  private String refused(Map<String, Npy.Array> sd, ImportOptions o) {
    Path f = dir.resolve("sd" + System.nanoTime() + ".npz");
    Npz.write(f, sd, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkImport.read(f, o));
    assertTrue(!e.getMessage().contains("\n") && e.getMessage().startsWith(f.toString())
        || e.getMessage().startsWith("--"), e.getMessage());
    return e.getMessage();
  }

  private String refused(Map<String, Npy.Array> sd) {
    return refused(sd, ImportOptions.none());
  }

  @Test
  void whatOneCellAndOneReadoutCannotBeIsRefusedInOneLine() {
    Map<String, Npy.Array> two = gru();
    two.put("rnn.weight_ih_l1", array(3 * N, N));
    two.put("rnn.weight_hh_l1", array(3 * N, N));
    assertTrue(refused(two).contains("rnn.weight_ih_l1 belongs to layer 1 of a stacked recurrent layer (num_layers > 1);"
        + " accepted: num_layers=1"), refused(two));

    Map<String, Npy.Array> bi = gru();
    bi.put("rnn.weight_ih_l0_reverse", array(3 * N, I));
    assertTrue(refused(bi).contains("rnn.weight_ih_l0_reverse belongs to a bidirectional layer"), refused(bi));

    Map<String, Npy.Array> proj = gru();
    proj.put("rnn.weight_hr_l0", array(2, N));
    assertTrue(refused(proj).contains("proj_size"), refused(proj));

    Map<String, Npy.Array> noReadout = gru();
    noReadout.remove("fc.weight");
    noReadout.remove("fc.bias");
    assertTrue(refused(noReadout).contains("no nn.Linear readout: no 2-D PREFIX.weight with 4 columns"),
        refused(noReadout));

    Map<String, Npy.Array> twoReadouts = gru();
    twoReadouts.put("decoder.weight", array(5, N));
    String msg = refused(twoReadouts);
    assertTrue(msg.contains("2 candidates for the nn.Linear readout: 'fc' (fc.weight), 'decoder' (decoder.weight); "
        + "pass --readout-prefix"), msg);
    assertEquals(5, NetworkImport.read(save(twoReadouts), new ImportOptions(null, null, 0, null, "decoder."))
        .network().spec().outputs());

    Map<String, Npy.Array> badHh = gru();
    badHh.put("rnn.weight_hh_l0", array(2 * N, N));
    assertTrue(refused(badHh).contains("rnn.weight_hh_l0 has shape [8, 4]; accepted: [N][N] (nn.RNN), [3N][N]"),
        refused(badHh));

    Map<String, Npy.Array> badIh = gru();
    badIh.put("rnn.weight_ih_l0", array(2 * N, I));
    assertTrue(refused(badIh).contains("rnn.weight_ih_l0 has shape [8, 2]; accepted: [12][I]"), refused(badIh));

    Map<String, Npy.Array> badBias = gru();
    badBias.put("rnn.bias_hh_l0", array(N));
    assertTrue(refused(badBias).contains("rnn.bias_hh_l0 has shape [4]; accepted: [12]"), refused(badBias));

    Map<String, Npy.Array> missing = gru();
    missing.remove("rnn.weight_ih_l0");
    assertTrue(refused(missing).contains("has no weight_ih tensor"), refused(missing));

    Map<String, Npy.Array> none = new LinkedHashMap<>();
    none.put("conv.weight", array(3, 3));
    assertTrue(refused(none).contains("no recurrent layer among its keys (conv.weight)"), refused(none));

    assertTrue(refused(gru(), new ImportOptions("lstm", null, 0, null, null)).contains("--arch lstm does not fit "
        + "rnn.weight_hh_l0, whose 12 rows are 3 gates of 4 units, as in nn.GRU; accepted: gru"));
    assertTrue(refused(gru(), new ImportOptions(null, null, 0, "encoder", null)).contains("--rnn-prefix encoder: no "
        + "recurrent layer has this prefix; found 'rnn' (rnn.weight_hh_l0)"));
  }

  private Path save(Map<String, Npy.Array> sd) {
    Path f = dir.resolve("ok" + System.nanoTime() + ".safetensors");
    SafeTensors.write(f, sd, Map.of());
    return f;
  }

  @Test
  void keysWithoutDotsAndWithoutPrefixAndCellsAreFound() {
    Map<String, Npy.Array> underscored = new LinkedHashMap<>();
    gru().forEach((k, v) -> underscored.put(k.replace('.', '_'), v)); // the W4 peer's np.savez keys
    assertEquals(3, NetworkImport.read(save(underscored), ImportOptions.none()).network().spec().outputs());
    Map<String, Npy.Array> cell = new LinkedHashMap<>(); // nn.GRUCell + nn.Linear as attributes cell, out
    gru().forEach((k, v) -> cell.put(k.replace("rnn.", "cell.").replace("_l0", "").replace("fc.", "out."), v));
    assertEquals(4, NetworkImport.read(save(cell), ImportOptions.none()).network().spec().hidden());
  }

  @Test
  void safetensorsDtypesAreReadAndUnknownOnesNamed() throws Exception {
    // hand-made: F16 [1.5, -0.1], BF16 [0.1], F64 [0.1], I32 [-3]
    String header = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]},"
        + "\"c\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[6,14]},"
        + "\"d\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[14,18]}}";
    ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 18).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length()).put(header.getBytes(StandardCharsets.UTF_8));
    b.putShort((short) 0x3e00).putShort((short) 0xae66); // 1.5, -0.0999755859375
    b.putShort((short) 0x3dcd); // bf16 of 0.1 = 0.10009765625
    b.putDouble(0.1).putInt(-3);
    Path f = dir.resolve("dtypes.safetensors");
    Files.write(f, b.array());
    SafeTensors.Contents c = SafeTensors.read(f);
    assertArrayEquals(new double[] {1.5, -0.0999755859375}, c.tensors().get("a").data());
    assertArrayEquals(new double[] {0.10009765625}, c.tensors().get("b").data());
    assertArrayEquals(new int[] {1, 1}, c.tensors().get("c").shape());
    assertArrayEquals(new double[] {0.1}, c.tensors().get("c").data());
    assertArrayEquals(new double[] {-3}, c.tensors().get("d").data());
    assertEquals("pt", c.metadata().get("format"));

    Path bad = dir.resolve("c64.safetensors");
    Files.write(bad, b.array());
    byte[] bytes = Files.readAllBytes(bad);
    String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\"F64\"", "\"C64\"");
    Files.write(bad, text.getBytes(StandardCharsets.ISO_8859_1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(bad));
    assertTrue(e.getMessage().contains("tensor 'c': dtype C64 is not accepted; accepted: F64, F32, F16, BF16"),
        e.getMessage());
    Path truncated = dir.resolve("truncated.safetensors");
    Files.write(truncated, java.util.Arrays.copyOf(b.array(), b.array().length - 5));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(truncated)).getMessage()
        .contains("truncated"));
    Path text2 = dir.resolve("text.safetensors");
    Files.writeString(text2, "this is not a safetensors file at all");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(text2)).getMessage()
        .contains("not a safetensors file"));
  }
}
