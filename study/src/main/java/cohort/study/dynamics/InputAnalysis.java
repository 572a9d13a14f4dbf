package cohort.study.dynamics;

import cohort.analysis.fixedpoints.FixedPointSet;
import cohort.analysis.topology.TopologyGraph;
import cohort.tasks.ConstantInput;

/**
 * A trained network's autonomous dynamics at one constant input of its task ({@link
 * cohort.tasks.Task#analysisInputs()}): its fixed and slow points there, their topology graph, and the states it
 * visits when driven by that input alone (the limit cycle of a sine generator, the line a held integral lies on).
 *
 * @param input the constant input
 * @param points fixed and slow points of {@code F(·, input)}
 * @param topology their saddle-to-attractor graph (null when not asked for)
 * @param driven states {@code [K][S]} row-major of the network run at {@code input} after a burn-in, from rest and
 *     from the end states of the probe trials ({@code NetworkAnalysis.drivenStates})
 */
public record InputAnalysis(ConstantInput input, FixedPointSet points, TopologyGraph topology, double[] driven) {}
