package cohort.tasks;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A neuroscience task: a generator of trials and the task's own score of a network's outputs.
 *
 * <p>A task is immutable and configured once (see {@link TaskRegistry#create}); {@link #sample} draws every
 * random number from the generator it is given, so the same generator state gives the same batch bit for bit.
 */
public interface Task {

  /** The name users type, e.g. {@code flipflop}. */
  String name();

  /** Names of the input channels, in order (their number is the network's input size). */
  List<String> inputNames();

  /** Names of the output channels, in order (their number is the network's output size). */
  List<String> outputNames();

  /** The time step in milliseconds (1 for tasks defined in steps). */
  double dtMs();

  /**
   * Steps per trial. Tasks with variable period lengths pad every trial to this many steps (the longest trial
   * their timing allows) and mask the padding.
   */
  int steps();

  /** Whether the outputs are continuous values (MSE) or a choice among the output channels (one-hot targets). */
  OutputKind outputKind();

  /** The parameters this task was built with, every one of them, defaults included. */
  TaskParameters parameters();

  /** Draws {@code batch} independent trials. */
  TrialBatch sample(int batch, RandomGenerator random);

  /**
   * The task's own accuracy of {@code outputs} ({@code [T][B][outputSize]}, time-major like the targets) on
   * {@code trials}: the fraction of trials solved, in [0, 1]. A trial is solved only when the whole of its scored
   * period is right (e.g. every flip-flop bit held with a margin at every step, or the right decision in the
   * response window); each task documents its criterion. Never a fraction of time steps.
   */
  double accuracy(TrialBatch trials, float[] outputs);

  /**
   * The constant inputs at which a trained network's autonomous dynamics are analysed (fixed points, stability,
   * linearisation), the task's primary one first. The default is the zero input alone (a memory holds its state
   * when nothing comes in); tasks whose computation depends on a static cue (a sine generator's frequency, an
   * integrator's context) list one input per cue value.
   */
  default List<ConstantInput> analysisInputs() {
    return List.of(ConstantInput.zero(inputSize()));
  }

  default int inputSize() {
    return inputNames().size();
  }

  default int outputSize() {
    return outputNames().size();
  }

  /** How a task's outputs are read and trained. */
  enum OutputKind {
    /** Continuous targets, trained with masked mean-squared error. */
    CONTINUOUS,
    /**
     * One output channel per action with one-hot targets where the mask is on; trainable with masked MSE or
     * masked cross-entropy; the decision is the arg-max channel.
     */
    CHOICE
  }
}
