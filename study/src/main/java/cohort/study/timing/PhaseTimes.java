package cohort.study.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a study's time goes, for the timing summary {@code cohort run} prints: wall and CPU seconds by phase. A
 * per-network phase (training, probes and spectra, fixed points, writing run files) is measured on the thread that
 * does it, with that thread's CPU clock, and summed over the networks and workers; a whole phase (all runs, the
 * consolidation, each of its steps) is measured with the process's CPU clock, so it includes every thread of this
 * JVM (workers, pair threads, JIT compiler, garbage collector). Only this JVM's work is counted: runs trained by
 * another process or by Spark executors are not. Thread-safe; {@link #GLOBAL} is the one the CLI prints.
 */
public final class PhaseTimes {

  /** The times of this JVM's study work ({@code cohort run} resets it before it starts). */
  public static final PhaseTimes GLOBAL = new PhaseTimes();

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<String, long[]> phases = new LinkedHashMap<>();

  /** A phase being timed; {@link #close()} adds its wall and CPU time. */
  public final class Span implements AutoCloseable {
    private final String phase;
    private final boolean process;
    private final long wall0;
    private final long cpu0;

    private Span(String phase, boolean process) {
      this.phase = phase;
      this.process = process;
      this.wall0 = System.nanoTime();
      this.cpu0 = process ? processCpuNanos() : threadCpuNanos();
    }

    @Override
    public void close() {
      long cpu = (process ? processCpuNanos() : threadCpuNanos()) - cpu0;
      add(phase, System.nanoTime() - wall0, cpu0 < 0 ? -1 : cpu);
    }
  }

  /** Times a phase on the calling thread (its CPU clock). */
  public Span thread(String phase) {
    return new Span(phase, false);
  }

  /** Times a phase of the whole process (the process's CPU clock: every thread of this JVM). */
  public Span process(String phase) {
    return new Span(phase, true);
  }

  synchronized void add(String phase, long wallNanos, long cpuNanos) {
    long[] t = phases.computeIfAbsent(phase, k -> new long[3]);
    t[0] += wallNanos;
    t[1] = t[1] < 0 || cpuNanos < 0 ? -1 : t[1] + cpuNanos;
    t[2]++;
  }

  /** Forgets every phase. */
  public synchronized void reset() {
    phases.clear();
  }

  /**
   * One line per phase, in the order phases were first seen: {@code timing: PHASE: wall W s, cpu C s (n spans)};
   * CPU is {@code n/a} where the JVM offers no CPU clock.
   */
  public synchronized List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : phases.entrySet()) {
      long[] t = e.getValue();
      out.add(String.format(Locale.ROOT, "timing: %s: wall %.2f s, cpu %s (%d %s)", e.getKey(), t[0] * 1e-9,
          t[1] < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", t[1] * 1e-9), t[2], t[2] == 1 ? "span" : "spans"));
    }
    return out;
  }

  /** CPU time of the calling thread in nanoseconds, or −1 if the JVM cannot tell. */
  public static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** CPU time of this process (all its threads) in nanoseconds, or −1 if the JVM cannot tell. */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
