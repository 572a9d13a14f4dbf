package cohort.study.replication;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replication of Jarne's trained-RNN spectra (Jarne &amp; Laje; Jarne 2023, Cogn. Neurodyn.; issue 16): runs {@code
 * presets/jarne-quick.yaml} end to end and checks the findings the preset asserts (J1: the trained bulk is a disk of
 * radius &lt; 1 from random-normal initialisation and a ring from random-orthogonal; J2: its radius depends neither
 * on the size nor on the excitatory fraction; J3: it is smaller with Dale's law) against the criteria issue 16 fixed
 * before any run. J4 is reported, not asserted. Writes {@code target/replication/jarne-quick.md}. Run with
 * {@code mvn -B -ntp -Preplication verify -pl study -am -Dgroups=replication}.
 */
@Tag("replication")
class JarneReplicationTest {

  @Test
  void theQuickPresetReplicatesJarnesSpectra() throws Exception {
    PresetReplication.assertReplicates("jarne-quick", "Jarne");
  }
}
