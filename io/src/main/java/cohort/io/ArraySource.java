package cohort.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a numeric array named on the command line: a {@code .npy} file, an array of an {@code .npz} archive
 * written as {@code FILE.npz:NAME}, or an HDF5 dataset written as {@code FILE.h5:/path/to/dataset} (read with
 * jHDF). Floating-point and integer datasets are converted to double, in C order.
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
    int npz = spec.indexOf(".npz:");
    if (npz >= 0) {
      Path file = Path.of(spec.substring(0, npz + 4));
      String name = spec.substring(npz + 5);
      java.util.Map<String, Npy.Array> arrays = Npz.read(file);
      Npy.Array a = arrays.get(name);
      if (a == null) {
        throw new IllegalArgumentException("input " + spec + ": no array '" + name + "' in " + file + "; accepted: "
            + String.join(", ", arrays.keySet()));
      }
      return a;
    }
    if (spec.endsWith(".npz")) {
      throw new IllegalArgumentException("input " + spec + ": an .npz archive needs an array name; accepted: "
          + "FILE.npz:" + String.join(" or FILE.npz:", Npz.read(Path.of(spec)).keySet()));
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
      throw cohort.io.Hdf5Files.damaged(file, "input " + spec + ": file", e);
    }
  }

  private static Npy.Array readHdf5(Path file, String dataset, String spec) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("input " + spec + ": file " + file + " not found; accepted: an existing "
          + "HDF5 file as FILE.h5:/path/to/dataset");
    }
    try (HdfFile f = cohort.io.Hdf5Files.open(file, "input " + spec + ": file")) {
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
      double[] values = Hdf5Files.doubles(ds.getDataFlat());
      if (values == null) {
        throw new IllegalArgumentException("input " + spec + ": dataset type " + ds.getJavaType().getSimpleName()
            + "; accepted: float64, float32 or integer datasets");
      }
      return new Npy.Array(dims, values);
    }
  }
}
