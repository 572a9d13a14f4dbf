/**
 * Representational similarity between networks' activity matrices (samples × units), each metric a
 * {@link cohort.analysis.similarity.RepresentationalMetric} with netrep's prepare-once/score-per-pair
 * split: linear, RBF and debiased CKA (Kornblith et al. 2019; Song et al. 2012), SVCCA (Raghu et al.
 * 2017) and the Procrustes/partial-whitening shape metric (Williams et al. 2021). {@link
 * cohort.analysis.similarity.PairwiseLinearCka} computes all-pairs linear CKA in one pass; {@link
 * cohort.analysis.similarity.Pairwise} builds any metric's matrix in parallel. Dense decompositions go
 * through OpenBLAS/LAPACK ({@link cohort.models.linalg.Linalg}).
 */
package cohort.analysis.similarity;
