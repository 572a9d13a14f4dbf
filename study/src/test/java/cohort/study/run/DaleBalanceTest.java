package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cohort.models.Activation;
import cohort.models.CellRegistry;
import cohort.models.InitKind;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.models.ParameterBlock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The unbalanced Dale start ({@code init: {dale_balance: false}}, Jarne's networks): the models scale the inhibitory
 * units' outgoing weights by N_E/N_I at initialisation, and {@link NetworkRun#withoutDaleBalance} undoes it. If the
 * models' Dale start changes, the first assertion says so.
 */
class DaleBalanceTest {

  @Test
  void theInhibitoryRowsStartAtTheExcitatoryScale() {
    NetworkSpec spec = new NetworkSpec(CellRegistry.standard().parse("vanilla"), Activation.TANH, 2, 400, 1, InitKind.NORMAL, 1.0, 1.0,
        0, 0.8, 0);
    Network balanced = Network.initialize(spec, new SplittableRandom(1));
    assertEquals(4.0, ratio(balanced), 0.3, "the models balance a 320/80 network by N_E/N_I = 4");
    Network unbalanced = balanced.copy();
    NetworkRun.withoutDaleBalance(unbalanced);
    assertEquals(1.0, ratio(unbalanced), 0.08);
    ParameterBlock w = unbalanced.block("W_rec");
    assertEquals(balanced.parameters()[w.index(0, 5)], unbalanced.parameters()[w.index(0, 5)],
        "excitatory rows are left as they are");
  }

  /** RMS of the inhibitory units' outgoing weights over that of the excitatory ones. */
  private static double ratio(Network n) {
    ParameterBlock w = n.block("W_rec");
    int e = n.spec().excitatoryUnits();
    double se = 0;
    double si = 0;
    for (int k = 0; k < w.rows(); k++) {
      for (int j = 0; j < w.cols(); j++) {
        double v = n.parameters()[w.index(k, j)];
        if (k < e) {
          se += v * v;
        } else {
          si += v * v;
        }
      }
    }
    return Math.sqrt(si / (w.rows() - e)) / Math.sqrt(se / e);
  }
}
