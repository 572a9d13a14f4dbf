package cohort.io.interop;

import cohort.io.Npy;
import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.InitKind;
import cohort.models.NetworkSpec;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.Lstm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PyTorch {@code state_dict} (read from {@code .npz} or {@code .safetensors}, see {@link StateDict}) of one
 * single-layer, unidirectional {@code nn.RNN}, {@code nn.GRU} or {@code nn.LSTM} (or their {@code *Cell}) and one
 * {@code nn.Linear} readout, as a Cohort network computing exactly what the modules compute (PyTorch's
 * documentation of each module; weights {@code [out][in]}, gates stacked along the rows):
 *
 * <ul>
 *   <li>{@code nn.RNN}: {@code h' = σ(W_ih x + b_ih + W_hh h + b_hh)}, σ = tanh or relu → {@code vanilla},
 *       {@code W_in = W_ihᵀ}, {@code W_rec = W_hhᵀ}, {@code b = b_ih + b_hh};</li>
 *   <li>{@code nn.GRU}, gates r, z, n: {@code r = s(W_ir x + b_ir + W_hr h + b_hr)}, {@code z} likewise,
 *       {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}, {@code h' = (1 − z) ⊙ n + z ⊙ h} → {@code gru}, whose
 *       equations are these, both biases kept;</li>
 *   <li>{@code nn.LSTM}, gates i, f, g, o: {@code c' = f ⊙ c + i ⊙ g}, {@code h' = o ⊙ tanh(c')} → {@code lstm},
 *       state {@code [h; c]};</li>
 *   <li>{@code nn.Linear}: {@code y = W h + b} → {@code W_out = Wᵀ}, {@code b_out = b}.</li>
 * </ul>
 *
 * Keys may carry any prefix ({@code rnn.weight_ih_l0}, {@code model.gru.weight_ih_l0}, or {@code rnn_weight_ih_l0}
 * when dots were replaced); more than one layer, {@code bidirectional=True} and {@code proj_size > 0} are refused
 * in one line saying what was found.
 */
public final class TorchImport {

  /** {@code PREFIX.weight_ih_l0} and friends: prefix, kind, layer, reverse. */
  private static final Pattern RNN_KEY =
      Pattern.compile("^(.*?)[._]?(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)(?:_l(\\d+)(_reverse)?)?$");
  private static final Pattern LINEAR_WEIGHT = Pattern.compile("^(.*?)[._]?weight$");
  private static final String ACCEPTED = "accepted: the state_dict of one single-layer nn.RNN, nn.GRU or nn.LSTM "
      + "(PREFIX.weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0) and one nn.Linear readout (PREFIX.weight, "
      + "PREFIX.bias)";

  private TorchImport() {}

  /**
   * The network a {@code state_dict} holds.
   *
   * @throws IllegalArgumentException one line naming the key, what was found and what is accepted
   */
  public static ImportedNetwork read(StateDict sd, ImportOptions options) {
    String where = sd.source().toString();
    Map<String, Npy.Array> t = sd.tensors();
    Map<String, Map<String, String>> layers = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (String key : t.keySet()) {
      Matcher m = RNN_KEY.matcher(key);
      if (!m.matches()) {
        continue;
      }
      String prefix = m.group(1);
      String problem = null;
      if (m.group(2).equals("weight_hr")) {
        problem = key + " is a projection (nn.LSTM with proj_size > 0); accepted: proj_size=0";
      } else if (m.group(4) != null) {
        problem = key + " belongs to a bidirectional layer (bidirectional=True); accepted: bidirectional=False";
      } else if (m.group(3) != null && !m.group(3).equals("0")) {
        problem = key + " belongs to layer " + m.group(3) + " of a stacked recurrent layer (num_layers > 1); "
            + "accepted: num_layers=1";
      }
      if (problem != null) {
        problems.putIfAbsent(prefix, problem);
      }
      layers.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(m.group(2), key);
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException(where + ": no recurrent layer among its keys (" + list(t.keySet()) + "); "
          + ACCEPTED);
    }
    String prefix = choose(where, "recurrent layer", "--rnn-prefix", layers.keySet(), options.rnnPrefix(),
        p -> layers.get(p).getOrDefault("weight_hh", layers.get(p).values().iterator().next()));
    if (problems.containsKey(prefix)) {
      throw new IllegalArgumentException(where + ": " + problems.get(prefix));
    }
    Map<String, String> keys = layers.get(prefix);
    for (String needed : List.of("weight_ih", "weight_hh")) {
      if (!keys.containsKey(needed)) {
        throw new IllegalArgumentException(where + ": the recurrent layer '" + prefix + "' has no " + needed
            + " tensor (found " + String.join(", ", keys.values()) + "); " + ACCEPTED);
      }
    }
    if (keys.containsKey("bias_ih") != keys.containsKey("bias_hh")) {
      throw new IllegalArgumentException(where + ": the recurrent layer '" + prefix + "' has only one of bias_ih and "
          + "bias_hh (" + String.join(", ", keys.values()) + "); accepted: both (bias=True) or neither (bias=False)");
    }
    Npy.Array whh = t.get(keys.get("weight_hh"));
    Npy.Array wih = t.get(keys.get("weight_ih"));
    shape2(where, keys.get("weight_hh"), whh, "[G·N][N]");
    shape2(where, keys.get("weight_ih"), wih, "[G·N][I]");
    int n = whh.shape()[1];
    int gates = whh.shape()[0] / n;
    if (whh.shape()[0] % n != 0 || (gates != 1 && gates != 3 && gates != 4)) {
      throw new IllegalArgumentException(where + ": " + keys.get("weight_hh") + " has shape "
          + Arrays.toString(whh.shape()) + "; accepted: [N][N] (nn.RNN), [3N][N] (nn.GRU) or [4N][N] (nn.LSTM)");
    }
    if (wih.shape()[0] != gates * n) {
      throw new IllegalArgumentException(where + ": " + keys.get("weight_ih") + " has shape "
          + Arrays.toString(wih.shape()) + "; accepted: [" + gates * n + "][I], the rows of "
          + keys.get("weight_hh") + " " + Arrays.toString(whh.shape()));
    }
    int in = wih.shape()[1];
    double[] bih = bias(where, t, keys.get("bias_ih"), gates * n);
    double[] bhh = bias(where, t, keys.get("bias_hh"), gates * n);
    List<String> notes = new ArrayList<>();
    Cell cell = cell(where, keys.get("weight_hh"), gates, n, options, sd.metadata(), notes);
    Activation act = activation(gates, options, sd.metadata(), cell, notes);
    Readout readout = readout(where, t, prefix, n, options.readoutPrefix());
    double alpha = cell == LeakyRnn.CTRNN ? alphaOf(options, sd.metadata()) : 1.0;
    NetworkSpec spec = new NetworkSpec(cell, act, in, n, readout.outputs(), cell == LeakyRnn.CTRNN ? InitKind.NORMAL
        : InitKind.UNIFORM, 1.0, alpha, 0.0, 0.0, 0);
    Parameters p = new Parameters(spec);
    String module;
    if (gates == 1) {
      p.torch("W_in", wih, 0);
      p.torch("W_rec", whh, 0);
      p.bias("b", bih, bhh, 0);
      module = "nn.RNN(" + in + ", " + n + ", nonlinearity='" + act.id() + "')"
          + (cell == LeakyRnn.CTRNN ? " as the Euler step of a CTRNN, α = " + alpha : "");
    } else {
      String[] names = gates == 3 ? new String[] {"r", "z", "n"} : new String[] {"i", "f", "g", "o"};
      for (int g = 0; g < gates; g++) {
        p.torch("W_i" + names[g], wih, g);
        p.torch("W_h" + names[g], whh, g);
        p.bias("b_i" + names[g], bih, null, g * n);
        p.bias("b_h" + names[g], bhh, null, g * n);
      }
      module = (gates == 3 ? "nn.GRU(" : "nn.LSTM(") + in + ", " + n + ")";
    }
    if (bih == null) {
      module = module.replace(")", ", bias=False)");
    }
    p.torch("W_out", readout.weight(), 0);
    p.bias("b_out", readout.bias(), null, 0);
    module += " + nn.Linear(" + n + ", " + readout.outputs() + (readout.bias() == null ? ", bias=False" : "") + ")";
    Set<String> used = new LinkedHashSet<>(keys.values());
    used.add(readout.weightKey());
    if (readout.biasKey() != null) {
      used.add(readout.biasKey());
    }
    List<String> ignored = new ArrayList<>(t.keySet());
    ignored.removeAll(used);
    if (!ignored.isEmpty()) {
      notes.add("ignored (not part of the recurrent layer or its readout): " + list(ignored));
    }
    return new ImportedNetwork(p.network(), "pytorch", where, module, String.join(", ", used), notes);
  }

  /** The readout's tensors. */
  private record Readout(String weightKey, Npy.Array weight, String biasKey, double[] bias) {
    int outputs() {
      return weight.shape()[0];
    }
  }

  private static Readout readout(String where, Map<String, Npy.Array> t, String rnnPrefix, int n, String wanted) {
    Map<String, String> candidates = new LinkedHashMap<>();
    for (Map.Entry<String, Npy.Array> e : t.entrySet()) {
      Matcher m = LINEAR_WEIGHT.matcher(e.getKey());
      if (m.matches() && e.getValue().shape().length == 2 && !RNN_KEY.matcher(e.getKey()).matches()
          && (e.getValue().shape()[1] == n || (wanted != null && m.group(1).equals(wanted)))) {
        candidates.put(m.group(1), e.getKey());
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(where + ": no nn.Linear readout: no 2-D PREFIX.weight with " + n
          + " columns (the hidden size of '" + rnnPrefix + "') among its keys (" + list(t.keySet()) + "); accepted: "
          + "one nn.Linear(" + n + ", O) after the recurrent layer");
    }
    String prefix = choose(where, "nn.Linear readout", "--readout-prefix", candidates.keySet(), wanted,
        candidates::get);
    String wKey = candidates.get(prefix);
    Npy.Array w = t.get(wKey);
    if (w.shape()[1] != n) {
      throw new IllegalArgumentException(where + ": " + wKey + " has shape " + Arrays.toString(w.shape())
          + "; accepted: [O][" + n + "] (nn.Linear(" + n + ", O) reading the " + n + " hidden units)");
    }
    String bKey = null;
    for (String sep : List.of(".", "_", "")) {
      if (t.containsKey(prefix + sep + "bias")) {
        bKey = prefix + sep + "bias";
        break;
      }
    }
    return new Readout(wKey, w, bKey, bias(where, t, bKey, w.shape()[0]));
  }

  /** The one prefix meant: the user's, or the only one found. */
  private static String choose(String where, String what, String option, Set<String> found, String wanted,
      java.util.function.Function<String, String> example) {
    List<String> shown = new ArrayList<>();
    for (String f : found) {
      shown.add("'" + f + "' (" + example.apply(f) + ")");
    }
    if (wanted != null) {
      if (!found.contains(wanted)) {
        throw new IllegalArgumentException(where + ": " + option + " " + wanted + ": no " + what + " has this prefix;"
            + " found " + String.join(", ", shown));
      }
      return wanted;
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(where + ": " + found.size() + " candidates for the " + what + ": "
          + String.join(", ", shown) + "; pass " + option + " to choose one");
    }
    return found.iterator().next();
  }

  private static Cell cell(String where, String key, int gates, int n, ImportOptions o, Map<String, String> meta,
      List<String> notes) {
    Cell found = gates == 1 ? LeakyRnn.VANILLA : gates == 3 ? Gru.CELL : Lstm.CELL;
    String told = o.architecture() != null ? o.architecture() : meta.get(TorchExport.META_ARCHITECTURE);
    if (told == null) {
      return found;
    }
    String a = told.strip().toLowerCase(Locale.ROOT);
    Cell wanted = switch (a) {
      case "rnn", "vanilla" -> LeakyRnn.VANILLA;
      case "ctrnn", "scaled-ctrnn", "scaled_ctrnn", "low-rank" -> LeakyRnn.CTRNN;
      case "gru" -> Gru.CELL;
      case "lstm" -> Lstm.CELL;
      default -> throw new IllegalArgumentException("--arch " + told + " is not accepted for a PyTorch state_dict; "
          + "accepted: rnn (= vanilla), ctrnn, gru, lstm");
    };
    boolean fits = wanted == found || (wanted == LeakyRnn.CTRNN && gates == 1);
    if (!fits) {
      throw new IllegalArgumentException(where + ": --arch " + told + " does not fit " + key + ", whose " + gates * n
          + " rows are " + gates + " gate" + (gates > 1 ? "s" : "") + " of " + n + " units, as in "
          + (gates == 1 ? "nn.RNN" : gates == 3 ? "nn.GRU" : "nn.LSTM") + "; accepted: " + found.id()
          + (gates == 1 ? " or ctrnn" : ""));
    }
    if (o.architecture() == null && wanted == LeakyRnn.CTRNN) {
      notes.add("read as a continuous-time RNN, as the file's metadata says (it was exported by Cohort)");
    }
    return wanted;
  }

  private static Activation activation(int gates, ImportOptions o, Map<String, String> meta, Cell cell,
      List<String> notes) {
    if (gates != 1) {
      if (o.activation() != null && o.activation() != Activation.TANH) {
        throw new IllegalArgumentException("--activation " + o.activation().id() + " is not accepted for "
            + (gates == 3 ? "nn.GRU" : "nn.LSTM") + ", which always uses tanh; accepted: tanh");
      }
      return Activation.TANH;
    }
    Activation a = o.activation();
    if (a == null && meta.containsKey(TorchExport.META_ACTIVATION)) {
      a = Activation.parse(meta.get(TorchExport.META_ACTIVATION));
    }
    if (a == null) {
      notes.add("a state_dict does not record nn.RNN's nonlinearity: assumed tanh (pass --activation relu for "
          + "nonlinearity='relu')");
      return Activation.TANH;
    }
    if (a != Activation.TANH && a != Activation.RELU && cell == LeakyRnn.VANILLA) {
      throw new IllegalArgumentException("--activation " + a.id() + " is not accepted for nn.RNN; accepted: tanh, "
          + "relu (its nonlinearity)");
    }
    return a;
  }

  private static double alphaOf(ImportOptions o, Map<String, String> meta) {
    if (o.alpha() > 0) {
      return o.alpha();
    }
    String m = meta.get(TorchExport.META_ALPHA);
    if (m != null) {
      try {
        return Double.parseDouble(m);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("metadata " + TorchExport.META_ALPHA + " '" + m + "' is not a number");
      }
    }
    throw new IllegalArgumentException("--arch ctrnn needs --alpha (dt/τ in (0, 1]); the file does not record it");
  }

  private static void shape2(String where, String key, Npy.Array a, String accepted) {
    if (a.shape().length != 2 || a.shape()[0] == 0 || a.shape()[1] == 0) {
      throw new IllegalArgumentException(where + ": " + key + " has shape " + Arrays.toString(a.shape())
          + "; accepted: a matrix " + accepted);
    }
  }

  private static double[] bias(String where, Map<String, Npy.Array> t, String key, int length) {
    if (key == null) {
      return null;
    }
    Npy.Array b = t.get(key);
    if (b.shape().length != 1 || b.shape()[0] != length) {
      throw new IllegalArgumentException(where + ": " + key + " has shape " + Arrays.toString(b.shape())
          + "; accepted: [" + length + "]");
    }
    return b.data();
  }

  /** Up to eight names, then how many more. */
  static String list(java.util.Collection<String> names) {
    List<String> l = new ArrayList<>(names);
    String head = String.join(", ", l.subList(0, Math.min(8, l.size())));
    return l.size() > 8 ? head + " and " + (l.size() - 8) + " more" : l.isEmpty() ? "none" : head;
  }
}
