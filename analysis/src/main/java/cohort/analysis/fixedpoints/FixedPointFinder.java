package cohort.analysis.fixedpoints;

import cohort.analysis.linearize.EigenOrder;
import cohort.analysis.linearize.EigenSystem;
import cohort.models.ReferenceCell;
import cohort.models.linalg.Linalg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Finds fixed and slow points of a recurrent cell under a constant input {@code x*} by minimising the speed
 * {@code q(h) = ½‖F(h, x*) − h‖²} from many initial states (Sussillo &amp; Barak 2013, <i>Opening the black box</i>;
 * Golub &amp; Sussillo 2018, FixedPointFinder), then linearises every point found.
 *
 * <p>Pipeline: (1) the initial states are put in a canonical (lexicographic) order and, if asked, perturbed with
 * Gaussian noise drawn from the caller's generator in that order; (2) each state is optimised independently by
 * Adam with FixedPointFinder's adaptive learning rate on {@code ∇q = (J − I)ᵀ(F(h) − h)} (a vector–Jacobian product
 * from {@link BatchedDynamics}), batched over fixed blocks of states that run in parallel, each state leaving its
 * block's batch as soon as it meets the tolerance; (3) optionally, for candidates with {@code q ≤ slowQ}, a Newton step {@code (J − I) δ = −(F(h) − h)},
 * falling back to Levenberg–Marquardt {@code ((J−I)ᵀ(J−I) + μI) δ = −(J−I)ᵀ(F − h)}, each step accepted only if it
 * lowers {@code q}; (4) candidates with {@code q > slowQ} are discarded, then distance outliers, then duplicates
 * (greedy by increasing {@code q}, Euclidean tolerance {@code tolUnique}); (5) at each unique point the analytic
 * Jacobian is computed and eigen-decomposed and the point is classified ({@link Stability}, {@link PointKind}): with
 * eigenvectors at fixed points, eigenvalues only at slow points ({@link EigenSystem#valuesOf}; nothing stored or
 * reported reads a slow point's eigenvectors, and {@link cohort.analysis.topology.FixedPointTopology} recomputes
 * them from the point's Jacobian when it includes slow points).
 * See {@link FixedPointOptions} for every setting and the differences from FixedPointFinder.
 * {@link #findWithSaddleSearch} adds starts where the network settles when run at {@code x*} ({@link #settle}), a
 * continuation of stable slow points and a saddle search on the segments between attractors.
 *
 * <p>Determinism: a state's result depends only on its own initial value (and its noise), never on the other
 * states, their order, the block size or the number of threads; the output order is canonical too.
 */
public final class FixedPointFinder {

  /** At most this many stable fixed points anchor {@link #findWithSaddleSearch}'s segments (496 pairs). */
  public static final int MAX_MIDPOINT_ANCHORS = 32;
  /** Newton steps allowed from each segment point (and each continued slow point) of {@link #findWithSaddleSearch}. */
  static final int MIDPOINT_POLISH_ITERATIONS = 100;
  /** Where on the segment between two attractors {@link #findWithSaddleSearch} starts Newton toward a saddle. */
  static final double[] SEGMENT_FRACTIONS = {0.5, 1.0 / 3, 2.0 / 3};
  /** Slow points at most continued toward an attractor by {@link #findWithSaddleSearch} (spread over all of them). */
  public static final int MAX_CONTINUED = 64;
  /** Pseudo-transient continuation steps tried from each of them. */
  static final int CONTINUATION_STEPS = 200;
  /**
   * The continuation runs to round-off, not to {@code tolQ}: near a slowly contracting attractor a whole stretch of
   * its slow manifold has {@code q < tolQ}, and stopping there would scatter one attractor into many "fixed points".
   */
  static final double CONTINUATION_STOP_Q = 1e-28;

  /** {@link #settle} checks every this many steps whether a state's speed still shrinks. */
  static final int SETTLE_WINDOW = 100;
  /**
   * {@link #settle} stops a state whose smallest {@code q} over the last {@value #SETTLE_WINDOW} steps is above this
   * fraction of the smallest over the window before (its speed no longer shrinks: a slow manifold, a ghost, a cycle,
   * chaos or divergence), where Adam and the continuation take over.
   */
  static final double SETTLE_STALL = 0.9;

  private final ReferenceCell cell;
  private final Supplier<? extends BatchedDynamics> dynamics;
  private final FixedPointOptions options;
  private final int n;

  /** A finder using the cell's batched step and vector–Jacobian product ({@link ReferenceCellDynamics}). */
  public FixedPointFinder(ReferenceCell cell, FixedPointOptions options) {
    this(cell, () -> new ReferenceCellDynamics(cell), options);
  }

  /**
   * A finder whose optimisation kernels come from {@code dynamics} (one instance per worker thread), e.g. a
   * cell's batched vector–Jacobian product; the final Jacobians are always taken from {@code cell}.
   */
  public FixedPointFinder(ReferenceCell cell, Supplier<? extends BatchedDynamics> dynamics,
      FixedPointOptions options) {
    if (cell == null || dynamics == null || options == null) {
      throw new IllegalArgumentException("FixedPointFinder: cell, dynamics and options must not be null");
    }
    this.cell = cell;
    this.dynamics = dynamics;
    this.options = options;
    this.n = cell.stateSize();
  }

  /** The options in use. */
  public FixedPointOptions options() {
    return options;
  }

  /** {@link #find(double[], double[], RandomGenerator)} without noise; requires {@code initialNoise == 0}. */
  public FixedPointSet find(double[] initialStates, double[] input) {
    if (options.initialNoise() != 0) {
      throw new IllegalArgumentException("FixedPointFinder.find: initialNoise is " + options.initialNoise()
          + "; pass a RandomGenerator or set initialNoise to 0");
    }
    return select(optimize(initialStates, input, null));
  }

  /**
   * Optimises, selects and linearises.
   *
   * @param initialStates {@code count × N} row-major initial states (e.g. sampled from trajectories)
   * @param input constant input {@code x*}, length {@code inputSize()}
   * @param rng source of the initial noise (may be null when {@code initialNoise == 0})
   */
  public FixedPointSet find(double[] initialStates, double[] input, RandomGenerator rng) {
    return select(optimize(initialStates, input, rng));
  }

  /**
   * {@link #find(double[], double[], RandomGenerator)} from the initial states and (without noise) from where the
   * network settles when run at {@code x*} from them ({@link #settle}; see
   * {@link #findWithSaddleSearch(double[], double[], double[], RandomGenerator)}); then a continuation toward the
   * attractors Adam stopped short of: from up to {@value #MAX_CONTINUED} of its slow points with no unstable
   * direction (spread over them), {@link PseudoTransientContinuation} to round-off and the polish, keeping what becomes a true fixed point (a
   * memory of a trained flip-flop GRU can contract by only 1 − 10⁻⁴ a step; Adam then stops on its slow manifold at
   * {@code q ≈ 10⁻⁶}, and Newton's step from there overshoots); then a second search started (without noise) from
   * the points at ⅓, ½ and ⅔ of the segment joining every pair of stable fixed points found so far (the first
   * {@value #MAX_MIDPOINT_ANCHORS} in the set's order; slow points, often a continuum of them, are not used) by the
   * polish alone (Newton with the line search, up to {@value #MIDPOINT_POLISH_ITERATIONS} steps, no Adam), every
   * stage's candidates selected together. The separatrix between
   * two attractors crosses the segment joining them, and the saddle joining them sits on it; a network's own
   * trajectories cross it in a step or two, so states sampled from them seldom start a search near a saddle (in
   * trained 3-bit flip-flop networks the first search alone finds the 8 attractors but only 2–3 of the 12 saddles;
   * the midpoint alone missed the saddle between two slowly contracting attractors of a GRU, which the ⅓ or ⅔
   * point reached).
   */
  public FixedPointSet findWithSaddleSearch(double[] initialStates, double[] input, RandomGenerator rng) {
    return findWithSaddleSearch(initialStates, initialStates, input, rng);
  }

  /**
   * {@link #findWithSaddleSearch(double[], double[], RandomGenerator)} whose first stage also searches from the
   * states where the network settles when run at {@code x*} from {@code settleFrom} ({@link #settle},
   * {@code settleSteps} steps at most; none when {@code settleSteps} is 0 or {@code settleFrom} is null), by the
   * polish alone (Newton with the line search, up to {@value #MIDPOINT_POLISH_ITERATIONS} steps, no noise, no Adam;
   * a state the polish cannot take to a root stays where the map left it, a slow point if its {@code q} is at most
   * {@code slowQ}). The attractors a network uses are where its state ends when the input stops; they need not be near
   * the states of the trials it was sampled on (the memories of trained flip-flop LSTMs lie at cell-state norms
   * that a zero-input run reaches only after hundreds of steps, and a search from the trials' states missed them).
   * The candidates of {@code initialStates} come first and are the same as without settling, noise included.
   *
   * @param settleFrom {@code count × N} row-major states to settle from (e.g. states of the network's trajectories
   *     and the ends of its trials), or null
   */
  public FixedPointSet findWithSaddleSearch(double[] initialStates, double[] settleFrom, double[] input,
      RandomGenerator rng) {
    // Newton with the line search, no Adam, every state polished whatever its q.
    FixedPointOptions newton = options.withInitialNoise(0).withMaxIterations(0).withSlowQ(Double.MAX_VALUE)
        .withMaxPolishIterations(MIDPOINT_POLISH_ITERATIONS);
    Candidates first = optimize(initialStates, input, rng);
    if (options.settleSteps() > 0 && settleFrom != null) {
      double[] settled = settle(settleFrom, input);
      if (settled.length > 0) {
        // The map has done Adam's work on these; Newton finishes them. (Adam's float phase does not see q < tolQ at
        // the cell-state norms of LSTM memories, up to about 100: on the smoke preset's flip-flop LSTM of seed 2 it
        // took 1.45 million iterations from 1,024 states the map had brought to q < 1e-12, where in double it
        // stops at once.)
        first = first.concat(new FixedPointFinder(cell, dynamics, newton).optimize(settled, input, null));
      }
    }
    // Each selection below runs over the previous one's candidates plus new ones appended; a point already
    // classified keeps its Jacobian and eigen-decomposition (they depend on its candidate alone).
    FixedPoint[] known = new FixedPoint[first.count()];
    FixedPointSet found = select(first, known);
    Candidates attractors = continueSlowAttractors(found, input, newton);
    if (attractors != null) {
      first = first.concat(attractors);
      known = Arrays.copyOf(known, first.count());
      found = select(first, known);
    }
    List<double[]> stable = new ArrayList<>();
    for (FixedPoint p : found.points()) {
      if (p.stability() == Stability.STABLE && p.kind() == PointKind.FIXED && stable.size() < MAX_MIDPOINT_ANCHORS) {
        stable.add(p.state());
      }
    }
    int pairs = stable.size() * (stable.size() - 1) / 2;
    if (pairs == 0) {
      return found;
    }
    double[] segmentPoints = new double[pairs * SEGMENT_FRACTIONS.length * n];
    int row = 0;
    for (double f : SEGMENT_FRACTIONS) {
      for (int a = 0; a < stable.size(); a++) {
        for (int b = a + 1; b < stable.size(); b++, row++) {
          for (int i = 0; i < n; i++) {
            segmentPoints[row * n + i] = (1 - f) * stable.get(a)[i] + f * stable.get(b)[i];
          }
        }
      }
    }
    // Newton straight from each segment point: on trained flip-flop GRUs the midpoints alone reach all 28 roots in
    // 0.06 s, where Adam first drifts and misses some.
    Candidates all = first.concat(new FixedPointFinder(cell, dynamics, newton).optimize(segmentPoints, input, null));
    return select(all, Arrays.copyOf(known, all.count()));
  }

  /**
   * Runs {@link PseudoTransientContinuation} from every slow point of {@code found} with no unstable direction (at
   * most {@value #MAX_CONTINUED}, spread over them), polishes where it ends with {@code newton}, and returns the
   * candidates that became true fixed points ({@code q < tolQ}), or null if none did. These are attractors whose
   * slow manifold Adam stopped on.
   */
  private Candidates continueSlowAttractors(FixedPointSet found, double[] input, FixedPointOptions newton) {
    List<FixedPoint> slow = new ArrayList<>();
    for (FixedPoint p : found.points()) {
      if (p.kind() == PointKind.SLOW && p.stability() == Stability.STABLE) {
        slow.add(p);
      }
    }
    if (slow.isEmpty()) {
      return null;
    }
    double[] states = spreadOut(slow, MAX_CONTINUED);
    int count = states.length / n;
    double[] x = input.clone();
    runParallel(count, k -> {
      double[] h = Arrays.copyOfRange(states, k * n, (k + 1) * n);
      new PseudoTransientContinuation(dynamics.get(), CONTINUATION_STEPS).run(h, x, CONTINUATION_STOP_Q);
      System.arraycopy(h, 0, states, k * n, n);
    });
    Candidates polished = new FixedPointFinder(cell, dynamics, newton).optimize(states, input, null);
    return polished.keepBelow(options.tolQ());
  }

  /**
   * At most {@code max} of {@code points}' states, spread over them: the slowest first, then repeatedly the one
   * farthest from those already taken (farthest-point sampling, Gonzalez 1985), so that every region of slow points
   * is represented however many slow points crowd another. Deterministic: ties go to the earlier point in the set's
   * order.
   */
  private double[] spreadOut(List<FixedPoint> points, int max) {
    int count = Math.min(max, points.size());
    int first = 0;
    for (int k = 1; k < points.size(); k++) {
      if (points.get(k).q() < points.get(first).q()) {
        first = k;
      }
    }
    double[] nearest = new double[points.size()];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    double[] states = new double[count * n];
    int pick = first;
    for (int taken = 0; taken < count; taken++) {
      double[] chosen = points.get(pick).state();
      System.arraycopy(chosen, 0, states, taken * n, n);
      int next = -1;
      for (int k = 0; k < points.size(); k++) {
        nearest[k] = Math.min(nearest[k], distance(points.get(k).state(), 0, chosen, 0, n));
        if (nearest[k] > 0 && (next < 0 || nearest[k] > nearest[next])) {
          next = k;
        }
      }
      if (next < 0) {
        return Arrays.copyOf(states, (taken + 1) * n);
      }
      pick = next;
    }
    return states;
  }

  /**
   * Where the network settles from each of {@code states} under the constant input {@code x*}: the map
   * {@code h ← F(h, x*)} is run from every state (in double precision, the states of a block batched through
   * {@link BatchedDynamics#step}) for at most {@code settleSteps} steps. A state stops early once {@code q < tolQ}
   * (it has reached a fixed point to tolerance), or at a check every {@value #SETTLE_WINDOW} steps when its
   * smallest {@code q} over the window is above {@value #SETTLE_STALL} times the smallest over the window before
   * (the first window is compared with the starting {@code q}): its speed has stopped shrinking, on a slow manifold,
   * near a ghost or saddle, on a cycle, in chaos or diverging. This is how one finds the attractors by simulation
   * (Sussillo &amp; Barak 2013 run the network from many states to see where it goes); the optimiser then finishes
   * what the map approaches slowly.
   *
   * <p>Returned are the end states whose {@code q} is finite and either below {@code tolQ} or below the {@code q}
   * they started with, in the order of {@code states} (a state the map carried to faster, non-finite or diverging
   * regions is dropped: it would be no start for the search, and far-flung states would distort the distance
   * outlier test). Deterministic: each state's result depends on that state alone, whatever the block size or
   * thread count.
   *
   * @param states {@code count × N} row-major states
   * @return {@code kept × N} row-major end states (possibly none)
   */
  public double[] settle(double[] states, double[] input) {
    checkStates("states", states, input);
    int count = states.length / n;
    double[] x = input.clone();
    double[] ends = new double[count * n];
    boolean[] kept = new boolean[count];
    int bs = options.blockSize();
    int blocks = (count + bs - 1) / bs;
    runParallel(blocks, blk -> {
      int start = blk * bs;
      settleBlock(dynamics.get(), x, states, start, Math.min(bs, count - start), ends, kept);
    });
    int m = 0;
    for (int k = 0; k < count; k++) {
      if (kept[k]) {
        System.arraycopy(ends, k * n, ends, m * n, n);
        m++;
      }
    }
    return Arrays.copyOf(ends, m * n);
  }

  /** {@link #settle} of the rows {@code start … start + len − 1}, batched; writes their end states and whether kept. */
  private void settleBlock(BatchedDynamics dyn, double[] x, double[] states, int start, int len, double[] ends,
      boolean[] kept) {
    double[] h = Arrays.copyOfRange(states, start * n, (start + len) * n);
    double[] next = new double[len * n];
    int[] id = new int[len];
    double[] q0 = new double[len];
    double[] previousMin = new double[len];
    double[] windowMin = new double[len];
    for (int b = 0; b < len; b++) {
      id[b] = b;
    }
    final int maxSteps = options.settleSteps();
    final double tolQ = options.tolQ();
    boolean[] stop = new boolean[len];
    int active = len;
    for (int t = 0; active > 0; t++) {
      dyn.step(active, h, x, next);
      boolean check = t > 0 && t % SETTLE_WINDOW == 0;
      for (int b = 0; b < active; b++) {
        double q = halfSquaredDistance(next, h, b * n, n);
        if (t == 0) {
          q0[b] = q;
          previousMin[b] = q;
          windowMin[b] = Double.POSITIVE_INFINITY;
        }
        if (!Double.isFinite(q)) {
          stop[b] = true;
          kept[start + id[b]] = false;
          continue;
        }
        if (q < tolQ || t >= maxSteps) {
          stop[b] = true;
          kept[start + id[b]] = q < tolQ || q < q0[b];
          continue;
        }
        if (t > 0) {
          windowMin[b] = Math.min(windowMin[b], q);
        }
        if (check) {
          if (windowMin[b] > SETTLE_STALL * previousMin[b]) {
            stop[b] = true;
            kept[start + id[b]] = q < q0[b];
            continue;
          }
          previousMin[b] = windowMin[b];
          windowMin[b] = Double.POSITIVE_INFINITY;
        }
      }
      // Stopped rows keep h (the state whose q was measured); the others advance to F(h) and close ranks.
      int keep = 0;
      for (int b = 0; b < active; b++) {
        if (stop[b]) {
          System.arraycopy(h, b * n, ends, (start + id[b]) * n, n);
          stop[b] = false;
          continue;
        }
        System.arraycopy(next, b * n, h, keep * n, n);
        id[keep] = id[b];
        q0[keep] = q0[b];
        previousMin[keep] = previousMin[b];
        windowMin[keep] = windowMin[b];
        keep++;
      }
      active = keep;
    }
  }

  /** Stages (1)–(3) of the pipeline: the optimised candidates, before selection. */
  public Candidates optimize(double[] initialStates, double[] input, RandomGenerator rng) {
    checkStates("initialStates", initialStates, input);
    if (options.initialNoise() > 0 && rng == null) {
      throw new IllegalArgumentException("FixedPointFinder: initialNoise is " + options.initialNoise()
          + " but no RandomGenerator was given");
    }
    int count = initialStates.length / n;
    int[] order = lexicographicOrder(initialStates, count, n);
    double[] x0 = new double[count * n];
    for (int k = 0; k < count; k++) {
      System.arraycopy(initialStates, order[k] * n, x0, k * n, n);
    }
    double sigma = options.initialNoise();
    if (sigma > 0) {
      for (int i = 0; i < x0.length; i++) {
        x0[i] += sigma * rng.nextGaussian();
      }
    }
    double[] x = input.clone();
    double[] states = x0.clone();
    double[] q = new double[count];
    int[] iterations = new int[count];
    int[] polishSteps = new int[count];
    int bs = options.blockSize();
    int blocks = (count + bs - 1) / bs;
    runParallel(blocks, blk -> {
      int start = blk * bs;
      int len = Math.min(bs, count - start);
      new BlockWorker(dynamics.get(), n, options, x, len).run(start, len, states, q, iterations, polishSteps);
    });
    return new Candidates(n, x, x0, states, q, iterations, polishSteps);
  }

  /** One clear IllegalArgumentException for a states array that is not whole finite rows, or a wrong input. */
  private void checkStates(String name, double[] states, double[] input) {
    if (states == null || states.length == 0 || states.length % n != 0) {
      throw new IllegalArgumentException("FixedPointFinder: " + name + " must hold count >= 1 rows of stateSize = "
          + n + ", got length " + (states == null ? "null" : Integer.toString(states.length)));
    }
    if (input == null || input.length != cell.inputSize()) {
      throw new IllegalArgumentException("FixedPointFinder: input must have length inputSize = " + cell.inputSize()
          + ", got " + (input == null ? "null" : Integer.toString(input.length)));
    }
    for (int i = 0; i < states.length; i++) {
      if (!Double.isFinite(states[i])) {
        throw new IllegalArgumentException("FixedPointFinder: " + name + "[" + i + "] is " + states[i]
            + "; only finite values are accepted");
      }
    }
  }

  /** Stages (4)–(5): selection, deduplication, Jacobians, eigen-decomposition and classification. */
  public FixedPointSet select(Candidates c) {
    return select(c, null);
  }

  /**
   * {@link #select(Candidates)}, reusing {@code known[k]} (when not null) as candidate {@code k}'s point: the point a
   * selection over the same candidate (state, {@code q}, input) made before, the same bits. The points computed here
   * are stored into {@code known} for the next selection ({@code known} may be shorter than the candidates, or null).
   */
  private FixedPointSet select(Candidates c, FixedPoint[] known) {
    if (c.stateSize() != n) {
      throw new IllegalArgumentException("FixedPointFinder.select: candidates have stateSize " + c.stateSize()
          + ", the cell has " + n);
    }
    int count = c.count();
    double[] states = c.states();
    double[] q = c.q();
    boolean[] keep = new boolean[count];
    int kept = 0;
    for (int k = 0; k < count; k++) {
      boolean ok = Double.isFinite(q[k]) && q[k] <= options.slowQ();
      for (int i = 0; ok && i < n; i++) {
        ok = Double.isFinite(states[k * n + i]);
      }
      keep[k] = ok;
      if (ok) {
        kept++;
      }
    }
    int rejectedSlow = count - kept;

    int outliers = 0;
    if (options.excludeDistanceOutliers()) {
      double[] init = c.initialStates();
      double[] centroid = new double[n];
      for (int k = 0; k < count; k++) {
        for (int i = 0; i < n; i++) {
          centroid[i] += init[k * n + i];
        }
      }
      for (int i = 0; i < n; i++) {
        centroid[i] /= count;
      }
      double meanDist = 0;
      for (int k = 0; k < count; k++) {
        meanDist += distance(init, k * n, centroid, 0, n);
      }
      meanDist /= count;
      if (meanDist > 0) {
        for (int k = 0; k < count; k++) {
          if (keep[k] && distance(states, k * n, centroid, 0, n) / meanDist >= options.outlierDistanceScale()) {
            keep[k] = false;
            outliers++;
          }
        }
      }
    }

    Integer[] byQ = new Integer[kept - outliers];
    int m = 0;
    for (int k = 0; k < count; k++) {
      if (keep[k]) {
        byQ[m++] = k;
      }
    }
    Arrays.sort(byQ, (a, b) -> {
      int cmp = Double.compare(q[a], q[b]);
      return cmp != 0 ? cmp : compareRows(states, a * n, states, b * n, n);
    });
    int[] unique = new int[byQ.length];
    int u = 0;
    double tol = options.tolUnique();
    for (Integer k : byQ) {
      boolean dup = false;
      for (int j = 0; j < u && !dup; j++) {
        dup = distance(states, k * n, states, unique[j] * n, n) <= tol;
      }
      if (!dup) {
        unique[u++] = k;
      }
    }
    int duplicates = byQ.length - u;

    FixedPoint[] points = new FixedPoint[u];
    int nu = u;
    double[] x = c.input();
    boolean ct = cell.continuousTime();
    EigenOrder eo = ct ? EigenOrder.REAL_PART_DESCENDING : EigenOrder.MODULUS_DESCENDING;
    runParallel(nu, j -> {
      int k = unique[j];
      boolean memo = known != null && k < known.length;
      if (memo && known[k] != null) {
        points[j] = known[k];
        return;
      }
      double[] h = Arrays.copyOfRange(states, k * n, (k + 1) * n);
      double[] jac = new double[n * n];
      cell.jacobian(h, x, jac);
      PointKind kind = q[k] < options.tolQ() ? PointKind.FIXED : PointKind.SLOW;
      // Eigenvectors only where they are read: fixed points (the study's topology graph); a slow point's are
      // recomputed from its Jacobian on request (FixedPointTopology with slow points). On W4 that is 933 of 943.
      EigenSystem e = kind == PointKind.FIXED ? EigenSystem.of(jac, n, eo) : EigenSystem.valuesOf(jac, n, eo);
      int unstable = Stability.unstableDimensions(e, ct, options.stabilityTolerance());
      points[j] = new FixedPoint(h, x, q[k], kind, jac, e, unstable, Stability.of(unstable, n));
      if (memo) {
        known[k] = points[j]; // distinct k per task; read after runParallel has joined every task
      }
    });
    List<FixedPoint> list = new ArrayList<>(Arrays.asList(points));
    list.sort((a, b) -> {
      int cmp = a.kind().compareTo(b.kind());
      if (cmp != 0) {
        return cmp;
      }
      for (int i = 0; i < n; i++) {
        cmp = Double.compare(a.state(i), b.state(i));
        if (cmp != 0) {
          return cmp;
        }
      }
      return 0;
    });
    return new FixedPointSet(n, ct, cell.alpha(), x, options, list, count, rejectedSlow, outliers, duplicates);
  }

  private void runParallel(int tasks, IntConsumer body) {
    int threads = Math.min(options.threads(), tasks);
    if (threads <= 1) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "cohort-fixed-points");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(tasks);
      for (int t = 0; t < tasks; t++) {
        int task = t;
        futures.add(pool.submit(() -> body.accept(task)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("FixedPointFinder interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  static int[] lexicographicOrder(double[] rows, int count, int n) {
    Integer[] idx = new Integer[count];
    for (int k = 0; k < count; k++) {
      idx[k] = k;
    }
    Arrays.sort(idx, (a, b) -> compareRows(rows, a * n, rows, b * n, n));
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      out[k] = idx[k];
    }
    return out;
  }

  static int compareRows(double[] a, int oa, double[] b, int ob, int n) {
    for (int i = 0; i < n; i++) {
      int c = Double.compare(a[oa + i], b[ob + i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** {@code ½‖a[off : off+n] − b[off : off+n]‖²}: the speed q of a state {@code b} whose image is {@code a}. */
  static double halfSquaredDistance(double[] a, double[] b, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = a[off + i] - b[off + i];
      s += d * d;
    }
    return 0.5 * s;
  }

  static double distance(double[] a, int oa, double[] b, int ob, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = a[oa + i] - b[ob + i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** One block of states: Adam with the adaptive learning rate, then the polish. All scratch allocated once. */
  private static final class BlockWorker {
    /** Halvings of the Newton step tried before the Levenberg–Marquardt fallback. */
    static final int LINE_SEARCH_STEPS = 12;
    /** The adaptive learning rate never exceeds this multiple of its initial value ({@link FixedPointOptions}, (5)). */
    static final double RATE_CAP = 10;
    /** Armijo constant: a step of length α must lower q by at least the fraction 2·ARMIJO·α. */
    static final double ARMIJO = 1e-4;
    /** The polish of a state ends when an accepted step lowers q by less than this fraction (no longer converging). */
    static final double POLISH_STALL = 0.99;
    private final BatchedDynamics dyn;
    private final int n;
    private final FixedPointOptions o;
    private final double[] x;
    private final double[] h;
    private final double[] r;
    private final double[] g;
    private final double[] m;
    private final double[] v;
    private final double[] lr;
    private final double[] qPrev;
    private final double[] hist;
    private final int[] lastUpdate;
    private final int[] id;
    private final boolean[] stopped;
    private final double[] stopQ;
    private final int[] stopIter;
    // polish scratch
    private final double[] row;
    private final double[] trial;
    private final double[] next;
    /** The line search's trial states, all evaluated in one batched step, and their images. */
    private final double[] trials;
    private final double[] trialNext;
    private final double[] res;
    private final double[] resTrial;
    private final double[] jac;
    private final double[] lu;
    private final double[] ata;
    private final double[] atr;
    private final double[] rhs;
    private final int[] piv;
    private double polishQ;

    BlockWorker(BatchedDynamics dyn, int n, FixedPointOptions o, double[] x, int len) {
      if (dyn.stateSize() != n) {
        throw new IllegalArgumentException("FixedPointFinder: dynamics stateSize " + dyn.stateSize()
            + " differs from the cell's " + n);
      }
      this.dyn = dyn;
      this.n = n;
      this.o = o;
      this.x = x;
      h = new double[len * n];
      r = new double[len * n];
      g = new double[len * n];
      m = new double[len * n];
      v = new double[len * n];
      lr = new double[len];
      qPrev = new double[len];
      hist = new double[len * (o.learningRatePatience() + 1)];
      lastUpdate = new int[len];
      id = new int[len];
      stopped = new boolean[len];
      stopQ = new double[len];
      stopIter = new int[len];
      row = new double[n];
      trial = new double[n];
      next = new double[n];
      trials = new double[LINE_SEARCH_STEPS * n];
      trialNext = new double[LINE_SEARCH_STEPS * n];
      res = new double[n];
      resTrial = new double[n];
      jac = new double[n * n];
      lu = new double[n * n];
      ata = new double[n * n];
      atr = new double[n];
      rhs = new double[n];
      piv = new int[n];
    }

    void run(int start, int len, double[] states, double[] qOut, int[] itOut, int[] polishOut) {
      System.arraycopy(states, start * n, h, 0, len * n);
      for (int b = 0; b < len; b++) {
        id[b] = b;
        lr[b] = o.learningRateInit();
      }
      final int p = o.learningRatePatience();
      final int w = p + 1;
      final double b1 = o.adamBeta1();
      final double b2 = o.adamBeta2();
      final double eps = o.adamEpsilon();
      final double tolQ = o.tolQ();
      final double tolDq = o.tolDq();
      final int maxIter = o.maxIterations();
      final boolean single = o.singlePrecision();
      double b1t = 1;
      double b2t = 1;
      int active = len;
      for (int t = 0; active > 0; t++) {
        if (single) {
          dyn.residualGradientSingle(active, h, x, r, g);
        } else {
          dyn.residualGradient(active, h, x, r, g);
        }
        b1t *= b1;
        b2t *= b2;
        double corr = Math.sqrt(1 - b2t) / (1 - b1t);
        boolean anyStop = false;
        for (int b = 0; b < active; b++) {
          int off = b * n;
          double qb = 0;
          for (int i = 0; i < n; i++) {
            qb += r[off + i] * r[off + i];
          }
          qb *= 0.5;
          if (!(qb >= tolQ) || (t > 0 && Math.abs(qb - qPrev[b]) < tolDq * lr[b]) || t >= maxIter) {
            stopped[b] = true;
            stopQ[b] = qb;
            stopIter[b] = t;
            anyStop = true;
            continue;
          }
          double step = lr[b] * corr;
          for (int i = 0; i < n; i++) {
            double gi = g[off + i];
            double mi = b1 * m[off + i] + (1 - b1) * gi;
            double vi = b2 * v[off + i] + (1 - b2) * gi * gi;
            m[off + i] = mi;
            v[off + i] = vi;
            h[off + i] -= step * mi / (Math.sqrt(vi) + eps);
          }
          // Adaptive learning rate (recurrent-whisperer AdaptiveLearningRate.update), per state.
          int hb = b * w;
          hist[hb + t % w] = qb;
          if (t == 0) {
            lastUpdate[b] = 0;
          } else if (t >= lastUpdate[b] + p) {
            boolean worse = true;
            for (int k = 1; k <= p && worse; k++) {
              worse = qb > hist[hb + (t - k) % w];
            }
            if (worse) {
              lr[b] *= o.learningRateDecrease();
              lastUpdate[b] = t;
            } else {
              boolean mono = true;
              for (int k = 0; k < p && mono; k++) {
                mono = hist[hb + (t - k) % w] < hist[hb + (t - k - 1) % w];
              }
              if (mono) {
                lr[b] *= o.learningRateIncrease();
                lastUpdate[b] = t;
              }
            }
            lr[b] = Math.max(o.learningRateMin(), Math.min(o.learningRateInit() * RATE_CAP, lr[b]));
          }
          qPrev[b] = qb;
        }
        if (anyStop) {
          int keep = 0;
          for (int b = 0; b < active; b++) {
            if (stopped[b]) {
              int k = start + id[b];
              System.arraycopy(h, b * n, states, k * n, n);
              qOut[k] = stopQ[b];
              itOut[k] = stopIter[b];
              stopped[b] = false;
            } else {
              if (keep != b) {
                System.arraycopy(h, b * n, h, keep * n, n);
                System.arraycopy(m, b * n, m, keep * n, n);
                System.arraycopy(v, b * n, v, keep * n, n);
                System.arraycopy(hist, b * w, hist, keep * w, w);
                lr[keep] = lr[b];
                qPrev[keep] = qPrev[b];
                lastUpdate[keep] = lastUpdate[b];
                id[keep] = id[b];
              }
              keep++;
            }
          }
          active = keep;
        }
      }
      if (single) {
        // The reported q is the double-precision one.
        System.arraycopy(states, start * n, h, 0, len * n);
        dyn.step(len, h, x, r);
        for (int b = 0; b < len; b++) {
          qOut[start + b] = halfSquaredDistance(r, h, b * n, n);
        }
      }
      if (o.polish() && o.maxPolishIterations() > 0) {
        for (int b = 0; b < len; b++) {
          int k = start + b;
          if (Double.isFinite(qOut[k]) && qOut[k] <= o.slowQ()) {
            System.arraycopy(states, k * n, row, 0, n);
            // Kept only when it reached a root: short of one, the line search may have crept some way along a
            // slow direction without finding a minimum of q, where Adam's point is the honest slow point.
            int steps = polish();
            if (steps > 0 && polishQ < o.tolQ()) {
              System.arraycopy(row, 0, states, k * n, n);
              qOut[k] = polishQ;
              polishOut[k] = steps;
            }
          }
        }
      }
    }

    /** q at {@code state}; the residual goes to {@code out}. */
    private double speed(double[] state, double[] out) {
      dyn.step(1, state, x, next);
      for (int i = 0; i < n; i++) {
        out[i] = next[i] - state[i];
      }
      return halfSquaredDistance(next, state, 0, n);
    }

    /** Newton / Levenberg–Marquardt polish of {@code row}; returns the number of accepted steps. */
    private int polish() {
      double q = speed(row, res);
      int steps = 0;
      while (steps < o.maxPolishIterations() && q > 0) {
        dyn.jacobian(row, x, jac);
        for (int i = 0; i < n; i++) {
          jac[i * n + i] -= 1.0;
        }
        double qT = Double.NaN;
        boolean accepted = false;
        System.arraycopy(jac, 0, lu, 0, n * n);
        for (int i = 0; i < n; i++) {
          rhs[i] = -res[i];
        }
        if (Linalg.luSolve(lu, rhs, n, piv)) {
          // Backtracking (Armijo) along the Newton direction, a descent direction of q: ∇qᵀδ = −‖r‖² = −2q. Far
          // from a root along a slow, curved manifold (J − I nearly singular) the full step overshoots; shorter
          // steps still make progress where the damped (LM) step would crawl.
          // All step lengths 1, ½, …, 2^−(LINE_SEARCH_STEPS−1) in one batched evaluation; the longest that passes.
          double alpha = 1;
          for (int ls = 0; ls < LINE_SEARCH_STEPS; ls++, alpha *= 0.5) {
            for (int i = 0; i < n; i++) {
              trials[ls * n + i] = row[i] + alpha * rhs[i];
            }
          }
          dyn.step(LINE_SEARCH_STEPS, trials, x, trialNext);
          alpha = 1;
          for (int ls = 0; ls < LINE_SEARCH_STEPS && !accepted; ls++, alpha *= 0.5) {
            double qa = halfSquaredDistance(trialNext, trials, ls * n, n);
            if (Double.isFinite(qa) && qa <= q * (1 - 2 * ARMIJO * alpha)) {
              accepted = true;
              qT = qa;
              for (int i = 0; i < n; i++) {
                trial[i] = trials[ls * n + i];
                resTrial[i] = trialNext[ls * n + i] - trials[ls * n + i];
              }
            }
          }
        }
        if (!accepted) {
          if (q < o.tolQ()) {
            break;
          }
          // Levenberg–Marquardt: (AᵀA + μ I) δ = −Aᵀ r with A = J − I.
          Arrays.fill(ata, 0.0);
          Arrays.fill(atr, 0.0);
          double maxDiag = 0;
          for (int k = 0; k < n; k++) {
            int rk = k * n;
            double rkv = res[k];
            for (int i = 0; i < n; i++) {
              double aki = jac[rk + i];
              if (aki == 0) {
                continue;
              }
              atr[i] += aki * rkv;
              int ri = i * n;
              for (int j = 0; j < n; j++) {
                ata[ri + j] += aki * jac[rk + j];
              }
            }
          }
          for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, ata[i * n + i]);
          }
          double mu = 1e-3 * (maxDiag > 0 ? maxDiag : 1.0);
          for (int attempt = 0; attempt < 8 && !accepted; attempt++) {
            System.arraycopy(ata, 0, lu, 0, n * n);
            for (int i = 0; i < n; i++) {
              lu[i * n + i] += mu;
              rhs[i] = -atr[i];
            }
            if (Linalg.choleskySolve(lu, rhs, n)) {
              qT = tryStep();
              accepted = qT < q;
            }
            mu *= 10;
          }
        }
        if (!accepted) {
          break;
        }
        double ratio = qT / q;
        System.arraycopy(trial, 0, row, 0, n);
        System.arraycopy(resTrial, 0, res, 0, n);
        q = qT;
        steps++;
        if (ratio > POLISH_STALL) {
          break;
        }
      }
      polishQ = q;
      return steps;
    }

    /** trial = row + rhs; returns q(trial) (NaN-safe: non-finite gives +∞). */
    private double tryStep() {
      for (int i = 0; i < n; i++) {
        trial[i] = row[i] + rhs[i];
      }
      double qT = speed(trial, resTrial);
      return Double.isFinite(qT) ? qT : Double.POSITIVE_INFINITY;
    }
  }
}
