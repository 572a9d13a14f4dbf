package cohort.training.optim;

final class Optimizers {
  private Optimizers() {}

  static void checkSizes(float[] parameters, float[] gradient, int size) {
    if (parameters.length != size || gradient.length != size) {
      throw new IllegalArgumentException("optimizer built for " + size + " parameters; got parameters "
          + parameters.length + ", gradient " + gradient.length);
    }
  }
}
