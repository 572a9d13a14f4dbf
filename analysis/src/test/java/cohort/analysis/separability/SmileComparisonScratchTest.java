package cohort.analysis.separability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Scratch check before Smile is removed: Cohort's own logistic regression and linear discriminant against Smile
 * 3.1.1's on the data sets the separability tests see. Deleted with the Smile dependency.
 */
class SmileComparisonScratchTest {

  static double[][] data(int n, int dim, double shift, long seed, int[] y) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][dim];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < dim; j++) {
        x[i][j] = rng.nextGaussian() * (1 + j * 0.3) + (y[i] == 1 ? shift / (1 + j) : 0);
      }
    }
    return x;
  }

  static double smileCv(double[][] x, int[] y, SeparabilityOptions o, java.util.random.RandomGenerator rng) {
    // the pre-change crossValidate with Smile's classifiers (same folds: the classifier draws nothing)
    int n = x.length;
    int k = o.folds();
    int[] fold = new int[n];
    for (int cls = 0; cls < 2; cls++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (y[i] == cls) {
          members.add(i);
        }
      }
      int[] m = members.stream().mapToInt(Integer::intValue).toArray();
      for (int i = m.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = m[i];
        m[i] = m[j];
        m[j] = t;
      }
      for (int r = 0; r < m.length; r++) {
        fold[m[r]] = r % k;
      }
    }
    double sum = 0;
    for (int f = 0; f < k; f++) {
      List<double[]> train = new ArrayList<>();
      List<Integer> ty = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          train.add(x[i]);
          ty.add(y[i]);
        }
      }
      int dim = x[0].length;
      double[] mean = new double[dim];
      double[] sd = new double[dim];
      for (double[] r : train) {
        for (int j = 0; j < dim; j++) {
          mean[j] += r[j] / train.size();
        }
      }
      for (double[] r : train) {
        for (int j = 0; j < dim; j++) {
          sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
        }
      }
      for (int j = 0; j < dim; j++) {
        sd[j] = Math.sqrt(sd[j] / train.size());
        if (!(sd[j] > 1e-12)) {
          sd[j] = 1;
        }
      }
      double[][] z = new double[train.size()][];
      int[] yy = new int[train.size()];
      for (int i = 0; i < z.length; i++) {
        z[i] = std(train.get(i), mean, sd);
        yy[i] = ty.get(i);
      }
      smile.classification.Classifier<double[]> model = o.classifier() == SeparabilityOptions.Classifier.LDA
          ? smile.classification.LDA.fit(z, yy, null, 1e-4)
          : smile.classification.LogisticRegression.binomial(z, yy, o.ridge(), 1e-5, 500);
      int correct = 0;
      int tested = 0;
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          correct += model.predict(std(x[i], mean, sd)) == y[i] ? 1 : 0;
          tested++;
        }
      }
      sum += (double) correct / tested;
    }
    return sum / k;
  }

  static double[] std(double[] r, double[] mean, double[] sd) {
    double[] o = new double[r.length];
    for (int j = 0; j < r.length; j++) {
      o[j] = (r[j] - mean[j]) / sd[j];
    }
    return o;
  }

  static double objective(double[][] x, int[] y, double[] w, double lambda) {
    int p = x[0].length;
    double f = 0;
    for (int i = 0; i < x.length; i++) {
      double e = w[p];
      for (int j = 0; j < p; j++) {
        e += w[j] * x[i][j];
      }
      f += LogisticRegression.softplus(e) - y[i] * e;
    }
    for (int j = 0; j < p; j++) {
      f += 0.5 * lambda * w[j] * w[j];
    }
    return f;
  }

  @Test
  void coefficientsAndAccuraciesMatchSmile() {
    StringBuilder report = new StringBuilder();
    int cases = 0;
    int same = 0;
    double maxDiff = 0;
    double maxCoef = 0;
    double maxObjective = 0;
    for (int dim : new int[] {2, 5, 30}) {
      for (double shift : new double[] {0, 0.5, 1, 3}) {
        for (double lambda : new double[] {1e-3, 0.1, 1}) {
          for (long seed = 1; seed <= 3; seed++) {
            int n = dim == 30 ? 30 : 40;
            int[] y = new int[n];
            double[][] x = data(n, dim, shift, seed, y);
            // coefficients: the same objective, so the same minimiser to L-BFGS's tolerance
            LinearRule ours = LogisticRegression.fit(x, y, lambda);
            double[] theirs = ((smile.classification.LogisticRegression.Binomial)
                smile.classification.LogisticRegression.binomial(x, y, lambda, 1e-8, 5000)).coefficients();
            double[] mine = new double[dim + 1];
            System.arraycopy(ours.weights(), 0, mine, 0, dim);
            mine[dim] = ours.bias();
            double fOurs = objective(x, y, mine, lambda);
            double fTheirs = objective(x, y, theirs, lambda);
            assertEquals(true, fOurs <= fTheirs + 1e-12 * Math.abs(fTheirs), "ours " + fOurs + " smile " + fTheirs);
            double scale = 1;
            for (double v : theirs) {
              scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j <= dim; j++) {
              maxCoef = Math.max(maxCoef, Math.abs(theirs[j] - mine[j]) / scale);
            }
            maxObjective = Math.max(maxObjective, (fTheirs - fOurs) / Math.abs(fTheirs));
            for (SeparabilityOptions.Classifier c : SeparabilityOptions.Classifier.values()) {
              if (c == SeparabilityOptions.Classifier.LDA && dim == 30) {
                continue; // singular pooled covariance in 24-sample folds: both refuse
              }
              SeparabilityOptions o = new SeparabilityOptions(5, 0, c, lambda, seed);
              double a = LinearSeparability.crossValidate(x, y, o, new SplittableRandom(seed));
              double b = smileCv(x, y, o, new SplittableRandom(seed));
              cases++;
              same += a == b ? 1 : 0;
              maxDiff = Math.max(maxDiff, Math.abs(a - b));
              if (a != b) {
                report.append(c).append(" dim ").append(dim).append(" shift ").append(shift).append(" lambda ")
                    .append(lambda).append(" seed ").append(seed).append(": ours ").append(a).append(" smile ")
                    .append(b).append('\n');
              }
            }
          }
        }
      }
    }
    // accuracies may differ only on held-out points right at the boundary
    System.err.println("scratch: " + cases + " cross-validations, " + same + " identical accuracies, max |diff| "
        + maxDiff + "; max coefficient difference / max |coef| " + maxCoef + "; max (f_smile - f_ours)/f "
        + maxObjective + "\n" + report);
    assertEquals(cases, same, cases + " cases, " + same + " identical, max difference " + maxDiff + "\n" + report);
  }
}
