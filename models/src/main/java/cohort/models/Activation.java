package cohort.models;

/**
 * The main nonlinearity {@code σ} of a cell: tanh, ReLU, softplus {@code log(1 + eˣ)} or the identity.
 *
 * <p>For gated cells (UGRNN, GRU, LSTM) the gates are always logistic sigmoids; the activation is the
 * candidate's nonlinearity (UGRNN's {@code c}, GRU's {@code n}, LSTM's {@code g} and the cell output
 * {@code h = o ⊙ σ(c)}, as Keras's {@code activation} argument). The scalar {@code double} methods are the
 * textbook definitions the reference uses; the {@code float[]} kernels are the fast path's (one switch per
 * call, then a tight loop that C2 vectorises; tanh and the sigmoid through a rational approximation accurate to a few
 * float ulps).
 */
public enum Activation {
  TANH,
  RELU,
  SOFTPLUS,
  IDENTITY;

  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** The name users type: the constant's name in lower case. */
  public String id() {
    return id;
  }

  /** Parses a user-typed name (case-insensitive; {@code linear} is accepted for identity). */
  public static Activation parse(String name) {
    if (name != null && name.trim().toLowerCase(java.util.Locale.ROOT).equals("linear")) {
      return IDENTITY;
    }
    return UserNames.parse("activation", name, values(), Activation::id);
  }

  /** {@code σ(z)} in double. */
  public double apply(double z) {
    switch (this) {
      case TANH: return Math.tanh(z);
      case RELU: return z > 0 ? z : 0.0;
      case SOFTPLUS: return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
      default: return z;
    }
  }

  /** {@code σ'(z)} in double (ReLU: 1 for z &gt; 0, else 0). */
  public double derivative(double z) {
    switch (this) {
      case TANH: {
        double t = Math.tanh(z);
        return 1.0 - t * t;
      }
      case RELU: return z > 0 ? 1.0 : 0.0;
      case SOFTPLUS: return sigmoid(z);
      default: return 1.0;
    }
  }

  /** The logistic sigmoid {@code 1 / (1 + e^{−z})} in double. */
  public static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /**
   * In place {@code z[j] ← σ(z[j])} and {@code deriv[j] ← σ'(z_old[j])} for {@code from ≤ j < to}. Both arrays are
   * indexed by the same {@code j} so that C2 vectorises the loop (tanh: {@link #tanh(float)}'s rational form).
   *
   * @param z pre-activations; modified (holds σ(z) on return)
   * @param deriv derivatives; modified (must not be {@code z})
   */
  public void apply(float[] z, float[] deriv, int from, int to) {
    switch (this) {
      case TANH:
        for (int j = from; j < to; j++) {
          float t = tanh(z[j]);
          z[j] = t;
          deriv[j] = 1f - t * t;
        }
        break;
      case RELU:
        for (int j = from; j < to; j++) {
          float v = z[j];
          z[j] = Math.max(v, 0f);
          deriv[j] = v > 0f ? 1f : 0f;
        }
        break;
      case SOFTPLUS:
        for (int j = from; j < to; j++) {
          double v = z[j];
          double e = Math.exp(-Math.abs(v));
          z[j] = (float) (Math.max(v, 0.0) + (e < 1e-8 ? e : Math.log(1.0 + e)));
          deriv[j] = (float) (v >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
        }
        break;
      default:
        for (int j = from; j < to; j++) {
          deriv[j] = 1f;
        }
        break;
    }
  }

  /** In place logistic sigmoid {@code z[j] ← 1/(1+e^{−z[j]}) = ½ tanh(z[j]/2) + ½} for {@code from ≤ j < to}. */
  public static void sigmoid(float[] z, int from, int to) {
    for (int j = from; j < to; j++) {
      z[j] = 0.5f * tanh(0.5f * z[j]) + 0.5f;
    }
  }

  /**
   * {@code tanh z} through one {@link Math#exp} (an intrinsic, about 4× faster than JDK 17's {@link Math#tanh}), for
   * the batched double kernels ({@link BatchMath}): {@code (e^{2|z|} − 1)/(e^{2|z|} + 1)} with the sign restored, the
   * odd Taylor series to {@code z⁹} for {@code |z| < 0.05} (where {@code e^{2|z|} − 1} would cancel), and {@code ±1}
   * for {@code |z| ≥ 20}. Relative error within a few {@code 1e-15} of the correctly rounded value everywhere (the
   * tests check it against {@link Math#tanh}); NaN gives NaN.
   */
  public static double tanhExp(double z) {
    double a = Math.abs(z);
    double t;
    if (a < 0.05) {
      double a2 = a * a;
      t = a * (1 + a2 * (-1.0 / 3 + a2 * (2.0 / 15 + a2 * (-17.0 / 315 + a2 * (62.0 / 2835)))));
    } else if (a >= 20) {
      t = 1.0;
    } else {
      double u = Math.exp(2 * a);
      t = (u - 1) / (u + 1);
    }
    return Math.copySign(t, z);
  }

  /**
   * Float tanh without {@code exp}: the odd/even rational approximation of degree 13/6 on {@code [−7.905, 7.905]}
   * (clamped outside) that Eigen uses for {@code float} ({@code generic_fast_tanh_float}); absolute and relative error
   * below 4e-7 (a few float ulps). Only multiplies, adds, one divide and min/max, so loops over it vectorise.
   */
  public static float tanh(float z) {
    float x = Math.max(-7.90531110763549805f, Math.min(7.90531110763549805f, z));
    float x2 = x * x;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = p * x2 + -8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * x;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return p / q;
  }

  @Override
  public String toString() {
    return id;
  }
}
