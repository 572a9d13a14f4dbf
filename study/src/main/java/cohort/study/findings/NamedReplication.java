package cohort.study.findings;

/** The base of this package's replications: the name a spec uses and the source work, held once. */
abstract class NamedReplication implements Replication {

  private final String name;
  private final String source;

  NamedReplication(String name, String source) {
    this.name = name;
    this.source = source;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String source() {
    return source;
  }
}
