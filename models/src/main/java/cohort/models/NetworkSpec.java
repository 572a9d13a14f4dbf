package cohort.models;

/**
 * Everything that fixes a network's structure and the distribution of its initial weights.
 *
 * @param architecture the cell family (from {@link CellRegistry}; the name users type is its {@link Cell#id()})
 * @param activation the main nonlinearity (for gated cells the candidate's; gates are sigmoids)
 * @param inputs input size I (≥ 1)
 * @param hidden hidden size N (≥ 1); the state has {@link Cell#stateBlocks()} blocks of N (the LSTM's {@code [h; c]})
 * @param outputs readout size O (≥ 1)
 * @param init recurrent-weight initialiser ({@link InitKind#UNIFORM} = PyTorch defaults for every weight and bias)
 * @param gain recurrent gain g (&gt; 0): the initialiser's gain, and for {@code scaled-ctrnn} the forward scale
 *     {@code g/√N}
 * @param alpha Euler factor {@code dt/τ} in (0, 1] for continuous-time cells, exactly 1 for the others
 * @param recurrentNoise σ_rec ≥ 0; the step adds {@code √(2α σ_rec²) N(0,1)} (PsychRNN); 0 = none; only for the
 *     cells that {@link Cell#acceptsNoise() accept noise}
 * @param excitatoryFraction fraction of excitatory units for Dale's law in [0, 1]; 0 = no constraint; only for
 *     cells that {@link Cell#acceptsDale() accept it}
 * @param rank rank R of a cell that {@link Cell#hasRank() has one} (1 ≤ R ≤ N; {@code low-rank}'s
 *     {@code W = M Nᵀ/N}), 0 for every other cell
 */
