/**
 * Recurrent networks for population studies: the cells ({@link cohort.models.Architecture}), their activations and
 * initialisers, a {@link cohort.models.Network} (cell + readout + one flat float parameter vector) with an
 * allocation-free float forward pass and backpropagation through time over a {@link cohort.models.Workspace}, and
 * its textbook double-precision twin {@link cohort.models.ReferenceNetwork} (step, Jacobian, forward, BPTT) that
 * finite differences check and analysis reads through {@link cohort.models.ReferenceCell}. One dependency: OpenBLAS
 * through {@code org.bytedeco:openblas}, for the recurrent matrix products of training
 * ({@link cohort.models.linalg.OpenBlas}; without it the pure-Java kernels run) and for Cohort's one
 * double-precision linear-algebra facade, {@link cohort.models.linalg.Linalg}.
 */
package cohort.models;
