package cohort.study.cli;

import cohort.io.OutputPaths;
import cohort.io.interop.TorchExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cohort export NET.h5 --out F.npz|F.safetensors}: a Cohort network as a PyTorch state_dict ({@link TorchExport}). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
      "Hand a Cohort network to PyTorch: its weights as a state_dict with PyTorch's names and layout.",
      "gru and lstm become nn.GRU and nn.LSTM, vanilla nn.RNN; the continuous-time cells (ctrnn, scaled-ctrnn, "
          + "low-rank) and Dale's law export their effective weights as nn.RNN's, with a note (printed, and kept in "
          + "the .safetensors metadata). The keys are RNN.weight_ih_l0, ... and READOUT.weight, READOUT.bias, so "
          + "model.load_state_dict works on a module whose attributes are named RNN and READOUT."})
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin NetworkFileParameter network;

  @Option(names = "--out", required = true, paramLabel = "F", description = "F.npz or F.safetensors.")
  Path out;

  @Option(names = "--rnn-prefix", paramLabel = "RNN", description = "The recurrent module's attribute name (default "
      + "${DEFAULT-VALUE}).")
  String rnnPrefix = "rnn";

  @Option(names = "--readout-prefix", paramLabel = "READOUT", description = "The readout's attribute name (default "
      + "${DEFAULT-VALUE}).")
  String readoutPrefix = "readout";

  @Override
  public Integer call() {
    String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".npz") && !name.endsWith(".safetensors")) {
      throw new IllegalArgumentException("--out " + out + ": unknown extension; accepted: .npz or .safetensors");
    }
    if (rnnPrefix.isBlank() || readoutPrefix.isBlank() || rnnPrefix.equals(readoutPrefix)) {
      throw new IllegalArgumentException("--rnn-prefix and --readout-prefix: '" + rnnPrefix + "' and '"
          + readoutPrefix + "' are not accepted; they must be two different, non-empty names");
    }
    OutputPaths.requireWritableFile(out, "--out");
    TorchExport.Exported e = TorchExport.of(network.read(), rnnPrefix, readoutPrefix);
    TorchExport.write(out, e);
    PrintWriter w = spec.commandLine().getOut();
    w.println(out + ": " + e.module() + "; keys " + String.join(", ", e.tensors().keySet()));
    for (String note : e.notes()) {
      w.println("  note: " + note);
    }
    return 0;
  }
}
