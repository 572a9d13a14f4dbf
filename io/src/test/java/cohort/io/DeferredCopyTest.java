package cohort.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deferred copy writes the bytes of an eager one ({@link Hdf5Files#copyGroup}), reads no array before the file is
 * written, opens each source once and leaves none open.
 */
class DeferredCopyTest {

  @TempDir Path dir;

  /** A source file of every kind of dataset a run file has, with attributes on the root, groups and datasets. */
  private Path source(String name, int seed) {
    Path f = dir.resolve(name + ".h5");
    Hdf5Files.writeAtomically(f, h5 -> {
      h5.putAttribute("format", "test");
      h5.putAttribute("units", 3 + seed);
      WritableGroup w = h5.putGroup("weights");
      w.putAttribute("alpha", 0.2);
      float[][] rec = new float[3 + seed][3 + seed];
      for (int i = 0; i < rec.length; i++) {
        rec[i][(i + seed) % rec.length] = 1.5f * i - seed;
      }
      WritableDataset d = w.putDataset("W_rec", rec);
      d.putAttribute("shape", "units x units");
      d.putAttribute("trained", 1);
      d.putAttribute("gain", 1.25);
      WritableGroup fp = h5.putGroup("inputs").putGroup("level_0").putGroup("fixed_points");
      double[][] states = new double[4][3 + seed];
      states[2][1] = Math.PI * (seed + 1);
      fp.putDataset("states", states);
      fp.putDataset("q", new double[] {1e-9, 2e-7, seed, -0.0});
      fp.putDataset("slow", new int[] {1, 0, 1, seed});
      h5.putGroup("activations").putDataset("trained", new float[2][5][3 + seed]);
      h5.putDataset("names", new String[] {"a", "bb", "level_" + seed});
    });
    return f;
  }

  private static int datasets(io.jhdf.api.Group g) {
    int n = 0;
    for (io.jhdf.api.Node c : g.getChildren().values()) {
      n += c instanceof io.jhdf.api.Dataset ? 1 : c instanceof io.jhdf.api.Group s ? datasets(s) : 0;
    }
    return n;
  }

  @Test
  void writesTheBytesOfAnEagerCopyReadingEachSourceOnceAtTheWrite() throws Exception {
    List<Path> sources = List.of(source("a", 0), source("b", 1), source("c", 2));
    Path eager = dir.resolve("eager.h5");
    Hdf5Files.writeAtomically(eager, h5 -> {
      WritableGroup runs = h5.putGroup("runs");
      for (Path s : sources) {
        try (HdfFile in = new HdfFile(s)) {
          Hdf5Files.copyGroup(in, runs.putGroup(s.getFileName().toString()));
        }
      }
      h5.putDataset("after", new double[] {1, 2, 3});
    });
    Path deferred = dir.resolve("deferred.h5");
    List<Integer> opening = new ArrayList<>();
    int expected = 0;
    for (Path s : sources) {
      try (HdfFile in = new HdfFile(s)) {
        expected += datasets(in);
      }
    }
    try (DeferredCopy copies = new DeferredCopy(opening::add)) {
      Hdf5Files.writeAtomically(deferred, h5 -> {
        WritableGroup runs = h5.putGroup("runs");
        for (Path s : sources) {
          try (HdfFile in = new HdfFile(s)) {
            copies.copyGroup(s, in, runs.putGroup(s.getFileName().toString()));
          }
        }
        h5.putDataset("after", new double[] {1, 2, 3});
        // the tree holds no array of the sources until it is written
        assertEquals(0, copies.datasetsRead());
        assertFalse(copies.isOpen());
      });
      assertEquals(expected, copies.datasetsRead());
      assertEquals(3, copies.filesOpened(), "each source opened once");
      assertEquals(List.of(1, 2, 3), opening);
      copies.close();
      assertFalse(copies.isOpen(), "no source left open");
    }
    assertArrayEquals(Files.readAllBytes(eager), Files.readAllBytes(deferred));
  }

  @Test
  void closesTheLastSourceAndRefusesOneChangedBeforeTheWrite() throws Exception {
    Path a = source("a", 0);
    Path b = source("b", 1);
    DeferredCopy copies = new DeferredCopy();
    Hdf5Files.writeAtomically(dir.resolve("one.h5"), h5 -> {
      try (HdfFile in = new HdfFile(a)) {
        copies.copyGroup(a, in, h5.putGroup("a"));
      }
    });
    assertTrue(copies.isOpen(), "the last source stays open until the copy is closed");
    copies.close();
    assertFalse(copies.isOpen());

    Path target = dir.resolve("two.h5");
    try (DeferredCopy second = new DeferredCopy()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Hdf5Files.writeAtomically(target, h5 -> {
            try (HdfFile in = new HdfFile(b)) {
              second.copyGroup(b, in, h5.putGroup("b"));
            }
            // the source is replaced by another file between the structure's copy and the write
            try {
              Files.copy(source("other", 2), b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
              Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() + 5000));
            } catch (java.io.IOException x) {
              throw new java.io.UncheckedIOException(x);
            }
          }));
      assertTrue(e.getMessage().contains("changed while it was being copied"), e.getMessage());
      assertFalse(second.isOpen());
    }
    assertFalse(Files.exists(target), "no partial file");
  }
}
