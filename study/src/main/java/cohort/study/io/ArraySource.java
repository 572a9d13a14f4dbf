package cohort.study.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a numeric array named on the command line: either a {@code .npy} file or an HDF5 dataset
 * written as {@code FILE.h5:/path/to/dataset} (read with jHDF). Floating-point and integer datasets are
 * converted to double, in C order.
 */
public final class ArraySource {

  private ArraySource() {}

  /** Loads {@code spec}; bad specs raise {@link IllegalArgumentException} with one line. */
  public static Npy.Array load(String spec) {
    int colon = spec.indexOf(".h5:");
    int colon5 = spec.indexOf(".hdf5:");
    if (colon >= 0 || colon5 >= 0) {
      int cut = colon >= 0 ? colon + 3 : colon5 + 5;
      return hdf5(Path.of(spec.substring(0, cut)), spec.substring(cut + 1), spec);
    }
    if (spec.endsWith(".h5") || spec.endsWith(".hdf5")) {
      throw new IllegalArgumentException("input " + spec + ": an HDF5 file needs a dataset path; accepted: "
          + "FILE.h5:/path/to/dataset or a .npy file");
    }
    Path p = Path.of(spec);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("input " + spec + ": file not found; accepted: an existing .npy file or "
          + "FILE.h5:/path/to/dataset");
    }
    return Npy.read(p);
  }

  private static Npy.Array hdf5(Path file, String dataset, String spec) {
    try {
      return readHdf5(file, dataset, spec);
    } catch (RuntimeException e) {
      throw cohort.study.store.Hdf5Files.damaged(file, "input " + spec + ": file", e);
    }
  }

  private static Npy.Array readHdf5(Path file, String dataset, String spec) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("input " + spec + ": file " + file + " not found; accepted: an existing "
          + "HDF5 file as FILE.h5:/path/to/dataset");
    }
    try (HdfFile f = cohort.study.store.Hdf5Files.open(file, "input " + spec + ": file")) {
      Node node;
      try {
        node = f.getByPath(dataset);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("input " + spec + ": no dataset " + dataset + " in " + file
            + "; accepted: the path of an existing dataset");
      }
      if (!(node instanceof Dataset ds)) {
        throw new IllegalArgumentException("input " + spec + ": " + dataset + " is a group, not a dataset; "
            + "accepted: the path of a numeric dataset");
      }
      int[] dims = ds.getDimensions();
      Object flat = ds.getDataFlat();
      double[] values;
      if (flat instanceof double[] d) {
        values = d;
      } else if (flat instanceof float[] fl) {
        values = new double[fl.length];
        for (int i = 0; i < fl.length; i++) {
          values[i] = fl[i];
        }
      } else if (flat instanceof int[] in) {
        values = new double[in.length];
        for (int i = 0; i < in.length; i++) {
          values[i] = in[i];
        }
      } else if (flat instanceof long[] ln) {
        values = new double[ln.length];
        for (int i = 0; i < ln.length; i++) {
          values[i] = ln[i];
        }
      } else {
        throw new IllegalArgumentException("input " + spec + ": dataset type " + ds.getJavaType().getSimpleName()
            + "; accepted: float64, float32 or integer datasets");
      }
      return new Npy.Array(dims, values);
    }
  }
}
