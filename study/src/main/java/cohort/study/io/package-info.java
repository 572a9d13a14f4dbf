/** Reading users' arrays: NumPy {@code .npy} files ({@link cohort.study.io.Npy}) and HDF5 datasets ({@link cohort.study.io.ArraySource}). */
package cohort.study.io;
