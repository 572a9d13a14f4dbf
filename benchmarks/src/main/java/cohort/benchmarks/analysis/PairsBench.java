package cohort.benchmarks.analysis;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings of the pair-comparison workloads W3 and W5 ({@link LinearCkaPairsBench},
 * {@link SvccaPairsBench}, {@link DsaPairBench}), which JMH passes on to each subclass: one state shared by the
 * benchmark's threads, seconds per call averaged over one 5 s warm-up and three 5 s measurements in one fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public abstract class PairsBench {
}
