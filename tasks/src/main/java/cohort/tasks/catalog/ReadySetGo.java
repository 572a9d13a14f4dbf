package cohort.tasks.catalog;

import cohort.tasks.Conditions;
import cohort.tasks.ParameterSpec;
import cohort.tasks.TaskInfo;
import cohort.tasks.TaskParameters;
import cohort.tasks.TrialBatch;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Ready-set-go interval reproduction: a "ready" flash, a measured interval, a "set" flash; the network must
 * respond "go" once the interval times {@code gain} has elapsed after the set period.
 *
 * <p>Source: NeuroGym {@code ReadySetGo-v0} (neurogym/envs/readysetgo.py, v0.0.1), after Remington, Narain,
 * Hosseini &amp; Jazayeri 2018, <i>Flexible sensorimotor computations through rapid reconfiguration of cortical
 * dynamics</i>, Neuron 98:1005. Defaults from the source: {@code dt = 80} ms; fixation 100, ready 83,
 * measure U(800, 1500), set 83 ms; {@code gain = 1}; {@code prod_margin = 0.2}; no input noise (Cohort's
 * {@code noise}, default 0, adds per-step {@code N(0, (noise/√dt)²)} to the ready and set inputs before the
 * production period).
 *
 * <p>Periods in steps ({@code floor(ms/dt)}): fixation, then measure starting at the end of fixation, with the
 * ready flash over the first steps of measure (as in the source, where ready and measure both start after
 * fixation), then set, then production of {@code floor(2·production/dt)} steps with
 * {@code production = measure·gain}. Inputs {@code fixation} (1 before production; its offset is the go cue
 * convention of the package documentation), {@code ready} (1 during ready), {@code set} (1 during set). Outputs
 * {@code fixate, go}: the target is {@code fixate} everywhere except one step, {@code go}, at
 * {@code production_start + floor(production/dt)}, exactly the source's ground truth. Mask 1 over the trial.
 *
 * <p>Accuracy: the response is the first production step where {@code go > fixate}; the trial is correct when
 * {@code |response − go_step|·dt ≤ prod_margin·production + 25} ms (the source's reward threshold), and wrong when
 * there is no response. Deviation: the source measures the produced interval from the end of the measure period
 * (i.e. including the set flash), while its target sits {@code production} after the end of set; Cohort measures
 * from the end of set, consistent with the target.
 *
 * <p>Labels: {@code measure_ms}, {@code production_ms}, {@code go_step}, period starts
 * ({@code fixation, ready, measure, set, production}), {@code trial_steps}.
 */
public final class ReadySetGo extends ChoiceTask {

  /** Registry entry. */
  public static final TaskInfo INFO = new TaskInfo("ready-set-go",
      "measure the ready-set interval and respond 'go' the same interval (times gain) after set",
      "NeuroGym ReadySetGo-v0 (v0.0.1); Remington, Narain, Hosseini & Jazayeri 2018, Neuron 98:1005",
      List.of(
          Specs.dt(80, "NeuroGym default"),
          Specs.periodMs("fixation", 100, "fixation period"),
          Specs.periodMs("ready", 83, "ready flash"),
          Specs.periodMs("measure-min", 800, "shortest measured interval (from the end of fixation to set)"),
          Specs.periodMs("measure-max", 1500, "measured interval upper bound (exclusive)"),
          Specs.periodMs("set", 83, "set flash"),
          ParameterSpec.real("gain", 1, 0.01, 100, "production interval = gain x measured interval"),
          ParameterSpec.real("prod-margin", 0.2, 0, 10,
              "accuracy tolerance: |error| <= prod-margin x production + 25 ms (NeuroGym prod_margin)"),
          Specs.neurogymNoise(0.0, "none in the source")));

  private static final List<String> PERIODS = List.of("fixation", "ready", "measure", "set", "production");

  private final int fixationSteps;
  private final int readySteps;
  private final Duration measure;
  private final int setSteps;
  private final double gain;
  private final double margin;

  public ReadySetGo(TaskParameters p) {
    super(INFO.name(), p, List.of("fixation", "ready", "set"), List.of("fixate", "go"), maxSteps(p), PERIODS);
    double dt = dtMs();
    this.fixationSteps = Duration.floorSteps(p.getDouble("fixation"), dt);
    this.readySteps = Duration.floorSteps(p.getDouble("ready"), dt);
    this.setSteps = Duration.floorSteps(p.getDouble("set"), dt);
    this.measure = measure(p);
    this.gain = p.getDouble("gain");
    this.margin = p.getDouble("prod-margin");
    requireOrdered(p, "measure-min", "measure-max");
    if (measure.minSteps(dt) < Math.max(1, readySteps)) {
      throw new IllegalArgumentException("task '" + name() + "': measure-min = " + p.getString("measure-min")
          + " ms is shorter than the ready flash or one step; accepted: measure-min >= max(ready, dt)");
    }
    if (Duration.floorSteps(measure.minSteps(dt) * dt * gain, dt) < 1) {
      throw new IllegalArgumentException("task '" + name() + "': gain = " + p.getString("gain")
          + " makes the shortest production shorter than one step; accepted: gain x measure-min >= dt");
    }
  }

  private static Duration measure(TaskParameters p) {
    return new Duration.Uniform(p.getDouble("measure-min"), Math.max(p.getDouble("measure-min"), p.getDouble("measure-max")));
  }

  private static int maxSteps(TaskParameters p) {
    double dt = p.getDouble("dt");
    int measureMax = measure(p).maxSteps(dt);
    double productionMax = measureMax * dt * p.getDouble("gain");
    return Duration.floorSteps(p.getDouble("fixation"), dt)
        + Math.max(measureMax, Duration.floorSteps(p.getDouble("ready"), dt))
        + Duration.floorSteps(p.getDouble("set"), dt)
        + Duration.floorSteps(2 * productionMax, dt);
  }

  @Override
  int[] writePeriods(TrialWriter w, int b, RandomGenerator random) {
    double dt = dtMs();
    int m = measure.sampleSteps(dt, random);
    double production = m * dt * gain;
    int setStart = fixationSteps + m;
    int productionStart = setStart + setSteps;
    int productionSteps = Duration.floorSteps(2 * production, dt);
    int go = productionStart + Duration.floorSteps(production, dt);
    int end = productionStart + productionSteps;
    w.fillInput(b, 1, fixationSteps, fixationSteps + readySteps, 1.0);
    w.fillInput(b, 2, setStart, productionStart, 1.0);
    w.addNoise(b, 1, 0, productionStart, sigmaPerStep(), random);
    w.addNoise(b, 2, 0, productionStart, sigmaPerStep(), random);
    writeChoiceTrial(w, b, productionStart, end, 0);
    w.oneHot(b, go, go + 1, 1);
    w.label("measure_ms", b, m * dt);
    w.label("production_ms", b, production);
    w.label("go_step", b, go);
    return new int[] {0, fixationSteps, fixationSteps, setStart, productionStart, end};
  }

  /** See the class comment: the first go response must fall within the NeuroGym reward window. */
  @Override
  public double accuracy(TrialBatch trials, float[] outputs) {
    checkOutputs(trials, outputs);
    Conditions c = trials.conditions();
    int batch = trials.batch();
    int correct = 0;
    for (int b = 0; b < batch; b++) {
      int from = (int) c.value("production_start", b);
      int to = (int) c.value(TRIAL_STEPS, b);
      int target = (int) c.value("go_step", b);
      double production = c.value("production_ms", b);
      int response = -1;
      for (int t = from; t < to && response < 0; t++) {
        int base = (t * batch + b) * 2;
        if (outputs[base + 1] > outputs[base]) {
          response = t;
        }
      }
      if (response >= 0 && Math.abs(response - target) * dtMs() <= margin * production + 25) {
        correct++;
      }
    }
    return correct / (double) batch;
  }
}
