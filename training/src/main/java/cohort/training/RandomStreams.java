package cohort.training;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Independent random streams derived from a seed and a purpose, so that every random draw of a run is
 * reproducible and no two purposes share a stream (changing the validation set size, for instance, does not
 * change the training batches).
 *
 * <p>Derivation: {@code s = mix64(mix64(seed) + γ · (purpose + 1))}, with {@code mix64} the SplitMix64 finaliser
 * (Stafford's variant 13, as in {@link java.util.SplittableRandom}) and {@code γ = 0x9E3779B97F4A7C15} (the golden
 * ratio increment); the stream is an {@code L64X128MixRandom} (JDK 17 LXM family) seeded with {@code s}. The same
 * (seed, purpose) gives the same sequence on every JVM and machine.
 */
public final class RandomStreams {

  /** What a stream is used for; the id is part of the derivation and must never change. */
  public enum Purpose {
    /** Initial network parameters. */
    INITIALIZATION(1),
    /** The fresh training batch drawn at every iteration. */
    TRAINING_BATCHES(2),
    /** The fixed validation batches, drawn once. */
    VALIDATION_BATCHES(3),
    /** Recurrent (private) noise during training. */
    RECURRENT_NOISE(4);

    private final int id;

    Purpose(int id) {
      this.id = id;
    }

    /** The stable number of this purpose. */
    public int id() {
      return id;
    }
  }

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private RandomStreams() {}

  /** The stream for {@code purpose} of the run with this {@code seed}. */
  public static RandomGenerator of(long seed, Purpose purpose) {
    return of(seed, (long) purpose.id());
  }

  /** The stream with an arbitrary numeric purpose (e.g. a run index under a study seed). */
  public static RandomGenerator of(long seed, long purpose) {
    return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(derive(seed, purpose));
  }

  /** The derived 64-bit seed {@code mix64(mix64(seed) + γ·(purpose + 1))}. */
  public static long derive(long seed, long purpose) {
    return mix64(mix64(seed) + GOLDEN_GAMMA * (purpose + 1));
  }

  /** SplitMix64's finaliser (Stafford variant 13). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
