package cohort.io;

import io.jhdf.AbstractWritableNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableDatasetImpl;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.NodeType;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataLayout;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Copies groups of existing HDF5 files into a file being written without holding their data: each dataset of the
 * copy is a placeholder that reads its array from the source file only when jhdf writes it (at
 * {@code WritableHdfFile.close()}), writes it, and lets it go. A consolidated file is then written with the heap of
 * one dataset at a time instead of the whole file's.
 *
 * <p>jhdf 0.9.4 builds a file in memory: {@code WritableGroup.putDataset(name, array)} keeps the array until the file
 * is closed. But {@code putDataset} also takes a ready {@link WritableDataset}, and a group writes a child by calling
 * its {@code write(channel, position)}. A {@link Deferred} dataset's {@code write} reads the array, builds jhdf's own
 * {@code WritableDatasetImpl} from it with the same attributes in the same order, and delegates to it: the bytes are
 * those an eager copy ({@link Hdf5Files#copyGroup}) writes, bit for bit ({@code DeferredCopyTest}).
 *
 * <p>The sources are read at most one at a time: a copy's datasets are written depth-first, so all of one source
 * file's come together, and the file is closed when a dataset of another one is asked for, or at {@link #close}.
 * Each source's size and modification time are taken when its structure is copied; a source changed between then and
 * the write is refused, so a copy never mixes two versions of a file.
 */
public final class DeferredCopy implements AutoCloseable {

  private final IntConsumer opening;
  private Path openPath;
  private HdfFile open;
  private int opened;
  private int datasetsRead;

  /** A copy that reports nothing. */
  public DeferredCopy() {
    this(n -> {});
  }

  /**
   * @param opening told the number of source files opened so far (1, 2, ...) each time the write moves on to the
   *     next source: a write's progress
   */
  public DeferredCopy(IntConsumer opening) {
    this.opening = java.util.Objects.requireNonNull(opening, "opening");
  }

  /**
   * Copies the attributes, sub-groups and (deferred) datasets of the group {@code from} of {@code source} into
   * {@code to}, recursively. {@code from} is read now for its structure and attributes (small); the datasets' arrays
   * are read from {@code source} when the file being written is closed.
   */
  public void copyGroup(Path source, Group from, WritableGroup to) {
    Stamp stamp = Stamp.of(source);
    copy(source, stamp, from, to);
  }

  private void copy(Path source, Stamp stamp, Group from, WritableGroup to) {
    Hdf5Files.copyAttributes(from, to);
    for (Node child : from.getChildren().values()) {
      if (child instanceof Dataset d) {
        WritableDataset w = to.putDataset(child.getName(),
            new Deferred(this, source, stamp, d.getPath(), to, child.getName()));
        Hdf5Files.copyAttributes(d, w);
      } else if (child instanceof Group g) {
        copy(source, stamp, g, to.putGroup(child.getName()));
      }
    }
  }

  /** Source files opened so far (each once when the copy is written in order). */
  public synchronized int filesOpened() {
    return opened;
  }

  /** Datasets read from the sources so far. */
  public synchronized int datasetsRead() {
    return datasetsRead;
  }

  /** Whether a source file is open now. */
  public synchronized boolean isOpen() {
    return open != null;
  }

  private synchronized Object read(Path source, Stamp stamp, String path) {
    if (!source.equals(openPath)) {
      close();
      if (!stamp.equals(Stamp.of(source))) {
        throw new IllegalStateException(source + " changed while it was being copied (size or modification time);"
            + " write the copy again");
      }
      open = new HdfFile(source);
      openPath = source;
      opened++;
      opening.accept(opened);
    }
    datasetsRead++;
    return open.getDatasetByPath(path).getData();
  }

  /** Closes the source file still open, if any. */
  @Override
  public synchronized void close() {
    if (open != null) {
      HdfFile f = open;
      open = null;
      openPath = null;
      f.close();
    }
  }

  /** A source's size and modification time when its structure was copied. */
  private record Stamp(long size, long modified) {
    static Stamp of(Path p) {
      try {
        return new Stamp(Files.size(p), Files.getLastModifiedTime(p).toMillis());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * A dataset of the file being written whose array is read from its source when it is written. Only what jhdf's
   * writer uses is answered without reading the array; every other question reads it (and does not keep it).
   */
  static final class Deferred extends AbstractWritableNode implements WritableDataset {
    private final DeferredCopy copy;
    private final Path source;
    private final Stamp stamp;
    private final String path;

    Deferred(DeferredCopy copy, Path source, Stamp stamp, String path, Group parent, String name) {
      super(parent, name);
      this.copy = copy;
      this.source = source;
      this.stamp = stamp;
      this.path = path;
    }

    /** jhdf's own dataset over the array, with this one's attributes in the same order. */
    private WritableDatasetImpl materialize() {
      WritableDatasetImpl w = new WritableDatasetImpl(copy.read(source, stamp, path), getName(), getParent());
      for (Map.Entry<String, Attribute> a : getAttributes().entrySet()) {
        w.putAttribute(a.getKey(), a.getValue().getData());
      }
      return w;
    }

    @Override
    public long write(HdfFileChannel channel, long position) {
      return materialize().write(channel, position);
    }

    @Override
    public Object getData() {
      return materialize().getData();
    }

    @Override
    public Object getDataFlat() {
      return materialize().getDataFlat();
    }

    @Override
    public Object getData(long[] sliceOffset, int[] sliceDimensions) {
      return materialize().getData(sliceOffset, sliceDimensions);
    }

    @Override
    public long getSize() {
      return materialize().getSize();
    }

    @Override
    public long getSizeInBytes() {
      return materialize().getSizeInBytes();
    }

    @Override
    public long getStorageInBytes() {
      return materialize().getStorageInBytes();
    }

    @Override
    public int[] getDimensions() {
      return materialize().getDimensions();
    }

    @Override
    public boolean isScalar() {
      return materialize().isScalar();
    }

    @Override
    public boolean isEmpty() {
      return materialize().isEmpty();
    }

    @Override
    public boolean isCompound() {
      return false;
    }

    @Override
    public boolean isVariableLength() {
      return false;
    }

    @Override
    public long[] getMaxSize() {
      return materialize().getMaxSize();
    }

    @Override
    public DataLayout getDataLayout() {
      return DataLayout.CONTIGUOUS;
    }

    @Override
    public Class<?> getJavaType() {
      return materialize().getJavaType();
    }

    @Override
    public DataType getDataType() {
      return materialize().getDataType();
    }

    @Override
    public Object getFillValue() {
      return null;
    }

    @Override
    public List<PipelineFilterWithData> getFilters() {
      return List.of();
    }

    @Override
    public NodeType getType() {
      return NodeType.DATASET;
    }

    @Override
    public boolean isGroup() {
      return false;
    }

    @Override
    public long getAddress() {
      throw new UnsupportedOperationException("address not known until written");
    }

    @Override
    public boolean isLink() {
      return false;
    }

    @Override
    public boolean isAttributeCreationOrderTracked() {
      return false;
    }
  }
}
