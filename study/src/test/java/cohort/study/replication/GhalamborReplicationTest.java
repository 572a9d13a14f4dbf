package cohort.study.replication;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replication of Ghalambor, Fakharian, Zeraati &amp; Safavi (Bernstein 2024), "Identifying task-specific dynamics in
 * recurrent neural networks using Dynamical Similarity Analysis" (issue 16): runs {@code presets/ghalambor-quick.yaml}
 * end to end and checks the findings the preset asserts (G1: most task pairs separable under DSA before training;
 * G3: PDM–MSI separable after training under every initialisation) against the criteria issue 16 fixed before any
 * run. G2 and G4 are reported, not asserted. Writes {@code target/replication/ghalambor-quick.md} (findings, the
 * 15-pair table, wall time). Run with {@code mvn -B -ntp -Preplication verify -pl study -am -Dgroups=replication}.
 */
@Tag("replication")
class GhalamborReplicationTest {

  @Test
  void theQuickPresetReplicatesThePostersFindings() throws Exception {
    PresetReplication.assertReplicates("ghalambor-quick", "the poster");
  }
}
