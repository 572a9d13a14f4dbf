/**
 * Population views: embeddings of networks from a pairwise dissimilarity matrix — {@link
 * cohort.analysis.embed.ClassicalMds} (Torgerson, LAPACK's dsyevd) and {@link cohort.analysis.embed.MetricMds}
 * (SMACOF) — with Kruskal's stress in the {@link cohort.analysis.embed.Embedding} record.
 */
package cohort.analysis.embed;
