package cohort.tasks.catalog;

import java.util.random.RandomGenerator;

/**
 * The duration of one trial period in milliseconds, fixed or drawn per trial, converted to whole steps as
 * NeuroGym's {@code TrialEnv.sample_time} does: {@code steps = floor(ms / dt)} (neurogym/core.py, v0.0.1).
 * Random durations are drawn from the half-open interval {@code [min, max)}, so the longest possible period has
 * {@code floor(nextDown(max) / dt)} steps, which is what trials are padded to.
 */
sealed interface Duration {

  /** Steps of one drawn duration. */
  int sampleSteps(double dtMs, RandomGenerator random);

  /** The most steps this period can have. */
  int maxSteps(double dtMs);

  /** The smallest number of steps this period can have. */
  int minSteps(double dtMs);

  /** {@code floor(ms / dt)}, tolerant of the rounding of decimal fractions (0.3 / 0.1 = 3). */
  static int floorSteps(double ms, double dtMs) {
    return (int) Math.floor(ms / dtMs + 1e-9);
  }

  /** Steps of the longest duration strictly below {@code ms}. */
  static int floorStepsBelow(double ms, double dtMs) {
    int k = floorSteps(ms, dtMs);
    return Math.abs(k * dtMs - ms) <= 1e-9 * Math.max(1, ms) ? k - 1 : k;
  }

  /** A fixed duration. */
  record Fixed(double ms) implements Duration {
    @Override
    public int sampleSteps(double dtMs, RandomGenerator random) {
      return floorSteps(ms, dtMs);
    }

    @Override
    public int maxSteps(double dtMs) {
      return floorSteps(ms, dtMs);
    }

    @Override
    public int minSteps(double dtMs) {
      return floorSteps(ms, dtMs);
    }
  }

  /** Uniform on {@code [min, max)} (NeuroGym {@code rng.uniform(min, max)}); {@code min == max} is fixed. */
  record Uniform(double min, double max) implements Duration {
    @Override
    public int sampleSteps(double dtMs, RandomGenerator random) {
      if (min == max) {
        return floorSteps(min, dtMs);
      }
      double ms = min + (max - min) * random.nextDouble();
      return Math.min(floorSteps(ms, dtMs), maxSteps(dtMs));
    }

    @Override
    public int maxSteps(double dtMs) {
      return min == max ? floorSteps(min, dtMs) : Math.max(floorSteps(min, dtMs), floorStepsBelow(max, dtMs));
    }

    @Override
    public int minSteps(double dtMs) {
      return floorSteps(min, dtMs);
    }
  }

  /**
   * An exponential of mean {@code mean} truncated to {@code [min, max)} by rejection (NeuroGym
   * {@code random.TruncExp(vmean, vmin, vmax)}); {@code min >= max} gives {@code max}.
   */
  record TruncatedExponential(double mean, double min, double max) implements Duration {
    @Override
    public int sampleSteps(double dtMs, RandomGenerator random) {
      if (min >= max) {
        return floorSteps(max, dtMs);
      }
      while (true) {
        double v = mean * random.nextExponential();
        if (v >= min && v < max) {
          return Math.min(floorSteps(v, dtMs), maxSteps(dtMs));
        }
      }
    }

    @Override
    public int maxSteps(double dtMs) {
      return min >= max ? floorSteps(max, dtMs) : Math.max(floorSteps(min, dtMs), floorStepsBelow(max, dtMs));
    }

    @Override
    public int minSteps(double dtMs) {
      return min >= max ? floorSteps(max, dtMs) : floorSteps(min, dtMs);
    }
  }
}
