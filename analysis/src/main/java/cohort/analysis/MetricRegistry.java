package cohort.analysis;

import cohort.analysis.dsa.Dsa;
import cohort.analysis.dsa.DsaOptions;
import cohort.analysis.similarity.DebiasedCka;
import cohort.analysis.similarity.LinearCka;
import cohort.analysis.similarity.Metric;
import cohort.analysis.similarity.Procrustes;
import cohort.analysis.similarity.RbfCka;
import cohort.analysis.similarity.Svcca;
import cohort.tasks.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The immutable map from metric name to its {@link MetricInfo}: "one file + one registry line" per metric, usable
 * without Guice. Everything that names metrics goes through it: the study spec ({@code comparisons.metrics}), the
 * population analysis and its provenance, {@code cohort compare} and its flags, the report's captions, units and
 * order (registration order), and the property tests, which iterate over {@link #standard()}, so a metric is
 * checked the moment it is registered. Nothing else switches on a metric's name.
 *
 * <p>An outside project registers its own metric (a class implementing {@code RepresentationalMetric} or
 * {@code DynamicalMetric}, its options a record with {@code @Help} on each component) with
 * {@code MetricRegistry.builder().addAll(MetricRegistry.standard()).add(new MyMetric()).build()} and hands the
 * registry to the study ({@code SpecReader}, {@code StudyModule}) and the command line
 * ({@code CohortCommand.commandLine(registry)}).
 */
public final class MetricRegistry extends Registry<MetricInfo> {

  private static final MetricRegistry STANDARD = builder()
      .add(new LinearCka())
      .add(new RbfCka())
      .add(new DebiasedCka())
      .add(new Svcca())
      .add(new Procrustes())
      .add(new cohort.analysis.similarity.Rsa())
      .add(new DsaOptions(), Dsa::new)
      .add(new cohort.analysis.topology.TopologyDistance())
      .build();

  private MetricRegistry(Map<String, MetricInfo> entries) {
    super(entries);
  }

  /** The metrics Cohort ships: geometry (CKA variants, SVCCA, Procrustes, ...), then dynamics (DSA). */
  public static MetricRegistry standard() {
    return STANDARD;
  }

  /** Starts an empty registry. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The entry of {@code name}; {@link #names()} are in registration order, the order of reports.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public MetricInfo info(String name) {
    return entry(name);
  }

  @Override
  protected String unknown(String name) {
    return "metric: got '" + name + "'; accepted: " + String.join(", ", names());
  }

  /** The metric {@code name} with {@code overrides} on its defaults (see {@link MetricInfo#create(Map)}). */
  public Metric<?, ?> create(String name, Map<String, ?> overrides) {
    return info(name).create(overrides);
  }

  /** Position of {@code name} in registration order, or {@link Integer#MAX_VALUE} if it is not registered. */
  public int order(String name) {
    int i = names().indexOf(name);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  /** Collects entries; names must be unique. */
  public static final class Builder {
    private final Map<String, MetricInfo> entries = new LinkedHashMap<>();

    private Builder() {}

    /** Registers a metric that is its own options record (its defaults are the given instance). */
    public <M extends Record & Metric<?, ?>> Builder add(M metric) {
      Objects.requireNonNull(metric, "metric");
      @SuppressWarnings("unchecked")
      Class<M> type = (Class<M>) metric.getClass();
      return put(new MetricInfo(metric, (M r) -> type.cast(r)));
    }

    /** Registers a metric built from a separate options record by {@code factory}, with these default options. */
    public <O extends Record> Builder add(O defaultOptions, Function<O, ? extends Metric<?, ?>> factory) {
      return put(new MetricInfo(defaultOptions, factory));
    }

    /** Registers every entry of {@code other}, in its order. */
    public Builder addAll(MetricRegistry other) {
      for (MetricInfo e : other.entries()) {
        put(e);
      }
      return this;
    }

    private Builder put(MetricInfo e) {
      Registry.put(entries, "metric", e.name(), e);
      return this;
    }

    public MetricRegistry build() {
      return new MetricRegistry(entries);
    }
  }

  @Override
  public String toString() {
    return "MetricRegistry" + names();
  }
}
