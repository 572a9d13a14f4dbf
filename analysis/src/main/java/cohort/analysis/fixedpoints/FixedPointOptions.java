package cohort.analysis.fixedpoints;

import java.util.function.Consumer;

/**
 * Every setting of the {@link FixedPointFinder}, with the defaults of Golub &amp; Sussillo's FixedPointFinder
 * (mattgolub/fixed-point-finder @ 1a30417, {@code FixedPointFinderBase._default_hps}, its TensorFlow Adam
 * settings and recurrent-whisperer's {@code AdaptiveLearningRate}) unless a deliberate difference is stated.
 *
 * <p>Optimisation (per initial state): Adam on {@code q(h) = ½‖F(h, x*) − h‖²} with the adaptive learning rate
 * (ALR): start at {@code learningRateInit}; after each iteration, if at least {@code learningRatePatience} iterations
 * passed since the last change and the newest {@code q} is worse than each of the {@code learningRatePatience}
 * before it, multiply the rate by {@code learningRateDecrease}; else if the last {@code learningRatePatience + 1}
 * values decreased strictly monotonically, multiply it by {@code learningRateIncrease}; never below
 * {@code learningRateMin}. A state stops when {@code q < tolQ}, when {@code |Δq| < tolDq · rate}, or after
 * {@code maxIterations} updates.
 *
 * <p><b>Deliberate differences from FixedPointFinder.</b> (1) FFF's default "joint" mode minimises the mean of
 * {@code q} over all states with one learning rate; here every state has its own Adam moments, learning rate and
 * stopping test (FFF's "sequential" semantics, vectorised over blocks), so a state's result does not depend on
 * which other states were searched with it — results are independent of order, batch composition and thread
 * count; {@code adamEpsilon} is scaled accordingly (see there). (2) After Adam, an optional Newton /
 * Levenberg–Marquardt polish with the analytic Jacobian ({@code polish}) drives true fixed points to round-off
 * ({@code q ≈ 1e-30}) so that fixed and slow points separate clearly; FFF has none. (3) Candidates with
 * {@code tolQ ≤ q ≤ slowQ} are kept and labelled {@link PointKind#SLOW} instead of being mixed with fixed points.
 * (4) FFF's adaptive gradient-norm clipping is not implemented (Adam's step is bounded by the learning rate
 * anyway), nor is {@code max_n_unique} subsampling or the q-outlier re-run (off by default in FFF, and crashing
 * there). (5) The adaptive rate never rises above 10 × {@code learningRateInit}: with per-state rates, a state drifting
 * into a saturated region of a gated cell (GRU update gate → 1, where {@code F(h) ≈ h} for any large {@code h})
 * sees {@code q} fall monotonically, and the uncapped rate then grows geometrically; on flip-flop GRUs trained with
 * sparse pulses, states reached norms of 10⁴–10⁵ within 1,500 iterations and every candidate was an outlier. (A cap
 * at 1 × keeps them too, but leaves a saddle-node ghost's slow approach unfinished in 5,000 iterations.) (6)
 * {@link FixedPointFinder#findWithSaddleSearch} also starts from where the network itself settles: it runs the map
 * {@code F(·, x*)} for up to {@code settleSteps} steps from given states and searches from the end states too
 * ({@link FixedPointFinder#settle}); FFF searches from the sampled states only.
 *
 * @param tolQ fixed-point tolerance on {@code q}: stop optimising a state below it, and classify a point as
 *     {@link PointKind#FIXED} below it. FFF {@code tol_q} = 1e-12.
 * @param tolDq stop a state when {@code |q_t − q_{t−1}| < tolDq · learning rate}. FFF {@code tol_dq} = 1e-20.
 * @param maxIterations maximum Adam updates per state. FFF {@code max_iters} = 5000.
 * @param learningRateInit ALR initial rate. FFF / ALR {@code initial_rate} = 1.0.
 * @param learningRateMin ALR floor. ALR {@code min_rate} = 1e-3.
 * @param learningRateDecrease ALR {@code decrease_factor} = 0.95.
 * @param learningRateIncrease ALR {@code increase_factor} = 1/0.95.
 * @param learningRatePatience ALR {@code min_steps_per_decrease} = {@code min_steps_per_increase} = 5.
 * @param adamBeta1 Adam β₁ = 0.9 (TensorFlow default, used by FFF).
 * @param adamBeta2 Adam β₂ = 0.999.
 * @param adamEpsilon Adam ε, TensorFlow's form {@code Δ = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)}; default 10.24, the
 *     per-state equivalent of FFF's TensorFlow optimiser on its standard problem: FFF minimises the <i>mean</i> of
 *     {@code q} over {@code K} states with ε = 0.01, which divides each state's gradient by {@code K}, and Adam with
 *     gradient {@code g/K} and ε equals Adam with {@code g} and {@code K·ε} exactly (m and √v both scale by 1/K); with
 *     {@code K = 1024} (FFF's flip-flop example, W4) that is 10.24. Once gradients are small against ε Adam becomes
 *     gradient descent with step {@code lr/ε}. (Per-state ε = 0.01 — FFF with a single state — takes near-unit
 *     steps and sends states of gated cells into saturated regions far more often; FFF's PyTorch port uses 1e-8.)
 * @param initialNoise standard deviation of IID Gaussian noise added to each coordinate of each initial state,
 *     drawn from the caller's generator after the states are put in canonical (lexicographic) order. FFF's
 *     {@code sample_states(noise_scale=0.0)}; its flip-flop example uses 0.5.
 * @param polish run the Newton / Levenberg–Marquardt polish (difference (2)) on every candidate whose {@code q} after
 *     Adam is at most {@code slowQ} (the others are discarded anyway); default true.
 * @param maxPolishIterations maximum accepted polish steps per state; default 20. A step is Newton's with a
 *     backtracking (Armijo) line search, else Levenberg–Marquardt's; the polish of a state also stops when a step
 *     lowers {@code q} by less than 1 % (no longer converging: a slow point) or when no step lowers it. A polish
 *     that ends above {@code tolQ} is discarded (the state stays where Adam left it: the slow point). The line
 *     search matters on trained memory networks: their attractors contract by only {@code 1 − 1e-4} per step, so
 *     {@code J − I} is nearly singular, Adam stalls at {@code q ≈ 1e-6} and the full Newton step overshoots along the
 *     slow, curved direction; shortened steps follow it to the root ({@code q ≈ 1e-32}).
 * @param slowQ candidates with {@code q > slowQ} are discarded; {@code tolQ ≤ q ≤ slowQ} are kept as slow points;
 *     default 1e-4 (W4's candidate threshold). Set it equal to {@code tolQ} to keep fixed points only.
 * @param excludeDistanceOutliers drop candidates far from the initial states. FFF
 *     {@code do_exclude_distance_outliers} = true.
 * @param outlierDistanceScale a candidate {@code h} is an outlier when {@code ‖h − c‖ / mean_i ‖h0_i − c‖ ≥} this,
 *     {@code c} = centroid of the (noisy) initial states. FFF {@code outlier_distance_scale} = 10.
 * @param tolUnique two points are duplicates when the Euclidean distance of their states is {@code ≤ tolUnique}
 *     (the input is the same for all); the member with the smaller {@code q} is kept. FFF {@code tol_unique} = 1e-3.
 * @param stabilityTolerance margin of the stability criterion (see {@link Stability}); default 0.
 * @param blockSize states per block; blocks are the unit of parallel work. The partition is fixed by the
 *     canonical order, so it does not affect results. Default 64.
 * @param threads worker threads; default 1. Results do not depend on it.
 * @param singlePrecision run the Adam phase's kernel ({@link BatchedDynamics#residualGradientSingle}) with float32
 *     sigmoid and tanh (FixedPointFinder's graphs are float32 throughout); default true. The activations' {@code exp}
 *     was a third of an iteration on a GRU-128 (W4); the GRU (tanh), the LSTM, the UGRNN and the leaky RNN (tanh or
 *     ReLU) also do their gate arithmetic in float (vectorised over blocks of rows; the recurrent products stay in
 *     double), which took the kernel of a W4 iteration from ≈ 6.0–6.4 to ≈ 3.8–3.9 ms of CPU on one core, and an
 *     LSTM's of 24 units from 1.25 to 0.49 µs a state, a UGRNN's from 0.66 to 0.24. What is reported is measured
 *     in double: every candidate's {@code q} is recomputed with the double kernel after Adam, and the polish,
 *     selection, Jacobians and eigenvalues are all double. With float activations {@code q} bottoms out near {@code 1e-13} for states of norm ≈ 1, so a
 *     true fixed point may run to {@code maxIterations} before the polish takes it to round-off; false runs Adam in
 *     double throughout.
 * @param settleSteps at most this many steps of the map {@code h ← F(h, x*)} that
 *     {@link FixedPointFinder#settle} runs from each state before {@link FixedPointFinder#findWithSaddleSearch}
 *     searches from the end states as well (difference (6)); 0 switches settling off. Default 2,000. A state stops
 *     earlier once {@code q < tolQ} or once its speed stops shrinking (see {@link FixedPointFinder#settle}). Why:
 *     the attractors a network uses may lie far from the states its trials visit. The 8 memories of each of three
 *     trained 3-bit flip-flop LSTMs (N = 24, 60-step trials, the smoke preset) sit at cell-state norms of 11–104,
 *     where the slowest mode contracts by 0.93–0.99 a step; a zero-input run takes hundreds of steps to get there.
 *     Adam started on 128 of the trials' states ran out its 5,000 iterations on 128, 83 and 128 of them and
 *     stopped short of the memories ({@code q > slowQ} on 102, 2 and 128): the search, continuation included,
 *     found 1, 5 and 0 of the 8. With the settled starts it finds all 8 (and the cube's 12
 *     index-1 saddles) for any {@code settleSteps} from 100 to 5,000; the default leaves room for slower networks,
 *     at little cost since states stop at {@code tolQ}.
 */
