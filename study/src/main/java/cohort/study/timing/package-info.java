/**
 * Where a study's time goes ({@link cohort.study.timing.PhaseTimes}): wall and CPU seconds by phase, for the timing
 * summary of {@code cohort run}. Depends on nothing of Cohort's, so every package of the study module may report to it.
 */
package cohort.study.timing;
