package cohort.study.report.figure;

import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.List;

/** Text made to fit a room of so many pixels: wrapped at spaces, or shortened with an ellipsis. */
public final class Labels {

  private Labels() {}

  /** {@code s} broken at spaces into lines of at most {@code room} pixels, or null when a word is wider. */
  public static List<String> wrap(String s, FontMetrics fm, int room) {
    List<String> lines = new ArrayList<>();
    String current = "";
    for (String word : s.trim().split("\\s+")) {
      if (fm.stringWidth(word) > room) {
        return null;
      }
      String joined = current.isEmpty() ? word : current + " " + word;
      if (fm.stringWidth(joined) <= room) {
        current = joined;
      } else {
        lines.add(current);
        current = word;
      }
    }
    lines.add(current);
    return lines;
  }

  /** Text shortened with an ellipsis to fit {@code width} pixels. */
  public static String fit(String s, FontMetrics fm, int width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
