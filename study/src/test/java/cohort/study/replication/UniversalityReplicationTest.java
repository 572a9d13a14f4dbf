package cohort.study.replication;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replication of Maheswaranathan et al. (NeurIPS 2019), "Universality and individuality in neural dynamics across
 * large populations of recurrent networks" (issue 15): runs {@code presets/universality-quick.yaml} end to end, as a
 * user would, and checks every finding the preset asserts (U1 geometry clusters by architecture and activation; U2
 * topology does not; U3 the flip-flop cube; U4 the sine generator's rotating foci; U5 the integrator's line
 * attractors) against the criteria issue 15 fixed before any run. U6 is reported, not asserted.
 *
 * <p>Writes the findings table to {@code target/replication/universality-quick.md}; the study directory is kept in
 * {@code target/replication/universality-quick/} for {@code cohort report}. Run with
 * {@code mvn -B -ntp -Preplication verify -pl study -am -Dgroups=replication}.
 */
@Tag("replication")
class UniversalityReplicationTest {

  @Test
  void theQuickPresetReplicatesThePapersFindings() throws Exception {
    PresetReplication.assertReplicates("universality-quick", "the paper");
  }
}
