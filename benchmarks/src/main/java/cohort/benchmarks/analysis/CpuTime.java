package cohort.benchmarks.analysis;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary JMH results for a shared machine: {@code cpuSeconds}, the CPU time of the whole benchmark process
 * (all its threads: the caller, OpenBLAS's and the Java pools' workers; also the JIT and GC) spent during the
 * measured calls, and {@code calls}, their number, both summed per iteration. {@code cpuSeconds / calls} is the
 * CPU cost of one call, and {@code cpuSeconds / (calls · score)} the number of cores the call actually got (≈ the
 * thread count on an idle machine; less when other processes compete), so a figure measured under load can be
 * read per CPU-second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Process CPU seconds spent in the measured calls of this iteration. */
  public double cpuSeconds;

  /** Measured calls in this iteration. */
  public long calls;

  /** The process's CPU time so far, in nanoseconds. */
  static long now() {
    return OS.getProcessCpuTime();
  }

  /** Adds one call that started at process CPU time {@code startNanos}. */
  void add(long startNanos) {
    cpuSeconds += (OS.getProcessCpuTime() - startNanos) * 1e-9;
    calls++;
  }

  /** Runs one measured call, adds its CPU time and returns its result (for JMH to consume). */
  <T> T measure(Supplier<T> call) {
    long t0 = now();
    T result = call.get();
    add(t0);
    return result;
  }
}
