package cohort.analysis;

import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.MetricKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the registry knows about one metric: its name, kind, caption and units (for the report), and its options,
 * read from the one options record ({@link MetricOption}). {@link #create} builds the metric from options given as
 * text (a spec, a command line) on top of the record's defaults, with the record's own validation, and
 * {@link #describe} gives back a metric's options as a provenance map; the two are inverses.
 */
public final class MetricInfo {

  private final Metric<?, ?> defaults;
  private final Record defaultOptions;
  private final Function<Record, Metric<?, ?>> factory;
  private final List<MetricOption> options;

  <O extends Record> MetricInfo(O defaultOptions, Function<O, ? extends Metric<?, ?>> factory) {
    Objects.requireNonNull(defaultOptions, "defaultOptions");
    Objects.requireNonNull(factory, "factory");
    @SuppressWarnings("unchecked")
    Function<Record, Metric<?, ?>> f = r -> factory.apply((O) r);
    this.factory = f;
    this.defaultOptions = defaultOptions;
    this.defaults = Objects.requireNonNull(f.apply(defaultOptions), "factory result");
    if (defaults.options().getClass() != defaultOptions.getClass()) {
      throw new IllegalArgumentException("metric '" + defaults.name() + "': options() is a "
          + defaults.options().getClass().getSimpleName() + " but the registered options are a "
          + defaultOptions.getClass().getSimpleName() + "; accepted: the same record");
    }
    if (!defaults.name().matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("metric name '" + defaults.name() + "': accepted: lower-case words "
          + "(a-z, 0-9, '-')");
    }
    this.options = MetricOption.of(defaults.name(), defaultOptions);
  }

  /** The name users type, e.g. {@code svcca}. */
  public String name() {
    return defaults.name();
  }

  /** Geometry or dynamics. */
  public MetricKind kind() {
    return defaults.kind();
  }

  /** A few words for titles. */
  public String caption() {
    return defaults.caption();
  }

  /** What a distance is with the default options. */
  public String units() {
    return defaults.units();
  }

  /** Whether the score is a similarity (distance = 1 − score). */
  public boolean isSimilarity() {
    return defaults.isSimilarity();
  }

  /** Every option, in the record's component order. */
  public List<MetricOption> options() {
    return options;
  }

  /** The option of this spec key, or {@code null}. */
  public MetricOption option(String key) {
    for (MetricOption o : options) {
      if (o.name().equals(key)) {
        return o;
      }
    }
    return null;
  }

  /** The metric with its default options. */
  public Metric<?, ?> create() {
    return defaults;
  }

  /**
   * The metric with {@code overrides} (spec key to value: the text a user typed, or a number or boolean read from a
   * spec) on top of the defaults.
   *
   * @throws IllegalArgumentException one line: an unknown key, a value of the wrong form, or one the options record
   *     refuses
   */
  public Metric<?, ?> create(Map<String, ?> overrides) {
    if (overrides.isEmpty()) {
      return defaults;
    }
    for (String key : overrides.keySet()) {
      if (option(key) == null) {
        List<String> names = new ArrayList<>();
        for (MetricOption o : options) {
          names.add(o.name());
        }
        throw new IllegalArgumentException("metric '" + name() + "' has no option '" + key + "'; its options: "
            + (names.isEmpty() ? "none" : String.join(", ", names)));
      }
    }
    RecordComponent[] components = defaultOptions.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      MetricOption o = options.get(i);
      Object given = overrides.get(o.name());
      values[i] = given == null ? o.defaultValue() : o.parse(name(), MetricOption.text(given));
      types[i] = components[i].getType();
    }
    Record built;
    try {
      Constructor<? extends Record> c = defaultOptions.getClass().getDeclaredConstructor(types);
      c.setAccessible(true);
      built = c.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        String m = iae.getMessage();
        throw new IllegalArgumentException(m != null && m.startsWith(name()) ? "metric '" + name() + "' option "
            + m.substring(name().length()).trim() : "metric '" + name() + "': " + m, iae);
      }
      throw new IllegalStateException("metric '" + name() + "': building its options failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("metric '" + name() + "': its options record has no canonical constructor",
          e);
    }
    return factory.apply(built);
  }

  /**
   * The provenance of a metric: every option of its options record by spec key, numbers and booleans as they are,
   * other values in the text form {@link #create} reads back (so {@code create(describe(m))} rebuilds {@code m}).
   */
  public static Map<String, Object> describe(Metric<?, ?> metric) {
    Record r = metric.options();
    Map<String, Object> out = new LinkedHashMap<>();
    for (MetricOption o : MetricOption.of(metric.name(), r)) {
      out.put(o.name(), o.describe(o.defaultValue()));
    }
    return out;
  }
}
