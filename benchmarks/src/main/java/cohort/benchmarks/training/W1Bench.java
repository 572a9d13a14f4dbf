package cohort.benchmarks.training;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings and parameters of the W1 training benchmarks ({@link TrainingIterationBench},
 * {@link ProductCeilingBench}), which JMH passes on to each subclass: one state per thread, calls per second over
 * three 2 s warm-ups and five 2 s measurements in one fork, for each architecture and hidden size of W1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class W1Bench {

  /** The cell, by its registered name. */
  @Param({"vanilla", "gru", "lstm"})
  public String arch;

  /** Hidden units. */
  @Param({"64", "128", "256"})
  public int hidden;
}
