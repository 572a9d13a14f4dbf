package cohort.io.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.Npy;
import cohort.models.Activation;
import cohort.models.ReferenceNetwork;
import cohort.models.cells.Gru;
import cohort.models.cells.LeakyRnn;
import cohort.models.cells.Lstm;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras HDF5 models against Keras's equations. Debian has no Keras, so {@code keras_models.py} (h5py and NumPy only)
 * writes files in the exact layout Keras's {@code model.save("m.h5")} and {@code save_weights} produce (Sequential
 * configs old and new, functional, {@code TimeDistributed(Dense)}, cell subgroups, no bias) and computes each model's
 * outputs in NumPy from the equations Keras's layers implement (written out in the script); Cohort's import must
 * agree to 1e-5. The refused models (reset_after=False, two recurrent layers, Bidirectional, hard_sigmoid, a
 * softmax readout, no readout) must each give one line naming the layer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KerasImportTest {

  @TempDir static Path dir;

  @BeforeAll
  void writeKerasFiles() throws Exception {
    TorchInteropTest.python(dir, "keras_models.py", "import h5py, numpy");
  }

  @Test
  void everyKerasLayoutImportsExactly() {
    double[] x = Npy.read(dir.resolve("keras_x.npy")).data();
    Object[][] cases = {
        {"simple_tanh", LeakyRnn.VANILLA, Activation.TANH},
        {"simple_relu_old", LeakyRnn.VANILLA, Activation.RELU},
        {"gru", Gru.CELL, Activation.TANH},
        {"lstm", Lstm.CELL, Activation.TANH},
        {"gru_weights_only", Gru.CELL, Activation.TANH}};
    for (Object[] c : cases) {
      String name = (String) c[0];
      ImportedNetwork imported = NetworkImport.read(dir.resolve(name + ".h5"), ImportOptions.none());
      assertEquals(c[1], imported.network().spec().architecture(), name);
      assertEquals(c[2], imported.network().spec().activation(), name);
      double[] y = Npy.read(dir.resolve(name + "_y.npy")).data();
      ReferenceNetwork.Trajectory tr = imported.network().reference().forward(x, 25, 4);
      double d = TorchInteropTest.maxAbsDiff(y, tr.outputs());
      System.out.printf(Locale.ROOT, "[interop] Keras %s -> Cohort: max |dy| %.2e (%s)%n", name, d, imported.module());
      assertTrue(d < TorchInteropTest.TOLERANCE, name + ": outputs differ from Keras's equations by " + d);
      assertEquals("keras", imported.format());
    }
    ImportedNetwork weightsOnly = NetworkImport.read(dir.resolve("gru_weights_only.h5"), ImportOptions.none());
    assertTrue(weightsOnly.notes().get(0).contains("assumed tanh"), weightsOnly.notes().toString());
  }

  @Test
  void whatCohortCannotRepresentIsRefusedInOneLineNamingTheLayer() {
    String[][] cases = {
        {"bad_gru_reset_before", "GRU 'gru' has reset_after=False"},
        {"bad_two_rnns", "2 recurrent layers (gru (GRU), lstm_2 (LSTM))"},
        {"bad_bidirectional", "layer 'bidirectional' is Bidirectional"},
        {"bad_hard_sigmoid", "recurrent_activation='hard_sigmoid'"},
        {"bad_softmax", "Dense 'dense' has activation='softmax'"},
        {"bad_no_dense", "no Dense readout"}};
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> NetworkImport.read(dir.resolve(c[0] + ".h5"), ImportOptions.none()), c[0]);
      assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[0] + ".h5")
          && !e.getMessage().contains("\n"), c[0] + ": " + e.getMessage());
    }
    IllegalArgumentException arch = assertThrows(IllegalArgumentException.class, () -> NetworkImport.read(
        dir.resolve("lstm.h5"), new ImportOptions("gru", null, 0, null, null)));
    assertTrue(arch.getMessage().contains("--arch gru does not fit"), arch.getMessage());
  }
}
