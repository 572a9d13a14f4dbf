package cohort.study.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.report.figure.Numbers;
import cohort.study.report.figure.Ticks;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.tasks.TrialBatch;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrialPlotTest {

  @Test
  void everyTaskRendersOnePanelLanePerChannel() {
    for (String name : TaskRegistry.standard().names()) {
      Task task = TaskRegistry.standard().create(name);
      TrialBatch b = task.sample(2, new SplittableRandom(1));
      BufferedImage image = TrialPlot.render(task, b, 1, "test");
      assertEquals(1200, image.getWidth(), name);
      int lanes = task.inputSize() + task.outputSize() + 1;
      assertTrue(image.getHeight() >= 58 * lanes, name + " height " + image.getHeight());
    }
  }

  @Test
  void ticksAreRoundNumbers() {
    assertArrayEquals(new double[] {0, 1}, Ticks.endsAndZero(0, 1.05));
    assertArrayEquals(new double[] {-1, 0, 1}, Ticks.endsAndZero(-1.1, 1.1));
    assertEquals(500, Ticks.nice(430));
    assertEquals(0.2, Ticks.nice(0.13), 1e-12);
    assertEquals("100", Numbers.compact(100.0));
    assertEquals("0.125", Numbers.compact(0.125));
    assertEquals("-0.5", Numbers.compact(-0.5));
    assertEquals("1.5e-05", Numbers.compact(0.000015));
  }
}
