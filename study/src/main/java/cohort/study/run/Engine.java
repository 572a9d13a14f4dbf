package cohort.study.run;

import cohort.study.population.PairwiseEngine;
import cohort.study.progress.Notices;
import cohort.study.spec.RunSpec;
import cohort.study.spec.StudySpec;
import cohort.study.store.StudyDirectory;
import java.util.List;

/**
 * Where a study's work is done: its networks trained ({@link #train}) and its distance matrices computed
 * ({@link #pairwise}). {@link LocalEngine} uses this machine's threads; another engine (Cohort's Spark engine, in the
 * module {@code study-spark}) comes through {@link EngineProvider}. Every engine keeps the local runner's
 * guarantees, because it is built from the same pieces: the same run ids and seeds ({@link
 * cohort.study.spec.Grid}), each run claimed, trained and stored whole by {@link StudyRunner#runOne}, and every
 * matrix entry computed by the metric's own code, so a study's files do not depend on the engine.
 */
public interface Engine extends AutoCloseable {

  /** The engine's name, as {@code --engine} takes it. */
  String name();

  /**
   * Trains, analyses and stores every run of {@code runs} that has no run file yet in {@code dir} (the study of
   * {@code spec}, whose directory already holds its spec), moving damaged run files aside first.
   *
   * @param workers networks trained at once on this machine (engines that train elsewhere may ignore it)
   */
  StudyRunner.Summary train(StudyDirectory dir, StudySpec spec, List<RunSpec> runs, int workers,
      StudyRunner.ProgressFactory progress, Notices notices) throws InterruptedException;

  /**
   * Where the distance matrices of the study in {@code dir} are computed.
   *
   * @param threads threads on this machine (engines that compute elsewhere may ignore it)
   */
  PairwiseEngine pairwise(StudyDirectory dir, int threads);

  /** Releases what the engine holds (a cluster connection); the local engine holds nothing. */
  @Override
  default void close() {}
}
