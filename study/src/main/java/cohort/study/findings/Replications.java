package cohort.study.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of {@link Replication}s by name: the one place a spec's {@code replication} value is resolved. */
public final class Replications {

  private static final Map<String, Replication> BY_NAME = new LinkedHashMap<>();

  static {
    for (Replication r : List.<Replication>of(new Universality(), new Ghalambor(), new Jarne())) {
      BY_NAME.put(r.name(), r);
    }
  }

  private Replications() {}

  /** The registered names. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * The replication named {@code name}.
   *
   * @throws IllegalArgumentException one line naming the value and the accepted ones
   */
  public static Replication get(String name) {
    Replication r = BY_NAME.get(name);
    if (r == null) {
      throw new IllegalArgumentException("replication: got '" + name + "'; accepted: " + String.join(", ", names()));
    }
    return r;
  }
}
