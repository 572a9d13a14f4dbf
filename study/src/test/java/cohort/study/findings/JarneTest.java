package cohort.study.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.findings.Evidence.Measure;
import cohort.study.findings.Evidence.RunEvidence;
import cohort.study.findings.Evidence.Spectrum;
import cohort.study.findings.Finding.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Jarne's spectral findings on synthetic spectra whose shape is known: disks, rings, radii. */
class JarneTest {

  /**
   * {@code n} eigenvalues: {@code outliers} at modulus 1.4 (the first real when {@code realDominant}), the rest
   * uniform in a disk of radius {@code r} or on a ring of radius {@code r}.
   */
  static Spectrum spectrum(int n, double r, boolean ring, boolean realDominant, SplittableRandom random) {
    double[] re = new double[n];
    double[] im = new double[n];
    for (int k = 0; k < n; k++) {
      double theta = 2 * Math.PI * random.nextDouble();
      double rho = k < Jarne.DOMINANT ? 1.4 + 0.01 * k : ring ? r * (1 + 0.01 * random.nextGaussian())
          : r * Math.sqrt(random.nextDouble());
      if (k == 0 && realDominant) {
        theta = 0;
        rho = 1.5;
      }
      re[k] = rho * Math.cos(theta);
      im[k] = k == 0 && realDominant ? 0 : rho * Math.sin(theta);
    }
    return new Spectrum(re, im, re.clone(), im.clone());
  }

  static RunEvidence run(String id, String task, String init, int units, double dale, Spectrum s,
      Map<String, Measure> measures) {
    Map<String, String> labels = Map.of("task", task, "task_name", task, "architecture", "vanilla", "activation",
        "tanh", "units", Integer.toString(units), "init", init, "dale", dale == 0 ? "0" : Double.toString(dale),
        "dale_balance", "false", "alpha", "1");
    return new RunEvidence(id, labels, "completed", true, 1.0, measures, s);
  }

  /** Normal: disks of radius 0.9; orthogonal: rings of radius 1; Dale: radius {@code daleRadius(f)}. */
  static Evidence evidence(DoubleUnaryOperator daleRadius) {
    SplittableRandom random = new SplittableRandom(5);
    List<RunEvidence> runs = new ArrayList<>();
    int k = 0;
    for (String task : List.of("and", "oscillation")) {
      for (String init : List.of("normal", "orthogonal")) {
        for (int units : List.of(50, 100, 200)) {
          for (int s = 0; s < 4; s++) {
            Map<String, Measure> m = task.equals("oscillation")
                ? Map.of("oscillation_frequency", new Measure(Map.of("relative_error", 0.02 + 0.01 * s), Map.of()))
                : Map.of();
            runs.add(run("r" + k++, task, init, units, 0,
                spectrum(units, init.equals("normal") ? 0.9 : 1.0, init.equals("orthogonal"), s % 2 == 0, random),
                m));
          }
        }
        for (double f : List.of(0.5, 0.65, 0.8)) {
          for (int s = 0; s < 4; s++) {
            runs.add(run("r" + k++, task, init, 50, f, spectrum(50, daleRadius.applyAsDouble(f), false, s == 0,
                random), Map.of()));
          }
        }
      }
    }
    return new Evidence(runs, List.of(), 1);
  }

  static Map<String, Finding> findings(Evidence e) {
    Map<String, Finding> out = new LinkedHashMap<>();
    for (Finding f : new Jarne().findings(e)) {
      out.put(f.name(), f);
    }
    return out;
  }

  @Test
  void theBulkOfADiskAndOfARing() {
    SplittableRandom random = new SplittableRandom(1);
    Spectrum disk = spectrum(2000, 0.8, false, false, random);
    Jarne.Bulk d = Jarne.bulk(disk.re(), disk.im());
    assertEquals(0.8, d.radius(), 0.01, "the 7th largest modulus of a dense disk is its edge");
    assertEquals(0.25, d.insideHalf(), 0.03, "a uniform disk has a quarter of its area inside half its radius");
    Spectrum ring = spectrum(200, 1.0, true, true, random);
    Jarne.Bulk r = Jarne.bulk(ring.re(), ring.im());
    assertEquals(0, r.insideHalf());
    assertTrue(r.inner() > 0.9, "a ring's inner edge is near its radius");
    assertTrue(r.dominantReal());
    assertFalse(Jarne.bulk(disk.re(), disk.im()).dominantReal());
  }

