package cohort.models;

/**
 * Weight initialisers for a block with fan-in {@code n} (rows) and fan-out {@code m} (columns), gain {@code g}.
 *
 * <ul>
 *   <li>{@code normal}: {@code N(0, g²/n)} (Sompolinsky et al. 1988; Jarne's {@code RandomNormal(0, 1/√N)} at g = 1).</li>
 *   <li>{@code orthogonal}: a Haar-random (semi-)orthogonal matrix times g (Saxe et al. 2014; Keras {@code orthogonal}).</li>
 *   <li>{@code identity}: g times the identity (IRNN, Le, Jaitly &amp; Hinton 2015).</li>
 *   <li>{@code glorot}: {@code U(−a, a)}, {@code a = g √(6/(n+m))} (Glorot &amp; Bengio 2010).</li>
 *   <li>{@code uniform}: PyTorch's RNN/Linear default {@code U(−1/√H, 1/√H)} with H the hidden size, for weights
 *       and biases alike (the gain is ignored).</li>
 * </ul>
 */
public enum InitKind {
  NORMAL,
  ORTHOGONAL,
  IDENTITY,
  GLOROT,
  UNIFORM;

  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** The name users type: the constant's name in lower case. */
  public String id() {
    return id;
  }

  /** Parses a user-typed name (case-insensitive). */
  public static InitKind parse(String name) {
    return UserNames.parse("init", name, values(), InitKind::id);
  }

  @Override
  public String toString() {
    return id;
  }
}
