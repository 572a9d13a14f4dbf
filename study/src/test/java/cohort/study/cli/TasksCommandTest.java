package cohort.study.cli;

import static cohort.study.cli.Cli.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.tasks.TaskRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TasksCommandTest {

  @TempDir Path dir;



  @Test
  void listingShowsEveryTaskWithItsSizesAndSource() {
    Cli.Outcome o = cohort("tasks");
    assertEquals(0, o.exit(), o.err());
    assertEquals("", o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(0).startsWith("NAME"), lines.get(0));
    assertTrue(lines.get(0).contains("INPUTS") && lines.get(0).contains("OUTPUTS") && lines.get(0).contains("STEPS")
        && lines.get(0).contains("SOURCE"));
    for (String name : TaskRegistry.standard().names()) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(name + " ")), "lists " + name);
    }
    assertEquals(18, TaskRegistry.standard().names().size());
    String pdm = lines.stream().filter(l -> l.startsWith("perceptual-dm ")).findFirst().orElseThrow();
    assertTrue(pdm.matches("perceptual-dm\\s+3\\s+3 \\(choice\\)\\s+22 x 100 ms\\s+NeuroGym.*"), pdm);
  }

  @Test
  void describeShowsParametersDefaultsAcceptedValuesAndMeaning() {
    Cli.Outcome o = cohort("tasks", "describe", "flipflop", "--param", "bits=4");
    assertEquals(0, o.exit(), o.err());
    String out = o.out();
    assertTrue(out.startsWith("flipflop: hold the sign"), out);
    assertTrue(out.contains("inputs:  input-1, input-2, input-3, input-4"), out);
    assertTrue(out.contains("PARAMETER"), out);
    String bits = out.lines().filter(l -> l.startsWith("bits ")).findFirst().orElseThrow();
    assertTrue(bits.matches("bits\\s+4 \\*\\s+3\\s+integer in \\[1, 64\\]\\s+number of independent memory channels.*"),
        bits);
    assertTrue(out.contains("pulse-probability"), out);
    assertTrue(out.contains("{\"bits\":4,\"steps\":64,"), out);
  }

  @Test
  void sampleWritesAReadablePictureAndACsvWithOneRowPerStep() throws IOException {
    Path png = dir.resolve("trial.png");
    Path csv = dir.resolve("sub/trial.csv");
    Cli.Outcome o = cohort("tasks", "sample", "context-dm", "--seed", "3", "--png", png.toString(), "--csv", csv.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("wrote " + png), o.out());
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getWidth() >= 800 && image.getWidth() <= 2000, "width " + image.getWidth());
    assertTrue(image.getHeight() >= 400 && image.getHeight() <= 2000, "height " + image.getHeight());
    assertTrue(distinctColours(image) > 8, "the picture has coloured curves, not a blank canvas");
    List<String> rows = Files.readAllLines(csv);
    assertEquals("t,time_ms,in_fixation,in_mod1-stim1,in_mod1-stim2,in_mod2-stim1,in_mod2-stim2,in_context-mod1,"
        + "in_context-mod2,target_fixate,target_choice-1,target_choice-2,mask_fixate,mask_choice-1,mask_choice-2",
        rows.get(0));
    assertEquals(1 + 40, rows.size(), "a header and one row per step");
    assertTrue(rows.get(1).startsWith("0,0,1.0,"), rows.get(1));
    assertTrue(rows.get(2).startsWith("1,100,"), rows.get(2));
    for (String row : rows) {
      assertEquals(15, row.split(",", -1).length);
    }
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
    }
  }

  @Test
  void sameSeedSameTrial() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    assertEquals(0, cohort("tasks", "sample", "xor", "--seed", "5", "--csv", a.toString()).exit());
    assertEquals(0, cohort("tasks", "sample", "xor", "--seed", "5", "--csv", b.toString()).exit());
    assertEquals(0, cohort("tasks", "sample", "xor", "--seed", "6", "--csv", c.toString()).exit());
    assertEquals(Files.readAllLines(a), Files.readAllLines(b));
    assertFalse(Files.readAllLines(a).equals(Files.readAllLines(c)));
    assertEquals(201, Files.readAllLines(a).size());
  }

  @Test
  void unknownTaskIsOneLineWithTheKnownTasksAndStatusTwo() {
    Cli.Outcome o = cohort("tasks", "sample", "flopflip", "--seed", "1");
    assertEquals(2, o.exit());
    assertEquals("", o.out());
    List<String> lines = o.err().lines().toList();
    assertEquals(1, lines.size(), o.err());
    assertTrue(lines.get(0).startsWith("cohort: unknown task 'flopflip'; known tasks: flipflop, sine,"), lines.get(0));
    assertEquals(2, cohort("tasks", "describe", "nope").exit());
  }

  @Test
  void unknownOrBadParameterIsOneLineNamingItAndStatusTwo() {
    Path png = dir.resolve("never.png");
    Cli.Outcome o = cohort("tasks", "sample", "flipflop", "--param", "foo=1", "--png", png.toString());
    assertEquals(2, o.exit());
    assertEquals(List.of("cohort: task 'flipflop' has no parameter 'foo'; its parameters: bits, steps, "
        + "pulse-probability, force-first-pulse, noise, margin"), o.err().lines().toList());
    assertFalse(Files.exists(png), "nothing written on bad input");
    Cli.Outcome bad = cohort("tasks", "describe", "perceptual-dm", "--param", "dt=-5");
    assertEquals(2, bad.exit());
    assertEquals(List.of("cohort: task 'perceptual-dm': parameter 'dt' got '-5'; accepted: number in [0.1, 1000]"),
        bad.err().lines().toList());
  }

  @Test
  void anUnwritablePathIsOneLineAndStatusTwo() throws IOException {
    Path file = dir.resolve("plain-file");
    Files.writeString(file, "x");
    Cli.Outcome o = cohort("tasks", "sample", "xor", "--csv", file.resolve("under-a-file.csv").toString());
    assertEquals(2, o.exit(), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().startsWith("cohort: --csv "), o.err());
    assertTrue(o.err().contains("plain-file is a file, not a directory"), o.err());
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
