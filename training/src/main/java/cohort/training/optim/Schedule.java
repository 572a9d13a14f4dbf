package cohort.training.optim;

import java.util.Locale;

/**
 * A learning-rate schedule, evaluated at iteration {@code i} (0-based) from the base rate {@code lr₀}:
 *
 * <ul>
 *   <li>{@code CONSTANT}: {@code lr₀};
 *   <li>{@code EXPONENTIAL}: {@code lr₀ · factor^i} (Keras' {@code decay} per iteration is the related
 *       {@code lr₀ / (1 + decay·i)}; PyTorch's {@code ExponentialLR} stepped every iteration is this one);
 *   <li>{@code STEP}: {@code lr₀ · factor^⌊i / every⌋} (PyTorch's {@code StepLR}).
 * </ul>
 *
 * @param kind the shape
 * @param factor multiplier in (0, 1] (ignored by CONSTANT)
 * @param every step length in iterations for STEP, >= 1 (ignored otherwise)
 */
public record Schedule(Kind kind, double factor, int every) {

  /** Schedule shapes. */
  public enum Kind { CONSTANT, EXPONENTIAL, STEP }

  public Schedule {
    if (kind == null) {
      throw new IllegalArgumentException("schedule kind must be one of constant, exponential, step; got null");
    }
    if (kind != Kind.CONSTANT && !(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException(
          "schedule factor must be in (0, 1]; got " + factor + " for " + kind.name().toLowerCase(Locale.ROOT));
    }
    if (kind == Kind.STEP && every < 1) {
      throw new IllegalArgumentException("step schedule 'every' must be >= 1 iteration; got " + every);
    }
  }

  /** The constant schedule. */
  public static Schedule constant() {
    return new Schedule(Kind.CONSTANT, 1, 1);
  }

  /** {@code lr₀ · factor^i}. */
  public static Schedule exponential(double factor) {
    return new Schedule(Kind.EXPONENTIAL, factor, 1);
  }

  /** {@code lr₀ · factor^⌊i/every⌋}. */
  public static Schedule step(double factor, int every) {
    return new Schedule(Kind.STEP, factor, every);
  }

  /** The learning rate at (0-based) iteration {@code iteration}. */
  public double rate(double base, long iteration) {
    switch (kind) {
      case CONSTANT:
        return base;
      case EXPONENTIAL:
        return base * Math.pow(factor, iteration);
      case STEP:
        return base * Math.pow(factor, iteration / every);
      default:
        throw new AssertionError(kind);
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case CONSTANT:
        return "constant";
      case EXPONENTIAL:
        return "exponential(" + factor + ")";
      default:
        return "step(" + factor + ", every " + every + ")";
    }
  }
}
