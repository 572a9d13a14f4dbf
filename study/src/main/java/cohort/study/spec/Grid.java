package cohort.study.spec;

import cohort.study.spec.RunSpec.TrainingChoice;
import cohort.study.spec.StudySpec.Exclusion;
import cohort.study.spec.StudySpec.GridSpec;
import cohort.study.spec.StudySpec.InitChoice;
import cohort.study.spec.StudySpec.TaskChoice;
import cohort.study.spec.StudySpec.TrainingGrid;
import cohort.study.spec.StudySpec.TrainingOverride;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Expands a {@link StudySpec} into its runs, in a fixed nested order (task, architecture, activation, units,
 * init, Dale fraction, rank, α, noise, training axes, replicate), with ids that name every swept axis.
 *
 * <p>Cells matching one of the grid's exclusions ({@link Exclusion}) are left out; the others keep the ids they
 * would have in the full grid. A cell that training overrides ({@link TrainingOverride}) match takes their values,
 * in their order, and keeps its id and seed.
 *
 * <p>Ids and seeds depend only on the spec: expanding the same spec twice, or on another machine, gives the
 * same runs. An axis with a single value stays out of the id unless it is always shown (task, architecture,
 * activation, units, init, replicate).
 */
public final class Grid {

  private Grid() {}

  /** All runs of {@code spec}, in grid order (the last axis varies fastest). */
  public static List<RunSpec> expand(StudySpec spec) {
    GridSpec g = spec.grid();
    TrainingGrid t = spec.training();
    List<List<?>> axes = List.of(g.tasks(), g.architectures(), g.activations(), g.units(), g.inits(),
        g.excitatoryFractions(), g.ranks(), g.alphas(), g.recurrentNoises(), t.iterations(), t.batch(),
        t.learningRate(), t.optimizer(), t.clip(), t.weightL2(), t.rateL2(), t.loss());
    for (List<?> axis : axes) {
      if (axis.isEmpty()) {
        return List.of();
      }
    }
    List<RunSpec> runs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int[] at = new int[axes.size()];
    do {
      TaskChoice task = (TaskChoice) axes.get(0).get(at[0]);
      String arch = (String) axes.get(1).get(at[1]);
      String act = (String) axes.get(2).get(at[2]);
      int units = (Integer) axes.get(3).get(at[3]);
      InitChoice init = (InitChoice) axes.get(4).get(at[4]);
      double dale = (Double) axes.get(5).get(at[5]);
      int rank = (Integer) axes.get(6).get(at[6]);
      double alpha = (Double) axes.get(7).get(at[7]);
      double noise = (Double) axes.get(8).get(at[8]);
      TrainingChoice tc = new TrainingChoice((Integer) axes.get(9).get(at[9]), (Integer) axes.get(10).get(at[10]),
          (Double) axes.get(11).get(at[11]), (String) axes.get(12).get(at[12]), (Double) axes.get(13).get(at[13]),
          (Double) axes.get(14).get(at[14]), (Double) axes.get(15).get(at[15]), (String) axes.get(16).get(at[16]),
          t.targetAccuracy(), t.validateEvery(), t.validationBatches(), t.lrDecay(), t.rollbacks());
      Map<String, String> cell = axisValues(task.label(), arch, act, units, init, dale);
      if (excluded(g, cell)) {
        continue;
      }
      for (TrainingOverride o : t.overrides()) {
        if (o.when().matches(cell)) {
          tc = tc.with(o.values());
        }
      }
      StringBuilder id = new StringBuilder();
      id.append(task.label()).append('-').append(arch).append('-').append(act).append("-n").append(units)
          .append('-').append(initLabel(init));
      String[] tags = {null, null, null, null, null, "dale", "rank", "alpha", "noise", "it", "b", "lr", "", "clip",
          "l2", "rl2", ""};
      for (int k = 5; k < axes.size(); k++) {
        if (axes.get(k).size() > 1) {
          Object v = axes.get(k).get(at[k]);
          id.append('-').append(tags[k]).append(v instanceof Number n ? num(n.doubleValue()) : v);
        }
      }
      for (int s = 0; s < g.seeds(); s++) {
        String runId = id + "-s" + s;
        if (!ids.add(runId)) {
          throw new IllegalStateException("duplicate run id " + runId);
        }
        runs.add(new RunSpec(runId, runs.size(), runSeed(spec.seed(), runId), task, arch, act, units, init, dale,
            rank, alpha, noise, s, tc));
      }
    } while (advance(at, axes));
    return List.copyOf(runs);
  }

