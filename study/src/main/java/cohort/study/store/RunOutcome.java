package cohort.study.store;

import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.linearize.Spectrum;
import cohort.analysis.topology.TopologyGraph;
import cohort.models.Network;
import cohort.study.spec.RunSpec;
import cohort.io.TrainingRun;
import cohort.training.TrainingResult;

/**
 * Everything one run of a study produced: the trained network, its training record and its analyses.
 *
 * @param run the grid cell
 * @param training the task, network and training specs as run (provenance)
 * @param network the trained network
 * @param result the training record (status, curves)
 * @param fixedPoints fixed and slow points at the probe input, or null when not analysed (or the run failed)
 * @param spectrum eigenvalues of the recurrent matrix (see {@code spectrumMatrix}), or null
 * @param spectrumMatrix what {@code spectrum} is the spectrum of
 * @param topology the fixed-point graph, or null
 * @param probe activations on the study's probe trials, or null when not asked
 * @param host the machine that ran it
 * @param startedEpochSeconds when it started
 * @param finishedEpochSeconds when it finished
 * @param runSeconds wall time of the whole run: training and analyses
 */
public record RunOutcome(
    RunSpec run,
    TrainingRun training,
    Network network,
    TrainingResult result,
    FixedPointSet fixedPoints,
    Spectrum spectrum,
    String spectrumMatrix,
    TopologyGraph topology,
    ProbeActivations probe,
    String host,
    long startedEpochSeconds,
    long finishedEpochSeconds,
    double runSeconds) {

  /**
   * The hidden states of a network on the probe trials, time-major {@code [steps][trials][units]}, after and
   * (optionally) before training.
   *
   * @param untrained null unless the study asked for the untrained baseline
   */
  public record ProbeActivations(int steps, int trials, int units, float[] trained, float[] untrained) {}
}
