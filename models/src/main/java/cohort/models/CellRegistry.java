package cohort.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The immutable map from the name users type to its {@link Cell}: "one file + one registry line" per cell (each
 * line names its class in full, so that it needs no import), as {@code TaskRegistry} is for tasks. Contract tests (gradients and Jacobians against finite differences, float
 * against double, batched against single, determinism) iterate over {@link #standard()}, so a cell is tested the
 * moment it is registered; the spec reader, the command line and the file reader list and parse names through it.
 *
 * <p>An outside project builds its own registry, {@code builder().addAll(standard()).add(MyCell.CELL).build()}, and
 * passes its cells to {@link NetworkSpec} like the built-in ones.
 */
public final class CellRegistry {

  private static final CellRegistry STANDARD = builder()
      .add(cohort.models.cells.LeakyRnn.VANILLA)
      .add(cohort.models.cells.LeakyRnn.CTRNN)
      .add(cohort.models.cells.LeakyRnn.SCALED_CTRNN)
      .add(cohort.models.cells.Ugrnn.CELL)
      .add(cohort.models.cells.Gru.CELL)
      .add(cohort.models.cells.Lstm.CELL)
      .add(cohort.models.cells.LowRank.CELL)
      .add(cohort.models.cells.Mgu.CELL)
      .build();

  private final Map<String, Cell> cells;

  private CellRegistry(Map<String, Cell> cells) {
    this.cells = cells;
  }

  /** The cells Cohort ships, in the order of DESIGN.md. */
  public static CellRegistry standard() {
    return STANDARD;
  }

  /** Starts an empty registry (to add cells of one's own). */
  public static Builder builder() {
    return new Builder();
  }

  /** The cells in registration order. */
  public List<Cell> cells() {
    return List.copyOf(cells.values());
  }

  /** Cell names in registration order. */
  public List<String> names() {
    return List.copyOf(cells.keySet());
  }

  /** Whether a cell of this exact name is registered. */
  public boolean has(String name) {
    return cells.containsKey(name);
  }

  /**
   * The cell a user-typed name means (case-insensitive; {@code _} and {@code -} are interchangeable).
   *
   * @throws IllegalArgumentException one line naming the value and the accepted names
   */
  public Cell parse(String name) {
    if (name != null) {
      Cell c = cells.get(name.trim().toLowerCase(Locale.ROOT).replace('_', '-'));
      if (c != null) {
        return c;
      }
    }
    throw new IllegalArgumentException("architecture: unknown value '" + name + "'; accepted: " + accepted());
  }

  /** The accepted names, comma separated. */
  public String accepted() {
    return String.join(", ", cells.keySet());
  }

  /**
   * The names of the cells with a property, comma separated, the last two joined by {@code last} (e.g. " and ");
   * for messages.
   */
  public String namesWhere(Predicate<Cell> property, String last) {
    List<String> names = new ArrayList<>();
    for (Cell c : cells.values()) {
      if (property.test(c)) {
        names.add(c.id());
      }
    }
    if (names.size() < 2) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + last + names.get(names.size() - 1);
  }

  /** Collects cells in order; a name may be registered once. */
  public static final class Builder {
    private final Map<String, Cell> cells = new LinkedHashMap<>();

    private Builder() {
    }

    /** Adds a cell under its {@link Cell#id()}, which must be new, lower case, and without spaces or {@code _}. */
    public Builder add(Cell cell) {
      if (cell == null || cell.id() == null || cell.id().isEmpty()) {
        throw new IllegalArgumentException("cell: missing, or without an id");
      }
      String id = cell.id();
      if (!id.equals(id.trim().toLowerCase(Locale.ROOT).replace('_', '-')) || id.contains(" ")) {
        throw new IllegalArgumentException("cell id: '" + id + "' is not accepted; must be lower case, with '-' "
            + "between words and no spaces or '_'");
      }
      if (cells.containsKey(id)) {
        throw new IllegalArgumentException("cell id: '" + id + "' is registered twice");
      }
      cells.put(id, cell);
      return this;
    }

    /** Adds every cell of another registry, in its order. */
    public Builder addAll(CellRegistry other) {
      for (Cell c : other.cells.values()) {
        add(c);
      }
      return this;
    }

    public CellRegistry build() {
      return new CellRegistry(Collections.unmodifiableMap(new LinkedHashMap<>(cells)));
    }
  }
}