  /** The number of network cells (task, architecture, activation, units, init, Dale fraction) no exclusion leaves out. */
  static int cells(GridSpec g) {
    return keptCells(g).size();
  }

  /**
   * Whether {@code pattern} (an exclusion, or the cells of a training override) matches a cell of {@code g} that
   * no exclusion leaves out.
   */
  static boolean matchesSomeCell(GridSpec g, Exclusion pattern) {
    return keptCells(g).stream().anyMatch(pattern::matches);
  }

  /** The axis values ({@link #axisValues}) of every network cell of {@code g} that no exclusion leaves out. */
  private static List<Map<String, String>> keptCells(GridSpec g) {
    List<Map<String, String>> kept = new ArrayList<>();
    for (TaskChoice t : g.tasks()) {
      for (String arch : g.architectures()) {
        for (String act : g.activations()) {
          for (int units : g.units()) {
            for (InitChoice init : g.inits()) {
              for (double dale : g.excitatoryFractions()) {
                Map<String, String> cell = axisValues(t.label(), arch, act, units, init, dale);
                if (!excluded(g, cell)) {
                  kept.add(cell);
                }
              }
            }
          }
        }
      }
    }
    return kept;
  }

  /** Whether one of the grid's exclusions leaves out the cell with these axis values. */
  private static boolean excluded(GridSpec g, Map<String, String> cell) {
    for (Exclusion e : g.exclude()) {
      if (e.matches(cell)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The values an {@link Exclusion} is matched against, spelled as in run ids; the init under two keys, its kind
   * ({@code init.kind}) and its run-id label ({@code init}, e.g. {@code orthogonal0.5}), so that an exclusion can
   * name either.
   */
  static Map<String, String> axisValues(String task, String arch, String act, int units, InitChoice init,
      double dale) {
    return Map.of("task", task, "architecture", arch, "activation", act, "units", Integer.toString(units), "init",
        initLabel(init), "init.kind", init.kind(), "dale", num(dale));
  }

  /**
   * An init as run ids spell it: kind, gain, {@code -unbal} for an unbalanced Dale start, and {@code -in} with the
   * input weights' initialiser when it is not the default (e.g. {@code normal1-unbal-inglorot}).
   */
  static String initLabel(InitChoice init) {
    return init.kind() + num(init.gain()) + (init.daleBalance() ? "" : "-unbal")
        + (init.input() == null ? "" : "-in" + init.input());
  }

  private static boolean advance(int[] at, List<List<?>> axes) {
    for (int k = at.length - 1; k >= 0; k--) {
      if (++at[k] < axes.get(k).size()) {
        return true;
      }
      at[k] = 0;
    }
    return false;
  }

  /** The runs of shard {@code i} of {@code n} (0-based i): every n-th run, starting at i. */
  public static List<RunSpec> shard(List<RunSpec> runs, int i, int n) {
    if (n < 1 || i < 0 || i >= n) {
      throw new IllegalArgumentException("--shard " + i + "/" + n + ": accepted: i/n with 0 <= i < n");
    }
    List<RunSpec> out = new ArrayList<>();
    for (RunSpec r : runs) {
      if (r.index() % n == i) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * A run's seed: SplitMix64's finaliser over the study seed and the 64-bit FNV-1a hash of the run id, so that
   * runs get independent seeds that do not change when other runs are added to the grid.
   */
  public static long runSeed(long studySeed, String runId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : runId.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return mix(studySeed * 0x9E3779B97F4A7C15L + h);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v).replace("E", "e");
  }
}
