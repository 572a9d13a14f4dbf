package cohort.training.optim;

/** Checks the optimisers share. */
final class Optimizers {
  private Optimizers() {}

  /** {@code source} as a {@code kind}, for {@link Optimizer#copyStateFrom}; another kind is an error naming both. */
  static <T extends Optimizer> T sameKind(Optimizer source, Class<T> kind) {
    if (!kind.isInstance(source)) {
      throw new IllegalArgumentException("cannot copy the state of " + source + " into a " + kind.getSimpleName());
    }
    return kind.cast(source);
  }

  /** Copies one state array into another of the same size (optimisers built for the same parameter vector). */
  static void copyState(float[] from, float[] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("cannot copy the state of an optimizer for " + from.length
          + " parameters into one for " + to.length);
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }

  static void checkSizes(float[] parameters, float[] gradient, int size) {
    if (parameters.length != size || gradient.length != size) {
      throw new IllegalArgumentException("optimizer built for " + size + " parameters; got parameters "
          + parameters.length + ", gradient " + gradient.length);
    }
  }
}
