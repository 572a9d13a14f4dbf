package cohort.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cohort.training.RandomStreams.Purpose;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  @Test
  void sameSeedAndPurposeGiveTheSameStream() {
    RandomGenerator a = RandomStreams.of(42, Purpose.TRAINING_BATCHES);
    RandomGenerator b = RandomStreams.of(42, Purpose.TRAINING_BATCHES);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
  }

  @Test
  void purposesAndSeedsAreIndependent() {
    assertNotEquals(RandomStreams.of(42, Purpose.TRAINING_BATCHES).nextLong(),
        RandomStreams.of(42, Purpose.VALIDATION_BATCHES).nextLong());
    assertNotEquals(RandomStreams.of(42, Purpose.INITIALIZATION).nextLong(),
        RandomStreams.of(43, Purpose.INITIALIZATION).nextLong());
  }

  @Test
  void derivationIsFixed() {
    // SplitMix64's first output for seed 0 is mix64(γ) = 0xE220A8397B1DCDAF.
    assertEquals(0xE220A8397B1DCDAFL, RandomStreams.mix64(0x9E3779B97F4A7C15L));
  }
}
