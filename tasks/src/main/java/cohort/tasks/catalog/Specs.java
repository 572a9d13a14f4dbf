package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;

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
        java.util.List.of());
  }

  /** The tolerance of a per-trial relative RMS error ({@code relative-error}), a number > 0. */
  static ParameterSpec relativeError(double defaultValue, String meaning) {
    return ParameterSpec.positive("relative-error", defaultValue, "accuracy: " + meaning);
  }

  static ParameterSpec steps(int defaultSteps, String source) {
    return ParameterSpec.integer("steps", defaultSteps, 1, 100_000, "time steps per trial (" + source + ")");
  }
}
