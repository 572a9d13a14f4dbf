/**
 * Similarity between networks. A {@link cohort.analysis.similarity.Metric} has netrep's prepare-once/score-per-pair
 * split and comes in two kinds ({@link cohort.analysis.similarity.MetricKind}): geometry metrics on activity
 * matrices with matched rows ({@link cohort.analysis.similarity.RepresentationalMetric}: linear, RBF and debiased
 * CKA, Kornblith et al. 2019, Song et al. 2012; SVCCA, Raghu et al. 2017; the Procrustes/partial-whitening shape
 * metric, Williams et al. 2021; RSA, Kriegeskorte et al. 2008) and dynamics metrics on trajectories
 * ({@code cohort.analysis.dsa}). {@link
 * cohort.analysis.similarity.Pairwise} is the one pairwise driver for both; {@link
 * cohort.analysis.similarity.PairwiseLinearCka} and {@link cohort.analysis.similarity.PairwiseSvcca} compute
 * all-pairs CKA and SVCCA in one pass. Dense decompositions go through OpenBLAS/LAPACK ({@link
 * cohort.models.linalg.Linalg}).
 */
package cohort.analysis.similarity;
