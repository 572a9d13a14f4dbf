/**
 * Recurrent networks for population studies: the cells ({@link cohort.models.Architecture}), their activations and
 * initialisers, a {@link cohort.models.Network} (cell + readout + one flat float parameter vector) with an
 * allocation-free float forward pass and backpropagation through time over a {@link cohort.models.Workspace}, and
 * its textbook double-precision twin {@link cohort.models.ReferenceNetwork} (step, Jacobian, forward, BPTT) that
 * finite differences check and analysis reads through {@link cohort.models.ReferenceCell}. No dependencies.
 */
package cohort.models;
