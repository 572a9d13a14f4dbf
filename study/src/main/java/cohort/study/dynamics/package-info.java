/**
 * A trained network's dynamics at its task's constant inputs ({@link cohort.study.dynamics.InputAnalysis}) and the
 * task-specific structure the source works report in them ({@link cohort.study.dynamics.RunMeasure}s, chosen per
 * task by {@link cohort.study.dynamics.RunMeasures}): the flip-flop's attractor cube, the sine generator's rotating
 * foci, the integrator's line attractors.
 */
package cohort.study.dynamics;
