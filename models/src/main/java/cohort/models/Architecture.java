package cohort.models;

/**
 * The recurrent cell families Cohort trains, by the name users type in a study spec.
 *
 * <ul>
 *   <li>{@code vanilla}: discrete RNN {@code h' = σ(W h + U x + b)} (Elman; the "Vanilla" of Maheswaranathan et al. 2019).</li>
 *   <li>{@code ctrnn}: Euler step of {@code τ dh/dt = −h + σ(W h + U x + b)}, {@code α = dt/τ}:
 *       {@code h' = (1−α) h + α σ(W h + U x + b) [+ √(2α σ_rec²) N(0,1)]} (PsychRNN's noise convention). This is
 *       exactly the rate form of Jarne's {@code dh/dt = −h/τ + σ(W h + U x + b)} when that equation is read, as in
 *       her CTRNN papers, with τ multiplying the left side ({@code τ dh/dt = −h + σ(…)}); taken literally, the
 *       drive term of one Euler step would be {@code dt·σ(…)} instead of {@code (dt/τ)·σ(…)}, i.e. this cell with
 *       an output gain τ on σ. The state is the rate: the readout reads {@code h}.</li>
 *   <li>{@code scaled-ctrnn}: the same flow with {@code W_eff = (g/√N) W}, the gain applied in the forward pass.</li>
 *   <li>{@code ugrnn}: update-gate RNN of Collins, Sohl-Dickstein &amp; Sussillo (2017).</li>
 *   <li>{@code gru}: PyTorch's GRU (gates r, z, n; separate input and recurrent biases).</li>
 *   <li>{@code lstm}: PyTorch's LSTM (gates i, f, g, o); state {@code [h; c]}.</li>
 *   <li>{@code low-rank}: CTRNN dynamics with {@code W = M Nᵀ / N} (Mastrogiuseppe &amp; Ostojic 2018).</li>
 * </ul>
 */
public enum Architecture {
  VANILLA("vanilla"),
  CTRNN("ctrnn"),
  SCALED_CTRNN("scaled-ctrnn"),
  UGRNN("ugrnn"),
  GRU("gru"),
  LSTM("lstm"),
  LOW_RANK("low-rank");

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** The name users type, e.g. {@code "scaled-ctrnn"}. */
  public String id() {
    return id;
  }

  /** Whether the cell is the Euler map of a continuous-time flow (uses {@code α}). */
  public boolean continuousTime() {
    return this == CTRNN || this == SCALED_CTRNN || this == LOW_RANK;
  }

  /** Whether the cell has gates (UGRNN, GRU, LSTM): gates are sigmoids, the activation is the candidate's. */
  public boolean gated() {
    return this == UGRNN || this == GRU || this == LSTM;
  }

  /** Number of gate blocks G: the recurrent projection is {@code N × G·N}. */
  public int gates() {
    switch (this) {
      case UGRNN: return 2;
      case GRU: return 3;
      case LSTM: return 4;
      default: return 1;
    }
  }

  /** Parses a user-typed name (case-insensitive; {@code _} and {@code -} are interchangeable). */
  public static Architecture parse(String name) {
    if (name != null) {
      String key = name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      for (Architecture a : values()) {
        if (a.id.equals(key)) {
          return a;
        }
      }
    }
    throw new IllegalArgumentException("architecture: unknown value '" + name + "'; accepted: " + accepted());
  }

  /** The accepted names, comma separated. */
  public static String accepted() {
    StringBuilder s = new StringBuilder();
    for (Architecture a : values()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(a.id);
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return id;
  }
}
