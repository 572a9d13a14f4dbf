/**
 * Analyses of trained networks: fixed points and their topology, linearised spectra, similarity between networks,
 * embeddings and separability (sub-packages). This package holds the {@link cohort.analysis.MetricRegistry}, the one
 * place that knows the similarity metrics by name: each entry ({@link cohort.analysis.MetricInfo}) derives a
 * metric's spec keys, command-line flags and provenance from its options record ({@link
 * cohort.analysis.MetricOption}).
 */
package cohort.analysis;
