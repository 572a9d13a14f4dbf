package cohort.analysis.similarity;

import cohort.models.linalg.Linalg;
import java.util.Arrays;

/**
 * An immutable dense double matrix, row-major: element (i, j) is {@code data[i * cols + j]}.
 *
 * <p>In the similarity metrics rows are samples (conditions, time points) and columns are units. The
 * array is not copied on construction (callers hand over ownership) and must not be changed afterwards;
 * every operation here returns a new matrix.
 *
 * @param rows number of rows (samples), at least 1
 * @param cols number of columns (units), at least 1
 * @param data {@code rows * cols} values, row-major
 */
public record Matrix(int rows, int cols, double[] data) {

  public Matrix {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "matrix shape: got " + rows + " x " + cols + "; accepted: at least 1 x 1");
    }
    if (data == null || data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "matrix data: got " + (data == null ? "null" : data.length + " values")
              + " for shape " + rows + " x " + cols + "; accepted: exactly rows * cols values");
    }
  }

  /** Copies a rectangular {@code double[rows][cols]} array. */
  public static Matrix of(double[][] values) {
    int r = values.length;
    if (r == 0) {
      throw new IllegalArgumentException("matrix rows: got 0; accepted: at least 1");
    }
    int c = values[0].length;
    double[] d = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (values[i].length != c) {
        throw new IllegalArgumentException(
            "matrix row " + i + ": got " + values[i].length + " columns; accepted: " + c + " like row 0");
      }
      System.arraycopy(values[i], 0, d, i * c, c);
    }
    return new Matrix(r, c, d);
  }

  /** The identity matrix of size n. */
  public static Matrix identity(int n) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      d[i * n + i] = 1.0;
    }
    return new Matrix(n, n, d);
  }

  /** Element (i, j). */
  public double get(int i, int j) {
    return data[i * cols + j];
  }

  /** A copy as {@code double[rows][cols]}. */
  public double[][] toArray() {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols, out[i], 0, cols);
    }
    return out;
  }

  /** The column means, length {@code cols}. */
  public double[] columnMeans() {
    double[] m = new double[cols];
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        m[j] += data[o + j];
      }
    }
    for (int j = 0; j < cols; j++) {
      m[j] /= rows;
    }
    return m;
  }

  /** This matrix with every column's mean subtracted (X − 1 x̄ᵀ). */
  public Matrix centerColumns() {
    double[] m = columnMeans();
    double[] d = new double[data.length];
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        d[o + j] = data[o + j] - m[j];
      }
    }
    return new Matrix(rows, cols, d);
  }

  /** The Frobenius norm ‖X‖_F. */
  public double frobeniusNorm() {
    return Sums.norm(data);
  }

  /** Each row's sum of squares {@code Σ_j X_ij²}, in row order. */
  double[] rowSquares() {
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = Sums.squares(data, i * cols, (i + 1) * cols);
    }
    return out;
  }

  /** This matrix times a scalar. */
  public Matrix scale(double factor) {
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = data[i] * factor;
    }
    return new Matrix(rows, cols, d);
  }

  /** The transpose. */
  public Matrix transpose() {
    double[] d = new double[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        d[j * rows + i] = data[i * cols + j];
      }
    }
    return new Matrix(cols, rows, d);
  }

  /** The matrix product this · other. */
  public Matrix times(Matrix other) {
    if (cols != other.rows) {
      throw new IllegalArgumentException(
          "matrix product: left is " + rows + " x " + cols + ", right is " + other.rows + " x "
              + other.cols + "; accepted: left cols == right rows");
    }
    double[] out = new double[rows * other.cols];
    Linalg.gemm(false, false, rows, other.cols, cols, 1.0, data, other.data, 0.0, out);
    return new Matrix(rows, other.cols, out);
  }

  /** This matrix with zero columns appended up to {@code width} columns (unchanged if already that wide). */
  public Matrix padColumns(int width) {
    if (width < cols) {
      throw new IllegalArgumentException(
          "padColumns width: got " + width + "; accepted: >= current cols " + cols);
    }
    if (width == cols) {
      return this;
    }
    double[] d = new double[rows * width];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols, d, i * width, cols);
    }
    return new Matrix(rows, width, d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Matrix[" + rows + " x " + cols + "]";
  }
}
