package cohort.benchmarks.analysis;

import cohort.analysis.dsa.Trajectories;
import cohort.analysis.similarity.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The inputs of the peer analysis workloads W3 and W5 ({@code shared/peers/WORKLOADS.md}), built from their
 * distributions (NumPy's draws cannot be reproduced in Java; timing does not depend on the draw).
 *
 * <p>W3: {@code X_i = G_i · diag(s) · Q_i}, G_i iid N(0, 1) (samples × units), {@code s_j = exp(−j/20)},
 * Q_i Haar-random orthogonal. W5: {@code x_{t+1} = A x_t + 0.01 ε_t}, {@code x_0 ~ N(0, I)}, with
 * {@code A = P · blockdiag(r_k R(θ_k)) · Pᵀ}, P Haar-orthogonal (Ostrow et al. 2023's rotation systems).
 * Haar-random orthogonal matrices are the Q factor of a Gaussian matrix with R's diagonal made positive
 * (Mezzadri 2007, "How to generate random matrices from the classical compact groups"), here by modified
 * Gram–Schmidt, whose R has a positive diagonal by construction.
 */
final class Workloads {

  private Workloads() {}

  /** W3's activation matrices: {@code nets} matrices of {@code samples × units}, float64. */
  static List<Matrix> w3Activations(int nets, int samples, int units, RandomGenerator rng) {
    double[] s = new double[units];
    for (int j = 0; j < units; j++) {
      s[j] = Math.exp(-j / 20.0);
    }
    List<Matrix> out = new ArrayList<>(nets);
    for (int i = 0; i < nets; i++) {
      Matrix q = haarOrthogonal(units, rng);
      double[] g = new double[samples * units];
      for (int r = 0; r < samples; r++) {
        for (int j = 0; j < units; j++) {
          g[r * units + j] = rng.nextGaussian() * s[j];
        }
      }
      out.add(new Matrix(samples, units, g).times(q));
    }
    return out;
  }

  /** A Haar-random n × n orthogonal matrix (Q of a Gaussian matrix by modified Gram–Schmidt). */
  static Matrix haarOrthogonal(int n, RandomGenerator rng) {
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    for (int c = 0; c < n; c++) {
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (int r = 0; r < n; r++) {
          dot += a[r * n + p] * a[r * n + c];
        }
        for (int r = 0; r < n; r++) {
          a[r * n + c] -= dot * a[r * n + p];
        }
      }
      double norm = 0;
      for (int r = 0; r < n; r++) {
        norm += a[r * n + c] * a[r * n + c];
      }
      norm = Math.sqrt(norm);
      for (int r = 0; r < n; r++) {
        a[r * n + c] /= norm;
      }
    }
    return new Matrix(n, n, a);
  }

  /**
   * A W5 rotation system {@code A = P · blockdiag(r_k R(θ_k)) · Pᵀ} of even size d, r_k ~ U[rMin, rMax],
   * θ_k ~ U[thetaMin, thetaMax].
   */
  static Matrix rotationSystem(int d, double rMin, double rMax, double thetaMin, double thetaMax,
      RandomGenerator rng) {
    double[] m = new double[d * d];
    for (int k = 0; k < d / 2; k++) {
      double r = rMin + (rMax - rMin) * rng.nextDouble();
      double th = thetaMin + (thetaMax - thetaMin) * rng.nextDouble();
      int i = 2 * k;
      m[i * d + i] = r * Math.cos(th);
      m[i * d + i + 1] = -r * Math.sin(th);
      m[(i + 1) * d + i] = r * Math.sin(th);
      m[(i + 1) * d + i + 1] = r * Math.cos(th);
    }
    Matrix p = haarOrthogonal(d, rng);
    return p.times(new Matrix(d, d, m)).times(p.transpose());
  }

  /** W5's "A-like" system: r ~ U[0.8, 0.99], θ ~ U[0.05, 1.0]. */
  static Matrix aLike(int d, RandomGenerator rng) {
    return rotationSystem(d, 0.8, 0.99, 0.05, 1.0, rng);
  }

  /** W5's "C-like" system: r ~ U[0.5, 0.9], θ ~ U[1.0, 2.5]. */
  static Matrix cLike(int d, RandomGenerator rng) {
    return rotationSystem(d, 0.5, 0.9, 1.0, 2.5, rng);
  }

  /** {@code trials} trajectories of {@code x_{t+1} = A x_t + 0.01 ε_t}, {@code x_0 ~ N(0, I)}. */
  static Trajectories simulate(Matrix a, int trials, int steps, RandomGenerator rng) {
    int d = a.rows();
    double[] ad = a.data();
    double[] x = new double[trials * steps * d];
    for (int k = 0; k < trials; k++) {
      int base = k * steps * d;
      for (int i = 0; i < d; i++) {
        x[base + i] = rng.nextGaussian();
      }
      for (int t = 1; t < steps; t++) {
        int prev = base + (t - 1) * d;
        int cur = base + t * d;
        for (int i = 0; i < d; i++) {
          double v = 0;
          for (int j = 0; j < d; j++) {
            v += ad[i * d + j] * x[prev + j];
          }
          x[cur + i] = v + 0.01 * rng.nextGaussian();
        }
      }
    }
    return new Trajectories(trials, steps, d, x);
  }
}
