package example;

import cohort.analysis.fixedpoints.FixedPointFinder;
import cohort.analysis.fixedpoints.FixedPointOptions;
import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.fixedpoints.PointKind;
import cohort.io.NetworkFile;
import cohort.models.ReferenceNetwork;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** The fixed points of a saved network at zero input, searched from states of its own trajectories. */
public class FixedPointsOfSavedNetwork {
  public static void main(String[] args) {
    ReferenceNetwork net = NetworkFile.read(Path.of(args[0])).network().reference();
    TrialBatch trials = TaskRegistry.standard().create("flipflop").sample(16, new SplittableRandom(2));
    double[] states = net.forward(trials.inputs(), trials.steps(), trials.batch()).states();
    double[] starts = java.util.Arrays.copyOfRange(states, 0, 128 * net.stateSize());
    double[] zeroInput = new double[net.spec().inputs()];
    FixedPointSet points = new FixedPointFinder(net.cell(), FixedPointOptions.defaults())
        .findWithSaddleSearch(starts, zeroInput, new SplittableRandom(3));
    System.out.println(points.count(PointKind.FIXED) + " fixed points, " + points.countWithUnstableDimensions(0)
        + " of them stable");
  }
}
