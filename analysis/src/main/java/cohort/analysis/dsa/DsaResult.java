package cohort.analysis.dsa;

/**
 * The outcome of one DSA comparison, with every option that produced it.
 *
 * @param score the reported value (see {@link DsaScore})
 * @param scoreUsed the score actually computed: the requested one, or WASSERSTEIN when the two
 *     operators have different sizes (the reference's fallback)
 * @param options all DMD and optimiser options
 * @param rankX rank of the first operator
 * @param rankY rank of the second operator
 * @param transform the optimisation (best C, both scores, starts, steps), or null for WASSERSTEIN
 */
public record DsaResult(double score, DsaScore scoreUsed, DsaOptions options, int rankX, int rankY,
    SimilarityTransformDistance.Result transform) {}
