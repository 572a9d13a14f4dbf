package cohort.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks that an output can be written <em>before</em> any work is done, so that a command never trains for an hour
 * and then fails at the write: a directory that cannot hold files (read-only, under {@code /proc}, full, owned by
 * another user), a regular file given where a directory is expected, or the reverse. Each check really creates and
 * deletes a hidden probe file, which is the only test that a read-only mount, an ACL or a pseudo file system
 * cannot fool; nothing else is created.
 */
public final class OutputPaths {

  private OutputPaths() {}

  /**
   * Checks that {@code dir} is a directory this process can write in, or can be created as one.
   *
   * @param option how the command line names it, e.g. {@code --out}
   * @throws IllegalArgumentException one line naming the option, the path and what is wrong
   */
  public static void requireWritableDirectory(Path dir, String option) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException(option + " " + dir + ": is a file, not a directory; accepted: a directory "
          + "(new or existing)");
    }
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IllegalArgumentException(option + " " + dir + ": no part of this path exists");
    }
    if (!Files.isDirectory(existing)) {
      throw new IllegalArgumentException(option + " " + dir + ": cannot be created, because " + existing
          + " is a file, not a directory");
    }
    probe(existing, option + " " + dir + (existing.equals(abs) ? ": cannot write in it"
        : ": cannot be created, because nothing can be written in " + existing));
  }

  /**
   * Checks that {@code file} can be written (under a temporary name in its directory, then renamed): it is not a
   * directory, and its directory exists and can hold files, or can be created.
   *
   * @param option how the command line names it, e.g. {@code --out}
   * @throws IllegalArgumentException one line naming the option, the path and what is wrong
   */
  public static void requireWritableFile(Path file, String option) {
    Path abs = file.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      throw new IllegalArgumentException(option + " " + file + ": is a directory; accepted: a file name, e.g. out.h5");
    }
    Path existing = abs.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IllegalArgumentException(option + " " + file + ": no part of this path exists");
    }
    if (!Files.isDirectory(existing)) {
      throw new IllegalArgumentException(option + " " + file + ": " + existing + " is a file, not a directory");
    }
    probe(existing, option + " " + file + ": cannot be written, because nothing can be written in " + existing);
  }

  private static void probe(Path dir, String what) {
    Path probe = dir.resolve(".cohort-write-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      Files.createFile(probe);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " (" + reason(e) + ")");
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // the probe could not be created in the first place
      }
    }
  }

  /**
   * Writes {@code bytes} to {@code file} whole or not at all: to a temporary name in the same directory, then renamed
   * into place (atomically where the file system can).
   *
   * @throws java.io.UncheckedIOException if it cannot be written; nothing is left behind
   */
  public static void writeAtomically(Path file, byte[] bytes) {
    Path target = file.toAbsolutePath();
    Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + System.nanoTime() + Hdf5Files.TEMP_SUFFIX);
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new java.io.UncheckedIOException("cannot write " + target + " (" + reason(e) + ")", e);
    }
  }

  /** What an I/O failure means, in words (Java's messages are often just the path). */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
