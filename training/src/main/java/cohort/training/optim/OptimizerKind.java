package cohort.training.optim;

import java.util.Locale;

/** The optimisers a {@link cohort.training.TrainingSpec} can name, with their default settings. */
public enum OptimizerKind {
  /** {@link Adam}, β = (0.9, 0.999), ε = 1e-8: the default. */
  ADAM,
  /** {@link Sgd} with momentum 0.9. */
  SGD,
  /** {@link RmsProp}, α = 0.99, ε = 1e-8. */
  RMSPROP;

  /** The name users type: {@code adam}, {@code sgd}, {@code rmsprop}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A fresh optimiser (zero state) for {@code size} parameters. */
  public Optimizer create(int size) {
    switch (this) {
      case ADAM:
        return new Adam(size);
      case SGD:
        return new Sgd(size);
      case RMSPROP:
        return new RmsProp(size);
      default:
        throw new AssertionError(this);
    }
  }

  /** Parses an id (case-insensitive); one clear line otherwise. */
  public static OptimizerKind parse(String text) {
    for (OptimizerKind k : values()) {
      if (k.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("optimizer '" + text + "' is not known; accepted: adam, sgd, rmsprop");
  }
}
