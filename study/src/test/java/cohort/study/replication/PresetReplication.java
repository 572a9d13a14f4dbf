package cohort.study.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.Hdf5Schema;
import cohort.study.wiring.Studies;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs a replication preset end to end, as a user would ({@code cohort run presets/NAME.yaml}), and reads back its
 * findings: every finding the preset asserts that does not agree is a failure. Writes the findings (and the tables
 * beside them) as Markdown to {@code target/replication/NAME.md}, with the wall time, and keeps the study directory
 * in {@code target/replication/NAME/} for {@code cohort report}.
 */
final class PresetReplication {

  /**
   * What a run of a preset found.
   *
   * @param failures asserted findings that do not agree, one line each
   * @param markdown the findings table, the tables beside it and the wall time
   */
  record Outcome(List<String> failures, String markdown) {}

  private PresetReplication() {}

  /**
   * Runs {@code preset} and fails unless every finding it asserts agrees with {@code source} (the source work as the
   * message names it); the message lists the failures and the findings table.
   */
  static void assertReplicates(String preset, String source) throws Exception {
    Outcome o = run(preset);
    assertTrue(o.failures().isEmpty(), "findings that do not agree with " + source + ":\n"
        + String.join("\n", o.failures()) + "\n\n" + o.markdown());
  }

  static Outcome run(String preset) throws Exception {
    Path out = Path.of("target", "replication", preset).toAbsolutePath();
    Path spec = Path.of("..", "presets", preset + ".yaml").toAbsolutePath();
    long started = System.nanoTime();
    Studies.create(new PrintStream(System.out, true), false)
        .run(spec, out, Math.max(1, Runtime.getRuntime().availableProcessors()), 0, 1);
    double minutes = (System.nanoTime() - started) / 60e9;
    List<String[]> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    StringBuilder tables = new StringBuilder();
    try (HdfFile h5 = new HdfFile(out.resolve("study.h5"))) {
      Node findings = h5.getChild(Hdf5Schema.Findings.GROUP);
      if (!(findings instanceof Group)) {
        return new Outcome(List.of("study.h5 has no /findings"), "");
      }
      for (Node f : ordered((Group) findings, Hdf5Schema.Findings.ORDER)) {
        String verdict = text(f, Hdf5Schema.Findings.VERDICT);
        boolean asserted = number(f, Hdf5Schema.Findings.ASSERTED).intValue() == 1;
        rows.add(new String[] {f.getName(), text(f, Hdf5Schema.Findings.CLAIM),
            text(f, Hdf5Schema.Findings.SOURCE_VALUE), String.format(Locale.ROOT, "%.3f",
                number(f, Hdf5Schema.Findings.VALUE).doubleValue()) + interval(f),
            text(f, Hdf5Schema.Findings.CRITERION), verdict + (asserted ? "" : " (reported)"),
            text(f, Hdf5Schema.Findings.POPULATION)});
        if (asserted && !verdict.equals("agrees")) {
          failures.add(f.getName() + ": " + verdict + " (" + text(f, Hdf5Schema.Findings.POPULATION) + "; "
              + text(f, Hdf5Schema.Findings.NOTES) + ")");
        }
      }
      if (h5.getChild(Hdf5Schema.FindingsTables.GROUP) instanceof Group g) {
        for (Node t : ordered(g, Hdf5Schema.FindingsTables.ORDER)) {
          tables.append(table((Group) t));
        }
      }
    }
    StringBuilder md = new StringBuilder("# " + preset + ": findings\n\nWall time " + String.format(Locale.ROOT,
        "%.1f", minutes) + " min on " + Runtime.getRuntime().availableProcessors() + " cores.\n\n| finding | claim | "
        + "source | Cohort | criterion | verdict | population |\n|---|---|---|---|---|---|---|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    md.append(tables);
    Files.createDirectories(out.getParent());
    Files.writeString(out.getParent().resolve(preset + ".md"), md.toString());
    System.out.println(md);
    return new Outcome(failures, md.toString());
  }

  private static List<Node> ordered(Group g, String orderAttribute) {
    List<Node> nodes = new ArrayList<>(g.getChildren().values());
    nodes.sort(Comparator.comparingInt(n -> number(n, orderAttribute).intValue()));
    return nodes;
  }

  /** A findings table's shown columns as Markdown. */
  private static String table(Group t) {
    String[] names = (String[]) t.getAttribute(Hdf5Schema.FindingsTables.COLUMNS).getData();
    String[] headings = (String[]) t.getAttribute(Hdf5Schema.FindingsTables.HEADINGS).getData();
    int[] shown = (int[]) t.getAttribute(Hdf5Schema.FindingsTables.SHOWN).getData();
    List<String[]> columns = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    for (int c = 0; c < names.length; c++) {
      if (shown[c] == 0 || !(t.getChild(names[c]) instanceof Dataset d)) {
        continue;
      }
      Object data = d.getData();
      String[] cells;
      if (data instanceof String[] s) {
        cells = s;
      } else {
        double[] v = (double[]) data;
        cells = new String[v.length];
        for (int i = 0; i < v.length; i++) {
          cells[i] = v[i] == Math.rint(v[i]) ? Long.toString((long) v[i]) : String.format(Locale.ROOT, "%.3f", v[i]);
        }
      }
      columns.add(cells);
      heads.add(headings[c]);
    }
    StringBuilder md = new StringBuilder("\n## " + text(t, Hdf5Schema.FindingsTables.TITLE) + "\n\n"
        + text(t, Hdf5Schema.FindingsTables.CAPTION) + "\n\n| " + String.join(" | ", heads) + " |\n|"
        + "---|".repeat(heads.size()) + "\n");
    for (int r = 0; r < (columns.isEmpty() ? 0 : columns.get(0).length); r++) {
      md.append("|");
      for (String[] c : columns) {
        md.append(' ').append(c[r]).append(" |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String interval(Node f) {
    double lo = number(f, Hdf5Schema.Findings.CI_LOW).doubleValue();
    double hi = number(f, Hdf5Schema.Findings.CI_HIGH).doubleValue();
    double p = number(f, Hdf5Schema.Findings.P_VALUE).doubleValue();
    String s = Double.isFinite(lo) ? String.format(Locale.ROOT, " [%.3f, %.3f]", lo, hi) : "";
    return s + (Double.isFinite(p) ? String.format(Locale.ROOT, ", p = %.3f", p) : "");
  }

  private static String text(Node n, String name) {
    return n.getAttribute(name) == null ? "" : String.valueOf(n.getAttribute(name).getData());
  }

  private static Number number(Node n, String name) {
    return n.getAttribute(name) == null ? Double.NaN : (Number) n.getAttribute(name).getData();
  }
}
