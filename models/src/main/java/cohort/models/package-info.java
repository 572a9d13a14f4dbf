/**
 * Recurrent networks for population studies: the cells (each one class implementing {@link cohort.models.Cell},
 * registered in {@link cohort.models.CellRegistry}; the built-in ones in {@code cohort.models.cells}), their
 * activations and initialisers, a {@link cohort.models.Network} (cell + readout + one flat float parameter vector)
 * with an allocation-free float forward pass and backpropagation through time over a {@link cohort.models.Workspace},
 * and its textbook double-precision twin {@link cohort.models.ReferenceNetwork} (step, Jacobian, forward, BPTT) that
 * finite differences check and analysis reads through {@link cohort.models.ReferenceCell}. The network, workspace
 * and reference are drivers that know no cell by name. One dependency: OpenBLAS through {@code org.bytedeco:openblas},
 * for the matrix products of training ({@link cohort.models.linalg.OpenBlas}; without it a pure-Java product runs)
 * and for Cohort's one double-precision linear-algebra facade, {@link cohort.models.linalg.Linalg}.
 */
package cohort.models;