  @Test
  void disksRingsAndRadiiAsJarneReportsThemAgree() {
    Map<String, Finding> f = findings(evidence(fraction -> 0.6));
    assertEquals(Verdict.AGREES, f.get("J1-normal").verdict(), f.get("J1-normal").toString());
    assertEquals(0.25, f.get("J1-normal").value(), 0.08);
    assertEquals(Verdict.AGREES, f.get("J1-orthogonal").verdict(), f.get("J1-orthogonal").toString());
    assertEquals(0, f.get("J1-orthogonal").value());
    for (String init : List.of("normal", "orthogonal")) {
      Finding size = f.get("J2-size-" + init);
      assertEquals(Verdict.AGREES, size.verdict(), size.toString());
      // the 7th-largest modulus creeps up with N (an order statistic), far less than the ±0.10 allowed
      assertTrue(Math.abs(size.value()) < 0.05 && size.ciHigh() - size.ciLow() < 0.1, size.toString());
      assertEquals(Verdict.AGREES, f.get("J2-fraction-" + init).verdict(), f.get("J2-fraction-" + init).toString());
      Finding j3 = f.get("J3-" + init);
      assertEquals(Verdict.AGREES, j3.verdict(), j3.toString());
      assertTrue(j3.ciHigh() < -0.2, "Dale 0.6 against 0.9 or 1.0: " + j3);
      assertTrue(size.asserted() && j3.asserted());
    }
    Finding osc = f.get("J4-oscillation");
    assertEquals(Verdict.AGREES, osc.verdict(), osc.toString());
    assertFalse(osc.asserted());
    assertEquals(24, osc.n(), "every solving oscillation network with the measure");
    Finding dominant = f.get("J4-dominant-and");
    assertEquals(Verdict.AGREES, dominant.verdict(), "some real, some complex: " + dominant);
  }

  @Test
  void aRadiusThatGrowsWithTheExcitatoryFractionDisagrees() {
    Map<String, Finding> f = findings(evidence(fraction -> 0.3 + fraction));
    Finding j2 = f.get("J2-fraction-normal");
    assertEquals(Verdict.DISAGREES, j2.verdict(), j2.toString());
    assertEquals(0.3, j2.value(), 0.05, "R rises by 0.3 from f = 0.5 to 0.8");
    java.util.regex.Matcher before = java.util.regex.Pattern.compile("before training, the same networks' change is "
        + "([-0-9.]+)").matcher(j2.notes());
    assertTrue(before.find(), "the control on the untrained spectra is reported: " + j2.notes());
    assertEquals(j2.value(), Double.parseDouble(before.group(1)), 0.001, "these spectra do not change in training");
    Map<String, Finding> bigger = findings(evidence(fraction -> 1.2));
    assertEquals(Verdict.DISAGREES, bigger.get("J3-normal").verdict(), bigger.get("J3-normal").toString());
  }

  @Test
  void statisticsOfTheFindings() {
    double[] s = Statistics.slope(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8});
    assertEquals(2, s[0], 1e-12);
    assertEquals(2, s[1], 1e-9, "a perfect line has a zero-width interval");
    double[] d = Statistics.meanDifference(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertEquals(-3, d[0], 1e-12);
    assertTrue(d[2] < 0 && d[1] < -3);
    assertEquals(2.5, Statistics.median(new double[] {4, 1, 3, 2}));
    double[] ci = Statistics.medianInterval(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    assertTrue(ci[0] <= 5 && ci[1] >= 5 && ci[0] >= 1 && ci[1] <= 9);
  }
}
