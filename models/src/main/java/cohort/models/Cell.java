package cohort.models;

import java.util.random.RandomGenerator;

/**
 * One recurrent cell family (an "architecture" in a study spec): everything about a cell lives in one class that
 * implements this interface and is registered in a {@link CellRegistry}. {@link Network}, {@link Workspace},
 * {@link ReferenceNetwork} and the product code are drivers that know no cell by name.
 *
 * <p>A cell owns four things:
 * <ol>
 *   <li>its rules: the name users type, which spec fields apply ({@link #continuousTime()}, {@link #acceptsNoise()},
 *       {@link #acceptsDale()}, {@link #hasRank()}), the state size, and any further check ({@link #check});</li>
 *   <li>its parameter layout ({@link #declare}, named blocks in vector order, before the readout the driver adds) and
 *       initial values ({@link #initialize}, drawn in block order from one generator);</li>
 *   <li>the per-step fast float arithmetic ({@link Kernels}): element-wise forward and backward over whole steps, the
 *       matrix products around them being the driver's, described by the cell's product rows;</li>
 *   <li>its double reference ({@link Reference}): the textbook step {@code h' = F(h, x)}, the Jacobian
 *       {@code ∂F/∂h} and the vector–Jacobian product with the parameter gradient, which finite differences check
 *       and analysis reads.</li>
 * </ol>
 *
 * <p>Cells are immutable singletons (compared by identity): one instance per name, the one the registry holds.
 * An outside project adds a cell by implementing this interface and building its own registry,
 * {@code CellRegistry.builder().addAll(CellRegistry.standard()).add(MyCell.CELL).build()}; the contract tests of
 * Cohort's models module are a template for its tests.
 */
public interface Cell {

  /** The name users type (lower case, e.g. {@code "scaled-ctrnn"}). */
  String id();

  /** One line for listings: the equation and its source. */
  String summary();

  /** State blocks of N values: 1 for most cells, 2 for the LSTM's {@code [h; c]}. The readout reads block 0. */
  default int stateBlocks() {
    return 1;
  }

  /** Whether the cell is the Euler map of a continuous-time flow (its spec has {@code α = dt/τ} in (0, 1]). */
  default boolean continuousTime() {
    return false;
  }

  /** Whether recurrent noise {@code √(2α) σ_rec N(0,1)} may be added to the state ({@link Kernels#forward}). */
  default boolean acceptsNoise() {
    return false;
  }

  /** Whether Dale's law ({@code W = |W̃| D}, only excitatory units read out) applies. */
  default boolean acceptsDale() {
    return false;
  }

  /** Whether the cell has a rank R (1 ≤ R ≤ N) in its spec; every other cell needs rank 0. */
  default boolean hasRank() {
    return false;
  }

  /** The bias added at initialisation to the gate that keeps memory (LSTM forget gate, UGRNN update gate); 0 if none. */
  default double defaultGateBias() {
    return 0.0;
  }

  /**
   * Further checks of a spec whose generic fields are valid; throws one {@link IllegalArgumentException} naming the
   * field, the value and what is accepted.
   */
  default void check(NetworkSpec spec) {
  }

  /** Declares the cell's parameter blocks, in vector order, for a spec of this cell. */
  void declare(NetworkSpec spec, Layout.Builder blocks);

  /**
   * Draws the initial values of the cell's blocks (the readout is the driver's, drawn after) from {@code random}, in
   * block order, so that one seed gives one network.
   *
   * @param parameters the flat vector (layout {@code layout}); modified
   */
  void initialize(Layout layout, InitOptions options, RandomGenerator random, float[] parameters);

  /** The float kernels for a spec's layout. */
  Kernels kernels(Layout layout);

  /** The double reference over a parameter vector (not copied: the caller owns it and does not modify it). */
  Reference reference(Layout layout, double[] parameters);

  /**
   * The fast float arithmetic of one cell for one layout, run by the driver (feature-major, see {@link Step}).
   *
   * <p>Each step the driver computes the fused product over {@code S_t = [h_{t−1}; x_t; 1]}: {@link #blocks()} blocks
   * of N rows of pre-activations {@code [W | U | b] S_t}, then, if the cell has any, {@link #inputBlocks()} blocks
   * computed from {@code [x_t; 1]} alone (a candidate's input part kept outside a gate, as PyTorch's GRU), and calls
   * {@link #forward} for stage 0. A cell with a second product ({@link #gatedBlocks()} &gt; 0, e.g. the MGU's
   * {@code W_h (f ⊙ h)}) writes that product's operand to {@link Step#vector()} in stage 0; the driver multiplies and
   * calls stage 1. Backward runs the stages in reverse: the last one reads {@link Step#carry()}, each writes the
   * pre-activation gradients of its rows, and the driver adds the transposed products to
   * {@link Step#carryNext()} and forms every weight gradient as one product over all steps.
   *
   * <p>Implementations are stateless after construction; the element-wise loops must allocate nothing.
   */
  interface Kernels {

    /** Blocks of N rows in the fused product over {@code [h; x; 1]}. */
    int blocks();

    /** Blocks of N rows computed from {@code [x; 1]} alone (0 for most cells). */
    default int inputBlocks() {
      return 0;
    }

