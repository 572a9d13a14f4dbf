package example;

import cohort.analysis.dsa.Dsa;
import cohort.analysis.dsa.DsaOptions;
import cohort.analysis.dsa.Trajectories;
import cohort.analysis.similarity.LinearCka;
import cohort.analysis.similarity.Matrix;
import cohort.io.Npy;
import java.nio.file.Path;

/** Linear CKA and DSA between two activity arrays [trials][time][units] saved by NumPy. */
public class CompareArrays {
  public static void main(String[] args) {
    Npy.Array a = Npy.read(Path.of(args[0]));
    Npy.Array b = Npy.read(Path.of(args[1]));
    int[] s = a.shape();
    Matrix x = new Matrix(s[0] * s[1], s[2], a.data()); // samples = trials x time
    Matrix y = new Matrix(s[0] * s[1], b.shape()[2], b.data());
    System.out.println("linear CKA " + new LinearCka().score(x, y));
    Trajectories tx = new Trajectories(s[0], s[1], s[2], a.data());
    Trajectories ty = new Trajectories(b.shape()[0], b.shape()[1], b.shape()[2], b.data());
    System.out.println("DSA " + Dsa.compare(tx, ty, new DsaOptions()).score());
  }
}
