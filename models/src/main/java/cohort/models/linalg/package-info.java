/**
 * Dense float kernels of the fast path (see {@link cohort.models.linalg.FloatGemm} for why B and C are arrays of
 * rows). Static methods, inputs first and output last; shapes are checked by the callers once, never in loops.
 */
package cohort.models.linalg;
