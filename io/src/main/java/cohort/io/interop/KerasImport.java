package cohort.io.interop;

import cohort.io.Hdf5Files;
import cohort.io.Npy;
import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.InitKind;
import cohort.models.NetworkSpec;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.Lstm;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Keras model saved as HDF5 ({@code model.save("m.h5")}: the {@code model_config} JSON and
 * {@code /model_weights/LAYER/.../kernel:0}; or {@code model.save_weights("w.h5")}: weights only, the layer types
 * inferred from the shapes) holding one {@code SimpleRNN}, {@code GRU} or {@code LSTM} and one {@code Dense} readout
 * (plain or in {@code TimeDistributed}), read with jHDF, as a Cohort network computing exactly what Keras computes
 * (Keras's layer documentation and {@code keras/layers/rnn/*.py}; weights {@code [in][out]}, gates side by side
 * along the columns, which is Cohort's own orientation):
 *
 * <ul>
 *   <li>{@code SimpleRNN}: {@code h' = σ(x K + h R + b)} → {@code vanilla};</li>
 *   <li>{@code GRU(reset_after=True)}, gates z, r, h: {@code z = s(x K_z + b_z + h R_z + b'_z)}, r likewise,
 *       {@code ĥ = σ(x K_h + b_h + r ⊙ (h R_h + b'_h))}, {@code h' = z ⊙ h + (1 − z) ⊙ ĥ}, bias {@code (2, 3N)}
 *       (input row, recurrent row) → {@code gru} (PyTorch's form: the same equations in the order r, z, n);</li>
 *   <li>{@code LSTM}, gates i, f, c, o: {@code c' = f ⊙ c + i ⊙ σ(x K_c + h R_c + b_c)}, {@code h' = o ⊙ σ(c')} →
 *       {@code lstm};</li>
 *   <li>{@code Dense} (linear): {@code y = h K + b} → the readout.</li>
 * </ul>
 *
 * Refused in one line: {@code GRU(reset_after=False)} (the reset gate inside the product, a cell Cohort does not
 * have), a recurrent activation other than {@code sigmoid} (Keras 2.0–2.2's {@code hard_sigmoid}),
 * {@code Bidirectional}, {@code go_backwards}, more than one recurrent layer, a nonlinear {@code Dense} and any
 * other layer with weights.
 */
public final class KerasImport {

  private static final List<String> PASSIVE = List.of("InputLayer", "Dropout", "GaussianNoise", "GaussianDropout",
      "Masking", "SpatialDropout1D");
  private static final String ACCEPTED = "accepted: a Keras model with one SimpleRNN, GRU or LSTM and one Dense "
      + "readout, saved with model.save(\"m.h5\") or save_weights(\"w.h5\")";

  private KerasImport() {}

  /** One layer: its class, its name (the weight group's), its config (empty without a model_config) and weights. */
  private record Layer(String kind, String name, Map<?, ?> config, Map<String, Npy.Array> weights) {
    Object get(String key) {
      return config.get(key);
    }
  }

  /**
   * The network a Keras HDF5 file holds.
   *
   * @throws IllegalArgumentException one line naming the file, the layer and what is accepted
   */
  public static ImportedNetwork read(Path file, ImportOptions options) {
    try (HdfFile h5 = Hdf5Files.open(file, "Keras file")) {
      return read(file, h5, options);
    } catch (RuntimeException e) {
      throw Hdf5Files.damaged(file, "Keras file", e);
    }
  }

  private static ImportedNetwork read(Path file, HdfFile h5, ImportOptions o) {
    String where = file.toString();
    if (h5.getAttribute("format") != null) {
      throw new IllegalArgumentException(where + ": is a Cohort file (it has a 'format' attribute), not a Keras "
          + "model; " + ACCEPTED);
    }
    Group weights;
    if (h5.getChild("model_weights") instanceof Group g) {
      weights = g;
    } else if (h5.getAttribute("layer_names") != null) {
      weights = h5;
    } else {
      throw new IllegalArgumentException(where + ": no /model_weights group and no layer_names attribute, so not a "
          + "Keras HDF5 model; " + ACCEPTED);
    }
    String config = h5.getAttribute("model_config") == null ? null : text(h5.getAttribute("model_config"));
    List<Layer> layers = config == null ? fromWeights(where, weights) : fromConfig(where, config, weights);
    List<Layer> recurrent = new ArrayList<>();
    List<Layer> dense = new ArrayList<>();
    for (Layer l : layers) {
      switch (l.kind()) {
        case "SimpleRNN", "GRU", "LSTM" -> recurrent.add(l);
        case "Dense" -> {
          if (recurrent.isEmpty()) {
            throw new IllegalArgumentException(where + ": Dense layer '" + l.name() + "' comes before the recurrent "
                + "layer (an input projection Cohort's cells do not have); " + ACCEPTED);
          }
          dense.add(l);
        }
        default -> throw new IllegalArgumentException(where + ": layer '" + l.name() + "' (" + l.kind()
            + ") is not accepted; " + ACCEPTED);
      }
    }
    if (recurrent.size() != 1) {
      throw new IllegalArgumentException(where + ": " + (recurrent.isEmpty() ? "no recurrent layer" : recurrent.size()
          + " recurrent layers (" + names(recurrent) + ")") + " among its layers (" + names(layers) + "); "
          + ACCEPTED);
    }
    if (dense.size() != 1) {
      throw new IllegalArgumentException(where + ": " + (dense.isEmpty() ? "no Dense readout after the recurrent "
          + "layer" : dense.size() + " Dense layers (" + names(dense) + ")") + "; " + ACCEPTED);
    }
    return build(where, recurrent.get(0), dense.get(0), config != null, o);
  }

  private static ImportedNetwork build(String where, Layer rnn, Layer dense, boolean configured, ImportOptions o) {
    List<String> notes = new ArrayList<>();
    Npy.Array k = need(where, rnn, "kernel", 2);
    Npy.Array r = need(where, rnn, "recurrent_kernel", 2);
    int n = r.shape()[0];
    int gates = r.shape()[1] / n;
    if (r.shape()[1] % n != 0 || (gates != 1 && gates != 3 && gates != 4)) {
      throw new IllegalArgumentException(where + ": " + rnn.name() + "/recurrent_kernel has shape "
          + Arrays.toString(r.shape()) + "; accepted: [N][N] (SimpleRNN), [N][3N] (GRU) or [N][4N] (LSTM)");
    }
    String kind = configured ? rnn.kind() : gates == 1 ? "SimpleRNN" : gates == 3 ? "GRU" : "LSTM";
    int expected = kind.equals("SimpleRNN") ? 1 : kind.equals("GRU") ? 3 : 4;
    if (gates != expected) {
      throw new IllegalArgumentException(where + ": " + rnn.name() + "/recurrent_kernel has shape "
          + Arrays.toString(r.shape()) + "; a " + kind + " of " + n + " units needs [" + n + "][" + expected * n + "]");
    }
    if (k.shape()[1] != gates * n) {
      throw new IllegalArgumentException(where + ": " + rnn.name() + "/kernel has shape " + Arrays.toString(k.shape())
          + "; accepted: [I][" + gates * n + "] (the columns of its recurrent_kernel)");
    }
    Cell cell = kind.equals("SimpleRNN") ? LeakyRnn.VANILLA : kind.equals("GRU") ? Gru.CELL : Lstm.CELL;
    checkArch(where, o, cell, kind);
    Npy.Array bias = rnn.weights().get("bias");
    boolean resetAfter = bias != null && bias.shape().length == 2;
    if (kind.equals("GRU")) {
      if (Boolean.FALSE.equals(rnn.get("reset_after")) || (bias != null && !resetAfter)) {
        throw new IllegalArgumentException(where + ": GRU '" + rnn.name() + "' has reset_after=False (the reset gate "
            + "applied to h before R_h, Keras 2's old default), which Cohort's gru cannot represent exactly; "
            + "accepted: reset_after=True (TensorFlow 2's default, PyTorch's form)");
      }
      if (bias != null && (bias.shape()[0] != 2 || bias.shape()[1] != 3 * n)) {
        throw new IllegalArgumentException(where + ": " + rnn.name() + "/bias has shape "
            + Arrays.toString(bias.shape()) + "; accepted: [2][" + 3 * n + "] (reset_after=True)");
      }
    } else if (bias != null && (bias.shape().length != 1 || bias.shape()[0] != gates * n)) {
      throw new IllegalArgumentException(where + ": " + rnn.name() + "/bias has shape " + Arrays.toString(bias.shape())
          + "; accepted: [" + gates * n + "]");
    }
    if (Boolean.TRUE.equals(rnn.get("go_backwards"))) {
      throw new IllegalArgumentException(where + ": " + kind + " '" + rnn.name() + "' has go_backwards=True; "
          + "accepted: go_backwards=False");
    }
    if (gates > 1 && rnn.get("recurrent_activation") != null
        && !"sigmoid".equals(String.valueOf(rnn.get("recurrent_activation")))) {
      throw new IllegalArgumentException(where + ": " + kind + " '" + rnn.name() + "' has recurrent_activation='"
          + rnn.get("recurrent_activation") + "'; accepted: 'sigmoid' (Cohort's gates are logistic sigmoids)");
    }
    Activation act = activation(where, rnn, kind, o, notes);
    Npy.Array dk = need(where, dense, "kernel", 2);
    if (dk.shape()[0] != n) {
      throw new IllegalArgumentException(where + ": Dense '" + dense.name() + "'/kernel has shape "
          + Arrays.toString(dk.shape()) + "; accepted: [" + n + "][O] (reading the " + n + " units of '"
          + rnn.name() + "')");
    }
    Object da = dense.get("activation");
    if (da != null && !"linear".equals(String.valueOf(da))) {
      throw new IllegalArgumentException(where + ": Dense '" + dense.name() + "' has activation='" + da
          + "'; accepted: 'linear' (Cohort's readout is linear)");
    }
    int out = dk.shape()[1];
    Npy.Array db = dense.weights().get("bias");
    if (db != null && (db.shape().length != 1 || db.shape()[0] != out)) {
      throw new IllegalArgumentException(where + ": Dense '" + dense.name() + "'/bias has shape "
          + Arrays.toString(db.shape()) + "; accepted: [" + out + "]");
    }
    int in = k.shape()[0];
    NetworkSpec spec = new NetworkSpec(cell, act, in, n, out, InitKind.UNIFORM, 1.0, 1.0, 0.0, 0.0, 0);
    Parameters p = new Parameters(spec);
    double[] b = bias == null ? null : bias.data();
    if (gates == 1) {
      p.keras("W_in", k, 0);
      p.keras("W_rec", r, 0);
      p.bias("b", b, null, 0);
    } else if (gates == 3) {
      String[] cohort = {"z", "r", "n"}; // Keras's order z, r, h
      for (int g = 0; g < 3; g++) {
        p.keras("W_i" + cohort[g], k, g);
        p.keras("W_h" + cohort[g], r, g);
        p.bias("b_i" + cohort[g], b, null, g * n);
        p.bias("b_h" + cohort[g], b, null, 3 * n + g * n);
      }
    } else {
      String[] cohort = {"i", "f", "g", "o"}; // Keras's order i, f, c, o
      for (int g = 0; g < 4; g++) {
        p.keras("W_i" + cohort[g], k, g);
        p.keras("W_h" + cohort[g], r, g);
        p.bias("b_i" + cohort[g], b, null, g * n);
      }
    }
    p.keras("W_out", dk, 0);
    p.bias("b_out", db == null ? null : db.data(), null, 0);
    String module = kind + "(" + n + (gates == 1 || act != Activation.TANH ? ", activation='"
        + (act == Activation.IDENTITY ? "linear" : act.id()) + "'" : "") + (gates == 3 ? ", reset_after=True" : "")
        + (bias == null ? ", use_bias=False" : "") + ") on " + in + " inputs + Dense(" + out + ")";
    String tensors = rnn.name() + "/{" + String.join(", ", rnn.weights().keySet()) + "}, " + dense.name() + "/{"
        + String.join(", ", dense.weights().keySet()) + "}";
    return new ImportedNetwork(p.network(), "keras", where, module, tensors, notes);
  }

  private static void checkArch(String where, ImportOptions o, Cell cell, String kind) {
    if (o.architecture() == null) {
      return;
    }
    String a = o.architecture().strip().toLowerCase(Locale.ROOT);
    boolean fits = switch (a) {
      case "rnn", "vanilla", "simplernn", "simple-rnn" -> cell == LeakyRnn.VANILLA;
      case "gru" -> cell == Gru.CELL;
      case "lstm" -> cell == Lstm.CELL;
      default -> throw new IllegalArgumentException(where + ": --arch " + o.architecture() + " is not accepted for a "
          + "Keras model; accepted: rnn (SimpleRNN), gru, lstm");
    };
    if (!fits) {
      throw new IllegalArgumentException(where + ": --arch " + o.architecture() + " does not fit its recurrent layer, "
          + "a " + kind + "; accepted: " + cell.id());
    }
  }

  private static Activation activation(String where, Layer rnn, String kind, ImportOptions o, List<String> notes) {
    Object told = rnn.get("activation");
    if (told == null) {
      if (o.activation() != null) {
        return o.activation();
      }
      notes.add("a weights-only file does not record the activation: assumed tanh (pass --activation otherwise)");
      return Activation.TANH;
    }
    String name = String.valueOf(told);
    Activation a;
    try {
      a = Activation.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + kind + " '" + rnn.name() + "' has activation='" + name
          + "'; accepted: tanh, relu, softplus, linear");
    }
    if (o.activation() != null && o.activation() != a) {
      throw new IllegalArgumentException(where + ": --activation " + o.activation().id() + ": the file says " + kind + " '"
          + rnn.name() + "' has activation='" + name + "'; leave --activation out");
    }
    return a;
  }

  private static Npy.Array need(String where, Layer l, String name, int dims) {
    Npy.Array a = l.weights().get(name);
    if (a == null) {
      throw new IllegalArgumentException(where + ": layer '" + l.name() + "' (" + l.kind() + ") has no " + name
          + " weight (found " + (l.weights().isEmpty() ? "none" : String.join(", ", l.weights().keySet())) + ")");
    }
    if (a.shape().length != dims) {
      throw new IllegalArgumentException(where + ": " + l.name() + "/" + name + " has shape "
          + Arrays.toString(a.shape()) + "; accepted: a " + dims + "-D array");
    }
    return a;
  }

  /** The layers of a {@code model_config} (Sequential or functional), wrappers unwrapped, passive layers dropped. */
  private static List<Layer> fromConfig(String where, String json, Group weights) {
    Object doc;
    try {
      doc = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": its model_config is not JSON (" + e.getMessage() + ")");
    }
    Object cfg = doc instanceof Map<?, ?> m ? m.get("config") : null;
    Object list = cfg instanceof Map<?, ?> c ? c.get("layers") : cfg;
    if (!(list instanceof List<?> layerList)) {
      throw new IllegalArgumentException(where + ": its model_config lists no layers; " + ACCEPTED);
    }
    List<Layer> layers = new ArrayList<>();
    for (Object item : layerList) {
      if (!(item instanceof Map<?, ?> layer) || !(layer.get("config") instanceof Map<?, ?> config)) {
        continue;
      }
      String kind = String.valueOf(layer.get("class_name"));
      String name = String.valueOf(config.get("name"));
      if (kind.equals("TimeDistributed") && config.get("layer") instanceof Map<?, ?> inner
          && inner.get("config") instanceof Map<?, ?> innerConfig) {
        kind = String.valueOf(inner.get("class_name"));
        config = innerConfig;
      }
      if (kind.equals("Bidirectional")) {
        throw new IllegalArgumentException(where + ": layer '" + name + "' is Bidirectional; accepted: a "
            + "unidirectional SimpleRNN, GRU or LSTM");
      }
      Map<String, Npy.Array> w = weightsOf(weights, name);
      if (PASSIVE.contains(kind) || (kind.equals("Activation") && "linear".equals(config.get("activation")))) {
        continue;
      }
      layers.add(new Layer(kind, name, config, w));
    }
    return layers;
  }

  /** The layers of a weights-only file: each group with weights, typed by its tensors. */
  private static List<Layer> fromWeights(String where, Group weights) {
    List<Layer> layers = new ArrayList<>();
    List<String> order = new ArrayList<>(layerNames(weights));
    for (String child : weights.getChildren().keySet()) {
      if (!order.contains(child)) {
        order.add(child);
      }
    }
    for (String layer : order) {
      if (!(weights.getChild(layer) instanceof Group child)) {
        continue;
      }
      Map<String, Npy.Array> w = weightsOf(weights, child.getName());
      if (w.isEmpty()) {
        continue;
      }
      String kind = w.containsKey("recurrent_kernel") ? "recurrent" : w.containsKey("kernel") ? "Dense" : "unknown";
      if (kind.equals("recurrent")) {
        int n = w.get("recurrent_kernel").shape()[0];
        int g = w.get("recurrent_kernel").shape().length == 2 ? w.get("recurrent_kernel").shape()[1] / n : 0;
        kind = g == 1 ? "SimpleRNN" : g == 3 ? "GRU" : g == 4 ? "LSTM" : "recurrent layer of shape "
            + Arrays.toString(w.get("recurrent_kernel").shape());
      }
      layers.add(new Layer(kind, child.getName(), Map.of(), w));
    }
    return layers;
  }

  /** The layer_names attribute (the model's order), or none. */
  private static List<String> layerNames(Group weights) {
    Attribute a = weights.getAttribute("layer_names");
    Object v = a == null ? null : a.getData();
    List<String> names = new ArrayList<>();
    if (v instanceof String[] s) {
      names.addAll(Arrays.asList(s));
    } else if (v instanceof String s) {
      names.add(s);
    }
    return names;
  }

  /** Every dataset under {@code /…/NAME}, by its last name without {@code :0} (kernel, recurrent_kernel, bias). */
  private static Map<String, Npy.Array> weightsOf(Group weights, String name) {
    Map<String, Npy.Array> out = new LinkedHashMap<>();
    if (weights.getChild(name) instanceof Group g) {
      collect(g, out);
    }
    return out;
  }

  private static void collect(Group g, Map<String, Npy.Array> out) {
    for (Node child : g.getChildren().values()) {
      if (child instanceof Group sub) {
        collect(sub, out);
      } else if (child instanceof Dataset d) {
        String key = d.getName();
        int colon = key.indexOf(':');
        out.put(colon >= 0 ? key.substring(0, colon) : key, array(d));
      }
    }
  }

  private static Npy.Array array(Dataset d) {
    Object flat = d.getDataFlat();
    if (!(flat instanceof double[] || flat instanceof float[])) {
      throw new IllegalArgumentException(d.getHdfFile().getFile() + ": dataset " + d.getPath() + " holds " + d.getJavaType().getSimpleName()
          + " values; accepted: float32 or float64 weights");
    }
    return new Npy.Array(d.getDimensions(), Hdf5Files.doubles(flat));
  }

  private static String text(Attribute a) {
    Object v = a.getData();
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] s && s.length == 1) {
      return s[0];
    }
    if (v instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    return String.valueOf(v);
  }

  private static String names(List<Layer> layers) {
    List<String> s = new ArrayList<>();
    for (Layer l : layers) {
      s.add(l.name() + " (" + l.kind() + ")");
    }
    return s.isEmpty() ? "none" : String.join(", ", s);
  }
}
