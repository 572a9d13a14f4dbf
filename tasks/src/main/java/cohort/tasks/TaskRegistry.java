package cohort.tasks;

import cohort.tasks.catalog.ContextDecisionMaking;
import cohort.tasks.catalog.ContextIntegration;
import cohort.tasks.catalog.DelayComparison;
import cohort.tasks.catalog.DelayMatchSample;
import cohort.tasks.catalog.FlipFlop;
import cohort.tasks.catalog.GoNoGo;
import cohort.tasks.catalog.IntervalDiscrimination;
import cohort.tasks.catalog.JarneFlipFlop;
import cohort.tasks.catalog.LogicGateTask;
import cohort.tasks.catalog.MultiSensoryIntegration;
import cohort.tasks.catalog.Oscillation;
import cohort.tasks.catalog.PerceptualDecisionMaking;
import cohort.tasks.catalog.ReadySetGo;
import cohort.tasks.catalog.SineWave;
import cohort.tasks.catalog.TimeReproduction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The immutable map from task name to its {@link TaskInfo} and factory: "one file + one registry line" per task.
 * Contract tests iterate over {@link #standard()}, so a task is tested the moment it is registered.
 *
 * <p>{@link #create} resolves the user's overrides ({@code --param KEY=VALUE}) against the task's declared
 * parameters, fills in every default, checks each value, and builds the task. Every mistake is one
 * {@link IllegalArgumentException} line naming what was wrong and what is accepted.
 */
public final class TaskRegistry extends Registry<TaskRegistry.Entry> {

  private static final TaskRegistry STANDARD = builder()
      .add(FlipFlop.INFO, FlipFlop::new)
      .add(SineWave.INFO, SineWave::new)
      .add(ContextIntegration.INFO, ContextIntegration::new)
      .add(PerceptualDecisionMaking.INFO, PerceptualDecisionMaking::new)
      .add(ContextDecisionMaking.INFO, ContextDecisionMaking::new)
      .add(MultiSensoryIntegration.INFO, MultiSensoryIntegration::new)
      .add(DelayComparison.INFO, DelayComparison::new)
      .add(IntervalDiscrimination.INFO, IntervalDiscrimination::new)
      .add(DelayMatchSample.INFO, DelayMatchSample::new)
      .add(ReadySetGo.INFO, ReadySetGo::new)
      .add(GoNoGo.INFO, GoNoGo::new)
      .add(LogicGateTask.Gate.AND.info(), LogicGateTask.Gate.AND::create)
      .add(LogicGateTask.Gate.OR.info(), LogicGateTask.Gate.OR::create)
      .add(LogicGateTask.Gate.XOR.info(), LogicGateTask.Gate.XOR::create)
      .add(LogicGateTask.Gate.NOT.info(), LogicGateTask.Gate.NOT::create)
      .add(JarneFlipFlop.INFO, JarneFlipFlop::new)
      .add(TimeReproduction.INFO, TimeReproduction::new)
      .add(Oscillation.INFO, Oscillation::new)
      .build();

  /** A task's description and its factory from the resolved parameters. */
  record Entry(TaskInfo info, Function<TaskParameters, Task> factory) {}

  private TaskRegistry(Map<String, Entry> entries) {
    super(entries);
  }

  /** The 18 tasks Cohort ships, in the order of DESIGN.md's three source works. */
  public static TaskRegistry standard() {
    return STANDARD;
  }

  /** Starts an empty registry (to add tasks of one's own). */
  public static Builder builder() {
    return new Builder();
  }

  /** The description and parameter declarations of a task. */
  public TaskInfo info(String name) {
    return entry(name).info();
  }

  /** Builds a task with its defaults. */
  public Task create(String name) {
    return create(name, Map.of());
  }

  /**
   * Builds a task with {@code overrides} (parameter name to the text the user typed) on top of its defaults.
   *
   * @throws IllegalArgumentException one line: an unknown task, an unknown parameter, or a value that is not accepted
   */
  public Task create(String name, Map<String, String> overrides) {
    Entry e = entry(name);
    TaskParameters parameters = resolve(e.info(), overrides);
    try {
      return e.factory().apply(parameters);
    } catch (IllegalArgumentException ex) {
      String msg = ex.getMessage();
      if (msg != null && msg.startsWith("task '")) {
        throw ex;
      }
      throw new IllegalArgumentException("task '" + name + "': " + msg, ex);
    }
  }

  /**
   * The full parameter set a task would be built with: every declared parameter in order, defaults replaced by
   * the checked overrides.
   */
  public TaskParameters parameters(String name, Map<String, String> overrides) {
    return resolve(entry(name).info(), overrides);
  }

  private static TaskParameters resolve(TaskInfo info, Map<String, String> overrides) {
    Objects.requireNonNull(overrides, "overrides");
    for (String key : overrides.keySet()) {
      if (info.parameter(key) == null) {
        throw new IllegalArgumentException("task '" + info.name() + "' has no parameter '" + key
            + "'; its parameters: " + String.join(", ", info.parameterNames()));
      }
    }
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    for (ParameterSpec p : info.parameters()) {
      String text = overrides.get(p.name());
      if (text == null) {
        values.put(p.name(), p.defaultValue());
      } else {
        try {
          values.put(p.name(), p.parse(text));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException("task '" + info.name() + "': " + ex.getMessage(), ex);
        }
      }
    }
    return TaskParameters.of(values);
  }

  @Override
  protected String unknown(String name) {
    return "unknown task '" + name + "'; known tasks: " + String.join(", ", names());
  }

  /** Collects registry entries; names must be unique. */
  public static final class Builder {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private Builder() {}

    /** Registers a task: its info and a factory from the resolved parameters. */
    public Builder add(TaskInfo info, Function<TaskParameters, Task> factory) {
      Objects.requireNonNull(info, "info");
      Objects.requireNonNull(factory, "factory");
      put(entries, "task", info.name(), new Entry(info, factory));
      return this;
    }

    public TaskRegistry build() {
      return new TaskRegistry(entries);
    }
  }
}
