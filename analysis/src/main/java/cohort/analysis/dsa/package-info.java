/**
 * Dynamical similarity analysis (Ostrow et al. 2023; reference mitchellostrow/DSA): Hankel DMD
 * operators ({@link cohort.analysis.dsa.HankelDmd}), the similarity-transform distance over O(n)
 * ({@link cohort.analysis.dsa.SimilarityTransformDistance}) and the eigenvalue Wasserstein score
 * ({@link cohort.analysis.dsa.EigenvalueWasserstein}), put together by {@link cohort.analysis.dsa.Dsa}
 * with every option in {@link cohort.analysis.dsa.DsaOptions}, the dynamics kind of metric
 * ({@link cohort.analysis.dsa.DynamicalMetric}).
 */
package cohort.analysis.dsa;
