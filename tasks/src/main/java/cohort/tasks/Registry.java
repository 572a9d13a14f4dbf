package cohort.tasks;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable map from name to entry, in registration order: what {@link TaskRegistry} and the analysis module's
 * {@code MetricRegistry} share (the names, the membership test, the lookup that names the known entries when it
 * fails, and the builders' refusal of a name registered twice). A subclass adds the lookups of its own kind.
 *
 * @param <E> the entry type
 */
public abstract class Registry<E> {

  private final Map<String, E> entries;

  /** A registry of a copy of {@code entries}, in their iteration order. */
  protected Registry(Map<String, E> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** Names in registration order. */
  public final List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** Whether an entry of this name is registered. */
  public final boolean has(String name) {
    return entries.containsKey(name);
  }

  /** The entries in registration order (unmodifiable). */
  protected final Collection<E> entries() {
    return entries.values();
  }

  /**
   * The entry of {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, with {@link #unknown}'s message
   */
  protected final E entry(String name) {
    E e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException(unknown(name));
    }
    return e;
  }

  /** The one-line message for an unknown {@code name}, listing the known ones. */
  protected abstract String unknown(String name);

  /**
   * Adds {@code entry} under {@code name} to a builder's {@code entries}, refusing a name registered twice
   * ({@code kind} names what is registered, e.g. {@code "task"}).
   */
  protected static <E> void put(Map<String, E> entries, String kind, String name, E entry) {
    if (entries.putIfAbsent(name, entry) != null) {
      throw new IllegalArgumentException(kind + " '" + name + "' registered twice");
    }
  }
}
