package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.io.NetworkFile;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeNetworkCommandTest {

  @TempDir Path dir;



  @Test
  void addsFixedPointsSpectrumAndTopologyToTheFileAndDrawsThem() throws Exception {
    Path file = dir.resolve("net.h5");
    Cli.Outcome train = cohort("train", "--task", "flipflop", "--arch", "vanilla", "--units", "12", "--seed", "1",
        "--iterations", "150", "--lr", "0.01", "--batch", "16", "--param", "bits=2", "--out", file.toString());
    assertEquals(0, train.exit(), train.err());
    float[] before = NetworkFile.read(file).network().parameters();

    Path png = dir.resolve("png");
    Cli.Outcome o = cohort("analyze-network", file.toString(), "--initial-states", "64", "--trials", "8", "--png",
        png.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("points at x* = [0.0, 0.0]"), o.out());
    assertTrue(o.out().contains("topology:"), o.out());

    NetworkFile.Contents after = NetworkFile.read(file);
    assertTrue(java.util.Arrays.equals(before, after.network().parameters()), "weights changed");
    try (HdfFile h5 = new HdfFile(file)) {
      int count = ((Number) h5.getAttribute("fixed_point_count").getData()).intValue();
      assertTrue(count >= 1, "no fixed point found in a trained flip-flop network");
      double[][] states = (double[][]) ((Dataset) h5.getByPath("/fixed_points/states")).getData();
      assertEquals(count, states.length);
      assertEquals(12, states[0].length);
      double[] re = (double[]) ((Dataset) h5.getByPath("/spectrum/w_rec_re")).getData();
      assertEquals(12, re.length);
      assertTrue(h5.getByPath("/training/val_loss") instanceof Dataset);
    }
    for (String name : new String[] {"fixed-points-pca.png", "spectra.png"}) {
      BufferedImage img = ImageIO.read(png.resolve(name).toFile());
      assertTrue(img.getWidth() > 400 && img.getHeight() > 300, name);
    }

    // Running it again replaces the analyses instead of adding a second copy.
    assertEquals(0, cohort("analyze-network", file.toString(), "--initial-states", "16", "--trials", "4").exit());
  }

  @Test
  void badInputsAreRejected() throws Exception {
    Path file = dir.resolve("net.h5");
    assertEquals(0, cohort("train", "--task", "xor", "--arch", "ctrnn", "--units", "6", "--iterations", "2",
        "--batch", "2", "--out", file.toString()).exit());
    Cli.Outcome o = cohort("analyze-network", file.toString(), "--inputs", "1,2,3");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--inputs: got 3 values; accepted: 2"), o.err());
    Cli.Outcome missing = cohort("analyze-network", dir.resolve("none.h5").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }
}
