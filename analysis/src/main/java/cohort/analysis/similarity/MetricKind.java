package cohort.analysis.similarity;

/** The two kinds of {@link Metric}: what one network's input is, and which networks can be compared. */
public enum MetricKind {

  /**
   * Representational geometry: activity matrices (samples × units) whose rows are the same conditions in every
   * network, so only networks that saw the same inputs (in a study, the same task's probe trials) are compared.
   */
  GEOMETRY("activity [samples][units], rows matched across networks"),

  /**
   * Dynamics: trajectories (trials × steps × units) from which each network's dynamics are fitted, so networks of
   * different tasks and sizes can be compared.
   */
  DYNAMICS("trajectories [trials][steps][units]"),

  /**
   * Fixed-point topology: each network's topology signatures (the census of its fixed points by number of unstable
   * directions and the Laplacian spectrum of its saddle-to-attractor graph), one per analysed constant input of its
   * task, so networks of one task are compared (Maheswaranathan et al. 2019, Fig. 1f). A study computes them from
   * its runs' fixed points; they are not arrays a user hands to {@code cohort compare}.
   */
  TOPOLOGY("fixed-point topology signatures, one per analysed input of the task");

  private final String input;

  MetricKind(String input) {
    this.input = input;
  }

  /** The input, in words with its layout, for provenance. */
  public String input() {
    return input;
  }
}
