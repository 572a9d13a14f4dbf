package cohort.study.report.figure;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Where every figure is drawn and how it is saved: an RGB {@link BufferedImage} painted white with antialiased
 * shapes and text, font metrics measured the same way before the layout is fixed, the title and subtitle block, and
 * PNG files. Plain {@code java.awt} and {@code javax.imageio}; nothing here touches a screen, and loading it sets
 * nothing.
 *
 * <p>Drawing on an image still asks AWT for its graphics environment, which on a machine with a {@code DISPLAY}
 * that cannot be reached (a lost X11 forwarding, say) fails unless AWT runs headless. A command line that draws
 * calls {@link #useHeadlessAwt()} once, before its first figure; a library user decides for their own
 * application.
 */
public final class Canvas {

  private Canvas() {}

  /**
   * Makes AWT run headless in this JVM (system property {@code java.awt.headless=true}) unless it was set
   * otherwise: the explicit choice of a command that draws figures, made before the first one.
   */
  public static void useHeadlessAwt() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Antialiased shapes and text, and strokes drawn where they are (no pixel snapping). */
  public static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  /** The metrics of {@code font} as a figure will draw it, for measuring text before the layout is fixed. */
  public static FontMetrics metrics(Font font) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      hints(g);
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }

  /** A white {@code width × height} image on which {@code painter} draws, with {@link #hints}. */
  public static BufferedImage paint(int width, int height, Consumer<Graphics2D> painter) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      hints(g);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      painter.accept(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The lines of a subtitle: none for null or empty text. */
  public static String[] lines(String text) {
    return text == null || text.isEmpty() ? new String[0] : text.split("\n");
  }

  /**
   * Draws the title (baseline 28) and under it the subtitle lines (first baseline 50), from {@code x}, in the
   * fonts of {@code style}.
   */
  public static void header(Graphics2D g, Style style, String title, String[] subtitle, int x) {
    g.setColor(Color.BLACK);
    g.setFont(style.title());
    g.drawString(title, x, 28);
    g.setFont(style.subtitle());
    g.setColor(Style.SUBTITLE_GREY);
    for (int i = 0; i < subtitle.length; i++) {
      g.drawString(subtitle[i], x, 50 + style.subtitleLeading() * i);
    }
  }

  /** Writes {@code image} as a PNG, creating parent directories. */
  public static void writePng(BufferedImage image, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
