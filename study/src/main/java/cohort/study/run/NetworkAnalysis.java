package cohort.study.run;

import cohort.analysis.fixedpoints.FixedPointFinder;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.linearize.Spectrum;
import cohort.analysis.topology.FixedPointTopology;
import cohort.analysis.topology.TopologyGraph;
import cohort.analysis.topology.TopologyOptions;
import cohort.models.ReferenceCell;
import cohort.models.ReferenceNetwork;
import cohort.tasks.TrialBatch;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The dynamical analyses of one trained network, shared by study runs and {@code cohort analyze-network}: the
 * spectrum of its recurrent matrix, its fixed and slow points at a constant input (searched from states of its
 * own trajectories and from where it settles when run at that input from them, Sussillo &amp; Barak 2013) and the
 * topology graph of those points (Maheswaranathan et al. 2019).
 */
public final class NetworkAnalysis {

  private NetworkAnalysis() {}

  /**
   * A network's linear dynamics matrix and its eigenvalues.
   *
   * @param matrix what {@code spectrum} is the spectrum of
   */
  public record RecurrentSpectrum(Spectrum spectrum, String matrix) {}

  /**
   * Eigenvalues of {@code W_eff}, the effective recurrent matrix of a non-gated cell (Jarne's disk vs ring); a
   * gated cell has no single recurrent matrix, so for it the Jacobian at the origin ({@code h = 0, x = 0}) is used.
   */
  public static RecurrentSpectrum spectrum(ReferenceNetwork reference) {
    if (!reference.hasEffectiveRecurrentWeights()) {
      int s = reference.stateSize();
      double[] j = new double[s * s];
      reference.cell().jacobian(new double[s], new double[reference.spec().inputs()], j);
      return new RecurrentSpectrum(Spectrum.of(j, s), "dF/dh at h = 0, x = 0 (a gated cell has no single W_rec)");
    }
    return new RecurrentSpectrum(Spectrum.of(reference.effectiveRecurrentWeights(), reference.spec().hidden()),
        "W_eff, the effective recurrent matrix [post][pre]");
  }

  /**
   * Fixed and slow points of {@code F(·, input)}, searched from {@code k} states drawn without replacement from
   * the network's own trajectories on {@code probe} (with start noise {@code noise}) and, without noise, from where
   * the network settles when run at {@code input} from those states and from the last state of every probe trial
   * ({@link FixedPointFinder#settle}, up to {@link FixedPointOptions#settleSteps()} steps), with FixedPointFinder's
   * defaults; then continued from its stable slow points toward attractors and started again from points on the
   * segments between the stable points found ({@link FixedPointFinder#findWithSaddleSearch}). The settled starts
   * put the search on the attractors the network actually uses: every memory a trial holds is where its states go
   * when the input stops, which may be far from the trial's own states (trained flip-flop LSTMs).
   */
  public static FixedPointSet fixedPoints(ReferenceNetwork reference, TrialBatch probe, double[] input, int k,
      double noise, RandomGenerator random) {
    return fixedPoints(reference, probe, input, k, noise, new double[0], random);
  }

  /**
   * As {@link #fixedPoints(ReferenceNetwork, TrialBatch, double[], int, double, RandomGenerator)}, with
   * {@code extraStarts} ({@code [K][S]} row-major, e.g. {@link #drivenStates}) added to the drawn starts: the states
   * a network visits while the constant input drives it surround the input's own fixed point (the unstable focus a
   * sine generator's limit cycle turns around), which the probe trials, at other inputs, may never come near.
   */
  public static FixedPointSet fixedPoints(ReferenceNetwork reference, TrialBatch probe, double[] input, int k,
      double noise, double[] extraStarts, RandomGenerator random) {
    return fixedPoints(reference, reference.forward(probe.inputs(), probe.steps(), probe.batch()), input, k, noise,
        extraStarts, random);
  }

