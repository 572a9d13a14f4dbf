package cohort.io.interop;

import cohort.models.Activation;

/**
 * What a user may tell an import that the file cannot: the cell family and nonlinearity (a PyTorch
 * {@code state_dict} does not record {@code nn.RNN}'s {@code nonlinearity}, a Keras {@code save_weights} file records
 * no layer types), the Euler factor of a continuous-time network, and which tensors are the recurrent layer and the
 * readout when a {@code state_dict} holds more than one candidate. Every field may be {@code null} (0 for
 * {@code alpha}): the file decides.
 *
 * @param architecture {@code rnn} (= {@code vanilla}), {@code gru}, {@code lstm}, or {@code ctrnn} (a PyTorch
 *     {@code nn.RNN}'s weights read as the Euler step {@code h' = (1−α) h + α σ(W h + U x + b)}), or {@code null}
 * @param activation the nonlinearity of {@code nn.RNN}/{@code SimpleRNN} (tanh or relu), or {@code null}
 * @param alpha α = dt/τ in (0, 1] for {@code ctrnn}, or 0
 * @param rnnPrefix the key prefix of the recurrent layer (e.g. {@code rnn} for {@code rnn.weight_ih_l0}), or
 *     {@code null}
 * @param readoutPrefix the key prefix of the {@code nn.Linear} readout (e.g. {@code fc} for {@code fc.weight}), or
 *     {@code null}
 */
public record ImportOptions(String architecture, Activation activation, double alpha, String rnnPrefix,
    String readoutPrefix) {

  /** Nothing told: the file decides everything. */
  public static ImportOptions none() {
    return new ImportOptions(null, null, 0, null, null);
  }

  public ImportOptions {
    if (alpha != 0 && !(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("--alpha: " + alpha + " is not accepted; must be dt/τ in (0, 1]");
    }
    rnnPrefix = trim(rnnPrefix);
    readoutPrefix = trim(readoutPrefix);
  }

  /** A prefix without a trailing {@code .} or {@code _} (so {@code rnn.} and {@code rnn} mean the same). */
  private static String trim(String prefix) {
    if (prefix == null) {
      return null;
    }
    String p = prefix.strip();
    while (p.endsWith(".") || p.endsWith("_")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
