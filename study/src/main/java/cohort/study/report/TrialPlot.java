package cohort.study.report;

import cohort.study.report.figure.LinePlot;
import cohort.study.report.figure.Numbers;
import cohort.study.report.figure.Palette;
import cohort.tasks.Conditions;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The picture of one trial of a task: three panels over one time axis, inputs, targets (with the unscored steps
 * shaded) and the mask, one lane per channel, named and coloured, with the onsets and ends of the task's periods
 * (its {@code <period>_start} and {@code <period>_end} labels, and {@code trial_steps} where padding follows) drawn
 * as dashed lines across all panels. The other condition labels of the trial are printed under the title.
 */
public final class TrialPlot {

  private TrialPlot() {}

  /**
   * Draws trial {@code trial} of {@code batch}, which {@code task} generated.
   *
   * @param caption a short note for the title line, e.g. {@code "seed 1"}
   */
  public static BufferedImage render(Task task, TrialBatch batch, int trial, String caption) {
    int steps = batch.steps();
    List<LinePlot.Lane> inputLanes = new ArrayList<>();
    double inMin = 0;
    double inMax = 1;
    for (int d = 0; d < batch.inputSize(); d++) {
      double[] v = new double[steps];
      for (int t = 0; t < steps; t++) {
        v[t] = batch.inputs()[batch.inputIndex(t, trial, d)];
        inMin = Math.min(inMin, v[t]);
        inMax = Math.max(inMax, v[t]);
      }
      String name = task.inputNames().get(d);
      inputLanes.add(new LinePlot.Lane(name, List.of(new LinePlot.Series(name, v, color(d), false))));
    }
    List<LinePlot.Lane> targetLanes = new ArrayList<>();
    List<LinePlot.Span> unscored = new ArrayList<>();
    double outMin = 0;
    double outMax = 1;
    double[][] mask = new double[batch.outputSize()][steps];
    for (int d = 0; d < batch.outputSize(); d++) {
      double[] v = new double[steps];
      for (int t = 0; t < steps; t++) {
        v[t] = batch.targets()[batch.outputIndex(t, trial, d)];
        mask[d][t] = batch.mask()[batch.outputIndex(t, trial, d)];
        outMin = Math.min(outMin, v[t]);
        outMax = Math.max(outMax, v[t]);
      }
      String name = task.outputNames().get(d);
      targetLanes.add(new LinePlot.Lane(name, List.of(new LinePlot.Series(name, v, color(batch.inputSize() + d), false))));
      int start = -1;
      for (int t = 0; t <= steps; t++) {
        boolean off = t < steps && mask[d][t] == 0;
        if (off && start < 0) {
          start = t;
        } else if (!off && start >= 0) {
          unscored.add(new LinePlot.Span(d, start, t));
          start = -1;
        }
      }
    }
    boolean sameMask = true;
    for (int d = 1; d < mask.length && sameMask; d++) {
      sameMask = java.util.Arrays.equals(mask[0], mask[d]);
    }
    List<LinePlot.Lane> maskLanes = new ArrayList<>();
    if (sameMask) {
      maskLanes.add(new LinePlot.Lane(mask.length == 1 ? task.outputNames().get(0) : "all outputs",
          List.of(new LinePlot.Series("loss weight", mask[0], Color.DARK_GRAY, false))));
    } else {
      for (int d = 0; d < mask.length; d++) {
        String name = task.outputNames().get(d);
        maskLanes.add(new LinePlot.Lane(name,
            List.of(new LinePlot.Series("weight " + name, mask[d], color(batch.inputSize() + d), false))));
      }
    }
    List<LinePlot.Panel> panels = List.of(
        new LinePlot.Panel("Inputs", inputLanes, pad(inMin, inMax)[0], pad(inMin, inMax)[1], List.of(), null),
        new LinePlot.Panel("Targets", targetLanes, pad(outMin, outMax)[0], pad(outMin, outMax)[1], unscored,
            "mask = 0 (not scored)"),
        new LinePlot.Panel("Mask", maskLanes, 0, 1.05, List.of(), null));
    double dt = batch.dtMs();
    boolean timed = dt != 1 || task.parameters().has("dt");
    String xLabel = timed
        ? String.format(Locale.ROOT, "time (ms)   —   dt = %s ms, %d steps", Numbers.compact(dt), steps)
        : "time step   —   " + steps + " steps";
    String title = task.name() + (batch.batch() > 1 ? "  ·  trial " + trial : "")
        + (caption == null || caption.isEmpty() ? "" : "  ·  " + caption);
    String description = TaskRegistry.standard().has(task.name())
        ? TaskRegistry.standard().info(task.name()).description() + "\n" : "";
    return new LinePlot(title, description + labelLine(batch.conditions(), trial), steps, dt, xLabel, panels,
        markers(batch, trial)).render();
  }

  /** The trial's condition labels, period onsets left out (they are drawn as markers). */
  static String labelLine(Conditions c, int trial) {
    StringBuilder sb = new StringBuilder();
    for (String name : c.names()) {
      if (name.endsWith("_start") || name.endsWith("_end") || name.equals("trial_steps")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(",  ");
      }
      sb.append(name).append(" = ").append(Numbers.compact(c.value(name, trial)));
    }
    String s = sb.toString();
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }

  private static List<LinePlot.Marker> markers(TrialBatch batch, int trial) {
    Conditions c = batch.conditions();
    Map<Integer, String> at = new TreeMap<>();
    for (String name : c.names()) {
      double v = c.value(name, trial);
      int step = (int) v;
      String label;
      if (name.endsWith("_start")) {
        label = name.substring(0, name.length() - "_start".length());
      } else if (name.endsWith("_end")) {
        label = name.substring(0, name.length() - "_end".length()) + " end";
      } else if (name.equals("trial_steps")) {
        label = "end (padding after)";
      } else {
        continue;
      }
      if (v != step || step < 0 || step >= batch.steps()) {
        continue;
      }
      at.merge(step, label, (a, b) -> a + "/" + b);
    }
    List<LinePlot.Marker> markers = new ArrayList<>();
    for (Map.Entry<Integer, String> e : at.entrySet()) {
      markers.add(new LinePlot.Marker(e.getKey(), e.getValue()));
    }
    return markers;
  }

  private static Color color(int i) {
    return Palette.category(i);
  }

  private static double[] pad(double lo, double hi) {
    double span = hi - lo;
    return new double[] {lo == 0 ? 0 : lo - 0.05 * span, hi + 0.05 * span};
  }
}