  /**
   * As {@link #fixedPoints(ReferenceNetwork, TrialBatch, double[], int, double, double[], RandomGenerator)}, with the
   * starts drawn from a trajectory the caller ran (on a user's own inputs, or the network's free dynamics when no
   * task is known).
   */
  public static FixedPointSet fixedPoints(ReferenceNetwork reference, ReferenceNetwork.Trajectory trajectory,
      double[] input, int k, double noise, double[] extraStarts, RandomGenerator random) {
    double[] drawn = starts(reference, trajectory, k, random);
    double[] starts = Arrays.copyOf(drawn, drawn.length + extraStarts.length);
    System.arraycopy(extraStarts, 0, starts, drawn.length, extraStarts.length);
    double[] settleFrom = Arrays.copyOf(starts, starts.length + trajectory.batch() * reference.stateSize());
    System.arraycopy(finalStates(reference, trajectory), 0, settleFrom, starts.length,
        trajectory.batch() * reference.stateSize());
    FixedPointOptions options = FixedPointOptions.defaults().withInitialNoise(noise);
    return new FixedPointFinder(reference.cell(), options).findWithSaddleSearch(starts, settleFrom, input, random);
  }

  /**
   * The saddle-to-attractor graph of the true fixed points among {@code points} (slow points are left out: in
   * gated cells the search also ends in saturated regions far from the reachable states, where q only decays
   * asymptotically, and those would add spurious nodes; Maheswaranathan et al. 2019 build the graph on fixed
   * points).
   */
  public static TopologyGraph topology(ReferenceNetwork reference, FixedPointSet points) {
    ReferenceCell cell = reference.cell();
    return new FixedPointTopology(cell, TopologyOptions.defaults().withIncludeSlowPoints(false)).build(points);
  }

  /**
   * {@code k} full states (for the LSTM, {@code [h; c]}) drawn without replacement from the double-precision
   * network's trajectories {@code tr}.
   */
  static double[] starts(ReferenceNetwork reference, ReferenceNetwork.Trajectory tr, int k, RandomGenerator random) {
    int s = reference.stateSize();
    int pool = tr.steps() * tr.batch();
    int take = Math.min(k, pool);
    int[] order = new int[pool];
    for (int i = 0; i < pool; i++) {
      order[i] = i;
    }
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(pool - i);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    double[] starts = new double[take * s];
    double[] states = tr.states();
    for (int i = 0; i < take; i++) {
      System.arraycopy(states, order[i] * s, starts, i * s, s);
    }
    return starts;
  }

  /**
   * The states of the network run at the constant {@code input} from rest and from the end state of every probe
   * trial: {@code burnIn} steps are dropped, then every {@code stride}-th state of the next {@code keep} steps is
   * kept, {@code [K][S]} row-major. These are the states the network visits when the input alone drives it: a limit
   * cycle, a point attractor or a line of slow states.
   */
  public static double[] drivenStates(ReferenceNetwork reference, TrialBatch probe, double[] input, int burnIn,
      int keep, int stride) {
    if (burnIn < 0 || keep < 1 || stride < 1) {
      throw new IllegalArgumentException("driven states: burn-in " + burnIn + ", keep " + keep + ", stride " + stride
          + "; accepted: burn-in >= 0, keep >= 1, stride >= 1");
    }
    ReferenceNetwork.Trajectory trajectory = reference.forward(probe.inputs(), probe.steps(), probe.batch());
    int s = reference.stateSize();
    int rows = probe.batch() + 1;
    double[] h = new double[rows * s];
    System.arraycopy(finalStates(reference, trajectory), 0, h, s, probe.batch() * s);
    double[] next = new double[rows * s];
    ReferenceCell cell = reference.cell();
    int kept = (keep + stride - 1) / stride;
    double[] out = new double[kept * rows * s];
    int k = 0;
    for (int t = 0; t < burnIn + keep; t++) {
      cell.stepBatch(rows, h, input, next);
      double[] tmp = h;
      h = next;
      next = tmp;
      int after = t - burnIn;
      if (after >= 0 && after % stride == 0) {
        System.arraycopy(h, 0, out, k * rows * s, rows * s);
        k++;
      }
    }
    for (double v : out) {
      if (!Double.isFinite(v)) {
        return new double[0]; // a network that blows up under this input has no driven states to start from
      }
    }
    return out;
  }

  /** The last full state of every trial of {@code tr}, {@code batch × S} row-major. */
  static double[] finalStates(ReferenceNetwork reference, ReferenceNetwork.Trajectory tr) {
    int s = reference.stateSize();
    int rows = tr.batch() * s;
    return Arrays.copyOfRange(tr.states(), (tr.steps() - 1) * rows, tr.steps() * rows);
  }
}
