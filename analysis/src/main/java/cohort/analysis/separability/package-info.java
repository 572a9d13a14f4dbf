/**
 * Whether groups of networks separate in a comparison space: {@link
 * cohort.analysis.separability.LinearSeparability} (cross-validated linear classification with a
 * permutation null, Ghalambor et al. 2024) and {@link cohort.analysis.separability.AverageLinkage}
 * (UPGMA clustering giving a {@link cohort.analysis.separability.Dendrogram} leaf order).
 */
package cohort.analysis.separability;
