package cohort.study.store;

import cohort.study.dynamics.InputAnalysis;
import cohort.study.dynamics.Measurement;
import java.util.List;

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
 * @param inputs the network's fixed points (and their topology graphs) at each analysed constant input of its task,
 *     the task's primary input first; empty when not analysed (or the run failed)
 * @param spectrum eigenvalues of the recurrent matrix (see {@code spectrumMatrix}), or null
 * @param spectrumMatrix what {@code spectrum} is the spectrum of
 * @param untrainedSpectrum the same matrix's eigenvalues before training (when the study asked for the untrained
 *     baseline and for spectra), or null
 * @param measures the task's measures of those dynamics ({@link cohort.study.dynamics.RunMeasures})
 * @param solved whether the network meets the study's success criterion for its task (only solving networks enter
 *     the findings, as in Maheswaranathan et al. 2019)
 * @param successCriterion that criterion, in words
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
    List<InputAnalysis> inputs,
    Spectrum spectrum,
    String spectrumMatrix,
    Spectrum untrainedSpectrum,
    List<Measurement> measures,
    boolean solved,
    String successCriterion,
    ProbeActivations probe,
    String host,
    long startedEpochSeconds,
    long finishedEpochSeconds,
    double runSeconds) {

  public RunOutcome {
    inputs = List.copyOf(inputs);
    measures = List.copyOf(measures);
  }

  /** The fixed and slow points at the task's primary input, or null when none was analysed. */
  public FixedPointSet fixedPoints() {
    return inputs.isEmpty() ? null : inputs.get(0).points();
  }

  /** Their topology graph, or null. */
  public TopologyGraph topology() {
    return inputs.isEmpty() ? null : inputs.get(0).topology();
  }

  /**
   * The hidden states of a network on the probe trials, time-major {@code [steps][trials][units]}, after and
   * (optionally) before training.
   *
   * @param untrained null unless the study asked for the untrained baseline
   */
  public record ProbeActivations(int steps, int trials, int units, float[] trained, float[] untrained) {}
}
