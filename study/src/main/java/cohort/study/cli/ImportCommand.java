package cohort.study.cli;

import cohort.io.OutputPaths;
import cohort.io.interop.ImportOptions;
import cohort.io.interop.ImportedNetwork;
import cohort.io.interop.NetworkImport;
import cohort.models.Activation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cohort import FILE --out NET.h5}: a network trained in PyTorch or Keras as a Cohort network file
 * ({@link NetworkImport}; the equations of each mapping are in {@code TorchImport} and {@code KerasImport}).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {
      "Bring a network trained in PyTorch or Keras into Cohort.",
      "FILE is a PyTorch state_dict of one nn.RNN, nn.GRU or nn.LSTM (one layer, unidirectional) and an nn.Linear "
          + "readout, saved as .npz or .safetensors:",
      "  np.savez('m.npz', **{k: v.cpu().numpy() for k, v in model.state_dict().items()})",
      "  safetensors.torch.save_file(model.state_dict(), 'm.safetensors')",
      "or a Keras model with one SimpleRNN, GRU (reset_after=True) or LSTM and a linear Dense readout, saved with "
          + "model.save('m.h5'). The network computes exactly what the framework computes (gate orders, both GRU "
          + "biases and weight orientation mapped); NET.h5 is a network file every command accepts."})
final class ImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .npz or .safetensors state_dict, or a Keras .h5.")
  Path file;

  @Option(names = "--out", required = true, paramLabel = "NET.h5", description = "The Cohort network file to write.")
  Path out;

  @Option(names = "--arch", paramLabel = "A", description = "The cell when the file cannot tell or to check it: rnn, "
      + "gru, lstm, or ctrnn (nn.RNN weights read as the Euler step h' = (1-a) h + a f(W h + U x + b), with --alpha).")
  String arch;

  @Option(names = "--activation", paramLabel = "F", description = "nn.RNN's nonlinearity, which a state_dict does "
      + "not record: tanh (default) or relu.")
  String activation;

  @Option(names = "--alpha", paramLabel = "A", description = "dt/tau in (0, 1] for --arch ctrnn.")
  double alpha;

  @Option(names = "--rnn-prefix", paramLabel = "P", description = "The recurrent layer's key prefix (e.g. rnn for "
      + "rnn.weight_ih_l0), when the state_dict holds more than one.")
  String rnnPrefix;

  @Option(names = "--readout-prefix", paramLabel = "P", description = "The readout's key prefix (e.g. fc for "
      + "fc.weight), when more than one nn.Linear reads the hidden units.")
  String readoutPrefix;

  @Override
  public Integer call() {
    ImportOptions options = new ImportOptions(arch, activation == null ? null : Activation.parse(activation), alpha,
        rnnPrefix, readoutPrefix);
    OutputPaths.requireWritableFile(out, "--out");
    ImportedNetwork imported = NetworkImport.read(file, options);
    NetworkImport.write(out, imported);
    PrintWriter w = spec.commandLine().getOut();
    var s = imported.network().spec();
    w.println(out + ": " + s.architecture().id() + " (" + s.activation().id() + "), " + s.inputs() + " inputs, "
        + s.hidden() + " units, " + s.outputs() + " outputs, imported from " + file + " (" + imported.module() + ")");
    for (String note : imported.notes()) {
      w.println("  note: " + note);
    }
    return 0;
  }
}
