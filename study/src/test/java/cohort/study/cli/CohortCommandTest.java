package cohort.study.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a whole: what it says with no command, and how it summarises each command. */
class CohortCommandTest {

  @Test
  void noCommandPrintsTheUsageAndExitsTwo() {
    Cli.Outcome o = Cli.cohort();
    assertEquals(2, o.exit());
    assertTrue(o.err().startsWith("cohort: a command is needed"), o.err());
    assertTrue(o.err().contains("Usage: cohort"), o.err());
    assertEquals("", o.out());
  }

  /** The command list shows each command's first description line: it must be a whole sentence. */
  @Test
  void everyCommandSummaryIsAWholeSentence() {
    Deque<CommandLine> todo = new ArrayDeque<>();
    todo.add(CohortCommand.commandLine());
    int seen = 0;
    while (!todo.isEmpty()) {
      CommandLine cl = todo.pop();
      String[] description = cl.getCommandSpec().usageMessage().description();
      if (description.length > 0) {
        String first = description[0].strip();
        assertTrue(first.endsWith("."), cl.getCommandSpec().qualifiedName() + ": '" + first + "'");
        seen++;
      }
      todo.addAll(cl.getSubcommands().values());
    }
    assertTrue(seen >= 12, "commands checked: " + seen);
  }

  /** Every command's help renders without picocli warnings (an unescaped % in a description, say). */
  @Test
  void everyHelpRendersWithoutWarnings() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true));
    try {
      Deque<CommandLine> todo = new ArrayDeque<>();
      todo.add(CohortCommand.commandLine());
      while (!todo.isEmpty()) {
        CommandLine cl = todo.pop();
        cl.getUsageMessage();
        todo.addAll(cl.getSubcommands().values());
      }
    } finally {
      System.setErr(saved);
    }
    assertEquals("", captured.toString(), "picocli warnings");
  }
}
