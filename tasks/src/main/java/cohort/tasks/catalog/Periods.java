package cohort.tasks.catalog;

import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The periods of a NeuroGym choice trial, laid end to end: {@code fixation}, the task's own periods, then
 * {@code decision} (the response period). Each period is declared once, with its parameters and the way its
 * {@link Duration} is read from them; the declaration gives the task's parameter list, its durations and the
 * names of its {@code <period>_start} labels. Immutable.
 */
final class Periods {

  /**
   * One period: its name, the parameters it declares (none when it reuses another period's) and how its duration
   * is read from the task's parameters.
   */
  record Period(String name, List<ParameterSpec> parameters, Function<TaskParameters, Duration> duration) {

    /** The same duration under another name, declaring no parameters of its own (a repeated stimulus). */
    Period as(String otherName) {
      return new Period(otherName, List.of(), duration);
    }
  }

  private final List<Period> periods;

  private Periods(List<Period> periods) {
    this.periods = List.copyOf(periods);
  }

  /** The first period, {@code fixation}, of {@code ms} milliseconds by default. */
  static Periods fixation(double defaultMs) {
    return new Periods(List.of(fixed("fixation", defaultMs, "fixation period")));
  }

  /** A fixed period whose length is the parameter of the same name. */
  static Period fixed(String name, double defaultMs, String meaning) {
    return new Period(name, List.of(Specs.periodMs(name, defaultMs, meaning)),
        p -> new Duration.Fixed(p.getDouble(name)));
  }

  /** A period uniform on {@code [min, max)}, the bounds being parameters {@code min} and {@code max}. */
  static Period uniform(String name, String min, double defaultMin, String minMeaning, String max, double defaultMax,
      String maxMeaning) {
    return new Period(name, List.of(Specs.periodMs(min, defaultMin, minMeaning), Specs.periodMs(max, defaultMax,
        maxMeaning)), p -> new Duration.Uniform(p.getDouble(min), Math.max(p.getDouble(min), p.getDouble(max))));
  }

  /**
   * A truncated-exponential period with parameters {@code <name>-mean}, {@code <name>-min} and {@code <name>-max}
   * (see {@link ContextDecisionMaking#checkTruncatedExponential} for the bounds accepted).
   */
  static Period truncatedExponential(String name, double defaultMean, double defaultMin, double defaultMax) {
    return new Period(name, List.of(
        Specs.periodMs(name + "-mean", defaultMean, "mean of the truncated-exponential " + name),
        Specs.periodMs(name + "-min", defaultMin, "shortest " + name),
        Specs.periodMs(name + "-max", defaultMax, name + " upper bound (exclusive)")),
        p -> new Duration.TruncatedExponential(p.getDouble(name + "-mean"), p.getDouble(name + "-min"),
            p.getDouble(name + "-max")));
  }

  /** These periods followed by {@code next}. */
  Periods then(Period next) {
    List<Period> all = new ArrayList<>(periods);
    all.add(next);
    return new Periods(all);
  }

  /** These periods followed by a fixed period (see {@link #fixed}). */
  Periods then(String name, double defaultMs, String meaning) {
    return then(fixed(name, defaultMs, meaning));
  }

  /** These periods closed by the response period, {@code decision}. */
  Periods decision(double defaultMs) {
    return then(fixed("decision", defaultMs, "decision period"));
  }

  /** The period names in trial order; the last is the response period. */
  List<String> names() {
    return periods.stream().map(Period::name).toList();
  }

  /**
   * The parameters of a task with these periods: {@code dt}, the periods' parameters in trial order,
   * {@code noise}, then {@code extra}.
   */
  List<ParameterSpec> parameters(double defaultDtMs, double defaultNoise, String noiseSource, ParameterSpec... extra) {
    List<ParameterSpec> all = new ArrayList<>();
    all.add(Specs.dt(defaultDtMs, "NeuroGym default"));
    for (Period period : periods) {
      all.addAll(period.parameters());
    }
    all.add(Specs.neurogymNoise(defaultNoise, noiseSource));
    all.addAll(List.of(extra));
    return all;
  }

  /** The durations the parameters {@code p} give, in trial order. */
  Duration[] read(TaskParameters p) {
    Duration[] durations = new Duration[periods.size()];
    for (int i = 0; i < durations.length; i++) {
      durations[i] = periods.get(i).duration().apply(p);
    }
    return durations;
  }
}