public record NetworkSpec(Cell architecture, Activation activation, int inputs, int hidden, int outputs,
    InitKind init, double gain, double alpha, double recurrentNoise, double excitatoryFraction, int rank) {

  /**
   * The most hidden units a network may have: a gated cell's parameters (4·N² for the LSTM) must index a Java
   * array, and a network of this size already takes hours per thousand iterations on one core.
   */
  public static final int MAX_HIDDEN = 4096;

  /**
   * The Euler factor α = dt/τ of continuous-time cells when none is given: dt 10 ms, τ 100 ms (the same for
   * {@code cohort train}, study specs and {@link #of}).
   */
  public static final double DEFAULT_ALPHA = 0.1;

  /**
   * Validates every field (the generic rules, then the cell's own {@link Cell#check}); a bad one gives one message
   * naming the field, the value and what is accepted.
   */
  public NetworkSpec(Cell architecture, Activation activation, int inputs, int hidden, int outputs, InitKind init,
      double gain, double alpha, double recurrentNoise, double excitatoryFraction, int rank) {
    if (architecture == null) {
      throw new IllegalArgumentException("architecture: missing; accepted: " + CellRegistry.standard().accepted());
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation: missing; accepted: tanh, relu, softplus, identity");
    }
    if (inputs < 1) {
      throw new IllegalArgumentException("inputs: " + inputs + " is not accepted; must be ≥ 1");
    }
    if (hidden < 1 || hidden > MAX_HIDDEN) {
      throw new IllegalArgumentException("hidden: " + hidden + " is not accepted; must be between 1 and " + MAX_HIDDEN);
    }
    if (outputs < 1) {
      throw new IllegalArgumentException("outputs: " + outputs + " is not accepted; must be ≥ 1");
    }
    if (init == null) {
      throw new IllegalArgumentException("init: missing; accepted: normal, orthogonal, identity, glorot, uniform");
    }
    if (!(gain > 0) || Double.isInfinite(gain)) {
      throw new IllegalArgumentException("gain: " + gain + " is not accepted; must be finite and > 0");
    }
    if (architecture.continuousTime()) {
      if (!(alpha > 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha: " + alpha + " is not accepted for " + architecture.id()
            + "; must be dt/τ in (0, 1]");
      }
    } else if (alpha != 1.0) {
      throw new IllegalArgumentException("alpha: " + alpha + " is not accepted for " + architecture.id()
          + "; a discrete cell needs exactly 1 (only " + CellRegistry.standard().namesWhere(Cell::continuousTime, " and ")
          + " have dt/τ)");
    }
    if (!(recurrentNoise >= 0) || Double.isInfinite(recurrentNoise)) {
      throw new IllegalArgumentException("recurrentNoise: " + recurrentNoise
          + " is not accepted; must be finite and ≥ 0 (0 = none)");
    }
    if (recurrentNoise > 0 && !architecture.acceptsNoise()) {
      throw new IllegalArgumentException("recurrentNoise: " + recurrentNoise + " is not accepted for "
          + architecture.id() + "; must be 0 (noise is supported for "
          + CellRegistry.standard().namesWhere(Cell::acceptsNoise, ", ") + ")");
    }
    if (!(excitatoryFraction >= 0 && excitatoryFraction <= 1)) {
      throw new IllegalArgumentException("excitatoryFraction: " + excitatoryFraction
          + " is not accepted; must be in [0, 1] (0 = no Dale constraint)");
    }
    if (excitatoryFraction > 0 && !architecture.acceptsDale()) {
      throw new IllegalArgumentException("excitatoryFraction: " + excitatoryFraction + " is not accepted for "
          + architecture.id() + "; must be 0 (Dale's law is supported for "
          + CellRegistry.standard().namesWhere(Cell::acceptsDale, ", ") + ")");
    }
    if (architecture.hasRank()) {
      if (rank < 1 || rank > hidden) {
        throw new IllegalArgumentException("rank: " + rank + " is not accepted for " + architecture.id()
            + " with hidden " + hidden + "; must be in [1, " + hidden + "]");
      }
    } else if (rank != 0) {
      throw new IllegalArgumentException("rank: " + rank + " is not accepted for " + architecture.id()
          + "; must be 0 (only " + CellRegistry.standard().namesWhere(Cell::hasRank, " and ") + " has a rank)");
    }
    this.architecture = architecture;
    this.activation = activation;
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.init = init;
    this.gain = gain;
    this.alpha = alpha;
    this.recurrentNoise = recurrentNoise;
    this.excitatoryFraction = excitatoryFraction;
    this.rank = rank;
    architecture.check(this);
  }

  /**
   * A spec with sensible defaults: PyTorch-default init ({@code uniform}) for the discrete cells (as workload W1),
   * {@code normal} gain 1 and α = 0.1 (dt 10 ms, τ 100 ms) for the continuous-time cells, no noise, no Dale
   * constraint, rank 1 for a cell with a rank.
   */
  public static NetworkSpec of(Cell architecture, Activation activation, int inputs, int hidden, int outputs) {
    if (architecture == null) {
      throw new IllegalArgumentException("architecture: missing; accepted: " + CellRegistry.standard().accepted());
    }
    boolean ct = architecture.continuousTime();
    return new NetworkSpec(architecture, activation, inputs, hidden, outputs,
        ct ? InitKind.NORMAL : InitKind.UNIFORM, 1.0, ct ? DEFAULT_ALPHA : 1.0, 0.0, 0.0,
        architecture.hasRank() ? 1 : 0);
  }

  /** This spec with another initialiser and gain. */
  public NetworkSpec withInit(InitKind kind, double g) {
    return new NetworkSpec(architecture, activation, inputs, hidden, outputs, kind, g, alpha, recurrentNoise,
        excitatoryFraction, rank);
  }

  /** This spec with another α. */
  public NetworkSpec withAlpha(double a) {
    return new NetworkSpec(architecture, activation, inputs, hidden, outputs, init, gain, a, recurrentNoise,
        excitatoryFraction, rank);
  }

  /** This spec with another σ_rec. */
  public NetworkSpec withRecurrentNoise(double sigma) {
    return new NetworkSpec(architecture, activation, inputs, hidden, outputs, init, gain, alpha, sigma,
        excitatoryFraction, rank);
  }

  /** This spec with another excitatory fraction (0 = no Dale constraint). */
  public NetworkSpec withExcitatoryFraction(double fraction) {
    return new NetworkSpec(architecture, activation, inputs, hidden, outputs, init, gain, alpha, recurrentNoise,
        fraction, rank);
  }

  /** This spec with another rank (low-rank only). */
  public NetworkSpec withRank(int r) {
    return new NetworkSpec(architecture, activation, inputs, hidden, outputs, init, gain, alpha, recurrentNoise,
        excitatoryFraction, r);
  }

  /** Whether Dale's law is on. */
  public boolean dale() {
    return excitatoryFraction > 0;
  }

  /** Number of excitatory units: {@code ⌊f·N⌋} (PsychRNN), the first ones; 0 without Dale. */
  public int excitatoryUnits() {
    return (int) Math.floor(excitatoryFraction * hidden + 1e-9);
  }

  /** Length of the state vector: {@link Cell#stateBlocks()} · N (2N for the LSTM, N for most cells). */
  public int stateSize() {
    return architecture.stateBlocks() * hidden;
  }
}
