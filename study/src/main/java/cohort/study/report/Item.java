package cohort.study.report;

/**
 * One network of a population comparison, as the {@code items} datasets of {@code /comparisons} and {@code
 * /embeddings} name it: a run id for the trained network, or the run id and {@value #UNTRAINED_SUFFIX} for the
 * same network before training. The report's one reader of that convention.
 *
 * @param runId the run whose network it is
 * @param untrained the network before training
 */
public record Item(String runId, boolean untrained) {

  /** What an item id ends with when it names the network before training. */
  public static final String UNTRAINED_SUFFIX = ":untrained";

  /** The item of a stored id. */
  public static Item of(String id) {
    return id.endsWith(UNTRAINED_SUFFIX)
        ? new Item(id.substring(0, id.length() - UNTRAINED_SUFFIX.length()), true) : new Item(id, false);
  }

  /** How many of {@code ids} are untrained networks. */
  public static int untrained(String[] ids) {
    int n = 0;
    for (String id : ids) {
      n += of(id).untrained() ? 1 : 0;
    }
    return n;
  }

  /** The run id, followed by "(untrained)" for the network before training. */
  public String label() {
    return untrained ? runId + " (untrained)" : runId;
  }
}
