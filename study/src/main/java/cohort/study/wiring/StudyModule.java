package cohort.study.wiring;

import cohort.analysis.MetricRegistry;
import cohort.study.progress.Notices;
import cohort.study.progress.PhaseProgress;
import cohort.study.progress.StudyProgress;
import cohort.study.run.StudyRunner;
import cohort.study.run.StudyRunner.ProgressFactory;
import cohort.tasks.TaskRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Guice bindings of the study application: the task and metric registries, the clock, the host name recorded as
 * provenance, and the progress line. This is the only Guice module in Cohort; everything below {@code study} is plain Java
 * built with constructors.
 */
public final class StudyModule extends AbstractModule {

  private final PrintStream progressOut;
  private final boolean terminal;
  private final MetricRegistry metrics;

  /**
   * @param progressOut where progress lines go (standard error for the command line)
   * @param terminal whether that stream is a terminal, so the line can be redrawn in place
   */
  public StudyModule(PrintStream progressOut, boolean terminal) {
    this(progressOut, terminal, MetricRegistry.standard());
  }

  /**
   * @param progressOut where progress lines go (standard error for the command line)
   * @param terminal whether that stream is a terminal, so the line can be redrawn in place
   * @param metrics the metrics specs may name (Cohort's standard ones, or a registry with an outside project's)
   */
  public StudyModule(PrintStream progressOut, boolean terminal, MetricRegistry metrics) {
    this.progressOut = progressOut;
    this.terminal = terminal;
    this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
  }

  @Provides
  @Singleton
  TaskRegistry tasks() {
    return TaskRegistry.standard();
  }

  @Provides
  @Singleton
  MetricRegistry metrics() {
    return metrics;
  }

  @Provides
  @Singleton
  LongSupplier nanoClock() {
    return System::nanoTime;
  }

  @Provides
  @Singleton
  @Named("host")
  String host() {
    return StudyRunner.localHost();
  }

  @Provides
  @Singleton
  PhaseProgress phaseProgress(LongSupplier clock) {
    return new PhaseProgress(progressOut, terminal, clock);
  }

  @Provides
  @Singleton
  Notices notices() {
    return Notices.to(progressOut);
  }

  @Provides
  ProgressFactory progress(LongSupplier clock) {
    return (total, done) -> new StudyProgress(progressOut, terminal, clock, total, done);
  }
}
