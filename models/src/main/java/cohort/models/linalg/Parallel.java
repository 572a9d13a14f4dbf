package cohort.models.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed number of Java threads for the caller's own parallel loops: {@link #forEach} runs tasks {@code 0 … n−1}
 * on them and returns when all are done. How the work is cut into tasks is the caller's decision and must not
 * depend on the thread count; each task writes its own part of the output. Then a result is the same, bit for bit,
 * whatever the number of threads, which only decides who computes which task. With one thread the tasks run in
 * order on the calling thread and no pool is created.
 *
 * <p>Usage: {@code try (Parallel p = Parallel.of(threads)) { p.forEach(blocks, b -> ...); }}; the pool's threads
 * end when it is closed.
 */
public final class Parallel implements AutoCloseable {

  private final int threads;
  private final ExecutorService pool;

  private Parallel(int threads) {
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "cohort-parallel");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /**
   * A pool of {@code threads} threads: the caller's, plus {@code threads − 1} started here.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static Parallel of(int threads) {
    check(threads);
    return new Parallel(threads);
  }

  /** Refuses a thread count below 1 in one line. */
  static void check(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: got " + threads + "; accepted: >= 1");
    }
  }

  /** The number of threads, including the caller's. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task.accept(i)} for every {@code i} in {@code 0 … count−1}, in increasing order of start, on this
   * pool's threads and the caller's; returns when all have finished. The first exception a task throws is rethrown
   * (unchecked exceptions as they are) after the others have stopped taking new tasks.
   */
  public void forEach(int count, IntConsumer task) {
    if (pool == null || count <= 1) {
      for (int i = 0; i < count; i++) {
        task.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < count && failed.get() == 0; i = next.getAndIncrement()) {
        try {
          task.accept(i);
        } catch (RuntimeException | Error e) {
          failed.incrementAndGet();
          throw e;
        }
      }
    };
    int helpers = Math.min(threads - 1, count - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      futures.add(pool.submit(worker));
    }
    Throwable first = null;
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      first = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (first == null) {
          first = new IllegalStateException("parallel loop interrupted", e);
        }
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause();
        }
      }
    }
    if (first instanceof RuntimeException r) {
      throw r;
    }
    if (first instanceof Error err) {
      throw err;
    }
    if (first != null) {
      throw new IllegalStateException("parallel loop failed", first);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
