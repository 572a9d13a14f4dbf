/**
 * The built-in cells, one class each ({@link cohort.models.Cell}): the leaky rate RNNs
 * ({@link cohort.models.cells.LeakyRnn}: vanilla, ctrnn, scaled-ctrnn; {@link cohort.models.cells.LowRank}), the
 * UGRNN, GRU, LSTM and MGU, and {@link cohort.models.cells.Gates}, the per-gate block offsets and product-row copies
 * they share (with the package's base classes for the gated cells' rules, fast kernels and double references). Each
 * class holds its parameter layout, initialisation, fast float element-wise kernels and double reference.
 */
package cohort.models.cells;
