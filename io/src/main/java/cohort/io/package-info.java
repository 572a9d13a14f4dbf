/**
 * Cohort's files, usable from plain Java without the application (no Guice, no picocli): a trained network and
 * its training record in one HDF5 file ({@link cohort.io.NetworkFile}), whole-or-nothing HDF5 writes and the checks
 * that name a damaged file ({@link cohort.io.Hdf5Files}), the names shared by every writer and reader
 * ({@link cohort.io.Hdf5Schema}), NumPy arrays ({@link cohort.io.Npy}, {@link cohort.io.ArraySource}), and the
 * checks that an output can be written before any work ({@link cohort.io.OutputPaths}).
 */
package cohort.io;
