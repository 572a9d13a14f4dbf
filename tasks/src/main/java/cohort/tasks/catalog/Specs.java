package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import java.util.ArrayList;
import java.util.List;

/** Declarations of the parameters many tasks share, so that they read the same everywhere. */
final class Specs {

  private Specs() {}

  static ParameterSpec dt(double defaultMs, String source) {
    return ParameterSpec.real("dt", defaultMs, 0.1, 1000, "time step in ms (" + source + ")");
  }

  /** NeuroGym's {@code sigma}: per-step noise std is {@code noise / sqrt(dt in ms)}. */
  static ParameterSpec neurogymNoise(double defaultSigma, String source) {
    return ParameterSpec.nonNegative("noise", defaultSigma,
        "input noise sigma; each step adds N(0, (noise/sqrt(dt_ms))^2) to the stimulus channels (" + source + ")");
  }

  static ParameterSpec periodMs(String name, double defaultMs, String meaning) {
    return ParameterSpec.real(name, defaultMs, 0, 1e6, meaning + ", ms");
  }

  /** An accuracy margin, a number in {@code (0, upper]}. */
  static ParameterSpec margin(double defaultValue, double upper, String meaning) {
    return new ParameterSpec("margin", defaultValue, "accuracy: " + meaning, ParameterSpec.Kind.REAL, 0, false, upper,
        List.of());
  }

  /** The tolerance of a per-trial relative RMS error ({@code relative-error}), a number > 0. */
  static ParameterSpec relativeError(double defaultValue, String meaning) {
    return ParameterSpec.positive("relative-error", defaultValue, "accuracy: " + meaning);
  }

  /**
   * The parameters of Jarne's level-holding tasks ({@code flipflop1} and the Boolean gates): {@code dt} (1 ms),
   * the input {@code noise}, the task's own {@code timing}, the {@code baseline} target (meaning
   * {@code baselineMeaning}), and the accuracy's {@code margin} and {@code settle} (see
   * {@link TrialScores#holdsLevels}).
   */
  static List<ParameterSpec> jarneLevels(String baselineMeaning, ParameterSpec... timing) {
    List<ParameterSpec> all = new ArrayList<>();
    all.add(dt(1, "Jarne: 1 step = 1 ms"));
    all.add(ParameterSpec.nonNegative("noise", 0.1,
        "std of Gaussian noise added to every input per step (Jarne: 0.1)"));
    all.addAll(List.of(timing));
    all.add(ParameterSpec.real("baseline", 0.01, -10, 10, baselineMeaning + " (Jarne: 0.01)"));
    all.add(margin(0.25, 0.5, "a trial is solved when the output is >= 0.5 + margin where the target is 1 and "
        + "<= 0.5 - margin elsewhere, at every step (Cohort's choice: half-way to the 0/1 levels)"));
    all.add(periodMs("settle", 10, "accuracy: steps less than this before or after a change of the target level "
        + "are not scored (Cohort's choice: half the mem-gap)"));
    return all;
  }

  /** Jarne's input noise: std 0.1 per step, for the pulse tasks that step 1 ms. */
  static ParameterSpec jarneInputNoise() {
    return ParameterSpec.nonNegative("noise", 0.1, "std of Gaussian noise on the input per step (Jarne: 0.1)");
  }

  /** A time in whole ms, at least {@code min}, for the pulse tasks that step 1 ms (so ms = steps). */
  static ParameterSpec wholeMs(String name, int defaultMs, int min, String meaning) {
    return ParameterSpec.integer(name, defaultMs, min, 100_000, meaning);
  }

  static ParameterSpec steps(int defaultSteps, String source) {
    return ParameterSpec.integer("steps", defaultSteps, 1, 100_000, "time steps per trial (" + source + ")");
  }
}
