package cohort.study.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A process's claim on one run of a study: an exclusive OS file lock ({@link FileChannel#tryLock()}, {@code fcntl}
 * on Linux, which NFSv4 and Lustre honour across machines) on {@code runs/.ID.claim}, held while the run is
 * trained. Several {@code cohort run} processes (on one machine or on several sharing the directory) can then work
 * on one study at once and never train a run twice: a run is trained only by the process that holds its claim and
 * finds no run file after taking it. The lock dies with its process, so a killed run is free to be claimed again
 * at once; the claim file's text (host, process id, start time) tells {@code cohort status} who is running what.
 *
 * <p>The claim file is deleted only after the run file exists, so a process that takes the lock of a claim file
 * just deleted always finds the run done.
 */
public final class RunClaim implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunClaim(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The claim file of a run. */
  public static Path file(StudyDirectory dir, String runId) {
    return dir.runsDir().resolve("." + runId + ".claim");
  }

  /**
   * Claims {@code runId} for this process, or returns empty when another process (or another thread of this one)
   * holds it.
   *
   * @param holder who claims it, written into the claim file, e.g. {@code host pid 1234}
   */
  public static Optional<RunClaim> tryClaim(StudyDirectory dir, String runId, String holder) {
    Path file = file(dir, runId);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n")
          .getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return Optional.of(new RunClaim(file, channel, lock));
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException("cannot claim run " + runId + " in " + dir.runsDir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Who holds the claim of {@code runId}, or empty when nobody does (no claim file, or a claim file whose process
   * has ended).
   */
  public static Optional<String> holder(StudyDirectory dir, String runId) {
    Path file = file(dir, runId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock != null) {
        lock.release();
        return Optional.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return Optional.of(text.isEmpty() ? "another process" : text.replace('\n', ' '));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes the claim file of a run whose run file exists when no process holds it: what a process killed between
   * storing the run and deleting its claim leaves behind. A claim still held (its holder is about to delete it) and
   * a missing claim file are left as they are.
   */
  public static void removeStale(StudyDirectory dir, String runId) {
    Path file = file(dir, runId);
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock != null) {
        Files.deleteIfExists(file);
        lock.release();
      }
    } catch (IOException e) {
      // gone meanwhile, or not ours to delete: harmless either way (its lock, if any, is free)
    }
  }

  /**
   * Deletes the claim file and releases the claim, once the run file exists. ({@link #close()} alone releases the
   * claim and keeps the file, for a run that was not stored.)
   */
  public void releaseAsDone() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A claim file left behind is harmless: its lock is free, and the next claim reuses it.
    } finally {
      close();
    }
  }

  /** The channel's exclusive lock, or null when another process or another channel of this process holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the claim " + file + ": " + e.getMessage(), e);
    }
  }
}
