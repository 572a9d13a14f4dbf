package cohort.study.findings;

import java.util.List;

/**
 * A source work's findings, computed from a study's populations: the study names it ({@code replication: NAME} in
 * its spec) and {@code study.h5} gets its findings under {@code /findings}. {@link Replications} registers them.
 */
public interface Replication {

  /** The name a spec uses, e.g. {@code universality}. */
  String name();

  /** The source work, as cited in the findings table. */
  String source();

  /** The findings of this study's populations. */
  List<Finding> findings(Evidence evidence);

  /**
   * The findings and the tables they are checked on ({@link FindingsTable}); a replication that states tables
   * overrides this, computing both at once. By default, the findings and no table.
   */
  default Results results(Evidence evidence) {
    return new Results(findings(evidence), List.of());
  }

  /**
   * What a replication computes from a study.
   *
   * @param findings its claims, checked
   * @param tables the numbers behind them
   */
  record Results(List<Finding> findings, List<FindingsTable> tables) {
    public Results {
      findings = List.copyOf(findings);
      tables = List.copyOf(tables);
    }
  }
}