public record FixedPointOptions(double tolQ, double tolDq, int maxIterations, double learningRateInit,
    double learningRateMin, double learningRateDecrease, double learningRateIncrease, int learningRatePatience,
    double adamBeta1, double adamBeta2, double adamEpsilon, double initialNoise, boolean polish,
    int maxPolishIterations, double slowQ, boolean excludeDistanceOutliers, double outlierDistanceScale,
    double tolUnique, double stabilityTolerance, int blockSize, int threads, boolean singlePrecision,
    int settleSteps) {

  /** Validates every field. */
  public FixedPointOptions {
    positive("tolQ", tolQ);
    nonNegative("tolDq", tolDq);
    if (maxIterations < 0) {
      throw new IllegalArgumentException("FixedPointOptions.maxIterations must be >= 0, got " + maxIterations);
    }
    positive("learningRateInit", learningRateInit);
    positive("learningRateMin", learningRateMin);
    if (!(learningRateDecrease > 0 && learningRateDecrease <= 1)) {
      throw new IllegalArgumentException(
          "FixedPointOptions.learningRateDecrease must be in (0, 1], got " + learningRateDecrease);
    }
    if (!(learningRateIncrease >= 1) || Double.isInfinite(learningRateIncrease)) {
      throw new IllegalArgumentException(
          "FixedPointOptions.learningRateIncrease must be finite and >= 1, got " + learningRateIncrease);
    }
    if (learningRatePatience < 1) {
      throw new IllegalArgumentException(
          "FixedPointOptions.learningRatePatience must be >= 1, got " + learningRatePatience);
    }
    if (!(adamBeta1 >= 0 && adamBeta1 < 1)) {
      throw new IllegalArgumentException("FixedPointOptions.adamBeta1 must be in [0, 1), got " + adamBeta1);
    }
    if (!(adamBeta2 >= 0 && adamBeta2 < 1)) {
      throw new IllegalArgumentException("FixedPointOptions.adamBeta2 must be in [0, 1), got " + adamBeta2);
    }
    positive("adamEpsilon", adamEpsilon);
    nonNegative("initialNoise", initialNoise);
    if (maxPolishIterations < 0) {
      throw new IllegalArgumentException(
          "FixedPointOptions.maxPolishIterations must be >= 0, got " + maxPolishIterations);
    }
    positive("slowQ", slowQ);
    if (slowQ < tolQ) {
      throw new IllegalArgumentException(
          "FixedPointOptions.slowQ must be >= tolQ (" + tolQ + "), got " + slowQ);
    }
    positive("outlierDistanceScale", outlierDistanceScale);
    nonNegative("tolUnique", tolUnique);
    nonNegative("stabilityTolerance", stabilityTolerance);
    if (blockSize < 1) {
      throw new IllegalArgumentException("FixedPointOptions.blockSize must be >= 1, got " + blockSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("FixedPointOptions.threads must be >= 1, got " + threads);
    }
    if (settleSteps < 0) {
      throw new IllegalArgumentException("FixedPointOptions.settleSteps must be >= 0 (0 = no settling), got "
          + settleSteps);
    }
  }

  private static void positive(String field, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("FixedPointOptions." + field + " must be finite and > 0, got " + v);
    }
  }

  private static void nonNegative(String field, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("FixedPointOptions." + field + " must be finite and >= 0, got " + v);
    }
  }

  /** FixedPointFinder's defaults (see the class comment). */
  public static FixedPointOptions defaults() {
    return new FixedPointOptions(1e-12, 1e-20, 5000, 1.0, 1e-3, 0.95, 1.0 / 0.95, 5, 0.9, 0.999, 10.24, 0.0,
        true, 20, 1e-4, true, 10.0, 1e-3, 0.0, 64, 1, true, 2000);
  }

  /** Copy with another {@code initialNoise}. */
  public FixedPointOptions withInitialNoise(double v) {
    return copy(c -> c.initialNoise = v);
  }

  /** Copy with another {@code maxIterations}. */
  public FixedPointOptions withMaxIterations(int v) {
    return copy(c -> c.maxIterations = v);
  }

  /** Copy with another {@code learningRateInit}. */
  public FixedPointOptions withLearningRateInit(double v) {
    return copy(c -> c.learningRateInit = v);
  }

  /** Copy with another {@code adamEpsilon}. */
  public FixedPointOptions withAdamEpsilon(double v) {
    return copy(c -> c.adamEpsilon = v);
  }

  /** Copy with polishing switched on or off. */
  public FixedPointOptions withPolish(boolean v) {
    return copy(c -> c.polish = v);
  }

  /** Copy with another {@code slowQ}. */
  public FixedPointOptions withSlowQ(double v) {
    return copy(c -> c.slowQ = v);
  }

  /** Copy with another {@code blockSize}. */
  public FixedPointOptions withBlockSize(int v) {
    return copy(c -> c.blockSize = v);
  }

  /** Copy with another {@code threads}. */
  public FixedPointOptions withThreads(int v) {
    return copy(c -> c.threads = v);
  }

  /** Copy with the Adam phase in single or double precision. */
  public FixedPointOptions withSinglePrecision(boolean v) {
    return copy(c -> c.singlePrecision = v);
  }

  /** Copy with another {@code settleSteps} (0: no settling). */
  public FixedPointOptions withSettleSteps(int v) {
    return copy(c -> c.settleSteps = v);
  }

  /** Copy with another {@code maxPolishIterations}. */
  public FixedPointOptions withMaxPolishIterations(int v) {
    return copy(c -> c.maxPolishIterations = v);
  }

  /** A copy with the components {@code change} sets, validated by the canonical constructor. */
  private FixedPointOptions copy(Consumer<Components> change) {
    Components c = new Components(this);
    change.accept(c);
    return c.build();
  }

  /** The components as mutable fields, for {@link #copy}. */
  private static final class Components {
    double tolQ, tolDq, learningRateInit, learningRateMin, learningRateDecrease, learningRateIncrease, adamBeta1,
        adamBeta2, adamEpsilon, initialNoise, slowQ, outlierDistanceScale, tolUnique, stabilityTolerance;
    int maxIterations, learningRatePatience, maxPolishIterations, blockSize, threads, settleSteps;
    boolean polish, excludeDistanceOutliers, singlePrecision;

    Components(FixedPointOptions o) {
      tolQ = o.tolQ;
      tolDq = o.tolDq;
      maxIterations = o.maxIterations;
      learningRateInit = o.learningRateInit;
      learningRateMin = o.learningRateMin;
      learningRateDecrease = o.learningRateDecrease;
      learningRateIncrease = o.learningRateIncrease;
      learningRatePatience = o.learningRatePatience;
      adamBeta1 = o.adamBeta1;
      adamBeta2 = o.adamBeta2;
      adamEpsilon = o.adamEpsilon;
      initialNoise = o.initialNoise;
      polish = o.polish;
      maxPolishIterations = o.maxPolishIterations;
      slowQ = o.slowQ;
      excludeDistanceOutliers = o.excludeDistanceOutliers;
      outlierDistanceScale = o.outlierDistanceScale;
      tolUnique = o.tolUnique;
      stabilityTolerance = o.stabilityTolerance;
      blockSize = o.blockSize;
      threads = o.threads;
      singlePrecision = o.singlePrecision;
      settleSteps = o.settleSteps;
    }

    FixedPointOptions build() {
      return new FixedPointOptions(tolQ, tolDq, maxIterations, learningRateInit, learningRateMin,
          learningRateDecrease, learningRateIncrease, learningRatePatience, adamBeta1, adamBeta2, adamEpsilon,
          initialNoise, polish, maxPolishIterations, slowQ, excludeDistanceOutliers, outlierDistanceScale, tolUnique,
          stabilityTolerance, blockSize, threads, singlePrecision, settleSteps);
    }
  }
}
