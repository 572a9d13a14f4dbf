package cohort.training.loss;

import java.util.Locale;

/** The losses a {@link cohort.training.TrainingSpec} can name. */
public enum LossKind {
  /** {@link MaskedMse}, the default. */
  MSE,
  /** {@link MaskedCrossEntropy}, for choice tasks. */
  CE;

  /** The name users type: {@code mse} or {@code ce}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A new loss of this kind. */
  public Loss create() {
    return this == MSE ? new MaskedMse() : new MaskedCrossEntropy();
  }

  /** Parses {@code mse} or {@code ce} (case-insensitive); one clear line otherwise. */
  public static LossKind parse(String text) {
    for (LossKind k : values()) {
      if (k.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("loss '" + text + "' is not known; accepted: mse, ce");
  }
}
