package cohort.io.interop;

import cohort.io.Npy;
import cohort.io.Npz;
import cohort.models.Activation;
import cohort.models.Cell;
import cohort.models.Layout;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ParameterBlock;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.Lstm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Cohort network as a PyTorch {@code state_dict} with PyTorch's names and layout ({@code [out][in]}, gates
 * stacked along the rows in PyTorch's order), so that {@code model.load_state_dict(...)} works on a module with an
 * {@code nn.RNN}/{@code nn.GRU}/{@code nn.LSTM} attribute {@code rnn} and an {@code nn.Linear} attribute
 * {@code readout} (the names can be changed). The inverse of {@link TorchImport}:
 *
 * <ul>
 *   <li>{@code gru}, {@code lstm} (tanh) → {@code nn.GRU}, {@code nn.LSTM}: the same equations, every weight and both
 *       biases as they are;</li>
 *   <li>{@code vanilla} (tanh, relu) → {@code nn.RNN}: {@code W_ih = W_inᵀ}, {@code W_hh = W_eff} (Dale's signs
 *       applied), {@code b_ih = b}, {@code b_hh = 0};</li>
 *   <li>{@code ctrnn}, {@code scaled-ctrnn}, {@code low-rank}: their effective weights ({@code W_eff} after
 *       {@code g/√N} or {@code M Nᵀ/N}) as {@code nn.RNN}'s, with a note: {@code nn.RNN} computes their α = 1
 *       map, and the Euler step {@code h' = (1 − α) h + α σ(…)} is the user's to write (α is in the note and the
 *       safetensors metadata, which {@code cohort import} reads back);</li>
 *   <li>Dale's law: the effective (sign-constrained) weights and readout, with a note;</li>
 *   <li>cells PyTorch has no module for ({@code ugrnn}, {@code mgu}), and nonlinearities {@code nn.RNN} lacks, are
 *       refused in one line.</li>
 * </ul>
 */
public final class TorchExport {

  /** safetensors metadata: Cohort's architecture id. */
  public static final String META_ARCHITECTURE = "cohort.architecture";
  /** safetensors metadata: the nonlinearity. */
  public static final String META_ACTIVATION = "cohort.activation";
  /** safetensors metadata: α of a continuous-time cell. */
  public static final String META_ALPHA = "cohort.alpha";
  /** safetensors metadata: the PyTorch modules the tensors load into. */
  public static final String META_MODULE = "cohort.module";
  /** safetensors metadata: what the user must know (effective weights, the Euler step). */
  public static final String META_NOTE = "cohort.note";

  /**
   * The exported tensors.
   *
   * @param tensors by PyTorch key, in state_dict order
   * @param module the PyTorch modules they load into, as constructors
   * @param notes one line each (empty when PyTorch computes exactly what Cohort does)
   * @param metadata what a safetensors file stores in {@code __metadata__}
   */
  public record Exported(Map<String, Npy.Array> tensors, String module, List<String> notes,
      Map<String, String> metadata) {
    public Exported {
      tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
      notes = List.copyOf(notes);
      metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  private TorchExport() {}

  /** {@link #of(Network, String, String)} with the prefixes {@code rnn} and {@code readout}. */
  public static Exported of(Network network) {
    return of(network, "rnn", "readout");
  }

  /**
   * The state_dict of {@code network}.
   *
   * @param rnnPrefix the recurrent module's attribute name (keys {@code rnnPrefix.weight_ih_l0}, ...)
   * @param readoutPrefix the readout's attribute name (keys {@code readoutPrefix.weight}, {@code .bias})
   * @throws IllegalArgumentException for a cell or nonlinearity PyTorch has no module for, in one line
   */
  public static Exported of(Network network, String rnnPrefix, String readoutPrefix) {
    NetworkSpec s = network.spec();
    Cell cell = s.architecture();
    Activation act = s.activation();
    ReferenceNetwork ref = network.reference();
    double[] p = ref.parameters();
    int n = s.hidden();
    int in = s.inputs();
    int o = s.outputs();
    Layout layout = new Layout(s);
    Map<String, Npy.Array> t = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    String rnn = rnnPrefix + ".";
    String module;
    if (cell == Gru.CELL || cell == Lstm.CELL) {
      if (act != Activation.TANH) {
        throw new IllegalArgumentException("export: " + cell.id() + " with activation " + act.id() + " has no PyTorch "
            + "module (nn.GRU and nn.LSTM use tanh); accepted: " + cell.id() + " with tanh");
      }
      String[] g = cell == Gru.CELL ? new String[] {"r", "z", "n"} : new String[] {"i", "f", "g", "o"};
      t.put(rnn + "weight_ih_l0", stack(layout, p, "W_i", g, n, in));
      t.put(rnn + "weight_hh_l0", stack(layout, p, "W_h", g, n, n));
      t.put(rnn + "bias_ih_l0", stack(layout, p, "b_i", g, n, 1));
      t.put(rnn + "bias_hh_l0", stack(layout, p, "b_h", g, n, 1));
      module = (cell == Gru.CELL ? "nn.GRU(" : "nn.LSTM(") + in + ", " + n + ")";
    } else if (cell instanceof LeakyRnn) {
      if (act != Activation.TANH && act != Activation.RELU) {
        throw new IllegalArgumentException("export: " + cell.id() + " with activation " + act.id() + " has no PyTorch "
            + "module (nn.RNN's nonlinearity is tanh or relu); accepted: tanh or relu");
      }
      t.put(rnn + "weight_ih_l0", transpose(layout.block("W_in"), p));
      t.put(rnn + "weight_hh_l0", new Npy.Array(new int[] {n, n}, ref.effectiveRecurrentWeights()));
      t.put(rnn + "bias_ih_l0", transpose(layout.block("b"), p));
      t.put(rnn + "bias_hh_l0", new Npy.Array(new int[] {n}, new double[n]));
      module = "nn.RNN(" + in + ", " + n + ", nonlinearity='" + act.id() + "')";
      if (cell != LeakyRnn.VANILLA) {
        notes.add(cell.id() + " is the Euler step h' = (1 - alpha) h + alpha " + act.id() + "(W_ih x + b_ih + W_hh h), "
            + "alpha = " + s.alpha() + "; nn.RNN with these (effective) weights computes its alpha = 1 map"
            + (s.alpha() == 1.0 ? ", which here is the same" : ": step it as h = (1 - alpha) * h + alpha * "
            + act.id() + "(x @ W_ih.T + b_ih + h @ W_hh.T)"));
      }
      if (s.dale()) {
        notes.add("Dale's law: the weights are the effective ones (W_hh = |W|·D, signs by presynaptic unit, the "
            + "readout from the " + s.excitatoryUnits() + " excitatory units only); PyTorch will not keep the signs "
            + "if it trains them");
      }
    } else {
      throw new IllegalArgumentException("export: " + cell.id() + " has no PyTorch module; accepted: vanilla, ctrnn, "
          + "scaled-ctrnn, low-rank (as nn.RNN), gru (nn.GRU), lstm (nn.LSTM)");
    }
    double[] wout = new double[o * n];
    ParameterBlock ow = layout.block("W_out");
    for (int q = 0; q < o; q++) {
      for (int k = 0; k < n; k++) {
        wout[q * n + k] = layout.readoutWeight(p[ow.index(k, q)], k);
      }
    }
    t.put(readoutPrefix + ".weight", new Npy.Array(new int[] {o, n}, wout));
    t.put(readoutPrefix + ".bias", transpose(layout.block("b_out"), p));
    module += " as '" + rnnPrefix + "' + nn.Linear(" + n + ", " + o + ") as '" + readoutPrefix + "'";
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put(META_ARCHITECTURE, cell.id());
    meta.put(META_ACTIVATION, act.id());
    if (cell.continuousTime()) {
      meta.put(META_ALPHA, Double.toString(s.alpha()));
    }
    meta.put(META_MODULE, module);
    if (!notes.isEmpty()) {
      meta.put(META_NOTE, String.join(" ", notes));
    }
    return new Exported(t, module, notes, meta);
  }

  /**
   * Writes {@code exported} as {@code .npz} (float32, keys as PyTorch's) or {@code .safetensors} (F32, with the
   * metadata), by the file's extension, whole or not at all.
   */
  public static void write(Path file, Exported exported) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npz")) {
      Npz.write(file, exported.tensors(), true);
    } else if (name.endsWith(".safetensors")) {
      SafeTensors.write(file, exported.tensors(), exported.metadata());
    } else {
      throw new IllegalArgumentException("--out " + file + ": unknown extension; accepted: .npz or .safetensors");
    }
  }

  /** Gate blocks {@code prefix + g} ({@code [in][N]} each) stacked as PyTorch's {@code [G·N][in]}. */
  private static Npy.Array stack(Layout layout, double[] p, String prefix, String[] gates, int n, int in) {
    double[] v = new double[gates.length * n * in];
    for (int g = 0; g < gates.length; g++) {
      ParameterBlock b = layout.block(prefix + gates[g]);
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < in; i++) {
          v[(g * n + j) * in + i] = p[b.index(i, j)];
        }
      }
    }
    return in == 1 && prefix.startsWith("b") ? new Npy.Array(new int[] {gates.length * n}, v)
        : new Npy.Array(new int[] {gates.length * n, in}, v);
  }

  /** A block {@code [in][out]} as PyTorch's {@code [out][in]} (a bias {@code [1][N]} as {@code [N]}). */
  private static Npy.Array transpose(ParameterBlock b, double[] p) {
    double[] v = new double[b.size()];
    for (int r = 0; r < b.rows(); r++) {
      for (int c = 0; c < b.cols(); c++) {
        v[c * b.rows() + r] = p[b.index(r, c)];
      }
    }
    return b.rows() == 1 ? new Npy.Array(new int[] {b.cols()}, v) : new Npy.Array(new int[] {b.cols(), b.rows()}, v);
  }
}
