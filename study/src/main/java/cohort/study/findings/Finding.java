package cohort.study.findings;

import cohort.io.Hdf5Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One claim of a source work, replicated by a study: what the source says, what Cohort measured (with its
 * uncertainty, on which networks), the criterion it is judged by (fixed before the study ran) and the verdict.
 * Stored under {@code /findings/NAME} of {@code study.h5} (see {@code cohort.io.Hdf5Schema.Findings}) and shown
 * at the top of the report.
 *
 * @param name short id, e.g. {@code U1-svcca-flipflop}
 * @param source the work, e.g. {@code Maheswaranathan et al. 2019}
 * @param claim the claim in words
 * @param sourceValue the source's own number or statement
 * @param statistic what Cohort measured, in words
 * @param value Cohort's number
 * @param ciLow lower end of its 95 % interval (NaN if none)
 * @param ciHigh upper end (NaN if none)
 * @param pValue a permutation or test p-value (NaN if none)
 * @param criterion how the claim is judged, e.g. {@code accuracy >= 0.75 and p < 0.01}
 * @param verdict agrees, disagrees or not assessed
 * @param population the networks behind the value, in words
 * @param n how many networks (or pairs, as {@code population} says)
 * @param notes what a reader needs to interpret the number
 * @param asserted whether the replication tests check it (else it is reported only)
 */
public record Finding(String name, String source, String claim, String sourceValue, String statistic, double value,
    double ciLow, double ciHigh, double pValue, String criterion, Verdict verdict, String population, int n,
    String notes, boolean asserted) {

  /** How a finding compares with its source's claim. */
  public enum Verdict {
    AGREES("agrees"),
    DISAGREES("disagrees"),
    /** Too few networks (or none solving the task) to judge. */
    NOT_ASSESSED("not assessed");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    /** The verdict as stored and shown. */
    public String text() {
      return text;
    }

    /** {@link #AGREES} when {@code ok}, else {@link #DISAGREES}. */
    public static Verdict of(boolean ok) {
      return ok ? AGREES : DISAGREES;
    }
  }

  /**
   * The finding as the attributes of its group {@code /findings/NAME} ({@code Hdf5Schema.Findings}), in the order
   * they are written; {@code order} is its place among the study's findings.
   */
  public Map<String, Object> attributes(int order) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put(Hdf5Schema.Findings.SOURCE, source());
    a.put(Hdf5Schema.Findings.CLAIM, claim());
    a.put(Hdf5Schema.Findings.SOURCE_VALUE, sourceValue());
    a.put(Hdf5Schema.Findings.STATISTIC, statistic());
    a.put(Hdf5Schema.Findings.VALUE, value());
    a.put(Hdf5Schema.Findings.CI_LOW, ciLow());
    a.put(Hdf5Schema.Findings.CI_HIGH, ciHigh());
    a.put(Hdf5Schema.Findings.P_VALUE, pValue());
    a.put(Hdf5Schema.Findings.CRITERION, criterion());
    a.put(Hdf5Schema.Findings.VERDICT, verdict().text());
    a.put(Hdf5Schema.Findings.POPULATION, population());
    a.put(Hdf5Schema.Findings.N, n());
    a.put(Hdf5Schema.Findings.NOTES, notes());
    a.put(Hdf5Schema.Findings.ASSERTED, asserted() ? 1 : 0);
    a.put(Hdf5Schema.Findings.ORDER, order);
    return a;
  }
}
