package cohort.study.findings;

import java.util.List;

/**
 * A table a replication states beside its findings: the numbers its claims are checked on (Ghalambor et al.'s
 * separability of every task pair before and after training, say). Stored under {@code /findings_tables/NAME} of
 * {@code study.h5}, one dataset per column (numbers as float64, text as strings), and shown in the report after the
 * findings.
 *
 * @param name the group name, e.g. {@code ghalambor-task-pairs}
 * @param title a heading
 * @param caption what the table shows and how its numbers were computed
 * @param columns the columns, in order, all of the same length
 */
public record FindingsTable(String name, String title, String caption, List<Column> columns) {

  public FindingsTable {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("findings table " + name + ": no columns; accepted: at least one");
    }
    int rows = columns.get(0).size();
    for (Column c : columns) {
      if (c.size() != rows) {
        throw new IllegalArgumentException("findings table " + name + ": column " + c.name() + " has " + c.size()
            + " rows, column " + columns.get(0).name() + " " + rows + "; accepted: columns of one length");
      }
    }
  }

  /** The number of rows. */
  public int rows() {
    return columns.get(0).size();
  }

  /**
   * One column: text or numbers (exactly one of the two is non-null).
   *
   * @param name the dataset name, e.g. {@code after_accuracy}
   * @param heading what the report's column head says
   * @param text the cells as text, or null
   * @param numbers the cells as numbers (NaN where there is none), or null
   * @param shown whether the report shows it (a column of numbers that a shown text column already states, for
   *     h5py users, is not)
   */
  public record Column(String name, String heading, String[] text, double[] numbers, boolean shown) {

    public Column {
      if ((text == null) == (numbers == null)) {
        throw new IllegalArgumentException("findings column " + name + ": give text or numbers, exactly one");
      }
    }

    /** A shown column of text. */
    public static Column text(String name, String heading, List<String> cells) {
      return new Column(name, heading, cells.toArray(new String[0]), null, true);
    }

    /** A column of numbers, shown or not. */
    public static Column numbers(String name, String heading, List<Double> cells, boolean shown) {
      double[] v = new double[cells.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = cells.get(i);
      }
      return new Column(name, heading, null, v, shown);
    }

    /** The number of cells. */
    public int size() {
      return text != null ? text.length : numbers.length;
    }
  }
}
