package cohort.io.interop;

import cohort.io.JsonText;
import cohort.models.Network;
import java.util.List;

/**
 * A network read from another framework's file, with what was read: the framework's module (e.g.
 * {@code nn.GRU(3, 16) + nn.Linear(16, 3)}), the tensors it came from, and notes on what the file could not say
 * (an assumed nonlinearity, ignored tensors).
 *
 * @param network the network in Cohort's layout, computing exactly what the framework's module computes
 * @param format {@code pytorch} or {@code keras}
 * @param source the file read
 * @param module the framework's modules, as their constructors would be written
 * @param tensors the keys or dataset paths read, comma separated
 * @param notes one line each; empty when the file said everything
 */
public record ImportedNetwork(Network network, String format, String source, String module, String tensors,
    List<String> notes) {
  public ImportedNetwork {
    notes = List.copyOf(notes);
  }

  /** The provenance stored with the network file: one line of JSON. */
  public String provenanceJson() {
    StringBuilder s = new StringBuilder("{\"format\":").append(JsonText.quote(format)).append(",\"source\":")
        .append(JsonText.quote(source)).append(",\"module\":").append(JsonText.quote(module)).append(",\"tensors\":")
        .append(JsonText.quote(tensors)).append(",\"notes\":[");
    for (int i = 0; i < notes.size(); i++) {
      s.append(i > 0 ? "," : "").append(JsonText.quote(notes.get(i)));
    }
    return s.append("]}").toString();
  }
}