    /** Blocks of N rows of the second product, over the vector stage 0 writes (0 = one stage). */
    default int gatedBlocks() {
      return 0;
    }

    /** Values saved per unit, trial and step for backward (the arrays {@link Step#saved(int)}). */
    int slots();

    /**
     * Writes the product rows from the parameters: {@link Packs#recurrent}, {@link Packs#input} and
     * {@link Packs#bias} for the fused rows, {@link Packs#candidateInput} and {@link Packs#candidateBias} for the
     * input-only rows, {@link Packs#second} for the second product.
     *
     * @param parameters the flat vector; not modified
     * @param packs modified
     */
    void pack(float[] parameters, Packs packs);

    /**
     * Writes the cell's part of {@code ∂L/∂θ} from the gradients of the product rows (same fields as {@link #pack}).
     *
     * @param parameters the flat vector (for chain rules through transformed weights); not modified
     * @param gradients the product-row gradients; not modified
     * @param gradient the flat gradient; the cell's blocks are overwritten
     */
    void unpack(float[] parameters, Packs gradients, float[] gradient);

    /** The element-wise forward of one stage of step {@link Step#t()}. */
    void forward(int stage, Step step);

    /** The element-wise backward of one stage of step {@link Step#t()}. */
    void backward(int stage, Step step);
  }

  /**
   * The double-precision textbook equations of one cell over one parameter vector: {@code h' = F(h, x)}, its
   * Jacobian, and one backward step of BPTT. Immutable and thread-safe.
   */
  interface Reference {

    /** One step {@code next = F(h, x)} ({@code next} must not alias {@code h}). */
    void step(double[] h, double[] x, double[] next);

    /** {@code J[i][j] = ∂F_i/∂h_j} at {@code (h, x)}, row-major, {@code S × S}. */
    void jacobian(double[] h, double[] x, double[] jacobian);

    /**
     * One backward step: {@code prev = (∂F/∂h)ᵀ δ}, and unless {@code gradient} is {@code null}, {@code (∂F/∂θ)ᵀ δ}
     * added to {@code gradient} (or, for weights the cell transforms before use, to its {@link #accumulator()}).
     *
     * @param h the state the step started from; not modified
     * @param delta {@code ∂L/∂F(h, x)}; not modified
     * @param prev modified (must not alias {@code h} or {@code delta})
     * @param gradient the flat gradient; modified, or {@code null} for the vector–Jacobian product alone
     * @param accumulator the array {@link #accumulator()} gave, or {@code null}
     */
    void backStep(double[] h, double[] x, double[] delta, double[] prev, double[] gradient, double[] accumulator);

    /** A fresh accumulator for one backward pass (e.g. {@code ∂L/∂W_eff}), or {@code null}. */
    default double[] accumulator() {
      return null;
    }

    /** Adds what the accumulator gathered to {@code gradient}, through the chain rule of the weight transform. */
    default void finish(double[] accumulator, double[] gradient) {
    }

    /**
     * A copy of the effective recurrent matrix ({@code N × N}, row-major {@code [post][pre]}) of a cell with a single
     * one, {@code null} for the others (gated cells).
     */
    default double[] effectiveRecurrentWeights() {
      return null;
    }

    /** The element-wise part of the batched fixed-point kernels, or {@code null} to loop over {@link #step}. */
    default BatchKernels batched() {
      return null;
    }
  }

  /**
   * A cell's part of the batched double kernels of the fixed-point search ({@link ReferenceCell#stepBatch} and
   * friends): the driver forms {@code P = H·W_f} for a block of rows ({@code W_f[k][g·N + j] = W_g[j][k]}), calls
   * {@link #elementwise}, and for the vector–Jacobian product forms {@code Jᵀv = D·W_fᵀ + diag}.
   */
  interface BatchKernels {
    /** {@link #elementwise} mode: {@code o1 = F(h)}. */
    int STEP = 0;
    /** {@link #elementwise} mode: gate-space gradients of {@code v}. */
    int VJP = 1;
    /** {@link #elementwise} mode: {@code o1 = F(h) − h}, then the gate-space gradients of {@code o1}. */
    int RESIDUAL = 2;

    /** Gate blocks G of the recurrent product. */
    int blocks();

    /** {@code W_g[post][pre]} as the recurrent product uses it. */
    double weight(int g, int post, int pre);

    /** {@code xd[g·N + j]}: the input drive of gate g, unit j, not depending on h. */
    void inputDrive(double[] x, double[] xd);

    /**
     * The gates of {@code rows} rows from their recurrent products: {@code STEP} writes {@code F(h)} to {@code o1};
     * otherwise, with {@code v} the given vector ({@code VJP}) or the residual {@code F(h) − h} (written to
     * {@code o1}, {@code RESIDUAL}), the gate-space gradients into {@code d} ({@code [rows][G·N]}) and the direct
     * terms into {@code diag} ({@code [rows][S]}).
     *
     * @param start the first row's index in {@code h}, {@code v} and {@code o1}
     * @param pre the rows' recurrent products {@code [rows][G·N]}; not modified
     */
    void elementwise(int mode, int rows, int start, double[] h, double[] v, double[] o1, double[] pre, double[] xd,
        double[] d, double[] diag, BatchMath math);
  }
}
