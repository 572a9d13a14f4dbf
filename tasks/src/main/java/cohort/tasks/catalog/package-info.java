/**
 * The tasks Cohort ships, one class per task (the four Boolean gates share {@code LogicGateTask}), each
 * registered in {@link cohort.tasks.TaskRegistry#standard()} and documented with its source and every default
 * taken from it.
 *
 * <h2>NeuroGym-style choice tasks</h2>
 *
 * <p>{@code perceptual-dm, context-dm, multisensory, delay-comparison, interval-discrimination,
 * delay-match-sample, ready-set-go, go-nogo} follow NeuroGym v0.0.1 (Molano-Mazón et al. 2022): durations in ms,
 * converted to steps as {@code floor(ms/dt)}; random durations drawn per trial; input noise with per-step standard
 * deviation {@code sigma/√dt} (dt in ms). Outputs are one channel per action, action 0 = {@code fixate}, with
 * one-hot targets ({@code OutputKind.CHOICE}).
 *
 * <p><b>Fixation convention (pinned, v0.0.1 semantics).</b> Input channel 0 ({@code fixation}) is 1 in every
 * step before the response period (the decision period; production in ready-set-go) and 0 from its first step
 * on: the fixation offset is the go cue, also when a preceding delay is variable (NeuroGym's 2025 code sets
 * fixation in the fixation period only, which loses the go cue; issue #279). Targets are {@code fixate} before the
 * response period and the correct action during it. Trials are padded to {@code steps()} (the longest trial the
 * timing allows); the mask is 1 on every output over the trial's real length and 0 on the padding.
 *
 * <p><b>Choice accuracy.</b> For each trial, every output channel is averaged over the response period
 * {@code [decision_start, trial_steps)}; the decision is the channel with the largest average (all channels,
 * {@code fixate} included, ties to the lowest index); the trial is correct when it equals the label
 * {@code ground_truth}; accuracy is the fraction of correct trials. Ready-set-go scores the timing of the first
 * {@code go} instead (see its class).
 *
 * <p>Every choice task labels {@code ground_truth}, the first step of each period ({@code <period>_start}) and
 * the real trial length ({@code trial_steps}).
 *
 * <h2>Jarne's tasks</h2>
 *
 * <p>{@code and, or, xor, not, flipflop1, time-reproduction, oscillation} follow the generators of
 * katejarne/RNN_study_with_keras (Jarne &amp; Laje 2019, arXiv:1906.01094), 1 step = 1 ms by default. The Boolean
 * tasks: each input carries a pulse of amplitude 0 or 1 over {@code [onset, onset + stimulus)} (30 and 20 ms),
 * the combination drawn uniformly; the target is {@code baseline} (0.01) before
 * {@code onset + stimulus + mem-gap} (mem-gap 20 ms) and the gate's truth value from there to the end of the trial
 * ({@code tail} 130 ms later: 200 steps); every input gets per-step {@code N(0, noise²)} (0.1); mask 1
 * everywhere. A Boolean trial is solved when the output holds the target's level, with a margin, at every step
 * (see {@code LogicGateTask}). Labels: {@code input_a} ({@code input_b}), {@code truth}, {@code stimulus_start},
 * {@code response_start}.
 *
 * <h2>Maheswaranathan et al. 2019</h2>
 *
 * <p>{@code flipflop}, {@code sine} and {@code context-integration} are defined in steps; see each class.
 *
 * <h2>Accuracy of the continuous-output tasks</h2>
 *
 * <p>Every task scores trials, not time steps: a trial counts as solved only when the whole of its scored period
 * is right, and accuracy is the fraction of trials solved. Level tasks ({@code flipflop}, {@code flipflop1} and the
 * Boolean tasks) demand the right level with a {@code margin} at every scored step; waveform tasks ({@code sine},
 * {@code oscillation}, {@code time-reproduction}, {@code context-integration}) bound the trial's RMS error
 * relative to the task's own signal scale by {@code relative-error}. Each class states its criterion and where its
 * thresholds come from.
 */
package cohort.tasks.catalog;
