package cohort.study.report;

import cohort.study.report.figure.Legend;
import cohort.study.report.figure.Palette;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The grid factors a study varies and the colours of their levels. Figures are coloured by what the study varies:
 * the factors are taken in the fixed order of {@link #ORDER} (task, architecture, activation, units, init, gain),
 * and a figure is coloured by the first of them that takes more than one value over the runs it draws (or by
 * architecture when none does). Architectures keep one colour each across the whole report; the levels of any
 * other factor take the palette from a different starting colour, so that they are not mistaken for
 * architectures.
 */
public final class Factors {

  /** The factors, as run attributes, in the order in which the report picks the one to colour by. */
  public static final List<String> ORDER = List.of("task", "architecture", "activation", "units", "init", "gain");

  /** Numbers in numeric order before other text in alphabetical order. */
  static final Comparator<String> LEVEL_ORDER = (a, b) -> {
    double x = parse(a);
    double y = parse(b);
    if (!Double.isNaN(x) && !Double.isNaN(y)) {
      int c = Double.compare(x, y);
      return c != 0 ? c : a.compareTo(b);
    }
    if (Double.isNaN(x) != Double.isNaN(y)) {
      return Double.isNaN(x) ? 1 : -1;
    }
    return a.compareTo(b);
  };

  private final Map<String, Color> architectures;

  /** The factors of a study with these runs. */
  public Factors(List<StudyData.Run> runs) {
    this.architectures = colours(levels(runs, "architecture"), false);
  }

  /** Each architecture of the study and its colour, in level order. */
  public Map<String, Color> architectures() {
    return architectures;
  }

  /** Colours of the levels of {@code factor}: the architectures' own colours, or the secondary palette. */
  public Map<String, Color> colours(String factor, List<String> levels) {
    if (!factor.equals("architecture")) {
      return colours(levels, true);
    }
    Map<String, Color> m = new LinkedHashMap<>();
    for (String level : levels) { // items whose run is not in /runs are grey
      m.put(level, architectures.getOrDefault(level, Color.GRAY));
    }
    return m;
  }

  /**
   * The factors of {@link #ORDER}, in that order and except {@code skip}, that take more than one known value
   * over {@code runs} (a run without the attribute has no known value).
   */
  public static List<String> varying(List<StudyData.Run> runs, String skip) {
    List<String> out = new ArrayList<>();
    for (String f : ORDER) {
      if (f.equals(skip)) {
        continue;
      }
      TreeSet<String> known = new TreeSet<>();
      for (StudyData.Run r : runs) {
        String v = r.text(f, null);
        if (v != null) {
          known.add(v);
        }
      }
      if (known.size() > 1) {
        out.add(f);
      }
    }
    return out;
  }

  /** Distinct values of a run attribute over {@code runs} ("?" where absent), numerically sorted if numbers. */
  public static List<String> levels(List<StudyData.Run> runs, String attribute) {
    TreeSet<String> s = new TreeSet<>(LEVEL_ORDER);
    for (StudyData.Run r : runs) {
      s.add(r.text(attribute, "?"));
    }
    return new ArrayList<>(s);
  }

  /** A level as a legend label: numeric factors say what the number is ("units 64"). */
  public static String levelLabel(String factor, String level) {
    return (factor.equals("units") || factor.equals("gain")) && !Double.isNaN(parse(level)) ? factor + " " + level
        : level;
  }

  /** "units (the first of architecture, activation, units, init, gain that varies ...)", for captions. */
  static String colourByText(String by, boolean varies, String skip) {
    List<String> order = new ArrayList<>(ORDER);
    order.remove(skip);
    return varies ? by + " (the first of " + String.join(", ", order) + " that varies across these runs)"
        : by + " (none of " + String.join(", ", order) + " varies across these runs)";
  }

  /** A legend of the levels of {@code factor}: a line (for curves) or a box (for points) of each colour. */
  static List<Legend.Entry> legend(String factor, Map<String, Color> colours, boolean lines) {
    List<Legend.Entry> l = new ArrayList<>();
    colours.forEach((k, c) -> l.add(lines ? Legend.line(levelLabel(factor, k), c) : Legend.box(levelLabel(factor, k),
        c)));
    return l;
  }

  /** Colours of levels: the palette in order (architectures), or a rotation of it that starts elsewhere. */
  private static Map<String, Color> colours(List<String> levels, boolean secondary) {
    int[] order = secondary ? new int[] {2, 4, 5, 6, 8, 9, 3, 7, 0, 1} : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    Map<String, Color> m = new LinkedHashMap<>();
    for (int i = 0; i < levels.size(); i++) {
      m.put(levels.get(i), Palette.category(order[i % order.length]));
    }
    return m;
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
